"""Span matches of two layers of one document, all labels in one pass: identical spans by
set intersection, the rest paired by `agreement_measures`' greedy overlap order.

Per label this gives what `match_counts` gives label by label (the greedy order never
pairs spans of different labels, so one pass over all labels pairs the same spans).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from annotator.core.team.agreement_flat import FlatSpans, index_ranges
from annotator.core.team.agreement_measures import (
    SpanTuple,
    greedy_overlaps,
    match_counts,
)


class LayerSpans:
    """One layer's compared spans, as agreement matches them: the set of them and the
    number per label (labels outside `label_index` are not counted)."""

    __slots__ = ("per_label", "spans", "total", "unique")

    def __init__(self, spans: Sequence[SpanTuple], label_index: dict[str, int]) -> None:
        self.spans = spans
        self.unique = frozenset(spans)
        self.per_label = [0] * len(label_index)
        for span in spans:
            k = label_index.get(span[2])
            if k is not None:
                self.per_label[k] += 1
        self.total = sum(self.per_label)


def layer_matches(
    a: LayerSpans, b: LayerSpans, label_index: dict[str, int]
) -> tuple[list[int], list[int]]:
    """(exact, overlap) matches per label between two layers of one document."""
    n_labels = len(label_index)
    exact, overlap = [0] * n_labels, [0] * n_labels
    if not (a.total and b.total):
        return exact, overlap
    if len(a.unique) != len(a.spans) or len(b.unique) != len(b.spans):
        return _label_by_label(a.spans, b.spans, label_index)  # a span twice: multisets
    common = a.unique & b.unique
    for span in common:
        k = label_index.get(span[2])
        if k is not None:
            exact[k] += 1
            overlap[k] += 1
    if len(common) < len(a.spans) and len(common) < len(b.spans):
        rest_a = [s for s in a.spans if s not in common and s[2] in label_index]
        rest_b = [s for s in b.spans if s not in common and s[2] in label_index]
        if rest_a and rest_b:
            for i, _ in greedy_overlaps(
                rest_a, rest_b, list(range(len(rest_a))), list(range(len(rest_b)))
            ):
                overlap[label_index[rest_a[i][2]]] += 1
    return exact, overlap


def _label_by_label(
    a: Sequence[SpanTuple], b: Sequence[SpanTuple], label_index: dict[str, int]
) -> tuple[list[int], list[int]]:
    exact, overlap = [0] * len(label_index), [0] * len(label_index)
    for label, k in label_index.items():
        of_a = [s for s in a if s[2] == label]
        of_b = [s for s in b if s[2] == label]
        if of_a and of_b:
            exact[k], overlap[k] = match_counts(of_a, of_b)
    return exact, overlap


# -- every document of a pair at once, in numpy ------------------------------------------------


@dataclass
class SpanArrays:
    """One annotator's compared spans in all shared documents, as arrays sorted by label
    then position: positions are made corpus-wide (document d starts at d · stride), so
    spans of different documents never overlap."""

    doc: Any
    label: Any
    start: Any
    end: Any
    key: Any  # label, start and end in one integer: equal keys, identical spans


@dataclass
class PairSpans:
    """Span counts of one pair: per label over the documents both worked on, and per
    document (as lists indexed like the shared documents)."""

    spans_a: list[int]
    spans_b: list[int]
    exact: list[int]
    overlap: list[int]
    doc_spans_a: list[int]
    doc_spans_b: list[int]
    doc_exact: list[int]
    doc_overlap: list[int]


def span_arrays(flat: FlatSpans, n_docs: int, n_labels: int) -> list[SpanArrays] | None:
    """Per annotator its spans as arrays; None when the corpus is too large for one
    63-bit key per span, or a layer holds a span twice (then match document by document)."""
    import numpy as np

    stride = 1 + max((int(x.max()) for x in flat.ends if len(x)), default=0)
    if max(n_labels, 1) * n_docs * stride * stride >= 1 << 62:
        return None
    out = []
    for doc, label, start, end in zip(flat.docs, flat.labels, flat.starts, flat.ends, strict=True):
        key = (label * n_docs * stride + start + doc * stride) * stride + end
        order = np.argsort(key, kind="stable")
        key = key[order]
        if np.any(key[1:] == key[:-1]):
            return None
        shift = doc[order] * stride
        out.append(
            SpanArrays(doc[order], label[order], start[order] + shift, end[order] + shift, key)
        )
    return out


def pair_matches(a: SpanArrays, b: SpanArrays, both: Any, n_docs: int, n_labels: int) -> PairSpans:
    """Exact and overlap matches of two annotators over the documents where `both` (a
    boolean per shared document) is true, as `layer_matches` counts them document by
    document: identical spans first, then the greedy overlap order."""
    import numpy as np

    keep_a, keep_b = both[a.doc], both[b.doc]
    a = SpanArrays(*(x[keep_a] for x in (a.doc, a.label, a.start, a.end, a.key)))
    b = SpanArrays(*(x[keep_b] for x in (b.doc, b.label, b.start, b.end, b.key)))
    _, same_a, same_b = np.intersect1d(a.key, b.key, assume_unique=True, return_indices=True)
    rest_a = np.ones(len(a.key), dtype=bool)
    rest_a[same_a] = False
    rest_b = np.ones(len(b.key), dtype=bool)
    rest_b[same_b] = False
    paired = _greedy(np, a, b, np.flatnonzero(rest_a), np.flatnonzero(rest_b))
    overlap_a = np.concatenate([same_a, paired]).astype(np.int64)

    def per_label(index: Any) -> list[int]:
        return np.bincount(a.label[index], minlength=n_labels).tolist()

    def per_doc(values: Any) -> list[int]:
        return np.bincount(values, minlength=n_docs).tolist()

    return PairSpans(
        np.bincount(a.label, minlength=n_labels).tolist(),
        np.bincount(b.label, minlength=n_labels).tolist(),
        per_label(same_a),
        per_label(overlap_a),
        per_doc(a.doc),
        per_doc(b.doc),
        per_doc(a.doc[same_a]),
        per_doc(a.doc[overlap_a]),
    )


def _greedy(np: Any, a: SpanArrays, b: SpanArrays, rest_a: Any, rest_b: Any) -> list[int]:
    """Indexes into a of the spans `greedy_overlaps` pairs among the unpaired ones."""
    if not len(rest_a) or not len(rest_b):
        return []
    # b's unpaired spans by label then start; per a span, those of its label that start
    # before it ends and after (its start − the longest b span): the only ones that can
    # overlap it
    order = np.lexsort((b.start[rest_b], b.label[rest_b]))
    rest_b = rest_b[order]
    total = int(max(a.end.max(), b.end.max())) + 1
    b_key = b.label[rest_b] * total + b.start[rest_b]
    longest = int((b.end[rest_b] - b.start[rest_b]).max())
    a_label, a_start, a_end = a.label[rest_a], a.start[rest_a], a.end[rest_a]
    low = np.searchsorted(b_key, a_label * total + np.maximum(a_start - longest + 1, 0))
    high = np.searchsorted(b_key, a_label * total + a_end)
    counts = np.maximum(high - low, 0)
    i = np.repeat(rest_a, counts)
    j = rest_b[index_ranges(np, low, counts)]
    hit = b.end[j] > a.start[i]
    i, j = i[hit], j[hit]
    if not len(i):
        return []
    sa, ea, sb, eb = a.start[i], a.end[i], b.start[j], b.end[j]
    a_first = (sa < sb) | ((sa == sb) & (ea < eb))
    low_s, low_e = np.where(a_first, sa, sb), np.where(a_first, ea, eb)
    high_s, high_e = np.where(a_first, sb, sa), np.where(a_first, eb, ea)
    order = np.lexsort(
        (
            high_e,
            high_s,
            low_e,
            low_s,
            np.abs(sa - sb) + np.abs(ea - eb),
            np.maximum(sa, sb) - np.minimum(ea, eb),
        )
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    paired = []
    for x, y in zip(i[order].tolist(), j[order].tolist(), strict=True):
        if x not in used_a and y not in used_b:
            used_a.add(x)
            used_b.add(y)
            paired.append(x)
    return paired


def pair_span_counts(
    flat: FlatSpans, names: list[str], n_labels: int
) -> dict[tuple[str, str], PairSpans] | None:
    """`pair_matches` for every annotator pair, over the shared documents; None when
    the spans do not fit the arrays (see `span_arrays`)."""
    n_docs = flat.present.shape[1]
    arrays = span_arrays(flat, n_docs, n_labels)
    if arrays is None:
        return None
    present = flat.present
    return {
        (names[a], names[b]): pair_matches(
            arrays[a], arrays[b], present[a] & present[b], n_docs, n_labels
        )
        for a, b in combinations(range(len(names)), 2)
    }
