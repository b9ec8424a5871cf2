"""The Hugging Face dataset writer with the agreement section of its card filled in: the
formats cannot import agreement (it sits above them), so the format table names this
entry, which hands `compute_agreement` to the writer."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from annotator.core.formats.export_layers import ExportProgress
from annotator.core.formats.export_report import ExportReport
from annotator.core.formats.hf_dataset.card import md
from annotator.core.formats.hf_dataset.writer import write_hf_dataset
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from annotator.core.team.agreement import compute_agreement
from annotator.core.team.agreement_report import LabelSummary


def _value(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _row(name: str, summary: LabelSummary) -> str:
    cells = (summary.exact_f1, summary.overlap_f1, summary.kappa, summary.alpha)
    return f"| {name} | " + " | ".join(_value(v) for v in cells) + " |"


def agreement_lines(
    store: Store, annotators: list[str], labels: list[str], documents: list[int]
) -> list[str]:
    """The card's agreement section: `annotator agree` over the exported annotators,
    labels and documents, overall and per label."""
    report = compute_agreement(store, annotators, labels or None, documents)
    shared = sum(1 for doc in report.per_document.values() if len(doc.annotators) >= 2)
    return [
        f"Computed as `annotator agree` does, between {', '.join(map(md, report.annotators))} "
        f"on the {shared} documents two or more of them annotated, over the `ner_tags` "
        "labels: span F1 with exact and with overlap matching and Cohen's κ on tokens "
        "(means over annotator pairs), Krippendorff's α (nominal, all annotators).",
        "",
        "| label | exact F1 | overlap F1 | Cohen's κ | Krippendorff's α |",
        "|---|---:|---:|---:|---:|",
        _row("all labels", report.overall),
        *(_row(md(label), summary) for label, summary in report.summary.items()),
    ]


def write_hf_dataset_with_agreement(
    store: Store,
    target: Path | IO[str],
    layers: LayerFilter,
    options: dict[str, Any],
    progress: ExportProgress | None = None,
) -> ExportReport:
    """`hf_dataset.writer.write_hf_dataset`, its card saying the annotators' agreement."""
    return write_hf_dataset(store, target, layers, options, progress, agreement_lines)
