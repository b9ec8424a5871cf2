"""How long a long import or merge keeps other writers out of the project.

A probe process asks for the project's write lock (`BEGIN IMMEDIATE; COMMIT`, busy
timeout 60 s) every 5 ms while the operation runs, and reports the longest it had to
wait: that is the longest stretch the operation held the write lock (to within the
probe's 5 ms step). Target: about a second at most.

Cases, each on a fresh target, ours and the baseline alternating (ABAB…):
  import   10,000 articles (3,000–4,600 characters) as `annotator import` runs it:
           `import_files` (read into a staging project, then one short transaction).
           Baseline: the same importer inside one project transaction, as before.
  merge    `merge_projects` of two annotators' projects of N documents × 30 spans
           into a new project (no baseline: the figure is the longest hold itself).

Prints min / median / max of the longest wait and of the whole operation's time.

    .venv/bin/python bench/bench_lock_hold.py [--quick] [--docs N] [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import _data
from bench_merge import build_sources
from summary import summary_line

from annotator.core.formats.import_text import import_text_files
from annotator.core.import_files import import_files
from annotator.core.store import Store
from annotator.core.team.merge import merge_projects

PROBE = r"""
import sqlite3, sys, threading, time
conn = sqlite3.connect(sys.argv[1], timeout=60, isolation_level=None)
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
print("ready", flush=True)
longest = 0.0
while not stop.is_set():
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    longest = max(longest, time.perf_counter() - started)
    conn.execute("COMMIT")
    time.sleep(0.005)
print(longest, flush=True)
"""


def held(db: Path, operation: Callable[[], object]) -> tuple[float, float]:
    """(longest wait of the probe, seconds the operation took)."""
    probe = subprocess.Popen(
        [sys.executable, "-c", PROBE, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert probe.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    operation()
    took = time.perf_counter() - started
    longest, _ = probe.communicate("")
    return float(longest), took


def staged_import(store: Store, folder: Path) -> None:
    import_files(store, [folder])


def one_transaction_import(store: Store, folder: Path) -> None:
    with store.transaction():
        import_text_files(store, [folder])


def line(name: str, values: list[float], unit: str = "s") -> str:
    return (
        f"  {name:<34} min {min(values):7.3f} {unit}   median {statistics.median(values):7.3f} "
        f"{unit}   max {max(values):7.3f} {unit}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 documents, 2 runs")
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    docs, runs = (1_000, 2) if args.quick else (args.docs, args.runs)
    work = Path(tempfile.mkdtemp(prefix="bench-lock-"))
    try:
        folder = _data.write_articles(docs, work / "articles")
        results: dict[str, list[tuple[float, float]]] = {"staged": [], "one transaction": []}
        for run in range(runs):
            for name, how in (
                ("staged", staged_import),
                ("one transaction", one_transaction_import),
            ):
                db = work / f"import-{name.replace(' ', '-')}-{run}.db"
                with Store.open(db) as store:
                    results[name].append(held(db, lambda s=store, h=how: h(s, folder)))
        print(f"import of {docs:,} articles, {runs} runs each, interleaved:")
        for name, pairs in results.items():
            print(line(f"{name}: longest lock hold", [p[0] for p in pairs]))
            print(line(f"{name}: whole import", [p[1] for p in pairs]))

        sources, _counts = build_sources(work, docs, 2)
        merged: list[tuple[float, float]] = []
        for run in range(runs):
            db = work / f"merge-{run}.db"
            with Store.open(db) as store:
                merged.append(held(db, lambda s=store: merge_projects(s, sources)))
        print(f"merge of two {docs:,}-document projects, {runs} runs:")
        print(line("longest lock hold", [p[0] for p in merged]))
        print(line("whole merge", [p[1] for p in merged]))
        for name, pairs in (("import", results["staged"]), ("merge", merged)):
            hold = statistics.median(p[0] for p in pairs)
            print(summary_line(f"lock_hold_{name}_{docs}", f"{hold:.2f}s", "<=1s", hold <= 1.0))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
