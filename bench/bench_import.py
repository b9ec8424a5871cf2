"""Import of .txt articles: `import_text_files` against bare sqlite3 on the same files.

Ours:     import_text_files(store, [folder]) into a fresh Store.open(tmp / "p.db")
          (decode with detection, normalize, read title/date/source, fold, hash, insert).
Baseline: bare sqlite3 (WAL, synchronous=FULL), a documents table of the same shape
          (text, title, sha256 UNIQUE, search_text): read_bytes().decode("utf-8"),
          hashlib.sha256, executemany in one transaction. search_text is the text itself
          (same bytes stored, no folding); title is the first line.

Both timings start with the folder listing and end with the commit; creating the empty
database (Store.open: schema + labels; CREATE TABLE) is not timed. Runs alternate, each
into a fresh database, after one untimed read of every file so both see a warm page
cache. Prints the medians and ours / baseline (target: at most 2x).

    .venv/bin/python bench/bench_import.py [--quick] [--files N] [--runs N]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import _data
from summary import summary_line

from annotator.core.formats.import_text import find_text_files, import_text_files, read_article
from annotator.core.store import Store

TARGET = 2.0


def run_ours(folder: Path, workdir: Path, expected: int) -> float:
    store = Store.open(workdir / "p.db")
    try:
        started = time.perf_counter()
        report = import_text_files(store, [folder])
        elapsed = time.perf_counter() - started
    finally:
        store.close()
    if report.added != expected or report.skipped:
        raise SystemExit(f"ours imported {report.added} of {expected} ({report.skipped[:3]})")
    return elapsed


def run_baseline(folder: Path, workdir: Path, expected: int) -> float:
    conn = sqlite3.connect(workdir / "baseline.db", isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(
            "CREATE TABLE documents (id INTEGER PRIMARY KEY, text TEXT NOT NULL, "
            "title TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE, search_text TEXT NOT NULL)"
        )
        started = time.perf_counter()
        rows = []
        for path in sorted(folder.glob("*.txt")):
            text = path.read_bytes().decode("utf-8")
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            rows.append((text, text.partition("\n")[0], sha, text))
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO documents (text, title, sha256, search_text) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (sha256) DO NOTHING",
            rows,
        )
        conn.execute("COMMIT")
        elapsed = time.perf_counter() - started
        count = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    finally:
        conn.close()
    if count != expected:
        raise SystemExit(f"baseline stored {count} of {expected}")
    return elapsed


def phases(folder: Path, workdir: Path) -> tuple[float, float]:
    """One extra run split in two: reading the files, storing the documents."""
    files = find_text_files([folder]).files
    started = time.perf_counter()
    documents = [read_article(path) for path in files]
    read = time.perf_counter() - started
    store = Store.open(workdir / "p.db")
    try:
        started = time.perf_counter()
        store.documents.add_many(documents)
        stored = time.perf_counter() - started
    finally:
        store.close()
    return read, stored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 files instead of 10,000")
    parser.add_argument("--files", type=int, help="number of article files")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (default 3)")
    args = parser.parse_args()
    count = args.files or (1_000 if args.quick else 10_000)

    root = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        started = time.perf_counter()
        folder = _data.write_articles(count, root / "articles")
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(
            f"import: {count:,} articles, {size / 1e6:.1f} MB UTF-8 "
            f"(generated in {time.perf_counter() - started:.1f} s)"
        )
        for path in folder.iterdir():  # warm the page cache for both contenders
            path.read_bytes()

        ours: list[float] = []
        baseline: list[float] = []
        for run in range(args.runs):
            for name, function, times in (
                ("ours", run_ours, ours),
                ("baseline", run_baseline, baseline),
            ):
                workdir = root / f"{name}-{run}"
                workdir.mkdir()
                times.append(function(folder, workdir, count))
                shutil.rmtree(workdir)
        workdir = root / "phases"
        workdir.mkdir()
        read, stored = phases(folder, workdir)
        shutil.rmtree(workdir)

        ratio = statistics.median(ours) / statistics.median(baseline)
        print(_data.median_line("ours", ours))
        print(_data.median_line("baseline", baseline))
        print(f"ratio      {ratio:.2f}x  (target <= {TARGET:.0f}x: {_data.verdict(ratio, TARGET)})")
        print(
            f"ours, one extra run by phase: read_article (decode, normalize, parse) "
            f"{read:.2f} s; documents.add_many (fold, hash, insert, commit) {stored:.2f} s"
        )
        print(
            f"throughput: ours {count / statistics.median(ours):,.0f} files/s, "
            f"baseline {count / statistics.median(baseline):,.0f} files/s"
        )
        print(summary_line(f"import_{count}", f"{ratio:.2f}x", f"<={TARGET:.0f}x", ratio <= TARGET))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
