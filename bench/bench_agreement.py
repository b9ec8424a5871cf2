"""Agreement: `compute_agreement` against scikit-learn + `krippendorff` (and NLTK), same run.

Setup (not timed): a project of 1,000 articles (3,000–4,600 characters) and 3 annotators
(then 10) with 40 spans each per article, written by direct SQL into the store's own
schema. The first annotator's spans are random whole-word spans; the others keep most of
them and change some (an edge moved by one character as when a clitic is left out,
another label, a span dropped for a new one), so agreement is high but not perfect.

Ours:     compute_agreement(store): loading the layers, tokenizing every document at
          every span edge, span F1 (exact and overlap) per label and pair, token κ per
          label and pair, the "all labels" κ, Fleiss' κ and Krippendorff's α per label and
          overall, relations, coverage and per-document values.
Yardstick: the same "all labels" token units (from `token_categories`, turned into one
          integer code per token and annotator before timing) handed to scikit-learn's
          `cohen_kappa_score` for every pair (averaged: the overall κ) and to
          `krippendorff.alpha` (nominal) for α. Much less than ours computes (one
          categorical coding, no labels, no spans); the κ and α must equal ours.
          Also timed on the units as `token_categories` gives them, lists of category
          names: scikit-learn on the names, krippendorff on codes made from them (timed).
          scikit-learn is several times slower on strings; that is how the issue's "4.5x"
          was measured.
NLTK:     AnnotationTask on the same units, `kappa()` and `alpha()`: the yardstick this
          bench used before, far slower. NLTK and the names variant run only up to
          `--nltk` annotators (default 3; 0 skips them).

Before timing, each is run once untimed (scikit-learn imports parts of SciPy on its first
call, ours builds its table of character classes). Then rounds alternate (ours,
scikit-learn + krippendorff, ours…), with nothing else held in memory; the names variant
and NLTK follow in rounds of their own, as their inputs (millions of Python objects)
would slow krippendorff's arrays of hundreds of MB if built earlier. Prints min / median / max,
the speed-ups (target: ours at least 5x faster than scikit-learn + krippendorff) and the
κ and α of each, which must be equal; one SUMMARY line per number of annotators.

    .venv/bin/python bench/bench_agreement.py [--quick] [--docs N] [--runs N]
        [--annotators 3,10] [--nltk 3]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import _data
import krippendorff
import numpy as np
from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score
from summary import summary_line

from annotator.core.store import Store
from annotator.core.team.agreement import compute_agreement, token_categories

TARGET = 5.0
SPANS = 40
NAMES = ("ali", "sara", "omar", "huda", "karim", "nour", "samir", "rana", "yusuf", "mona")


def vary(text: str, base: list[tuple[int, int, str]], rng: random.Random):
    """Another annotator's layer: most spans kept, some moved, relabelled or replaced."""
    spans: set[tuple[int, int, str]] = set()
    for start, end, label in base:
        roll = rng.random()
        if roll < 0.10 and end - start > 2 and text[start + 1].isalpha():
            spans.add((start + 1, end, label))  # clitic left out
        elif roll < 0.18:
            spans.add((start, end, rng.choice(_data.LABELS)))
        elif roll < 0.25:
            continue
        else:
            spans.add((start, end, label))
    while len(spans) < len(base):
        spans.update(_data.random_spans(text, rng, 1))
    return sorted(spans)


def build(path: Path, documents: int, annotators: int, seed: int = 0) -> None:
    """The project: schema and labels by `Store.open`, rows by direct SQL."""
    from annotator.core.store.database import now
    from annotator.core.text.search import fold

    with Store.open(path) as store:
        ids = [store.ensure_annotator(name).id for name in NAMES[:annotators]]
    rng = random.Random(seed + 1)
    stamp = now()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    for n, text in enumerate(_data.make_articles(documents, seed), start=1):
        doc_id = conn.execute(
            "INSERT INTO documents (text, title, meta, sha256, search_text, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                text,
                text.partition("\n")[0],
                json.dumps({"file": f"article_{n:06d}.txt"}),
                hashlib.sha256(text.encode("utf-8")).hexdigest(),
                fold(text),
                stamp,
            ],
        ).lastrowid
        base = _data.random_spans(text, rng, SPANS)
        layers = [base] + [vary(text, base, rng) for _ in range(annotators - 1)]
        for annotator_id, spans in zip(ids, layers, strict=True):
            conn.executemany(
                'INSERT INTO spans (document_id, annotator_id, label, start, "end", '
                "attributes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '{}', ?, ?)",
                [(doc_id, annotator_id, label, s, e, stamp, stamp) for s, e, label in spans],
            )
            conn.execute(
                "INSERT INTO doc_status (document_id, annotator_id, status, updated_at) "
                "VALUES (?, ?, 'in_progress', ?)",
                [doc_id, annotator_id, stamp],
            )
    conn.execute("COMMIT")
    conn.close()


def triples(units: dict[int, dict[str, list[str]]]) -> list[tuple[str, str, str]]:
    """NLTK's input: (annotator, unit, category) for every token of every annotator."""
    return [
        (name, f"{doc}:{i}", category)
        for doc, rows in units.items()
        for name, row in rows.items()
        for i, category in enumerate(row)
    ]


def matrix(units: dict[int, dict[str, list[str]]], names: list[str]) -> np.ndarray:
    """The references' input: one row per annotator, one integer category per token."""
    codes: dict[str, int] = {}
    rows: list[list[int]] = [[] for _ in names]
    for by_name in units.values():
        for row, name in zip(rows, names, strict=True):
            row.extend(codes.setdefault(category, len(codes)) for category in by_name[name])
    return np.array(rows, dtype=np.int64)


def run_references(data: np.ndarray) -> tuple[float, float]:
    """κ (Cohen's, averaged over pairs) and α (nominal), by scikit-learn and krippendorff."""
    kappas = [
        cohen_kappa_score(data[a], data[b])
        for a in range(len(data))
        for b in range(a + 1, len(data))
    ]
    alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    return sum(kappas) / len(kappas), float(alpha)


def run_references_on_names(rows: list[list[str]]) -> tuple[float, float]:
    """The same from lists of category names: scikit-learn takes them as they are,
    krippendorff needs numbers, so they are coded first."""
    kappas = [
        cohen_kappa_score(rows[a], rows[b])
        for a in range(len(rows))
        for b in range(a + 1, len(rows))
    ]
    codes: dict[str, int] = {}
    data = np.array([[codes.setdefault(c, len(codes)) for c in row] for row in rows])
    alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    return sum(kappas) / len(kappas), float(alpha)


def run_nltk(data: list[tuple[str, str, str]]) -> tuple[float, float, dict[str, float]]:
    times = {}
    started = time.perf_counter()
    task = AnnotationTask(data)
    times["load"] = time.perf_counter() - started
    mark = time.perf_counter()
    kappa = task.kappa()
    times["kappa"] = time.perf_counter() - mark
    mark = time.perf_counter()
    alpha = task.alpha()
    times["alpha"] = time.perf_counter() - mark
    return kappa, alpha, times


def measure(db: Path, documents: int, annotators: int, runs: int, nltk: bool) -> float:
    """Build a project, time the three in alternation, print the figures; the speed-up
    over scikit-learn + krippendorff."""
    started = time.perf_counter()
    build(db, documents, annotators)
    print(
        f"\nagreement: {documents:,} documents x {annotators} annotators x {SPANS} spans "
        f"(built in {time.perf_counter() - started:.1f} s)"
    )
    names = list(NAMES[:annotators])
    with Store.open(db) as store:
        started = time.perf_counter()
        data = matrix(token_categories(store), names)
        building = time.perf_counter() - started
        gc.collect()
        ours: list[float] = []
        refs: list[float] = []
        on_names: list[float] = []
        nltk_times: list[float] = []
        compute_agreement(store)  # warm-up, untimed
        run_references(data)
        for _ in range(runs):
            started = time.perf_counter()
            report = compute_agreement(store)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            kappa, alpha = run_references(data)
            refs.append(time.perf_counter() - started)
        if nltk:
            # their inputs (millions of tuples) are built only now: held during the rounds
            # above they slow krippendorff's large arrays down two to five times
            units = token_categories(store)
            nltk_data = triples(units)
            by_name = [[c for rows in units.values() for c in rows[name]] for name in names]
            del units
            for _ in range(runs):
                started = time.perf_counter()
                names_kappa, names_alpha = run_references_on_names(by_name)
                on_names.append(time.perf_counter() - started)
                started = time.perf_counter()
                task = AnnotationTask(nltk_data)
                nltk_kappa, nltk_alpha = task.kappa(), task.alpha()
                nltk_times.append(time.perf_counter() - started)

    print(f"token units: {data.shape[1]:,} per annotator")
    print(_data.spread_line("ours", ours))
    print(_data.spread_line("sk+krip", refs) + "   (scikit-learn κ per pair + krippendorff α)")
    if nltk:
        print(_data.spread_line("on names", on_names) + "   (the same from category names)")
        print(_data.spread_line("NLTK", nltk_times))
    ratio = statistics.median(refs) / statistics.median(ours)
    verdict = "OK" if ratio >= TARGET else "BELOW TARGET"
    print(
        f"speed-up   {ratio:.1f}x over scikit-learn + krippendorff "
        f"(target >= {TARGET:.0f}x: {verdict})"
    )
    with_building = statistics.median(refs) + building
    print(
        f"           {with_building / statistics.median(ours):.1f}x counting the building of "
        f"their input from our token units ({building:.2f} s)"
    )
    if nltk:
        print(
            f"           {statistics.median(nltk_times) / statistics.median(ours):.1f}x over NLTK"
        )
    checks = [("scikit-learn + krippendorff", kappa, alpha)]
    if nltk:
        checks.append(("the same on names", names_kappa, names_alpha))
        checks.append(("NLTK", nltk_kappa, nltk_alpha))
    for who, their_kappa, their_alpha in checks:
        print(
            f"kappa: ours {report.overall.kappa:.12f}  {who} {their_kappa:.12f}\n"
            f"alpha: ours {report.overall.alpha:.12f}  {who} {their_alpha:.12f}"
        )
        if (
            abs(report.overall.kappa - their_kappa) > 1e-9
            or abs(report.overall.alpha - their_alpha) > 1e-9
        ):
            raise SystemExit(f"ours and {who} disagree")
    print(
        f"ours also computed: {len(report.labels)} labels x {len(report.pairs)} pairs "
        f"(span F1 exact/overlap, kappa), Fleiss and alpha per label; "
        f"overall exact F1 {report.overall.exact_f1:.3f}, overlap F1 "
        f"{report.overall.overlap_f1:.3f}, Fleiss {report.overall.fleiss_kappa:.3f}"
    )
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 documents, 3 annotators")
    parser.add_argument("--docs", type=int, help="documents (default 1,000)")
    parser.add_argument("--runs", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--annotators", default=None, help="comma-separated (default 3,10)")
    parser.add_argument(
        "--nltk", type=int, default=3, help="time NLTK up to this many annotators (default 3)"
    )
    args = parser.parse_args()
    documents = args.docs or (200 if args.quick else 1_000)
    counts = [int(n) for n in (args.annotators or ("3" if args.quick else "3,10")).split(",")]

    root = Path(tempfile.mkdtemp(prefix="bench-agreement-"))
    try:
        ratios = {}
        for annotators in counts:
            db = root / f"p{annotators}.db"
            ratios[annotators] = measure(
                db, documents, annotators, args.runs, annotators <= args.nltk
            )
        for annotators, ratio in ratios.items():
            print(
                summary_line(
                    f"agreement_{documents}x{annotators}_vs_sklearn",
                    f"{ratio:.1f}x",
                    f">={TARGET:.0f}x",
                    ratio >= TARGET,
                )
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
