"""The compared layers of the shared documents as flat numpy arrays, read once for both
the token counts and the span matches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotator.core.team.agreement_corpus import Corpus


@dataclass
class FlatSpans:
    """Per annotator (in `corpus.annotators` order) its compared spans in the shared
    documents, and the edges of every span of theirs (which cut tokens)."""

    present: Any  # bool (annotators × documents): who worked on which shared document
    docs: list[Any]  # per annotator: index of the shared document of each span
    starts: list[Any]  # offsets in that document
    ends: list[Any]
    labels: list[Any]  # index in `corpus.labels`
    edge_docs: Any  # every span edge of every compared layer, and its document
    edges: Any


def flatten(corpus: Corpus, shared: list[int]) -> FlatSpans:
    """Read the layers of the `shared` documents into arrays."""
    import numpy as np

    names = corpus.annotators
    label_index = {label: i for i, label in enumerate(corpus.labels)}
    present = np.zeros((len(names), len(shared)), dtype=bool)
    column = {name: a for a, name in enumerate(names)}
    docs: list[list[int]] = [[] for _ in names]
    starts: list[list[int]] = [[] for _ in names]
    ends: list[list[int]] = [[] for _ in names]
    labels: list[list[str]] = [[] for _ in names]
    edge_docs: list[int] = []
    edges: list[int] = []
    for d, doc in enumerate(shared):
        for name in corpus.present[doc]:
            layer = corpus.layers[doc, name]
            a = column[name]
            present[a, d] = True
            if layer.every:
                every_starts, every_ends, _ = zip(*layer.every, strict=True)
                edge_docs.extend([d] * (2 * len(every_starts)))
                edges.extend(every_starts)
                edges.extend(every_ends)
            if layer.spans:
                span_starts, span_ends, span_labels = zip(*layer.spans, strict=True)
                docs[a].extend([d] * len(span_starts))
                starts[a].extend(span_starts)
                ends[a].extend(span_ends)
                labels[a].extend(span_labels)

    def array(values: list[int]) -> Any:
        return np.array(values, dtype=np.int64)

    flat = FlatSpans(present, [], [], [], [], array(edge_docs), array(edges))
    for a in range(len(names)):
        index = array([label_index.get(x, -1) for x in labels[a]])
        known = index >= 0  # a label left out of the comparison is not counted
        flat.docs.append(array(docs[a])[known])
        flat.starts.append(array(starts[a])[known])
        flat.ends.append(array(ends[a])[known])
        flat.labels.append(index[known])
    return flat


def index_ranges(np: Any, first: Any, counts: Any) -> Any:
    """first[k] … first[k] + counts[k] − 1 for every k, one range after another (a k
    with no count gives none): the token indexes of spans, the candidates of a match."""
    keep = counts > 0
    first, counts = first[keep], counts[keep]
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    steps = np.ones(total, dtype=np.int64)
    steps[0] = first[0]
    # at the first index of each later range, jump there from the last one before it
    steps[np.cumsum(counts)[:-1]] = first[1:] - (first[:-1] + counts[:-1] - 1)
    return np.cumsum(steps)
