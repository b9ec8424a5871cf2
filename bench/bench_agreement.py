"""Agreement: `compute_agreement` against NLTK's `AnnotationTask`, same project, same run.

Setup (not timed): a project of 1,000 articles (3,000–4,600 characters) and three
annotators with 40 spans each per article, written by direct SQL into the store's own
schema. The first annotator's spans are random whole-word spans; the other two keep most
of them and change some (an edge moved by one character as when a clitic is left out,
another label, a span dropped for a new one), so agreement is high but not perfect.

Ours:  compute_agreement(store): loading the layers, tokenizing every document at every
       span edge, span F1 (exact and overlap) per label and pair, token κ per label and
       pair, the "all labels" κ, Fleiss' κ and Krippendorff's α per label and overall,
       relations, coverage and per-document values.
NLTK:  AnnotationTask on the same token units ("all labels" category per token, from
       `token_categories`, triples built before timing): load the triples, `kappa()`
       (pairwise Cohen's κ averaged) and `alpha()`. That is less than ours computes (one
       categorical coding, no labels, no spans). Also timed with the triples' building
       (token_categories + triples) included.

Prints medians, the speed ratio (target: ours at least 10x faster) and both tools'
κ and α, which must be equal.

    .venv/bin/python bench/bench_agreement.py [--docs N] [--runs N] [--nltk-runs N]
"""

from __future__ import annotations

import argparse
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
from nltk.metrics.agreement import AnnotationTask

from annotator.core.store import Store
from annotator.core.team.agreement import compute_agreement, token_categories

TARGET = 10.0
SPANS = 40
ANNOTATORS = ("ali", "sara", "omar")


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


def build(path: Path, documents: int, seed: int = 0) -> None:
    """The project: schema and labels by `Store.open`, rows by direct SQL."""
    from annotator.core.store.database import now
    from annotator.core.text.search import fold

    with Store.open(path) as store:
        ids = [store.ensure_annotator(name).id for name in ANNOTATORS]
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
        layers = [base, vary(text, base, rng), vary(text, base, rng)]
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


def triples(store: Store) -> list[tuple[str, str, str]]:
    return [
        (name, f"{doc}:{i}", category)
        for doc, rows in token_categories(store).items()
        for name, row in rows.items()
        for i, category in enumerate(row)
    ]


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--docs", type=int, default=1_000, help="documents (default 1,000)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of ours (default 3)")
    parser.add_argument("--nltk-runs", type=int, default=3, help="timed NLTK runs (default 3)")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="bench-agreement-"))
    try:
        db = root / "p.db"
        started = time.perf_counter()
        build(db, args.docs)
        print(
            f"agreement: {args.docs:,} documents x {len(ANNOTATORS)} annotators x {SPANS} "
            f"spans (built in {time.perf_counter() - started:.1f} s)"
        )
        with Store.open(db) as store:
            ours, report = [], None
            for _ in range(args.runs):
                started = time.perf_counter()
                report = compute_agreement(store)
                ours.append(time.perf_counter() - started)

            started = time.perf_counter()
            data = triples(store)
            building = time.perf_counter() - started
            nltk_times, parts = [], []
            for _ in range(args.nltk_runs):
                started = time.perf_counter()
                kappa, alpha, split = run_nltk(data)
                nltk_times.append(time.perf_counter() - started)
                parts.append(split)

        units = len(data) // len(ANNOTATORS)
        print(f"token units: {units:,} ({len(data):,} NLTK triples)")
        print(_data.median_line("ours", ours))
        print(_data.median_line("NLTK", nltk_times))
        split = {key: statistics.median(p[key] for p in parts) for key in parts[0]}
        print(
            "NLTK parts (median s): "
            + ", ".join(f"{key} {value:.2f}" for key, value in split.items())
        )
        ratio = statistics.median(nltk_times) / statistics.median(ours)
        verdict = "OK" if ratio >= TARGET else "BELOW TARGET"
        print(f"speed-up   {ratio:.1f}x  (target >= {TARGET:.0f}x: {verdict})")
        with_building = statistics.median(nltk_times) + building
        print(
            f"NLTK with building the triples ({building:.2f} s): {with_building:.2f} s, "
            f"speed-up {with_building / statistics.median(ours):.1f}x"
        )
        print(
            f"kappa: ours {report.overall.kappa:.12f}  NLTK {kappa:.12f}\n"
            f"alpha: ours {report.overall.alpha:.12f}  NLTK {alpha:.12f}"
        )
        if abs(report.overall.kappa - kappa) > 1e-9 or abs(report.overall.alpha - alpha) > 1e-9:
            raise SystemExit("ours and NLTK disagree")
        print(
            f"ours also computed: {len(report.labels)} labels x {len(report.pairs)} pairs "
            f"(span F1 exact/overlap, kappa), Fleiss and alpha per label; "
            f"overall exact F1 {report.overall.exact_f1:.3f}, overlap F1 "
            f"{report.overall.overlap_f1:.3f}, Fleiss {report.overall.fleiss_kappa:.3f}"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
