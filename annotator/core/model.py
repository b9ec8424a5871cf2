"""Plain records the core hands out. Offsets are Python code-point offsets, end exclusive."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.changes import Changes, in_document, of_labels

LABEL_KINDS = ("entity", "claim", "quote", "speaker", "relation")
ROLES = ("annotator", "reviewer")
STATUSES = ("new", "in_progress", "done")
# The adjudicated layer: an annotator row of this name, edited by reviewers only.
GOLD_LAYER = "gold"


@dataclass(frozen=True)
class Document:
    id: int
    text: str
    title: str
    source: str | None
    published: str | None
    meta: dict[str, Any]
    sha256: str
    imported_at: str


@dataclass(frozen=True)
class Annotator:
    id: int
    name: str
    role: str


@dataclass(frozen=True)
class Label:
    name: str
    kind: str
    colour: str
    shortcut: str | None = None
    description: str = ""
    position: int = 0
    # kind-specific settings: relation {"head": [kinds], "child": [kinds]},
    # claim {"attributes": {name: [values]}}
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def changes(self) -> Changes:
        """What adding or editing this label changed."""
        return of_labels(self.name)


@dataclass(frozen=True)
class Span:
    id: int
    document_id: int
    annotator_id: int
    label: str
    start: int
    end: int
    attributes: dict[str, Any] = field(default_factory=dict)
    created_at: str = ""
    updated_at: str = ""

    @property
    def changes(self) -> Changes:
        """What making, editing or restoring this span changed."""
        return in_document(self.document_id, spans=(self.id,))


@dataclass(frozen=True)
class Relation:
    id: int
    document_id: int
    annotator_id: int
    head_id: int
    child_id: int
    label: str
    created_at: str = ""

    @property
    def changes(self) -> Changes:
        """What making, removing or restoring this relation changed."""
        return in_document(self.document_id, relations=(self.id,))


@dataclass(frozen=True)
class SuggestedSpan:
    """A span a recipe suggests: its label, code-point offsets (end exclusive), how sure
    the recipe is (0–1) and how it was found (shown on hover)."""

    label: str
    start: int
    end: int
    confidence: float = 1.0
    note: str = ""


@dataclass(frozen=True)
class SuggestedLink:
    """A relation between two suggested spans, by their places in `Suggested.spans`."""

    head: int
    child: int
    label: str


@dataclass
class Suggested:
    """What one recipe suggests on one document, before it is stored."""

    spans: list[SuggestedSpan] = field(default_factory=list)
    links: list[SuggestedLink] = field(default_factory=list)


@dataclass(frozen=True)
class Suggestion:
    """A stored suggestion, in its recipe's layer (`suggest:<recipe>`), never an
    annotation: `links` are (child suggestion id, relation label) of the relations it
    heads (a quote's SAID_BY to its speaker), accepted with it. `annotator_id` None: made
    for every annotator (rules on the text alone)."""

    id: int
    document_id: int
    recipe: str
    annotator_id: int | None
    label: str
    start: int
    end: int
    confidence: float = 1.0
    note: str = ""
    links: tuple[tuple[int, str], ...] = ()

    @property
    def layer(self) -> str:
        """The layer's name, as exports and the window show it."""
        return f"suggest:{self.recipe}"


# What an annotator can say of a whole document beside its status: skipped (with a
# reason, free text) or flagged for the reviewer (one of FLAG_REASONS and free text).
FLAG_KINDS = ("skipped", "flagged")
FLAG_REASONS = ("unclear", "bad_text", "duplicate", "other")


@dataclass(frozen=True)
class Flag:
    """A skip or a flag of one document by one annotator (one of each at most)."""

    document_id: int
    annotator_id: int
    kind: str  # FLAG_KINDS
    reason: str = ""  # a flag: one of FLAG_REASONS; a skip: ""
    note: str = ""
    created_at: str = ""

    @property
    def changes(self) -> Changes:
        """What setting or clearing it changed: the document's row in lists."""
        return in_document(self.document_id, status=True)


@dataclass(frozen=True)
class Comment:
    """A comment by an annotator on a document, or on a span of their layer (by the
    span's label and offsets, so that it survives a merge and follows an edit)."""

    id: int
    document_id: int
    annotator_id: int
    text: str
    label: str | None = None
    start: int | None = None
    end: int | None = None
    created_at: str = ""

    @property
    def on_span(self) -> bool:
        return self.label is not None

    @property
    def changes(self) -> Changes:
        """What adding or removing it changed: the document's views and its row."""
        return in_document(self.document_id, status=True)
