"""Undoable adjudication steps: accept or reject a candidate, accept a relation, accept by
threshold. Each calls `annotator.core.team.review` (which commits) and remembers enough to go
back: the gold spans it made or removed and the decision it replaced."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.store.annotations import DeletedSpan
from annotator.core.team import review
from annotator.ui.commands import StoreCommand

if TYPE_CHECKING:
    from annotator.ui.session import Session

Key = review.Key


def _decision(session: Session, document_id: int, key: Key) -> str | None:
    start, end, label = key
    row = session.store.db.execute(
        "SELECT decision FROM review_decisions WHERE document_id = ? AND label = ? AND "
        'start = ? AND "end" = ?',
        [document_id, label, start, end],
    ).fetchone()
    return row[0] if row else None


def _put_decision(session: Session, document_id: int, key: Key, decision: str | None) -> None:
    if decision is None:
        review.clear_decision(session.store, document_id, key)
    else:
        review.record_decision(session.store, document_id, key, decision, session.annotator.id)


class AcceptCandidate(StoreCommand):
    """Copy a candidate into gold."""

    def __init__(self, session: Session, document_id: int, key: Key, attributes=None) -> None:
        before = _decision(session, document_id, key)
        existed = review.gold_span(session.store, document_id, key)
        super().__init__(session, document_id, f"Accept {key[2]}")
        self.key, self.before, self.attributes = key, before, attributes
        self.span = review.accept(session.store, session.annotator.id, document_id, key, attributes)
        self.created = existed is None

    def touched(self) -> tuple[int, ...]:
        return (self.span.id,)

    def _undo(self) -> None:
        if self.created:
            self.session.store.annotations.delete_span(
                self.span.id, actor_id=self.session.annotator.id
            )
        _put_decision(self.session, self.document_id, self.key, self.before)

    def _redo(self) -> None:
        self.span = review.accept(
            self.session.store,
            self.session.annotator.id,
            self.document_id,
            self.key,
            self.attributes,
        )


class RejectCandidate(StoreCommand):
    """Take a candidate out of gold and mark it rejected."""

    def __init__(self, session: Session, document_id: int, key: Key) -> None:
        before = _decision(session, document_id, key)
        super().__init__(session, document_id, f"Reject {key[2]}")
        self.key, self.before = key, before
        self.deleted: DeletedSpan | None = review.reject(
            session.store, session.annotator.id, document_id, key
        )

    def touched(self) -> tuple[int, ...]:
        return (self.deleted.span.id,) if self.deleted else ()

    def _undo(self) -> None:
        if self.deleted is not None:
            self.session.store.annotations.restore_span(
                self.deleted, actor_id=self.session.annotator.id
            )
        _put_decision(self.session, self.document_id, self.key, self.before)

    def _redo(self) -> None:
        self.deleted = review.reject(
            self.session.store, self.session.annotator.id, self.document_id, self.key
        )


class AcceptRelation(StoreCommand):
    """Copy a relation (and its spans, when missing) into gold."""

    def __init__(self, session: Session, document_id: int, rel: review.RelationCandidate) -> None:
        super().__init__(session, document_id, f"Accept {rel.label}")
        self.rel = rel
        self.ids = review.accept_relation(session.store, session.annotator.id, document_id, rel)

    def touched(self) -> tuple[int, ...]:
        return tuple(self.ids[:-1])

    def _undo(self) -> None:
        annotations = self.session.store.annotations
        actor = self.session.annotator.id
        annotations.delete_relation(self.ids[-1], actor_id=actor)
        for span_id in self.ids[:-1]:
            span = annotations.span(span_id)
            annotations.delete_span(span_id, actor_id=actor)
            review.clear_decision(
                self.session.store, self.document_id, (span.start, span.end, span.label)
            )

    def _redo(self) -> None:
        self.ids = review.accept_relation(
            self.session.store, self.session.annotator.id, self.document_id, self.rel
        )


class AcceptThreshold(StoreCommand):
    """Accept the spans and links at least k annotators marked (None: all), in one or many
    documents."""

    def __init__(
        self, session: Session, document_id: int, k: int | None, document_ids: list[int]
    ) -> None:
        what = "agreed" if k is None else f"≥ {k}"
        super().__init__(session, document_id, f"Accept {what} in {len(document_ids)} doc(s)")
        self.k, self.document_ids = k, document_ids
        self.accepted = review.accept_threshold(
            session.store, session.annotator.id, k, document_ids
        )

    def count(self) -> tuple[int, int]:
        """How many gold spans and gold links this step made."""
        accepted = self.accepted
        return (
            sum(len(ids) for ids in accepted.spans.values()),
            sum(len(ids) for ids in accepted.relations.values()),
        )

    def touched(self) -> tuple[int, ...]:
        return tuple(self.accepted.spans.get(self.document_id, ()))

    def _undo(self) -> None:
        store, actor = self.session.store, self.session.annotator.id
        with store.transaction():
            for ids in self.accepted.relations.values():
                for relation_id in ids:
                    store.annotations.delete_relation(relation_id, actor_id=actor)
            for document_id, ids in self.accepted.spans.items():
                for span in store.annotations.spans_by_id(ids):
                    store.annotations.delete_span(span.id, actor_id=actor)
                    review.clear_decision(store, document_id, (span.start, span.end, span.label))

    def _redo(self) -> None:
        self.accepted = review.accept_threshold(
            self.session.store, self.session.annotator.id, self.k, self.document_ids
        )
