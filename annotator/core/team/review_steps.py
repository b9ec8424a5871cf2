"""Review steps that can be taken back: each accept or reject returns a `ReviewStep` that
says what it made, what it removed and which decisions it replaced; `undo_step` puts the
project back as it was. Redo runs the step again."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.changes import Changes, in_document
from annotator.core.store import Store
from annotator.core.store.annotations import DeletedSpan
from annotator.core.store.review_decisions import Key
from annotator.core.team import review


@dataclass
class ReviewStep:
    """What one review step did to the gold layer and the review decisions."""

    spans_made: dict[int, list[int]] = field(default_factory=dict)  # by document
    relations_made: dict[int, list[int]] = field(default_factory=dict)
    deleted: DeletedSpan | None = None  # the gold span a rejection removed
    # the decision each touched candidate had before the step (None: none)
    decisions_before: dict[tuple[int, Key], str | None] = field(default_factory=dict)

    @property
    def changes(self) -> Changes:
        """The documents, gold spans and relations the step (or its undo) touches."""
        changes = self.deleted.changes if self.deleted else Changes()
        for document_id in self.spans_made.keys() | self.relations_made.keys():
            changes |= in_document(
                document_id,
                self.spans_made.get(document_id, ()),
                self.relations_made.get(document_id, ()),
            )
        for document_id, _key in self.decisions_before:
            changes |= in_document(document_id)
        return changes

    def span_count(self) -> int:
        """How many gold spans the step made."""
        return sum(len(ids) for ids in self.spans_made.values())

    def relation_count(self) -> int:
        """How many gold relations the step made."""
        return sum(len(ids) for ids in self.relations_made.values())


def _before(store: Store, document_id: int, keys: list[Key]) -> dict[tuple[int, Key], str | None]:
    return {(document_id, key): store.review_decisions.get(document_id, key) for key in keys}


def accept(
    store: Store,
    reviewer_id: int,
    document_id: int,
    key: Key,
    attributes: dict[str, Any] | None = None,
) -> ReviewStep:
    """Accept a candidate into gold (`review.accept`), undoably."""
    before = _before(store, document_id, [key])
    existed = review.gold_span(store, document_id, key)
    span = review.accept(store, reviewer_id, document_id, key, attributes)
    made = {} if existed is not None else {document_id: [span.id]}
    return ReviewStep(spans_made=made, decisions_before=before)


def reject(store: Store, reviewer_id: int, document_id: int, key: Key) -> ReviewStep:
    """Keep a candidate out of gold (`review.reject`), undoably."""
    before = _before(store, document_id, [key])
    deleted = review.reject(store, reviewer_id, document_id, key)
    return ReviewStep(deleted=deleted, decisions_before=before)


def accept_relation(
    store: Store, reviewer_id: int, document_id: int, rel: review.RelationCandidate
) -> ReviewStep:
    """Accept a relation and its spans into gold (`review.accept_relation`), undoably."""
    ids = review.accept_relation(store, reviewer_id, document_id, rel)
    made = ids[:-1]
    keys = [(s.start, s.end, s.label) for s in store.annotations.spans_by_id(made)]
    # the spans it made had no gold span before: their decision is cleared on undo
    before = {(document_id, key): None for key in keys}
    return ReviewStep({document_id: made}, {document_id: ids[-1:]}, None, before)


def accept_threshold(
    store: Store, reviewer_id: int, k: int | None, document_ids: list[int]
) -> ReviewStep:
    """Accept what at least `k` annotators marked (`review.accept_threshold`), undoably."""
    accepted = review.accept_threshold(store, reviewer_id, k, document_ids)
    before: dict[tuple[int, Key], str | None] = {}
    for document_id, ids in accepted.spans.items():
        for span in store.annotations.spans_by_id(ids):
            before[(document_id, (span.start, span.end, span.label))] = None
    return ReviewStep(dict(accepted.spans), dict(accepted.relations), None, before)


def undo_step(store: Store, reviewer_id: int, step: ReviewStep) -> Changes:
    """Take a review step back, in one transaction: its relations and spans out of gold,
    a rejected span back in, every decision as it was."""
    annotations = store.annotations
    with store.transaction():
        for ids in step.relations_made.values():
            for relation_id in ids:
                annotations.delete_relation(relation_id, actor_id=reviewer_id)
        for ids in step.spans_made.values():
            for span_id in ids:
                annotations.delete_span(span_id, actor_id=reviewer_id)
        if step.deleted is not None:
            annotations.restore_span(step.deleted, actor_id=reviewer_id)
        for (document_id, key), decision in step.decisions_before.items():
            if decision is None:
                store.review_decisions.clear(document_id, key)
            else:
                store.review_decisions.record(document_id, key, decision, reviewer_id)
    return step.changes
