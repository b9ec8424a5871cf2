"""What a merge did: counts per source and in total, and every layer conflict with its
outcome, as lines for the command line or a dialog."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LayerConflict:
    """One annotator's layer of one document that differs between target and source."""

    source: str
    document_id: int  # in the target
    title: str
    annotator: str
    winner: str  # "source" (the target's layer was replaced) or "target" (kept)
    target_last_edit: str | None
    source_last_edit: str | None
    spans_before: int  # the target's layer before the merge
    spans_after: int  # ... and after it
    source_spans: int
    relations_before: int
    relations_after: int

    def describe(self) -> str:
        """One line for a person."""
        head = f"«{self.title}» (document {self.document_id}), {self.annotator}: "
        if self.winner == "source":
            return (
                head + f"replaced by {self.source}, edited later "
                f"({self.source_last_edit} > {self.target_last_edit}): "
                f"{self.spans_before} → {self.spans_after} spans, "
                f"{self.relations_before} → {self.relations_after} relations"
            )
        why = (
            "same last edit, kept"
            if self.source_last_edit == self.target_last_edit
            else f"kept, edited later here ({self.target_last_edit} ≥ {self.source_last_edit})"
        )
        return (
            head + f"{why}: {self.spans_after} spans stay, "
            f"the {self.source_spans} spans of {self.source} were not merged"
        )


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


@dataclass
class MergeCounts:
    """What a merge (or one source of it) added and changed in the target."""

    documents_added: int = 0
    annotators_added: list[str] = field(default_factory=list)
    labels_added: list[str] = field(default_factory=list)
    spans_added: int = 0
    spans_removed: int = 0  # from target layers replaced by a newer source layer
    relations_added: int = 0
    relations_removed: int = 0
    statuses_updated: int = 0
    layers_added: int = 0  # layers the target did not have
    layers_replaced: list[LayerConflict] = field(default_factory=list)  # the source won
    layers_kept: list[LayerConflict] = field(default_factory=list)  # the target won
    notes_added: int = 0  # skips, flags and comments added or made newer
    rejections_added: int = 0  # rejected suggestions the target did not have

    @property
    def conflicts(self) -> list[LayerConflict]:
        """Every layer that differed, whichever side won."""
        return self.layers_replaced + self.layers_kept

    @property
    def changed(self) -> bool:
        """True if the target was changed at all."""
        return bool(
            self.documents_added
            or self.annotators_added
            or self.labels_added
            or self.spans_added
            or self.spans_removed
            or self.relations_added
            or self.relations_removed
            or self.statuses_updated
            or self.notes_added
            or self.rejections_added
        )

    def counts_line(self) -> str:
        parts = [
            _count(self.documents_added, "document"),
            _count(len(self.annotators_added), "annotator"),
            _count(len(self.labels_added), "label"),
            _count(self.spans_added, "span"),
            _count(self.relations_added, "relation"),
            _count(self.statuses_updated, "status", "statuses"),
            _count(self.notes_added, "flag/comment", "flags/comments"),
        ]
        if self.rejections_added:
            parts.append(_count(self.rejections_added, "rejected suggestion"))
        line = ", ".join(parts) + " added"
        if self.spans_removed or self.relations_removed:
            line += (
                f"; {_count(self.spans_removed, 'span')}, "
                f"{_count(self.relations_removed, 'relation')} removed with replaced layers"
            )
        return line

    def _absorb(self, other: MergeCounts) -> None:
        self.documents_added += other.documents_added
        self.annotators_added += [
            n for n in other.annotators_added if n not in self.annotators_added
        ]
        self.labels_added += [n for n in other.labels_added if n not in self.labels_added]
        self.spans_added += other.spans_added
        self.spans_removed += other.spans_removed
        self.relations_added += other.relations_added
        self.relations_removed += other.relations_removed
        self.statuses_updated += other.statuses_updated
        self.notes_added += other.notes_added
        self.rejections_added += other.rejections_added
        self.layers_added += other.layers_added
        self.layers_replaced += other.layers_replaced
        self.layers_kept += other.layers_kept


@dataclass
class SourceReport(MergeCounts):
    """The counts of one source file."""

    path: str = ""


@dataclass
class MergeReport(MergeCounts):
    """Totals of a merge, the counts per source, and every conflict with its outcome."""

    target: str = ""
    sources: list[SourceReport] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        """A few lines for the command line or a dialog."""
        verb = "would merge" if self.dry_run else "merged"
        lines = [f"{verb} {_count(len(self.sources), 'project')} into {self.target}"]
        for source in self.sources:
            lines.append(f"  {source.path}: {source.counts_line()}")
            if source.annotators_added:
                lines.append(f"    new annotators: {', '.join(source.annotators_added)}")
            if source.labels_added:
                lines.append(f"    new labels: {', '.join(source.labels_added)}")
        if len(self.sources) > 1:
            lines.append(f"  total: {self.counts_line()}")
        lines.append(
            f"layers: {self.layers_added} added, {len(self.layers_replaced)} replaced by a "
            f"newer source, {len(self.layers_kept)} kept (newer here)"
        )
        for conflict in self.conflicts:
            lines.append(f"  conflict: {conflict.describe()}")
        if not self.changed:
            lines.append("nothing new: the target already holds all of it")
        elif self.dry_run:
            lines.append("dry run: the target was not changed")
        return "\n".join(lines)
