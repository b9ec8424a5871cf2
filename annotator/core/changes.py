"""What an operation changed in the project, for views to refresh from (Anki's OpChanges).

Every core operation that changes the project hands one out: the records it returns carry
it as `.changes` (a span, a relation, a deleted span, a label, a review step), and the
operations that return nothing else return the `Changes` itself (whose `.changes` is
itself), so `result.changes` always works.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

_EMPTY: frozenset = frozenset()


@dataclass(frozen=True)
class Changes:
    """Ids of what an operation touched; `everything` means reload all (another process
    committed, a restore, a merge)."""

    documents: frozenset[int] = _EMPTY
    spans: frozenset[int] = _EMPTY
    relations: frozenset[int] = _EMPTY
    labels: frozenset[str] = _EMPTY
    statuses: frozenset[int] = field(default=_EMPTY)  # documents whose status changed
    documents_added: frozenset[int] = _EMPTY  # new to the project (lists gain rows)
    everything: bool = False
    suggestions: frozenset[int] = _EMPTY  # documents whose suggestions changed

    @property
    def changes(self) -> Changes:
        """Itself: an operation that returns only its changes answers `.changes` too."""
        return self

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.documents | other.documents,
            self.spans | other.spans,
            self.relations | other.relations,
            self.labels | other.labels,
            self.statuses | other.statuses,
            self.documents_added | other.documents_added,
            self.everything or other.everything,
            self.suggestions | other.suggestions,
        )

    def __bool__(self) -> bool:
        return bool(
            self.everything
            or self.documents
            or self.spans
            or self.relations
            or self.labels
            or self.statuses
            or self.documents_added
            or self.suggestions
        )

    def touches(self, document_id: int | None) -> bool:
        """Whether a view showing this document must re-read it."""
        return self.everything or bool(self.labels) or document_id in self.documents


EVERYTHING = Changes(everything=True)


def in_document(
    document_id: int,
    spans: Iterable[int] = (),
    relations: Iterable[int] = (),
    status: bool = False,
) -> Changes:
    """The changes of an edit inside one document."""
    return Changes(
        documents=frozenset((document_id,)),
        spans=frozenset(spans),
        relations=frozenset(relations),
        statuses=frozenset((document_id,)) if status else _EMPTY,
    )


def of_suggestions(document_ids: Iterable[int]) -> Changes:
    """The changes of storing, rejecting or clearing suggestions on these documents
    (annotations are untouched: only the suggestion overlay re-reads)."""
    return Changes(suggestions=frozenset(document_ids))


def of_labels(*names: str) -> Changes:
    """The changes of a label scheme edit (views re-read the scheme and repaint)."""
    return Changes(labels=frozenset(names))


class _Imported(Protocol):
    ids: list[int]
    labels_created: list[str]
    read: list


class _Merged(Protocol):
    labels_added: list[str]

    @property
    def changed(self) -> bool: ...


def of_import(result: _Imported) -> Changes:
    """What an import (`import_files.ImportResult`) changed: the articles added;
    annotation files may reach any document, so they reload everything."""
    return Changes(
        documents=frozenset(result.ids),
        documents_added=frozenset(result.ids),
        labels=frozenset(result.labels_created),
        everything=bool(result.read),
    )


def of_merge(report: _Merged) -> Changes:
    """What a merge (`merge.MergeReport`) changed: documents and whole layers anywhere,
    so everything, when it changed anything."""
    if not report.changed:
        return Changes()
    return Changes(labels=frozenset(report.labels_added), everything=True)
