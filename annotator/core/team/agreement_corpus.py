"""What agreement compares: the chosen annotators' layers read from the store (spans as
(start, end, label) tuples, relations by head), and tokens as bit sets over them."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from operator import itemgetter

from annotator.core.layers import LayerFilter
from annotator.core.model import GOLD_LAYER
from annotator.core.store import Store
from annotator.core.store.layers import (
    layer_relation_rows,
    layer_span_rows,
    layer_status_keys,
    working_annotator_ids,
)
from annotator.core.team.agreement_measures import SpanTuple
from annotator.core.text.tokens import tokenize

_ID, _SPAN, _LABEL = itemgetter(0), itemgetter(slice(1, None)), itemgetter(2)


@dataclass
class ComparedLayer:
    """One annotator's layer of one document as agreement compares it."""

    ids: list[int] = field(default_factory=list)  # span ids, parallel to `every`
    every: list[SpanTuple] = field(default_factory=list)  # every span
    spans: list[SpanTuple] = field(default_factory=list)  # the compared labels only
    links: dict[str, dict[int, list[int]]] = field(default_factory=dict)  # rel → head → kids

    def by_id(self) -> dict[int, SpanTuple]:
        return dict(zip(self.ids, self.every, strict=True))


@dataclass
class Corpus:
    """The compared annotators, labels and layers, and who worked on which document."""

    annotators: list[str]
    labels: list[str]
    relation_labels: list[str]
    head_labels: dict[str, set[str]]  # relation → span labels its head may have
    present: dict[int, list[str]]  # document → annotators with a layer, in order
    layers: dict[tuple[int, str], ComparedLayer]


def _select_annotators(store: Store, names: list[str] | None) -> list[str]:
    """The named annotators, or everyone but gold who has a layer (spans or a status
    mark): a reviewer who never annotated is not an annotator to compare."""
    if names is None:
        working = working_annotator_ids(store.db)
        return [a.name for a in store.annotators() if a.name != GOLD_LAYER and a.id in working]
    return list(dict.fromkeys(names))


def load_corpus(
    store: Store,
    annotators: list[str] | None,
    labels: list[str] | None,
    documents: list[int] | None,
) -> Corpus:
    """The corpus `compute_agreement` compares; NotFoundError for an unknown name."""
    LayerFilter.of(annotators, labels).check(store)  # NotFoundError for an unknown name
    names = _select_annotators(store, annotators)
    scheme = store.labels.all()
    kinds = {label.name: label.kind for label in scheme}

    ids = {a.id: a.name for a in store.annotators() if a.name in names}
    wanted_docs = set(documents) if documents is not None else None

    layers: dict[tuple[int, str], ComparedLayer] = defaultdict(ComparedLayer)
    used: set[str] = set()
    for doc, who, rows in layer_span_rows(store.db, list(ids)):
        if wanted_docs is not None and doc not in wanted_docs:
            continue
        layer = layers[doc, ids[who]] = ComparedLayer(list(map(_ID, rows)), list(map(_SPAN, rows)))
        layer.spans = layer.every
        if labels is not None:
            layer.spans = [span for span in layer.every if span[2] in labels]
        used.update(map(_LABEL, layer.spans))
    rel_used: set[str] = set()
    for doc, who, head, child, label in layer_relation_rows(store.db, list(ids)):
        if wanted_docs is not None and doc not in wanted_docs:
            continue
        layers[doc, ids[who]].links.setdefault(label, {}).setdefault(head, []).append(child)
        rel_used.add(label)
    for doc, who in layer_status_keys(store.db, list(ids)):
        if wanted_docs is None or doc in wanted_docs:
            layers.setdefault((doc, ids[who]), ComparedLayer())  # a status row alone is a layer

    order = {name: i for i, name in enumerate(names)}
    present: dict[int, list[str]] = defaultdict(list)
    for doc, name in sorted(layers, key=lambda key: (key[0], order[key[1]])):
        present[doc].append(name)

    if labels is None:
        span_labels = [lab.name for lab in scheme if lab.kind != "relation" and lab.name in used]
        relation_labels = [lab.name for lab in scheme if lab.name in rel_used]
    else:
        span_labels = [name for name in dict.fromkeys(labels) if kinds[name] != "relation"]
        relation_labels = [name for name in dict.fromkeys(labels) if kinds[name] == "relation"]
    head_labels = {}
    for rel in relation_labels:
        heads = store.labels.get(rel).options.get("head")
        head_labels[rel] = {
            n for n, k in kinds.items() if k != "relation" and (not heads or k in heads)
        }
    return Corpus(names, span_labels, relation_labels, head_labels, dict(present), layers)


# -- tokens as bit sets --------------------------------------------------------------------


def token_masks(
    starts: list[int], ends: list[int], spans: list[SpanTuple], label_index: dict[str, int]
) -> tuple[list[int], list[int]]:
    """Per label, the bit set of tokens inside its spans; per category (0 = outside,
    1 + label index), the tokens whose shortest covering span has that label."""
    labels = [0] * len(label_index)
    categories = [0] * (len(label_index) + 1)
    covered = 0
    for start, end, label in sorted(spans, key=lambda s: (s[1] - s[0], label_index[s[2]])):
        first, stop = bisect_right(ends, start), bisect_left(starts, end)
        if first >= stop:
            continue
        bits = ((1 << (stop - first)) - 1) << first
        k = label_index[label]
        labels[k] |= bits
        categories[k + 1] |= bits & ~covered
        covered |= bits
    categories[0] = ((1 << len(starts)) - 1) & ~covered
    return labels, categories


def document_tokens(text: str, layers: list[ComparedLayer]) -> list[tuple[int, int]]:
    """The tokens of a text, cut at every span edge of these layers."""
    edges = {edge for layer in layers for span in layer.every for edge in span[:2]}
    return tokenize(text, edges)
