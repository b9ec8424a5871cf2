"""Writing the dataset folder: `train.jsonl`, `validation.jsonl`, `test.jsonl` and the
card `README.md`, whole or not at all.

Rows are streamed to a temporary file as the layers are read (a document's split is only
known once every document is: the split is exact, by document); then each row goes to
its split's file. Memory holds a few numbers per document, never the rows."""

from __future__ import annotations

import tempfile
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from annotator.core.errors import ValidationError
from annotator.core.files.atomic_write import atomic_folder, check_folder_target
from annotator.core.formats.entity_set import EntitySet, entity_set
from annotator.core.formats.export_jsonl import to_json_line
from annotator.core.formats.export_layers import ExportProgress, document_groups
from annotator.core.formats.export_report import ExportReport
from annotator.core.formats.hf_dataset.card import DatasetFacts, SplitFacts, card_text
from annotator.core.formats.hf_dataset.rows import RowFacts, layer_row, word_tokens
from annotator.core.formats.hf_dataset.split import SPLITS, parse_ratios, split_documents
from annotator.core.layers import LayerFilter
from annotator.core.model import GOLD_LAYER
from annotator.core.store import Store


class AgreementText(Protocol):
    """Card lines (Markdown) on the agreement of `annotators` over `labels` on
    `documents`; given by the caller, since agreement lives above the formats."""

    def __call__(
        self, store: Store, annotators: list[str], labels: list[str], documents: list[int]
    ) -> list[str]: ...


@dataclass
class _Collected:
    """What the first pass keeps: each row's document, and per document its counts
    (rows, tokens, then tagged mentions and spans per label, by `columns`)."""

    columns: dict[str, int]  # label -> its place among the counts
    row_documents: list[int] = field(default_factory=list)
    counts: dict[int, list[int]] = field(default_factory=dict)
    annotators: Counter[str] = field(default_factory=Counter)
    shared: list[int] = field(default_factory=list)  # documents 2+ annotators (gold aside) did
    sharing: set[str] = field(default_factory=set)  # the annotators of those documents
    left_out: int = 0
    untagged: int = 0
    spans: int = 0
    relations: int = 0

    def add(self, document: int, annotator: str, facts: RowFacts) -> None:
        self.row_documents.append(document)
        width = 2 + 2 * len(self.columns)
        counts = self.counts.setdefault(document, [0] * width)
        counts[0] += 1
        counts[1] += facts.tokens
        for offset, counter in ((2, facts.tags), (2 + len(self.columns), facts.spans)):
            for label, n in counter.items():
                counts[offset + self.columns[label]] += n
        self.annotators[annotator] += 1
        self.left_out += facts.left_out
        self.untagged += facts.untagged
        self.spans += sum(facts.spans.values())
        self.relations += facts.relations

    def split_facts(self, split_of: dict[int, str]) -> dict[str, SplitFacts]:
        """Counts per split, in SPLITS order, the empty splits left out."""
        facts = {name: SplitFacts() for name in SPLITS}
        labels = list(self.columns)
        for document, counts in self.counts.items():
            split = facts[split_of[document]]
            split.documents += 1
            split.rows += counts[0]
            split.tokens += counts[1]
            for i, label in enumerate(labels):
                split.tags[label] += counts[2 + i]
                split.spans[label] += counts[2 + len(labels) + i]
        return {name: split for name, split in facts.items() if split.rows}


def _seed(option: Any) -> int:
    if option is None:
        return 0
    if isinstance(option, bool):
        raise ValidationError("--seed must be a whole number")
    try:
        return int(option)
    except (TypeError, ValueError):
        raise ValidationError(f"--seed must be a whole number, not {option!r}") from None


def _filters(layers: LayerFilter) -> str:
    who = ", ".join(layers.annotators) if layers.annotators is not None else "all"
    labels = ", ".join(layers.labels) if layers.labels is not None else "all"
    done = "; layers marked done only" if layers.done_only else ""
    return f"annotators: {who}; labels: {labels}{done}"


def _read_rows(
    store: Store,
    layers: LayerFilter,
    ents: EntitySet,
    progress: ExportProgress | None,
    out: IO[str],
) -> _Collected:
    names = ents.tag_names()
    collected = _Collected({label.name: i for i, label in enumerate(store.labels.all())})
    for group in document_groups(store, layers, progress):
        tokens = word_tokens(group.document.text, group.every_span)
        people = {layer.annotator for layer in group.layers} - {GOLD_LAYER}
        if len(people) >= 2:
            collected.shared.append(group.document.id)
            collected.sharing.update(people)
        for layer in group.layers:
            row, facts = layer_row(layer, tokens, ents, names)
            out.write(to_json_line(row))
            out.write("\n")
            collected.add(group.document.id, layer.annotator, facts)
    return collected


def _agreement(
    store: Store, collected: _Collected, ents: EntitySet, agreement: AgreementText | None
) -> list[str]:
    if not collected.shared:
        return ["None: no document was annotated by two or more annotators (gold aside)."]
    if agreement is None:
        return ["Not computed (run `annotator agree` on the project)."]
    return agreement(store, sorted(collected.sharing), list(ents.labels), collected.shared)


def write_hf_dataset(
    store: Store,
    target: Path | IO[str],
    layers: LayerFilter,
    options: dict[str, Any],
    progress: ExportProgress | None = None,
    agreement: AgreementText | None = None,
) -> ExportReport:
    """Write the dataset folder `target` (new or empty), whole or not at all."""
    if not isinstance(target, Path):
        raise ValidationError("the hf format writes a folder: give -o FOLDER")
    ratios = parse_ratios(options.get("split"))
    seed = _seed(options.get("seed"))
    layers.check(store)
    ents = entity_set(store, options.get("ents_labels"))
    check_folder_target(target)
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as rows:
        collected = _read_rows(store, layers, ents, progress, rows)
        if not collected.row_documents:
            raise ValidationError("no layer to export: nothing matches the filters")
        split_of = split_documents(list(collected.counts), ratios, seed)
        splits = collected.split_facts(split_of)
        report = ExportReport(
            lines=len(collected.row_documents),
            spans=collected.spans,
            relations=collected.relations,
            unit="rows (one per document layer)",
        )
        _notes(report, collected, ents, ratios, splits)
        facts = DatasetFacts(
            name=store.path.stem,
            labels=ents.labels,
            tag_names=ents.tag_names(),
            splits=splits,
            annotators=collected.annotators,
            filters=_filters(layers),
            seed=seed,
            ratios=ratios,
            agreement=_agreement(store, collected, ents, agreement),
            notes=report.notes,
        )
        with atomic_folder(target) as folder, ExitStack() as stack:
            files = {
                name: stack.enter_context(
                    open(folder / f"{name}.jsonl", "w", encoding="utf-8", newline="\n")
                )
                for name in splits
            }
            rows.seek(0)
            for document, line in zip(collected.row_documents, rows, strict=True):
                files[split_of[document]].write(line)
            stack.close()
            (folder / "README.md").write_text(card_text(facts), encoding="utf-8", newline="\n")
    return report


def _spans(count: int) -> str:
    return f"{count} span{'' if count == 1 else 's'}"


def _notes(
    report: ExportReport,
    collected: _Collected,
    ents: EntitySet,
    ratios: tuple[float, float, float],
    splits: dict[str, SplitFacts],
) -> None:
    labels = ", ".join(ents.labels) or "no label"
    if collected.left_out:
        report.note(
            f"{_spans(collected.left_out)} of {labels} not in ner_tags: each overlaps a "
            "longer one (the spans column has every span)"
        )
    if collected.untagged:
        report.note(
            f"{_spans(collected.untagged)} of {labels} not in ner_tags: they hold only "
            "whitespace (the spans column has them)"
        )
    empty = [n for n, r in zip(SPLITS, ratios, strict=True) if r > 0 and n not in splits]
    if empty:
        count = len(collected.counts)
        report.note(
            f"no {' or '.join(empty)} split: {count} document{'s are' if count != 1 else ' is'} "
            "too few to share out"
        )
