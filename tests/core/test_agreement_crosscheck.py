"""Our κ and α against scikit-learn, `krippendorff`, statsmodels and NLTK, to 1e-9.

Two levels: the plain-list functions of `agreement_measures` on hundreds of random
codings, and `compute_agreement` on random projects, its values recomputed here from
token vectors built independently (per token: inside a span of the label or not) and
handed to the reference implementations.

What the references compute, and our conventions where they differ:
- scikit-learn's `cohen_kappa_score` returns NaN (with a warning) when both coders used
  one single category; we return 1.0 (its value with `replace_undefined_by=1.0`, 1.9+).
- `krippendorff.alpha` gives NaN, or raises, when the pairable values hold one category;
  we return 1.0, as NLTK's `alpha()` does.
- Fleiss' κ is NLTK's `pi()` (multi-π, pooled margins) and statsmodels'
  `fleiss_kappa(method="fleiss")`. NLTK's `multi_kappa()` is Davies and Fleiss' κ (chance
  agreement from each coder's own margins, averaged over pairs): another coefficient,
  checked here against its own formula so the difference is on record.
"""

from __future__ import annotations

import contextlib
import math
import random
import warnings
from itertools import combinations
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa

from annotator.core.errors import ValidationError
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.team.agreement import compute_agreement, token_categories
from annotator.core.team.agreement_measures import (
    cohen_kappa,
    exact_matches,
    fleiss_kappa,
    kappa_from_counts,
    krippendorff_alpha_nominal,
    match_counts,
    overlap_matching,
    span_f1,
)
from annotator.core.team.agreement_report import OUTSIDE
from annotator.core.text.tokens import tokenize

TOL = 1e-9
CASES = 400


def close(ours: float, theirs: float) -> bool:
    return abs(ours - float(theirs)) <= TOL


def sk_kappa(a, b) -> float:
    """scikit-learn's κ, except where it is undefined (one single category for both
    coders: NaN with a warning, or `replace_undefined_by`, new in 1.9): there ours is 1."""
    if len(set(a) | set(b)) == 1:
        return 1.0
    return cohen_kappa_score(a, b)


def kr_alpha(rows: list[list]) -> float:
    data = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")


def nltk_task(rows: list[list]) -> AnnotationTask:
    return AnnotationTask(
        [
            (f"c{c}", f"u{u}", value)
            for c, row in enumerate(rows)
            for u, value in enumerate(row)
            if value is not None
        ]
    )


def pairable_categories(rows: list[list]) -> set:
    values = set()
    for unit in zip(*rows, strict=True):
        present = [v for v in unit if v is not None]
        if len(present) >= 2:
            values.update(present)
    return values


# -- the plain functions -------------------------------------------------------------------


def test_cohen_kappa_equals_scikit_learn():
    rng = random.Random(1)
    for _ in range(CASES):
        n = rng.randint(1, 80)
        cats = rng.sample("ABCDE", rng.randint(1, 4))
        a = [rng.choice(cats) for _ in range(n)]
        b = [x if rng.random() < rng.random() else rng.choice(cats) for x in a]
        assert close(cohen_kappa(a, b), sk_kappa(a, b)), (a, b)
        assert close(cohen_kappa(a, b), cohen_kappa(b, a))


def test_cohen_kappa_edge_cases():
    assert cohen_kappa(["O"] * 5, ["O"] * 5) == 1.0  # scikit-learn: NaN (undefined)
    assert cohen_kappa(["A"] * 4, ["B"] * 4) == 0.0 == sk_kappa(["A"] * 4, ["B"] * 4)
    assert math.isnan(cohen_kappa([], []))
    with pytest.raises(ValueError):
        cohen_kappa([1], [1, 2])


def random_reliability(rng: random.Random) -> list[list]:
    coders, units = rng.randint(2, 5), rng.randint(1, 40)
    cats = list(range(rng.randint(1, 4)))
    missing = rng.choice([0.0, 0.1, 0.3, 0.6])
    truth = [rng.choice(cats) for _ in range(units)]
    noise = rng.random()
    return [
        [
            None if rng.random() < missing else (t if rng.random() > noise else rng.choice(cats))
            for t in truth
        ]
        for _ in range(coders)
    ]


def test_alpha_equals_krippendorff_and_nltk_with_missing_values():
    rng = random.Random(2)
    compared = {"krippendorff": 0, "nltk": 0}
    for _ in range(CASES):
        rows = random_reliability(rng)
        ours = krippendorff_alpha_nominal(rows)
        pairable = pairable_categories(rows)
        if not pairable:
            assert math.isnan(ours)  # no unit with two values: nothing measured
            continue
        if len(pairable) == 1:
            assert ours == 1.0  # krippendorff: NaN or ValueError; NLTK: 1
        else:
            assert close(ours, kr_alpha(rows)), rows
            compared["krippendorff"] += 1
        assert close(ours, nltk_task(rows).alpha()), rows
        compared["nltk"] += 1
    assert min(compared.values()) > CASES // 2


def test_alpha_accepts_nan_as_missing():
    assert krippendorff_alpha_nominal([[1, 2, math.nan], [1, 2, 3]]) == 1.0


def random_counts(rng: random.Random) -> list[list[int]]:
    raters, units, cats = rng.randint(2, 6), rng.randint(1, 30), rng.randint(2, 4)
    table = []
    bias = [rng.random() for _ in range(cats)]
    for _ in range(units):
        row = [0] * cats
        for _ in range(raters):
            row[rng.choices(range(cats), weights=bias)[0]] += 1
        table.append(row)
    return table


def test_fleiss_kappa_equals_statsmodels_and_nltk_pi():
    rng = random.Random(3)
    for _ in range(CASES):
        table = random_counts(rng)
        ours = fleiss_kappa(table)
        used = [k for k in range(len(table[0])) if any(row[k] for row in table)]
        rows = [[] for _ in range(sum(table[0]))]
        for unit in table:
            values = [k for k, n in enumerate(unit) for _ in range(n)]
            for rater, value in enumerate(values):
                rows[rater].append(value)
        if len(used) == 1:
            assert ours == 1.0
            continue
        assert close(ours, sm_fleiss_kappa(np.array(table), method="fleiss")), table
        assert close(ours, nltk_task(rows).pi()), table


def test_nltk_multi_kappa_is_davies_fleiss_not_fleiss():
    rng = random.Random(4)
    differs = 0
    for _ in range(100):
        rows = [[rng.choice("xyz") for _ in range(20)] for _ in range(3)]
        task = nltk_task(rows)
        n = 20
        ao, ae = [], []
        for a, b in combinations(rows, 2):
            ao.append(sum(x == y for x, y in zip(a, b, strict=True)) / n)
            ae.append(sum(a.count(k) * b.count(k) for k in "xyz") / n / n)
        pairs = len(ao)
        davies_fleiss = (sum(ao) / pairs - sum(ae) / pairs) / (1 - sum(ae) / pairs)
        assert close(task.multi_kappa(), davies_fleiss)
        counts = [[sum(row[u] == k for row in rows) for k in "xyz"] for u in range(n)]
        assert close(fleiss_kappa(counts), task.pi())
        differs += abs(task.multi_kappa() - fleiss_kappa(counts)) > 1e-6
        # NLTK's kappa() averages pairwise Cohen's κ
        assert close(task.kappa(), sum(cohen_kappa(a, b) for a, b in combinations(rows, 2)) / 3)
    assert differs > 50


def random_spans(rng: random.Random, count: int) -> list[tuple[int, int, str]]:
    spans = set()
    for _ in range(count):
        start = rng.randrange(0, 60)
        spans.add((start, start + rng.randint(1, 12), rng.choice("XY")))
    return sorted(spans)


def test_span_f1_is_symmetric_and_matching_one_to_one():
    rng = random.Random(5)
    for _ in range(CASES):
        a, b = random_spans(rng, rng.randint(0, 10)), random_spans(rng, rng.randint(0, 10))
        for mode in ("exact", "overlap"):
            assert span_f1(a, b, mode).f1 == span_f1(b, a, mode).f1
        assert span_f1(a, b, "exact").matches <= span_f1(a, b, "overlap").matches
        pairs = overlap_matching(a, b)
        assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
        for i, j in pairs:
            assert a[i][2] == b[j][2] and a[i][0] < b[j][1] and b[j][0] < a[i][1]
        matched = set(pairs)
        # maximality: no unmatched pair of overlapping same-label spans is left over
        free_a = {i for i in range(len(a))} - {i for i, _ in matched}
        free_b = {j for j in range(len(b))} - {j for _, j in matched}
        for i in free_a:
            for j in free_b:
                assert not (a[i][2] == b[j][2] and a[i][0] < b[j][1] and b[j][0] < a[i][1])


def naive_greedy(a, b) -> set[tuple[int, int]]:
    """Every overlapping same-label pair sorted by (−overlap, edge distance, the two spans
    in order), taken greedily: the definition, without identical spans paired first."""
    edges = []
    for i, (sa, ea, la) in enumerate(a):
        for j, (sb, eb, lb) in enumerate(b):
            if la == lb and sa < eb and sb < ea:
                first, second = sorted([(sa, ea), (sb, eb)])
                key = (-(min(ea, eb) - max(sa, sb)), abs(sa - sb) + abs(ea - eb), first, second)
                edges.append((key, i, j))
    edges.sort()
    used_a, used_b, pairs = set(), set(), set()
    for _, i, j in edges:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.add((i, j))
    return pairs


def test_overlap_matching_equals_the_naive_greedy_definition():
    rng = random.Random(8)
    for case in range(CASES):
        pool = random_spans(rng, 12)
        if case % 2:  # duplicates too (a plain list may hold a span twice)
            a, b = rng.choices(pool, k=rng.randint(0, 8)), rng.choices(pool, k=rng.randint(0, 8))
        else:
            a, b = random_spans(rng, rng.randint(0, 10)), random_spans(rng, rng.randint(0, 10))
        pairs = overlap_matching(a, b)
        assert len(pairs) == len(naive_greedy(a, b))
        if len(set(a)) == len(a) and len(set(b)) == len(b):
            assert set(pairs) == naive_greedy(a, b)
        assert match_counts(a, b) == (exact_matches(a, b), len(pairs))
        assert len(overlap_matching(b, a)) == len(pairs)


# -- the report on random projects ---------------------------------------------------------

WORDS = ["بوتين", "وبوتين", "روسيا", "لروسيا", "الصين", "قال", "إن", "شي", "أوكرانيا", "،", "."]
LABELS = ["PERSON", "GPE", "QUOTE"]


def random_project(path: Path, rng: random.Random) -> Store:
    store = Store.open(path)
    texts = [" ".join(rng.choices(WORDS, k=rng.randint(8, 25))) for _ in range(rng.randint(2, 4))]
    doc_ids = store.documents.add_many(
        NewDocument(text=f"{text} {n}", title=f"d{n}") for n, text in enumerate(texts)
    ).ids
    names = [f"a{i}" for i in range(rng.randint(2, 4))]
    people = {name: store.ensure_annotator(name).id for name in names}
    for doc in doc_ids:
        text = store.documents.get(doc).text
        words = tokenize(text)
        for name in names:
            if rng.random() < 0.2:
                continue  # this annotator did not work on this document
            if rng.random() < 0.15:
                store.annotations.set_status(doc, people[name], "in_progress")
                continue  # worked on it, marked nothing
            for _ in range(rng.randint(0, 6)):
                first = rng.randrange(len(words))
                last = min(len(words) - 1, first + rng.randint(0, 3))
                start, end = words[first][0], words[last][1]
                if rng.random() < 0.3 and end - start > 2:  # leave out a clitic
                    start += 1
                with contextlib.suppress(ValidationError):  # the same span twice
                    store.annotations.add_span(doc, people[name], rng.choice(LABELS), start, end)
    return store


def independent_tokens(store: Store, report):
    """Per document with two or more annotators: tokens, and per annotator the set of
    labels and the "all labels" category of each token, computed span by span."""
    order = {label: k for k, label in enumerate(report.labels)}
    out = {}
    for doc, who in present_by_document(store, report.annotators).items():
        if len(who) < 2:
            continue
        text = store.documents.get(doc).text
        spans = {
            name: [
                s
                for s in store.annotations.spans(doc, store.annotator_by_name(name).id)
                if s.label in order
            ]
            for name in who
        }
        edges = {e for name in who for s in spans[name] for e in (s.start, s.end)}
        tokens = tokenize(text, edges)
        rows = {}
        for name in who:
            inside, category = [], []
            for start, end in tokens:
                covering = [s for s in spans[name] if s.start < end and s.end > start]
                inside.append({s.label for s in covering})
                best = min(covering, key=lambda s: (s.end - s.start, order[s.label]), default=None)
                category.append(best.label if best else OUTSIDE)
            rows[name] = (inside, category)
        out[doc] = (who, len(tokens), rows)
    return out


def present_by_document(store: Store, names: list[str]) -> dict[int, list[str]]:
    present: dict[int, list[str]] = {}
    for doc in store.documents.ids():
        for name in names:
            who = store.annotator_by_name(name).id
            if store.annotations.spans(doc, who) or store.annotations.status(doc, who) != "new":
                present.setdefault(doc, []).append(name)
    return present


def test_report_matches_references_on_random_projects(tmp_path: Path):
    rng = random.Random(6)
    checked = {"cohen": 0, "alpha": 0, "fleiss": 0}
    for case in range(40):
        with random_project(tmp_path / f"p{case}.db", rng) as store:
            # named explicitly: an annotator with no layer in a random project still counts
            report = compute_agreement(store, annotators=[a.name for a in store.annotators()])
            units = independent_tokens(store, report)
            categories = token_categories(store)
            assert {doc: rows[1] for doc, rows in units.items()} == {
                doc: len(next(iter(c.values()))) for doc, c in categories.items()
            }
            for doc, (_who, _size, rows) in units.items():
                assert {n: r[1] for n, r in rows.items()} == categories[doc]
            checked["cohen"] += check_pairs(report, units)
            checked["alpha"] += check_alpha(report, units)
            checked["fleiss"] += check_fleiss(report, units)
    assert checked["cohen"] > 100 and checked["alpha"] > 40 and checked["fleiss"] > 20, checked


def codings(units, name, docs, label):
    values = []
    for doc in docs:
        inside, category = units[doc][2][name]
        values += category if label is None else [int(label in s) for s in inside]
    return values


def check_pairs(report, units) -> int:
    checked = 0
    for pair in report.pairs:
        docs = [d for d in units if pair.a in units[d][0] and pair.b in units[d][0]]
        assert pair.documents == docs
        for label in [*report.labels, None]:
            a, b = codings(units, pair.a, docs, label), codings(units, pair.b, docs, label)
            scores = pair.per_label[label] if label else pair.overall
            marked = any(x not in (0, OUTSIDE) for x in a + b)
            if not marked:
                assert scores.kappa is None
                continue
            assert close(scores.kappa, sk_kappa(a, b)), (pair.a, pair.b, label)
            assert close(scores.kappa, cohen_kappa(a, b))
            checked += 1
    return checked


def reliability(units, names, docs, label) -> list[list]:
    rows = [[] for _ in names]
    for doc in docs:
        who, size, _ = units[doc]
        for r, name in enumerate(names):
            rows[r] += codings(units, name, [doc], label) if name in who else [None] * size
    return rows


def as_ints(rows: list[list]) -> list[list]:
    codes: dict = {}
    return [[None if v is None else codes.setdefault(v, len(codes)) for v in row] for row in rows]


def check_alpha(report, units) -> int:
    checked = 0
    for label in [*report.labels, None]:
        rows = as_ints(reliability(units, report.annotators, list(units), label))
        ours = report.summary[label].alpha if label else report.overall.alpha
        raw = reliability(units, report.annotators, list(units), label)
        if not any(v not in (None, 0, OUTSIDE) for row in raw for v in row):
            assert ours is None
            continue
        if len(pairable_categories(rows)) > 1:
            assert close(ours, kr_alpha(rows)), label
        assert close(ours, nltk_task(rows).alpha()), label
        assert close(ours, krippendorff_alpha_nominal(rows))
        checked += 1
    return checked


def check_fleiss(report, units) -> int:
    complete = [d for d, (who, _, _) in units.items() if len(who) == len(report.annotators)]
    assert report.fleiss_documents == complete
    checked = 0
    for label in [*report.labels, None]:
        ours = report.summary[label].fleiss_kappa if label else report.overall.fleiss_kappa
        rows = as_ints(reliability(units, report.annotators, complete, label))
        raw = reliability(units, report.annotators, complete, label)
        if not complete or not any(v not in (0, OUTSIDE) for row in raw for v in row):
            assert ours is None
            continue
        cats = sorted({v for row in rows for v in row})
        table = [[col.count(k) for k in cats] for col in zip(*rows, strict=True)]
        assert close(ours, fleiss_kappa(table))
        if len(cats) > 1:
            assert close(ours, sm_fleiss_kappa(np.array(table), method="fleiss")), label
            assert close(ours, nltk_task(rows).pi()), label
        checked += 1
    return checked


def test_kappa_from_counts_matches_list_version():
    rng = random.Random(7)
    for _ in range(100):
        a = [rng.choice("xyz") for _ in range(30)]
        b = [rng.choice("xyz") for _ in range(30)]
        agree = sum(x == y for x, y in zip(a, b, strict=True))
        margins = ([a.count(k) for k in "xyz"], [b.count(k) for k in "xyz"])
        assert close(kappa_from_counts(30, agree, *margins), cohen_kappa(a, b))
