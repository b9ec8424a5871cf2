"""Layers: what annotators edit. A layer is one annotator's (or gold's) spans, relations
and status on one document; exporters write layers, agreement, report and merge read them.

`LayerFilter` says which layers (and which of their spans) a reader wants; it is checked
against the project once, with one error type, before anything is read or written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.core.errors import NotFoundError
from annotator.core.model import Document, Relation, Span

if TYPE_CHECKING:
    from annotator.core.store import Store


@dataclass(frozen=True)
class LayerFilter:
    """Which layers to read: only these annotators' (None: everyone's), only spans with
    these labels (a relation goes with its two spans), only layers marked done."""

    annotators: tuple[str, ...] | None = None
    labels: tuple[str, ...] | None = None
    done_only: bool = False

    @classmethod
    def of(
        cls,
        annotators: Iterable[str] | None = None,
        labels: Iterable[str] | None = None,
        done_only: bool = False,
    ) -> LayerFilter:
        """A filter from any iterables of names (as the CLI and the window hand them)."""
        return cls(
            tuple(annotators) if annotators is not None else None,
            tuple(labels) if labels is not None else None,
            bool(done_only),
        )

    def check(self, store: Store) -> None:
        """NotFoundError if the filter names an annotator or a label the project lacks,
        so that a reader is refused before any file is made."""
        for kind, wanted, known in (
            ("annotator", self.annotators, lambda: {a.name for a in store.annotators()}),
            ("label", self.labels, store.labels.names),
        ):
            missing = sorted(set(wanted) - known()) if wanted is not None else []
            if missing:
                raise NotFoundError(f"no {kind} called {', '.join(map(repr, missing))}")

    def keeps_label(self, label: str) -> bool:
        """True if spans with this label pass the filter."""
        return self.labels is None or label in self.labels


@dataclass
class Layer:
    """One annotator's spans (reading order), relations (creation order) and status
    ("new" when never touched) on one document."""

    document: Document
    annotator_id: int
    annotator: str
    status: str = "new"
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


@dataclass
class DocumentLayers:
    """The layers a filter selects on one document, with every span of the document
    (every layer's, every label): exporters cut tokens at all their edges."""

    document: Document
    layers: list[Layer]
    every_span: list[Span]
