"""The token counts behind κ and α, for the whole corpus at once in numpy arrays.

Every shared document's tokens go into one array (offsets made corpus-wide, so one
`searchsorted` places every span); per annotator a category per token (the label of the
shortest covering span, ties to the first label, else outside) and per label the tokens
inside its spans. From these come the integer sums that `agreement_measures` turns into
κ and α, the same integers the per-document bit sets gave, so the values are identical.

numpy is imported inside the functions: it comes with matplotlib and spaCy, but the
command line and the window start without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any

from annotator.core.team.agreement_corpus import Corpus
from annotator.core.team.agreement_flat import FlatSpans, index_ranges
from annotator.core.team.agreement_measures import kappa_from_counts
from annotator.core.team.agreement_tokens import fast_tokens
from annotator.core.text.tokens import _can_split  # the tokenizer's own rule

if TYPE_CHECKING:
    import numpy as np


@dataclass
class PairTokens:
    """One annotator pair's token sums over the documents both worked on."""

    tokens: int = 0
    both: list[int] = field(default_factory=list)  # per label: tokens both put in it
    tok_a: list[int] = field(default_factory=list)  # per label: tokens of a in it
    tok_b: list[int] = field(default_factory=list)
    agree: int = 0  # tokens with the same category
    cat_a: list[int] = field(default_factory=list)  # per category (0 = outside)
    cat_b: list[int] = field(default_factory=list)
    doc_agree: list[int] = field(default_factory=list)  # per shared document
    doc_kappa: list[float | None] = field(default_factory=list)  # None: not both, or all "O"


@dataclass
class GroupTokens:
    """Sums over the documents that `m` annotators worked on (what `RaterSums` adds)."""

    size: int
    ones: list[int]  # per label: yes ratings
    both: list[int]  # per label: Σ over rater pairs of tokens both said yes to
    totals: list[int]  # per category: ratings
    agree: int  # Σ over rater pairs of tokens with the same category


@dataclass
class TokenCounts:
    """Everything κ and α need, per pair, per group of raters and per document."""

    sizes: list[int]  # tokens per shared document
    pairs: dict[tuple[str, str], PairTokens]
    groups: dict[int, GroupTokens]  # m → sums over documents with m annotators
    doc_totals: list[list[int]]  # per document: ratings per category
    doc_agree: list[int]  # per document: Σ over its pairs of agreeing tokens


def _tokens(np: Any, text: str, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the tokens of `text` cut at `edges`, as `tokenize` gives them."""
    starts, ends = fast_tokens(np, text)
    if not len(starts):
        return starts, ends
    edges = np.unique(edges)
    inside = np.searchsorted(starts, edges, side="right") - 1
    strict = (inside >= 0) & (edges < ends[inside]) & (starts[inside] < edges)
    cuts = [pos for pos in edges[strict].tolist() if _can_split(text, pos)]
    if not cuts:
        return starts, ends
    return np.sort(np.concatenate([starts, cuts])), np.sort(np.concatenate([ends, cuts]))


def _document_kappas(
    np: Any, sizes: np.ndarray, agree: np.ndarray, cat_a: np.ndarray, cat_b: np.ndarray, both: Any
) -> list[float | None]:
    """Cohen's κ of one pair per document (`kappa_from_counts`, document by document),
    where both worked and not every token is outside for both."""
    counted = (both & ((cat_a[:, 0] < sizes) | (cat_b[:, 0] < sizes))).tolist()
    if len(sizes) and int(sizes.max()) >= 1 << 26:  # n² past 2**52: exact integers only
        return [
            kappa_from_counts(n, same, a, b) if keep else None
            for n, same, a, b, keep in zip(
                sizes.tolist(), agree.tolist(), cat_a.tolist(), cat_b.tolist(), counted, strict=True
            )
        ]
    # integers below 2**53 become floats exactly, so one division rounds as int / int does
    chance = (cat_a * cat_b).sum(axis=1)
    denominator = sizes * sizes - chance
    value = np.where(
        denominator == 0, 1.0, (sizes * agree - chance) / np.where(denominator == 0, 1, denominator)
    )
    return [k if keep else None for k, keep in zip(value.tolist(), counted, strict=True)]


def count_tokens(
    corpus: Corpus, shared: list[int], texts: dict[int, str], flat: FlatSpans
) -> TokenCounts:
    """Tokenize the `shared` documents (those with two or more annotators, in order) at
    every span edge and count what κ and α need."""
    import numpy as np

    names = corpus.annotators
    n_labels = len(corpus.labels)
    width = max(n_labels, 1)
    n_docs = len(shared)

    present = flat.present
    text = "\n".join(texts[doc] for doc in shared)  # whitespace: no token crosses a "\n"
    bases = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum([len(texts[doc]) + 1 for doc in shared], out=bases[1:])
    cuts = flat.edges + bases[flat.edge_docs]
    token_starts, token_ends = _tokens(np, text, cuts)
    offsets = np.searchsorted(token_starts, bases)
    size_array = np.diff(offsets)
    sizes = size_array.tolist()
    n_tokens = len(token_starts)
    token_doc = np.repeat(np.arange(n_docs), size_array)

    categories = []  # per annotator: category per token, −(a + 1) where a did not work
    label_tokens = []  # per annotator: per label, sorted token indexes inside its spans
    for a in range(len(names)):
        docs, starts, ends = flat.docs[a], flat.starts[a], flat.ends[a]
        labels = flat.labels[a]
        first = np.searchsorted(token_ends, starts + bases[docs], side="right")
        stop = np.searchsorted(token_starts, ends + bases[docs], side="left")
        counts = np.maximum(stop - first, 0)
        index = index_ranges(np, first, counts)
        owner = np.repeat(labels, counts)
        best = np.full(n_tokens, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(best, index, np.repeat((ends - starts) * width + labels, counts))
        category = np.zeros(n_tokens, dtype=np.int64)
        covered = np.unique(index)
        category[covered] = best[covered] % width + 1
        category[~present[a][token_doc]] = -(a + 1)
        categories.append(category)
        by_label = []
        for k in range(n_labels):
            by_label.append(np.unique(index[owner == k]))
        label_tokens.append(by_label)

    # per annotator and document: tokens per category (none where absent)
    doc_categories = []
    for a in range(len(names)):
        inside = categories[a] >= 0
        codes = token_doc[inside] * (n_labels + 1) + categories[a][inside]
        doc_categories.append(
            np.bincount(codes, minlength=n_docs * (n_labels + 1)).reshape(n_docs, n_labels + 1)
        )
    doc_totals = sum(doc_categories) if names else np.zeros((n_docs, n_labels + 1), np.int64)

    # per label: per annotator and document, tokens inside; per document Σ n and Σ n²
    label_docs = np.zeros((len(names), n_docs, n_labels), dtype=np.int64)
    squares_doc = np.zeros((n_docs, n_labels), dtype=np.int64)
    for k in range(n_labels):
        for a in range(len(names)):
            label_docs[a, :, k] = np.bincount(token_doc[label_tokens[a][k]], minlength=n_docs)
        tokens, raters = np.unique(
            np.concatenate([label_tokens[a][k] for a in range(len(names))]), return_counts=True
        )
        for n in np.unique(raters).tolist():  # integer sums, one number of raters at a time
            squares_doc[:, k] += (
                n * n * np.bincount(token_doc[tokens[raters == n]], minlength=n_docs)
            )
    ones_doc = label_docs.sum(axis=0)

    # per label and pair: tokens both put in it, from one yes/no array per annotator
    both = {pair: [0] * n_labels for pair in combinations(range(len(names)), 2)}
    for k in range(n_labels):
        inside = []
        for a in range(len(names)):
            mask = np.zeros(n_tokens, dtype=bool)
            mask[label_tokens[a][k]] = True
            inside.append(mask)
        for a, b in both:
            both[a, b][k] = int(np.count_nonzero(inside[a] & inside[b]))
    narrow = np.int16 if n_labels < 1 << 14 and len(names) < 1 << 14 else np.int64
    categories = [category.astype(narrow) for category in categories]

    pairs: dict[tuple[str, str], PairTokens] = {}
    doc_agree = np.zeros(n_docs, dtype=np.int64)
    running = np.zeros(n_tokens + 1, dtype=np.int64)
    for a, b in combinations(range(len(names)), 2):
        both_docs = present[a] & present[b]
        np.cumsum(categories[a] == categories[b], out=running[1:])
        same = running[offsets[1:]] - running[offsets[:-1]]  # tokens alike, per document
        doc_agree += same
        pair = PairTokens(
            tokens=int(size_array[both_docs].sum()),
            both=both[a, b],
            tok_a=label_docs[a][both_docs].sum(axis=0).tolist(),
            tok_b=label_docs[b][both_docs].sum(axis=0).tolist(),
            agree=int(same.sum()),
            cat_a=doc_categories[a][both_docs].sum(axis=0).tolist(),
            cat_b=doc_categories[b][both_docs].sum(axis=0).tolist(),
            doc_agree=same.tolist(),
            doc_kappa=_document_kappas(
                np, size_array, same, doc_categories[a], doc_categories[b], both_docs
            ),
        )
        pairs[names[a], names[b]] = pair

    raters_per_doc = present.sum(axis=0)
    groups = {}
    for m in sorted(set(raters_per_doc.tolist())):
        docs = raters_per_doc == m
        ones = ones_doc[docs].sum(axis=0)
        squares = squares_doc[docs].sum(axis=0)
        groups[m] = GroupTokens(
            size=int(size_array[docs].sum()),
            ones=ones.tolist(),
            both=((squares - ones) // 2).tolist(),
            totals=doc_totals[docs].sum(axis=0).tolist(),
            agree=int(doc_agree[docs].sum()),
        )
    return TokenCounts(
        sizes=sizes,
        pairs=pairs,
        groups=groups,
        doc_totals=doc_totals.tolist(),
        doc_agree=doc_agree.tolist(),
    )
