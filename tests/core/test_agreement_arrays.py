"""The array paths of agreement against the document-by-document code they replace: the
numpy tokenizer against `tokenize`, span matches of whole pairs against `match_counts`
per document and label, and the token counts against the bit sets of `token_masks`."""

from __future__ import annotations

import math
import random
from fractions import Fraction
from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.team.agreement import compute_agreement
from annotator.core.team.agreement_corpus import document_tokens, load_corpus, token_masks
from annotator.core.team.agreement_flat import FlatSpans, flatten
from annotator.core.team.agreement_measures import (
    alpha_from_counts,
    kappa_from_counts,
    match_counts,
)
from annotator.core.team.agreement_spans import pair_span_counts
from annotator.core.team.agreement_tokens import fast_tokens
from annotator.core.text.tokens import tokenize
from tests.core.test_agreement_crosscheck import random_project

# every kind of character the tokenizer treats apart: Arabic letters, tatweel, harakat,
# Arabic and Latin punctuation, digits of three scripts and their separators, Latin,
# "_", ZWJ/ZWNJ, a Latin combining mark, emoji with a modifier, flags, odd whitespace
PIECES = [
    *"بوتينالصيحـ",
    "\u064e",
    "\u0651",
    "\u0670",
    "\u0301",
    "،",
    "؛",
    "«",
    "»",
    ".",
    ",",
    ":",
    "/",
    "(",
    ")",
    "“",
    "٫",
    "1",
    "9",
    "٣",
    "۴",
    "a",
    "Z",
    "é",
    "_",
    "\u200d",
    "\u200c",
    "\U0001f44d",
    "\U0001f3fd",
    "\U0001f1f8\U0001f1e6",
    " ",
    " ",
    " ",
    "\n",
    "\t",
    "\u00a0",
    "\u2003",
    "\x1f",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_fast_tokens_are_the_tokenizer(pieces: list[str]) -> None:
    text = "".join(pieces)
    starts, ends = fast_tokens(np, text)
    assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == tokenize(text)


def test_fast_tokens_on_arabic_prose() -> None:
    rng = random.Random(3)
    words = ["قال", "«بوتين»", "وروسيا،", "الصين.", "1994", "ب40", "شيّ", "(أوكرانيا)", "–"]
    text = "\n".join(" ".join(rng.choices(words, k=200)) for _ in range(20))
    starts, ends = fast_tokens(np, text)
    assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == tokenize(text)


def by_document(store, corpus, shared):
    """Per pair: per label (spans a, spans b, exact, overlap) summed document by
    document with `match_counts`, and per document the sums over labels."""
    out = {}
    for a, b in combinations(corpus.annotators, 2):
        per_label = [[0, 0, 0, 0] for _ in corpus.labels]
        per_doc = {}
        for doc in shared:
            if a not in corpus.present[doc] or b not in corpus.present[doc]:
                continue
            sums = [0, 0, 0, 0]
            for k, label in enumerate(corpus.labels):
                of_a = [s for s in corpus.layers[doc, a].spans if s[2] == label]
                of_b = [s for s in corpus.layers[doc, b].spans if s[2] == label]
                exact, overlap = match_counts(of_a, of_b) if of_a and of_b else (0, 0)
                for i, value in enumerate((len(of_a), len(of_b), exact, overlap)):
                    per_label[k][i] += value
                    sums[i] += value
            per_doc[doc] = sums
        out[a, b] = per_label, per_doc
    return out


def test_pair_arrays_match_document_by_document(tmp_path) -> None:
    for seed in range(60):
        with random_project(tmp_path / f"p{seed}.db", random.Random(seed)) as store:
            corpus = load_corpus(store, None, None, None)
            shared = sorted(doc for doc, who in corpus.present.items() if len(who) >= 2)
            found = pair_span_counts(flatten(corpus, shared), corpus.annotators, len(corpus.labels))
            assert found is not None
            for pair, (per_label, per_doc) in by_document(store, corpus, shared).items():
                got = found[pair]
                columns = list(zip(got.spans_a, got.spans_b, got.exact, got.overlap, strict=True))
                assert [list(c) for c in columns] == per_label, seed
                for d, doc in enumerate(shared):
                    if doc in per_doc:
                        assert [
                            got.doc_spans_a[d],
                            got.doc_spans_b[d],
                            got.doc_exact[d],
                            got.doc_overlap[d],
                        ] == per_doc[doc], seed


def test_token_counts_match_the_bit_sets(tmp_path) -> None:
    """Pair κ and per-document κ from `token_masks` bit sets, as agreement counted them
    before the arrays, equal the report's to the last bit."""
    for seed in range(60):
        with random_project(tmp_path / f"p{seed}.db", random.Random(seed)) as store:
            corpus = load_corpus(store, None, None, None)
            if len(corpus.annotators) < 2:
                continue
            report = compute_agreement(store)
            corpus = load_corpus(store, None, None, None)
            index = {label: k for k, label in enumerate(corpus.labels)}
            width = len(corpus.labels) + 1
            sums = {
                pair: [0, 0, [0] * width, [0] * width]
                for pair in combinations(corpus.annotators, 2)
            }
            for doc, who in corpus.present.items():
                if len(who) < 2:
                    continue
                layers = [corpus.layers[doc, name] for name in who]
                tokens = document_tokens(store.documents.get(doc).text, layers)
                starts, ends = [t[0] for t in tokens], [t[1] for t in tokens]
                cats = {
                    n: token_masks(starts, ends, corpus.layers[doc, n].spans, index)[1] for n in who
                }
                kappas = []
                for a, b in combinations(who, 2):
                    agree = sum((x & y).bit_count() for x, y in zip(cats[a], cats[b], strict=True))
                    count_a = [x.bit_count() for x in cats[a]]
                    count_b = [x.bit_count() for x in cats[b]]
                    pair = sums[a, b]
                    pair[0] += len(tokens)
                    pair[1] += agree
                    pair[2] = [x + y for x, y in zip(pair[2], count_a, strict=True)]
                    pair[3] = [x + y for x, y in zip(pair[3], count_b, strict=True)]
                    if count_a[0] < len(tokens) or count_b[0] < len(tokens):
                        kappas.append(kappa_from_counts(len(tokens), agree, count_a, count_b))
                assert report.per_document[doc].n_tokens == len(tokens)
                if kappas:
                    assert report.per_document[doc].kappa == sum(kappas) / len(kappas), seed
            for pair in report.pairs:
                n, agree, cat_a, cat_b = sums[pair.a, pair.b]
                assert pair.overall.n_tokens == n
                if pair.overall.kappa is not None:
                    assert pair.overall.kappa == kappa_from_counts(n, agree, cat_a, cat_b), seed


def exact_alpha(observed_by_m: dict[int, int], totals: list[int]) -> float:
    """Krippendorff's α from the same sums in fractions, as agreement computed it before."""
    n = sum(totals)
    if n < 2:
        return math.nan
    expected = n * n - sum(t * t for t in totals)
    if expected == 0:
        return 1.0
    observed = sum((Fraction(v, m - 1) for m, v in observed_by_m.items() if m >= 2), Fraction(0))
    return float(1 - (n - 1) * observed / expected)


@settings(max_examples=2000, deadline=None)
@given(
    st.dictionaries(st.integers(1, 12), st.integers(0, 10**12), max_size=6),
    st.lists(st.integers(0, 10**7), min_size=1, max_size=9),
)
def test_alpha_in_integers_is_the_exact_fraction(observed_by_m, totals) -> None:
    ours, exact = alpha_from_counts(observed_by_m, totals), exact_alpha(observed_by_m, totals)
    assert ours == exact or (math.isnan(ours) and math.isnan(exact))


def test_greedy_order_on_crowded_overlaps() -> None:
    """Many spans of few labels, overlapping each other in every way: the pairs' greedy
    matching (largest overlap, then closest edges, then position) equals `match_counts`."""
    rng = random.Random(7)
    docs, labels = 40, ["A", "B"]
    layers = []
    for _ in range(3):
        layer = []
        for _ in range(docs):
            spans = set()
            for _ in range(rng.randint(0, 14)):
                start = rng.randrange(60)
                spans.add((start, start + rng.randint(1, 9), rng.choice(labels)))
            layer.append(sorted(spans))
        layers.append(layer)
    flat = FlatSpans(np.ones((3, docs), dtype=bool), [], [], [], [], None, None)
    for layer in layers:
        rows = [(d, *span) for d, spans in enumerate(layer) for span in spans]
        flat.docs.append(np.array([r[0] for r in rows], dtype=np.int64))
        flat.starts.append(np.array([r[1] for r in rows], dtype=np.int64))
        flat.ends.append(np.array([r[2] for r in rows], dtype=np.int64))
        flat.labels.append(np.array([labels.index(r[3]) for r in rows], dtype=np.int64))
    found = pair_span_counts(flat, ["x", "y", "z"], len(labels))
    assert found is not None
    for (a, b), (name_a, name_b) in zip(
        combinations(range(3), 2), combinations("xyz", 2), strict=True
    ):
        got = found[name_a, name_b]
        for d in range(docs):
            exact = overlap = 0
            for label in labels:
                of_a = [s for s in layers[a][d] if s[2] == label]
                of_b = [s for s in layers[b][d] if s[2] == label]
                if of_a and of_b:
                    e, o = match_counts(of_a, of_b)
                    exact, overlap = exact + e, overlap + o
            assert (got.doc_exact[d], got.doc_overlap[d]) == (exact, overlap), (a, b, d)
