"""Accepting a suggestion: it becomes the annotator's own span, with the spans and links
it carries (a quote with its speaker and SAID_BY), in one transaction; what was made is
returned so that an undo removes exactly that and a redo puts it back with the same ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.core.changes import Changes, of_suggestions
from annotator.core.model import Relation, Span, Suggestion
from annotator.core.store.annotations import DeletedSpan

if TYPE_CHECKING:
    from annotator.core.store import Store


@dataclass
class Accepted:
    """What accepting made: the head span (new or already in the layer), new spans and
    new relations. `deleted` holds them while undone."""

    span: Span
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    deleted: list[DeletedSpan] = field(default_factory=list)

    @property
    def changes(self) -> Changes:
        out = of_suggestions((self.span.document_id,))
        for record in (*self.spans, *self.relations):
            out = out | record.changes
        return out


def _span_for(
    store: Store, s: Suggestion, layer_id: int, actor_id: int | None, made: list[Span]
) -> Span:
    span = store.annotations.span_with(s.document_id, layer_id, s.label, s.start, s.end)
    if span is not None:
        return span
    span = store.annotations.add_span(
        s.document_id, layer_id, s.label, s.start, s.end, actor_id=actor_id
    )
    made.append(span)
    return span


def accept(store: Store, suggestion_id: int, layer_id: int, actor_id: int | None) -> Accepted:
    """Copy a suggestion, and the suggestions it links to, into the layer (spans the layer
    already holds are reused); one transaction."""
    with store.transaction():
        s = store.suggestions.get(suggestion_id)
        made: list[Span] = []
        head = _span_for(store, s, layer_id, actor_id, made)
        result = Accepted(head, made)
        existing = {
            (r.head_id, r.child_id, r.label)
            for r in store.annotations.relations(s.document_id, layer_id)
        }
        for child_id, label in s.links:
            child = _span_for(store, store.suggestions.get(child_id), layer_id, actor_id, made)
            if (head.id, child.id, label) not in existing:
                relation = store.annotations.add_relation(
                    head.id, child.id, label, actor_id=actor_id
                )
                result.relations.append(relation)
    return result


def take_back(store: Store, accepted: Accepted, actor_id: int | None) -> None:
    """Undo an accept: remove the relations and spans it made."""
    with store.transaction():
        for relation in reversed(accepted.relations):
            store.annotations.delete_relation(relation.id, actor_id=actor_id)
        accepted.deleted = [
            store.annotations.delete_span(span.id, actor_id=actor_id)
            for span in reversed(accepted.spans)
        ]


def put_back(store: Store, accepted: Accepted, actor_id: int | None) -> None:
    """Redo an accept after `take_back`, with the same ids."""
    with store.transaction():
        for deleted in reversed(accepted.deleted):
            store.annotations.restore_span(deleted, actor_id=actor_id)
        for relation in accepted.relations:
            store.annotations.restore_relation(relation, actor_id=actor_id)
        accepted.deleted = []
