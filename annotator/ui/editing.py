"""Turns the annotator's keys into edits of the current document's layer.

The `Editor` knows the open document, its spans and links, the current span (the one
clicked or made last) and the link head (the last QUOTE or CLAIM touched). It builds
undo commands, run through the session's operation path; the core validates and commits;
the path's `changed(Changes)` refreshes the views.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from operator import attrgetter, sub

from PySide6.QtCore import QObject, Signal

from annotator.core.changes import Changes
from annotator.core.model import Label, Relation, Span
from annotator.core.text.clitics import trim_proclitic
from annotator.core.text.offsets import is_boundary
from annotator.ui.commands import (
    AddRelation,
    AddSpan,
    AddSpeakerAndLink,
    DeleteRelation,
    DeleteSpan,
    UpdateSpan,
)
from annotator.ui.plain_text import isolate
from annotator.ui.session import Session


def _order(span: Span) -> tuple[int, int, int]:
    """Reading order: by start, the longer span first, then by id."""
    return (span.start, -span.end, span.id)


def _start(span: Span) -> int:
    return span.start


_ID, _START, _END = attrgetter("id"), attrgetter("start"), attrgetter("end")

# The kind of label a link key makes from selected words (a speaker or source described).
SPEAKER_KIND = "speaker"
# Head kinds of a relation label whose scheme entry names none.
DEFAULT_HEAD_KINDS = ("quote", "claim")
MAX_TOUCHED = 32


class Editor(QObject):
    """Edits of one annotator's layer in the open document."""

    contentChanged = Signal()  # spans or links of the open document changed by an edit
    currentSpanChanged = Signal(int)  # 0 when none
    message = Signal(str)  # a refusal or a hint for the status bar

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.document_id: int | None = None
        self.text = ""
        self._by_id: dict[int, Span] = {}
        self._ordered: list[Span] | None = None
        self.relations: list[Relation] = []
        # Span ids the last re-read touched; None when it re-read the whole layer.
        self.last_change: tuple[int, ...] | None = None
        self._longest = 0  # no span of the layer is longer (a bound: it never shrinks)
        self.current_span_id = 0
        # Spans made current, oldest first: a link key's head is the newest of its kind.
        self._touched: list[int] = []
        self._labels: dict[str, Label] = {}
        # A selection trimmed by Ctrl+T is labelled as it is, not snapped back to the word.
        self._pinned: tuple[int, int] | None = None
        self.reload_labels()
        session.operations.changed.connect(self._on_changed)

    def reload_labels(self) -> None:
        """Read the label scheme again (after it was edited)."""
        self._labels = {label.name: label for label in self.session.store.labels.all()}

    # -- loading ---------------------------------------------------------------------
    def load(self, document_id: int) -> None:
        """Open a document of the session's store."""
        self.document_id = document_id
        self.text = self.session.store.documents.text(document_id)
        self.current_span_id = 0
        self._touched = []
        self._pinned = None
        self.session.activate(document_id)
        self._fetch()

    @property
    def spans(self) -> list[Span]:
        """The open layer's spans in reading order."""
        if self._ordered is None:
            self._ordered = sorted(self._by_id.values(), key=_order)
        return self._ordered

    def _fetch(self, span_ids: tuple[int, ...] | None = None) -> None:
        """Re-read the layer: all of it, or only the spans an edit touched."""
        assert self.document_id is not None
        layer = self.session.layer_id
        annotations = self.session.store.annotations
        if span_ids is None:
            ordered = annotations.spans(self.document_id, layer)  # in reading order
            # in C, not a Python loop: a layer may hold 30,000 spans
            self._by_id = dict(zip(map(_ID, ordered), ordered, strict=True))
            self._ordered = ordered
            self._longest = max(map(sub, map(_END, ordered), map(_START, ordered)), default=0)
        else:
            found = {span.id: span for span in annotations.spans_by_id(span_ids)}
            for span_id in span_ids:
                span = found.get(span_id)
                if span and span.document_id == self.document_id and span.annotator_id == layer:
                    self._put(span)
                else:
                    self._put(None, span_id)
        self.last_change = span_ids
        self.relations = annotations.relations(self.document_id, layer)
        if self.current_span_id not in self._by_id:
            self.current_span_id = 0

    def _put(self, span: Span | None, span_id: int = 0) -> None:
        """Put a span in the layer (or take `span_id` out), keeping the order if known."""
        old = self._by_id.pop(span.id if span else span_id, None)
        ordered = self._ordered
        if ordered is not None and old is not None:
            del ordered[bisect_left(ordered, _order(old), key=_order)]
        if span is not None:
            self._by_id[span.id] = span
            self._longest = max(self._longest, span.end - span.start)
            if ordered is not None:
                insort(ordered, span, key=_order)

    def _on_changed(self, changes: Changes) -> None:
        """Re-read what an operation changed: the scheme after a label edit, the whole
        layer after a reload, else only the spans it touched (links are always re-read)."""
        if changes.labels or changes.everything:
            self.reload_labels()
        if self.document_id is None or not changes.touches(self.document_id):
            return
        whole = changes.everything or bool(changes.labels)
        self._fetch(None if whole else tuple(changes.spans))
        self.contentChanged.emit()

    def labels(self) -> dict[str, Label]:
        """The project's labels by name."""
        return self._labels

    def span(self, span_id: int) -> Span | None:
        """A span of the open layer by id."""
        return self._by_id.get(span_id)

    # -- current span ------------------------------------------------------------------
    def set_current(self, span_id: int) -> None:
        """Make a span current; it becomes the head of the next link of a relation that
        starts from its kind (a QUOTE for SAID_BY, a CLAIM for CLAIMED_BY)."""
        span = self.span(span_id)
        self.current_span_id = span.id if span else 0
        if span is not None:
            if span.id in self._touched:
                self._touched.remove(span.id)
            self._touched.append(span.id)
            del self._touched[:-MAX_TOUCHED]
        self.currentSpanChanged.emit(self.current_span_id)

    def _role_kinds(self, relation: str, role: str) -> tuple[str, ...] | None:
        """The span kinds a relation takes as its `role` ("head", "child"); None: any."""
        label = self._labels.get(relation)
        kinds = label.options.get(role) if label is not None else None
        if kinds:
            return tuple(kinds)
        return DEFAULT_HEAD_KINDS if role == "head" else None

    def link_head(self, relation: str, exclude: int = 0) -> Span | None:
        """The head of the next `relation` link: the span of a head kind made current
        last (other than `exclude`, the link's child)."""
        kinds = self._role_kinds(relation, "head") or ()
        for span_id in reversed(self._touched):
            span = self.span(span_id)
            if span is not None and span.id != exclude and self._kind(span.label) in kinds:
                return span
        return None

    def span_at(self, offset: int) -> Span | None:
        """The innermost span of the layer at a cursor position: covering `offset`, else
        ending there (the cursor sits just after a word that was clicked or tagged)."""
        ordered = self.spans  # only spans starting within the longest span's length
        low = bisect_left(ordered, offset - self._longest, key=_start)
        near = ordered[low : bisect_right(ordered, offset, key=_start)]
        covering = [s for s in near if s.start <= offset < s.end]
        if not covering:
            covering = [s for s in near if s.end == offset]
        return min(covering, key=lambda s: (s.end - s.start, s.id)) if covering else None

    def _kind(self, label: str) -> str:
        label_obj = self._labels.get(label)
        return label_obj.kind if label_obj else ""

    # -- edits -----------------------------------------------------------------------------
    def _run(self, build) -> object | None:
        """Run one edit of the open document through the operation path; a refusal
        becomes a status message."""
        if self.document_id is None:
            return None
        return self.session.operations.apply(self.document_id, build, self.message.emit)

    def selection_to_span(self, start: int, end: int, exact: bool) -> tuple[int, int] | None:
        """The span a selection makes: snapped to whole words unless `exact`."""
        if start > end:
            start, end = end, start
        if not exact:
            # the tokenizer's patterns take ~10 ms to compile: at the first label, not at start
            from annotator.core.text.tokens import snap_to_words

            start, end = snap_to_words(self.text, start, end)
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def apply_label(self, label: str, start: int, end: int, exact: bool = False) -> Span | None:
        """Label the selection, or relabel the current span when nothing is selected."""
        kind = self._kind(label)
        if kind == "relation":
            return self.link(label, start, end, exact)
        exact = exact or (min(start, end), max(start, end)) == self._pinned
        bounds = self.selection_to_span(start, end, exact) if start != end else None
        if bounds is None:
            if self.current_span_id:
                return self.relabel(self.current_span_id, label)
            self.message.emit(self.tr("Select some text first, then press a label key."))
            return None
        command = self._run(lambda: AddSpan(self.session, self.document_id, label, *bounds))
        if command is None:
            return None
        self.set_current(command.span.id)
        return command.span

    def relabel(self, span_id: int, label: str) -> Span | None:
        """Give a span another label."""
        command = self._run(
            lambda: UpdateSpan(
                self.session,
                span_id,
                self.tr("Relabel as {label}").format(label=isolate(label)),
                label=label,
            )
        )
        return command.after if command else None

    def set_attributes(self, span_id: int, attributes: dict) -> Span | None:
        """Replace a span's attributes (e.g. a claim's check-worthiness)."""
        command = self._run(
            lambda: UpdateSpan(
                self.session, span_id, self.tr("Edit attributes"), attributes=attributes
            )
        )
        return command.after if command else None

    def delete_current(self) -> bool:
        """Delete the current span (and its links)."""
        if not self.current_span_id:
            self.message.emit(self.tr("No span is selected."))
            return False
        span_id = self.current_span_id
        return self._run(lambda: DeleteSpan(self.session, span_id)) is not None

    def delete_relation(self, relation_id: int) -> bool:
        """Remove one link."""
        return self._run(lambda: DeleteRelation(self.session, relation_id)) is not None

    def move_edge(self, edge: str, step: int) -> Span | None:
        """Move the current span's start or end by one character (skipping inside marks)."""
        span = self.span(self.current_span_id)
        if span is None:
            self.message.emit(self.tr("No span is selected."))
            return None
        pos = span.start if edge == "start" else span.end
        pos += step
        while 0 < pos < len(self.text) and not is_boundary(self.text, pos):
            pos += step
        changes = {edge: pos}
        if edge == "start":
            what = self.tr("Move start of {label}").format(label=isolate(span.label))
        else:
            what = self.tr("Move end of {label}").format(label=isolate(span.label))
        command = self._run(lambda: UpdateSpan(self.session, span.id, what, **changes))
        return command.after if command else None

    def trim_clitic(self, start: int, end: int) -> tuple[int, int] | None:
        """Drop a leading proclitic (و ف ب ل ك; ال from a span that begins with it) from
        the selection or current span where the project's texts show the rest is a word
        (`trim_proclitic`); otherwise leave it. The status bar says which and why.

        With a selection, returns the trimmed selection for the view to show; without one,
        moves the current span's start (one undo step).
        """
        span = None
        if start == end:
            span = self.span(self.current_span_id)
            if span is None:
                self.message.emit(self.tr("Select text or a span to trim its proclitic."))
                return None
            start, end = span.start, span.end
        start, end = min(start, end), max(start, end)
        while start < end and self.text[start].isspace():
            start += 1  # a selection dragged from the space before the word
        counts = self.session.store.word_counts(self.document_id)
        trim = trim_proclitic(self.text, start, end, counts)
        if trim.start != start and span is not None:
            span_id = span.id
            moved = self._run(
                lambda: UpdateSpan(
                    self.session, span_id, self.tr("Trim proclitic"), start=trim.start
                )
            )
            if moved is None:
                return None  # refused: _run has said why
        self.message.emit(trim.reason)
        if trim.start == start or span is not None:
            return None
        self._pinned = (trim.start, end)
        return self._pinned

    def _link_child(self, relation: str, bounds: tuple[int, int] | None) -> Span | None:
        """The existing span a link key links to: the one with the selected bounds, else
        the current span when the relation takes its kind as a child."""
        kinds = self._role_kinds(relation, "child")
        if bounds is not None:
            touched = {span_id: n for n, span_id in enumerate(self._touched)}
            # only a span the relation may take as its child: selecting the quote's own
            # words makes a speaker of them, as any other selected words do
            matches = [
                s
                for s in self.spans
                if (s.start, s.end) == bounds and (kinds is None or self._kind(s.label) in kinds)
            ]
            # of two spans with these bounds, the one not made current last (not the head)
            matches.sort(key=lambda s: touched.get(s.id, -1))
            return matches[0] if matches else None
        child = self.span(self.current_span_id)
        if child is None or (kinds is not None and self._kind(child.label) not in kinds):
            return None
        return child

    def speaker_label(self, relation: str) -> str | None:
        """The label of a span made from selected words for `relation`: the first label
        of the speaker kind, if the relation takes that kind as its child."""
        rel = self._labels.get(relation)
        allowed = rel.options.get("child") if rel is not None else None
        if allowed and SPEAKER_KIND not in allowed:
            return None
        return next((n for n, lab in self._labels.items() if lab.kind == SPEAKER_KIND), None)

    def link(self, relation: str, start: int, end: int, exact: bool = False) -> Span | None:
        """Link the last span of the relation's head kind (a QUOTE for SAID_BY) to its
        child: the span selected or clicked, or a new span of the speaker kind made from
        the selected words (one undo step). Every relation label's key does this."""
        bounds = self.selection_to_span(start, end, exact) if start != end else None
        child = self._link_child(relation, bounds)
        head = self.link_head(relation, exclude=child.id if child else 0)
        if head is None:
            kinds = self._role_kinds(relation, "head") or ()
            if set(kinds) <= set(DEFAULT_HEAD_KINDS):
                hint = self.tr("Tag or click a quote (or claim) first, then its speaker.")
            else:
                hint = self.tr("Tag or click a span of the {kinds} kind first, then its link.")
            self.message.emit(hint.format(kinds=" / ".join(kinds)))
            return None
        if child is not None:
            target = child.id
            linked = self._run(lambda: AddRelation(self.session, head.id, target, relation))
            return child if linked else None
        if bounds is None:
            self.message.emit(self.tr("Select the speaker's words or click the speaker's span."))
            return None
        speaker = self.speaker_label(relation)
        if speaker is None:
            refusal = self.tr(
                "{relation} takes no label of the {kind} kind: "
                "click or select an existing span to link to."
            )
            self.message.emit(
                refusal.format(relation=isolate(relation), kind=isolate(SPEAKER_KIND))
            )
            return None
        command = self._run(
            lambda: AddSpeakerAndLink(self.session, head.id, speaker, *bounds, relation)
        )
        return command.span if command else None
