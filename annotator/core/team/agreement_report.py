"""The records an agreement computation returns, and their JSON and CSV forms."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.formats.csv_tables import write_rows

OUTSIDE = "O"  # the "all labels" category of a token outside every span
ALL_LABELS = "(all labels)"  # how CSV files and tables name the overall rows


@dataclass
class Scores:
    """Agreement of one annotator pair on one label (or on all labels)."""

    exact_f1: float | None
    overlap_f1: float | None
    kappa: float | None
    n_tokens: int
    spans_a: int = 0
    spans_b: int = 0
    exact_matches: int = 0
    overlap_matches: int = 0


@dataclass
class RelationScores:
    """Head spans both marked and at least one linked; those linked to the same target."""

    shared_heads: int = 0
    same_target: int = 0
    share: float | None = None


@dataclass
class PairAgreement:
    a: str
    b: str
    documents: list[int]
    per_label: dict[str, Scores]
    overall: Scores
    relations: dict[str, RelationScores]


@dataclass
class LabelSummary:
    """One label (or all labels) across annotators: pair means and multi-rater values."""

    exact_f1: float | None  # mean over pairs
    overlap_f1: float | None
    kappa: float | None  # mean pairwise Cohen's κ
    fleiss_kappa: float | None
    alpha: float | None  # Krippendorff's α, nominal


@dataclass
class DocumentAgreement:
    """One document: means over the pairs who worked on it, α over all of them."""

    document_id: int
    annotators: list[str]
    exact_f1: float | None
    overlap_f1: float | None
    kappa: float | None
    alpha: float | None
    n_tokens: int


@dataclass
class AgreementReport:
    annotators: list[str]
    labels: list[str]
    relation_labels: list[str]
    pairs: list[PairAgreement]
    summary: dict[str, LabelSummary]
    overall: LabelSummary
    relation_summary: dict[str, RelationScores]
    per_document: dict[int, DocumentAgreement]
    partial_documents: list[tuple[int, list[str]]]  # (document, annotators present)
    single_annotator_documents: list[int]
    fleiss_documents: list[int]
    documents_per_annotator: dict[str, int]
    notes: list[str] = field(default_factory=list)

    @property
    def fleiss_kappa(self) -> dict[str, float | None]:
        return {label: s.fleiss_kappa for label, s in self.summary.items()}

    @property
    def krippendorff_alpha(self) -> dict[str, float | None]:
        return {label: s.alpha for label, s in self.summary.items()}

    def to_dict(self) -> dict[str, Any]:
        """Everything as JSON-ready data (NaN becomes None, document ids stay numbers)."""
        data = asdict(self)
        data["per_document"] = list(data["per_document"].values())
        data["partial_documents"] = [
            {
                "document_id": doc,
                "annotators": present,
                "missing": [a for a in self.annotators if a not in present],
            }
            for doc, present in self.partial_documents
        ]
        return _clean(data)

    def csv_rows(self) -> dict[str, list[dict[str, Any]]]:
        """Rows of the CSV tables, by file stem: labels, pairs, relations, documents,
        coverage."""
        labels = [
            {"label": label, **asdict(s)}
            for label, s in [*self.summary.items(), (ALL_LABELS, self.overall)]
        ]
        pairs = [
            {"annotator_a": p.a, "annotator_b": p.b, "documents": len(p.documents)}
            | {"label": label, **asdict(s)}
            for p in self.pairs
            for label, s in [*p.per_label.items(), (ALL_LABELS, p.overall)]
        ]
        relations = [
            {"annotator_a": p.a, "annotator_b": p.b, "relation": rel, **asdict(s)}
            for p in self.pairs
            for rel, s in p.relations.items()
        ]
        documents = [
            {**asdict(d), "annotators": ";".join(d.annotators)} for d in self.per_document.values()
        ]
        partial = dict(self.partial_documents)
        coverage = [
            {
                "document_id": doc,
                "annotators": ";".join(present),
                "missing": ";".join(a for a in self.annotators if a not in present),
                "complete": doc not in partial,
            }
            for doc, present in sorted(
                {
                    **{d.document_id: d.annotators for d in self.per_document.values()},
                    **partial,
                }.items()
            )
        ]
        tables = {
            "labels": labels,
            "pairs": pairs,
            "relations": relations,
            "documents": documents,
            "coverage": coverage,
        }
        return {name: _clean(rows) for name, rows in tables.items()}

    def write_csv(self, folder: str | Path) -> list[Path]:
        """Write one UTF-8 CSV file per table into `folder` (created); returns the paths."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        return [write_rows(folder / f"{name}.csv", rows) for name, rows in self.csv_rows().items()]


def _clean(value: Any) -> Any:
    """NaN → None, tuples → lists, recursively."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


# -- loading ---------------------------------------------------------------------------------
