"""Agreement statistics on plain Python data: Cohen's κ, Fleiss' κ, Krippendorff's α
(nominal) and span F1 with exact or overlap matching.

Everything is computed by counting (`Counter`, integer sums) and stays exact in integers
until one final division, so results agree with scikit-learn, `krippendorff` and NLTK to
rounding. The `*_from_counts` functions take the sums that `agreement.py` accumulates
from token bit sets; the list-taking functions are thin wrappers over them.

Conventions, the same for every coefficient:

- no units at all (nothing measured): NaN;
- every rating in one single category (expected agreement 1, which forces observed
  agreement 1): 1.0. NLTK returns 1.0 there too, as does scikit-learn's
  `cohen_kappa_score(..., replace_undefined_by=1.0)` (1.9+); its default gives NaN
  and `krippendorff.alpha` NaN or ValueError. Wherever scikit-learn defines a value,
  ours is the same.

Span F1 is symmetric: with one-to-one matching the matches are the same whichever layer
is the reference, and F1 = 2·matches / (spans of A + spans of B). With no spans on either
side it is undefined (None).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import eq

SpanTuple = tuple[int, int, str]  # (start, end, label), code points, end exclusive


# -- Cohen's kappa ---------------------------------------------------------------------------


def kappa_from_counts(
    n: int, agree: int, margins_a: Iterable[int], margins_b: Iterable[int]
) -> float:
    """Cohen's κ from `n` units, `agree` units with the same category, and each coder's
    count per category (`margins_a[k]` and `margins_b[k]` for the same category k)."""
    if n == 0:
        return math.nan
    chance = sum(x * y for x, y in zip(margins_a, margins_b, strict=True))
    denominator = n * n - chance
    if denominator == 0:  # one single category for both: agreement is perfect
        return 1.0
    return (n * agree - chance) / denominator


def binary_kappa(n: int, both: int, a: int, b: int) -> float:
    """Cohen's κ of two yes/no codings of `n` units: `a` and `b` units are yes for each
    coder, `both` units for both."""
    return kappa_from_counts(n, n - a - b + 2 * both, (a, n - a), (b, n - b))


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Cohen's κ of two codings of the same units (equal-length sequences)."""
    if len(a) != len(b):
        raise ValueError(f"the codings have different lengths ({len(a)} and {len(b)})")
    count_a, count_b = Counter(a), Counter(b)
    agree = sum(map(eq, a, b))
    return kappa_from_counts(
        len(a), agree, [count_a[k] for k in count_a], [count_b[k] for k in count_a]
    )


# -- Fleiss' kappa ---------------------------------------------------------------------------


def fleiss_from_counts(units: int, raters: int, sum_squares: int, totals: Iterable[int]) -> float:
    """Fleiss' κ from sums over `units` units each rated by the same `raters` raters:
    `sum_squares` = Σ over units and categories of n_uk², `totals` = Σ over units of n_uk
    for each category k."""
    ratings = units * raters
    if ratings == 0 or raters < 2:
        return math.nan
    chance = sum(t * t for t in totals)  # Pe · ratings²
    denominator = (raters - 1) * (ratings * ratings - chance)
    if denominator == 0:
        return 1.0
    return ((sum_squares - ratings) * ratings - chance * (raters - 1)) / denominator


def fleiss_kappa(counts: Sequence[Sequence[int]]) -> float:
    """Fleiss' κ of a units × categories matrix of rating counts; every row must sum to
    the same number of raters (at least two). Equals NLTK's `pi()` (multi-π) and
    statsmodels' `fleiss_kappa(method="fleiss")`; NLTK's `multi_kappa()` is Davies and
    Fleiss' κ (chance from each rater's own margins), a different coefficient."""
    if not counts:
        return math.nan
    raters = sum(counts[0])
    totals = [0] * len(counts[0])
    sum_squares = 0
    for row in counts:
        if sum(row) != raters or len(row) != len(totals):
            raise ValueError("every unit must be rated by the same number of raters")
        sum_squares += sum(x * x for x in row)
        for k, x in enumerate(row):
            totals[k] += x
    return fleiss_from_counts(len(counts), raters, sum_squares, totals)


# -- Krippendorff's alpha --------------------------------------------------------------------


def alpha_from_counts(observed_by_m: Mapping[int, int], totals: Iterable[int]) -> float:
    """Krippendorff's α (nominal) from per-unit sums: `observed_by_m[m]` = Σ over units
    with m ≥ 2 values of (m² − Σ_k n_uk²), and `totals` = pairable values per category."""
    totals = list(totals)
    n = sum(totals)
    if n < 2:
        return math.nan
    expected = n * n - sum(t * t for t in totals)
    if expected == 0:  # one single category among the pairable values
        return 1.0
    # α = 1 − (n − 1) · Σ_m value_m / (m − 1) / expected, over one common denominator in
    # integers: int / int is correctly rounded, so this is float() of the exact fraction
    pairable = {m - 1: value for m, value in observed_by_m.items() if m >= 2}
    common = math.lcm(*pairable) if pairable else 1
    observed = sum(value * (common // d) for d, value in pairable.items())
    return (common * expected - (n - 1) * observed) / (common * expected)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def krippendorff_alpha_nominal(data: Sequence[Sequence[Hashable | None]]) -> float:
    """Krippendorff's α for nominal data: one row per coder, one column per unit, None
    (or NaN) where the coder gave no value. Units with fewer than two values are left
    out, as in Krippendorff's definition."""
    if not data:
        return math.nan
    width = len(data[0])
    if any(len(row) != width for row in data):
        raise ValueError("every coder's row must have one entry per unit")
    observed: dict[int, int] = defaultdict(int)
    totals: Counter = Counter()
    for unit in zip(*data, strict=True):
        values = Counter(v for v in unit if not _missing(v))
        m = values.total()
        if m >= 2:
            observed[m] += m * m - sum(c * c for c in values.values())
            totals.update(values)
    return alpha_from_counts(observed, totals.values())


class RaterSums:
    """Sums from which Krippendorff's α and Fleiss' κ follow, for `n_binary` yes/no
    codings (one per label) plus one categorical coding (index `n_binary`).

    Units are added a group at a time (a document's tokens, all rated by the same `m`
    raters) from per-rater counts and pairwise co-occurrences, never unit by unit: for a
    yes/no coding Σ_u n_u1² = Σ_a |A_a| + 2·Σ_{a<b} |A_a ∧ A_b|, and for categories
    Σ_u Σ_c n_uc² = m·units + 2·Σ_{a<b} agree(a, b).
    """

    def __init__(self, n_binary: int) -> None:
        self.n_binary = n_binary
        self.observed: list[dict[int, int]] = [defaultdict(int) for _ in range(n_binary + 1)]
        self.sum_squares = [0] * (n_binary + 1)
        self.totals = [[0, 0] for _ in range(n_binary)] + [[0] * (n_binary + 1)]
        self.units = 0

    def add_units(
        self,
        size: int,
        m: int,
        ones: Sequence[int],
        both: Sequence[int],
        category_totals: Sequence[int],
        agree: int,
    ) -> None:
        """Add `size` units rated by `m` raters: per yes/no coding k, `ones[k]` yes
        ratings in all and `both[k]` = Σ over rater pairs of units both said yes to;
        `category_totals[c]` ratings per category; `agree` = Σ over rater pairs of units
        with the same category."""
        self.units += size
        for k in range(self.n_binary):
            squares = ones[k] + 2 * both[k]
            self.observed[k][m] += 2 * m * ones[k] - 2 * squares
            self.sum_squares[k] += 2 * squares - 2 * m * ones[k] + size * m * m
            self.totals[k][0] += size * m - ones[k]
            self.totals[k][1] += ones[k]
        squares = m * size + 2 * agree
        self.observed[self.n_binary][m] += size * m * m - squares
        self.sum_squares[self.n_binary] += squares
        for c, total in enumerate(category_totals):
            self.totals[self.n_binary][c] += total

    def marked(self, k: int) -> bool:
        """True if some rating of coding k is not the first category (not "no"/outside)."""
        return any(self.totals[k][1:])

    def alpha(self, k: int) -> float:
        return alpha_from_counts(self.observed[k], self.totals[k])

    def fleiss_kappa(self, k: int, raters: int) -> float:
        """Fleiss' κ; valid only when every unit added had `raters` raters."""
        return fleiss_from_counts(self.units, raters, self.sum_squares[k], self.totals[k])


def categorical_alpha(size: int, m: int, totals: Sequence[int], agree: int) -> float:
    """α of `size` units all rated by `m` raters, from category totals and the pairwise
    agreement sum (see `RaterSums`)."""
    return alpha_from_counts({m: size * m * m - (m * size + 2 * agree)}, totals)


# -- span F1 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpanF1:
    """Matches between two span lists and the F1 they give (None with no spans at all)."""

    matches: int
    n_a: int
    n_b: int

    @property
    def f1(self) -> float | None:
        total = self.n_a + self.n_b
        return None if total == 0 else 2 * self.matches / total


def exact_matches(a: Iterable[SpanTuple], b: Iterable[SpanTuple]) -> int:
    """Spans with the same start, end and label in both lists (one-to-one)."""
    return (Counter(a) & Counter(b)).total()


def _exact_pairs(
    a: Sequence[SpanTuple], b: Sequence[SpanTuple]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Identical spans paired one-to-one, and the indexes of the spans left in a and b."""
    pairs: list[tuple[int, int]] = []
    rest_a: list[int] = []
    index = {span: j for j, span in enumerate(b)}
    if len(index) == len(b):  # no span twice in b (always so for a stored layer)
        for i, span in enumerate(a):
            j = index.pop(span, None)
            if j is None:
                rest_a.append(i)
            else:
                pairs.append((i, j))
        return pairs, rest_a, sorted(index.values())
    where: dict[SpanTuple, list[int]] = defaultdict(list)
    for j in range(len(b) - 1, -1, -1):
        where[b[j]].append(j)
    for i, span in enumerate(a):
        free = where.get(span)
        if free:
            pairs.append((i, free.pop()))
        else:
            rest_a.append(i)
    return pairs, rest_a, sorted(j for js in where.values() for j in js)


def greedy_overlaps(
    a: Sequence[SpanTuple], b: Sequence[SpanTuple], rest_a: list[int], rest_b: list[int]
) -> list[tuple[int, int]]:
    """Pairs (i, j) of a[i] (i in `rest_a`) and b[j] (j in `rest_b`) with the same label
    that share characters, one-to-one, in the order `overlap_matching` describes."""
    by_label: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for j in rest_b:
        start, end, label = b[j]
        by_label[label].append((start, end, j))
    starts: dict[str, list[int]] = {}
    for label, group in by_label.items():
        group.sort()
        starts[label] = [start for start, _, _ in group]
    candidates = []
    for i in rest_a:
        start, end, label = a[i]
        group = by_label.get(label)
        if not group:
            continue
        for k in range(bisect_left(starts[label], end)):  # b spans starting before a ends
            b_start, b_end, j = group[k]
            if b_end > start:
                edges = ((start, end), (b_start, b_end))
                candidates.append(
                    (
                        max(start, b_start) - min(end, b_end),  # minus the overlap
                        abs(start - b_start) + abs(end - b_end),
                        min(edges),
                        max(edges),
                        i,
                        j,
                    )
                )
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for *_, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return pairs


def overlap_matching(a: Sequence[SpanTuple], b: Sequence[SpanTuple]) -> list[tuple[int, int]]:
    """One-to-one matching of spans with the same label that share characters, as
    (index in a, index in b) pairs: greedily by largest overlap, then by the smallest
    difference of the edges, then by position. Identical spans come first in that order,
    so they are paired up front. The order is symmetric in a and b: matching b against a
    pairs the same spans."""
    pairs, rest_a, rest_b = _exact_pairs(a, b)
    if rest_a and rest_b:
        pairs += greedy_overlaps(a, b, rest_a, rest_b)
    return pairs


def match_counts(a: Sequence[SpanTuple], b: Sequence[SpanTuple]) -> tuple[int, int]:
    """(exact matches, overlap matches) of two span lists, in one pass."""
    pairs, rest_a, rest_b = _exact_pairs(a, b)
    exact = len(pairs)
    if rest_a and rest_b:
        return exact, exact + len(greedy_overlaps(a, b, rest_a, rest_b))
    return exact, exact


def span_f1(a: Sequence[SpanTuple], b: Sequence[SpanTuple], mode: str = "exact") -> SpanF1:
    """F1 of two lists of (start, end, label) spans. mode "exact": same start, end and
    label; mode "overlap": same label and at least one shared character, one-to-one
    (see `overlap_matching`), so partial overlaps count for "overlap" but lower "exact"."""
    if mode not in ("exact", "overlap"):
        raise ValueError(f"mode must be 'exact' or 'overlap', not {mode!r}")
    matches = match_counts(a, b)[mode == "overlap"]
    return SpanF1(matches, len(a), len(b))


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the defined (not None, not NaN) values; None when there are none."""
    kept = [v for v in values if v is not None and not math.isnan(v)]
    return sum(kept) / len(kept) if kept else None
