"""Adjudication: the candidates the annotators' layers offer, and the gold layer built
from them by reviewers.

A candidate is a (start, end, label) that at least one annotator marked; it is agreed by
all, some or one of the annotators who worked on the document. Accepting copies it into
the gold layer, rejecting removes it from gold; both are recorded as review decisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.changes import Changes, in_document
from annotator.core.model import GOLD_LAYER, Span
from annotator.core.store import Store
from annotator.core.store import layers as store_layers
from annotator.core.store.review_decisions import Key


@dataclass
class Candidate:
    """One (start, end, label) and who marked it."""

    start: int
    end: int
    label: str
    annotators: list[str] = field(default_factory=list)
    span_ids: dict[str, int] = field(default_factory=dict)
    attributes: dict[str, Any] = field(default_factory=dict)
    gold_id: int | None = None
    decision: str | None = None
    of: int = 0  # how many annotators worked on the document

    @property
    def key(self) -> Key:
        return (self.start, self.end, self.label)

    @property
    def agreement(self) -> str:
        """ "all", "some" or "one" of the annotators who worked on the document."""
        count = len(self.annotators)
        if count >= self.of and count > 0:
            return "all"
        return "one" if count <= 1 else "some"


@dataclass
class RelationCandidate:
    """One relation (head key, child key, label) and who drew it."""

    head: Key
    child: Key
    label: str
    annotators: list[str] = field(default_factory=list)
    in_gold: bool = False


def layer_names(store: Store, document_id: int) -> list[str]:
    """Annotators (not gold) who worked on a document: spans or a status mark."""
    return store_layers.layer_names(store.db, document_id, leave_out=GOLD_LAYER)


def candidates(
    store: Store, document_id: int, annotators: list[str] | None = None
) -> list[Candidate]:
    """Every span any annotator marked in the document, grouped by (start, end, label),
    with gold membership and review decisions, in reading order."""
    names = annotators if annotators is not None else layer_names(store, document_id)
    people = {a.id: a.name for a in store.annotators() if a.name in names}
    gold = store.gold_layer_id()
    found: dict[Key, Candidate] = {}
    gold_spans: dict[Key, Span] = {}
    for span in store.annotations.spans(document_id):
        key = (span.start, span.end, span.label)
        if span.annotator_id == gold:
            gold_spans[key] = span
            continue
        name = people.get(span.annotator_id)
        if name is None:
            continue
        cand = found.setdefault(key, Candidate(*key, of=len(names)))
        cand.annotators.append(name)
        cand.span_ids[name] = span.id
        cand.attributes = cand.attributes or span.attributes
    for key, span in gold_spans.items():
        cand = found.setdefault(key, Candidate(*key, of=len(names)))
        cand.gold_id = span.id
    for key, decision in store.review_decisions.in_document(document_id).items():
        if key in found:
            found[key].decision = decision
    return sorted(found.values(), key=lambda c: (c.start, -c.end, c.label))


def relation_candidates(
    store: Store, document_id: int, annotators: list[str] | None = None
) -> list[RelationCandidate]:
    """Relations drawn by the annotators, grouped by their spans' keys and label."""
    names = annotators if annotators is not None else layer_names(store, document_id)
    people = {a.id: a.name for a in store.annotators() if a.name in names}
    gold = store.gold_layer_id()
    spans = {s.id: s for s in store.annotations.spans(document_id)}
    grouped: dict[tuple, RelationCandidate] = {}
    in_gold: set[tuple] = set()
    for rel in store.annotations.relations(document_id):
        head, child = spans[rel.head_id], spans[rel.child_id]
        key = ((head.start, head.end, head.label), (child.start, child.end, child.label))
        full = (*key, rel.label)
        if rel.annotator_id == gold:
            in_gold.add(full)
            continue
        name = people.get(rel.annotator_id)
        if name is None:
            continue
        cand = grouped.setdefault(full, RelationCandidate(*key, rel.label))
        cand.annotators.append(name)
    for full in in_gold:
        grouped.setdefault(full, RelationCandidate(*full)).in_gold = True
    return list(grouped.values())


def record_decision(
    store: Store, document_id: int, key: Key, decision: str, reviewer_id: int
) -> None:
    """Record a reviewer's decision on a candidate."""
    store.review_decisions.record(document_id, key, decision, reviewer_id)


def clear_decision(store: Store, document_id: int, key: Key) -> None:
    """Forget the decision on a candidate (undo)."""
    store.review_decisions.clear(document_id, key)


def gold_span(store: Store, document_id: int, key: Key) -> Span | None:
    """The gold span with this key, if any."""
    gold = store.gold_layer().id
    start, end, label = key
    for span in store.annotations.spans(document_id, gold):
        if (span.start, span.end, span.label) == (start, end, label):
            return span
    return None


def accept(
    store: Store,
    reviewer_id: int,
    document_id: int,
    key: Key,
    attributes: dict[str, Any] | None = None,
) -> Span:
    """Put a candidate into gold (if not there yet) and record the acceptance."""
    with store.transaction():
        span = gold_span(store, document_id, key)
        if span is None:
            span = store.annotations.add_span(
                document_id,
                store.gold_layer().id,
                key[2],
                key[0],
                key[1],
                attributes,
                actor_id=reviewer_id,
            )
        record_decision(store, document_id, key, "accepted", reviewer_id)
        return span


def reject(store: Store, reviewer_id: int, document_id: int, key: Key):
    """Take a candidate out of gold (if there) and record the rejection; returns what was
    deleted (for undo) or None."""
    with store.transaction():
        span = gold_span(store, document_id, key)
        deleted = None
        if span is not None:
            deleted = store.annotations.delete_span(span.id, actor_id=reviewer_id)
        record_decision(store, document_id, key, "rejected", reviewer_id)
        return deleted


def accept_relation(
    store: Store, reviewer_id: int, document_id: int, rel: RelationCandidate
) -> list[int]:
    """Put a relation into gold, accepting its two spans first; returns new gold span ids
    and the relation id last."""
    with store.transaction():
        made: list[int] = []
        ends = []
        for key in (rel.head, rel.child):
            existing = gold_span(store, document_id, key)
            span = existing or accept(store, reviewer_id, document_id, key)
            if existing is None:
                made.append(span.id)
            ends.append(span)
        link = store.annotations.add_relation(
            ends[0].id, ends[1].id, rel.label, actor_id=reviewer_id
        )
        return [*made, link.id]


@dataclass
class Accepted:
    """What one accept-by-threshold step put into gold: new span ids and new relation
    ids, by document."""

    spans: dict[int, list[int]] = field(default_factory=dict)
    relations: dict[int, list[int]] = field(default_factory=dict)

    @property
    def changes(self) -> Changes:
        """The documents, gold spans and gold relations this step touched."""
        changes = Changes()
        for document_id in self.spans.keys() | self.relations.keys():
            changes |= in_document(
                document_id, self.spans.get(document_id, ()), self.relations.get(document_id, ())
            )
        return changes


def accept_threshold(
    store: Store, reviewer_id: int, k: int | None, document_ids: list[int]
) -> Accepted:
    """Accept, in one transaction, every span and every relation at least `k` annotators
    marked in these documents (`k=None`: all who worked on the document). A relation
    counts when each annotator drew it between spans of the same extent and label.
    Candidates rejected before are left out, and so are relations to them."""
    accepted = Accepted()

    def enough(count: int, of: int) -> bool:
        return count > 0 and (count >= of if k is None else count >= k)

    with store.transaction():
        for document_id in document_ids:
            names = layer_names(store, document_id)
            rejected: set[Key] = set()
            for cand in candidates(store, document_id, names):
                if cand.decision == "rejected":
                    rejected.add(cand.key)
                elif cand.gold_id is None and enough(len(cand.annotators), cand.of):
                    span = accept(store, reviewer_id, document_id, cand.key, cand.attributes)
                    accepted.spans.setdefault(document_id, []).append(span.id)
            for rel in relation_candidates(store, document_id, names):
                if rel.in_gold or rel.head in rejected or rel.child in rejected:
                    continue
                if not enough(len(set(rel.annotators)), len(names)):
                    continue
                head = gold_span(store, document_id, rel.head)
                child = gold_span(store, document_id, rel.child)
                if head is None or child is None:
                    continue
                link = store.annotations.add_relation(
                    head.id, child.id, rel.label, actor_id=reviewer_id
                )
                accepted.relations.setdefault(document_id, []).append(link.id)
    return accepted
