"""Import of .txt articles, as `annotator import` and File ▸ Import run it, against bare
sqlite3 on the same files.

Ours:     import_files(store, [folder]) into a fresh Store.open(tmp / "p.db"): decode
          with detection, normalize, read title/date/source, fold, hash, stage in a
          scratch project, add to the project in one transaction, search index included.
Baseline: bare sqlite3 (WAL, synchronous=FULL), a documents table of the same shape
          (text, title, sha256 UNIQUE, search_text): read_bytes().decode("utf-8"),
          hashlib.sha256, executemany in one transaction. search_text is the text itself
          (same bytes stored, no folding); title is the first line.
Indexed:  the baseline plus the index our search needs, built as cheaply as SQLite can:
          the same FTS5 trigram table over search_text, filled by one INSERT … SELECT in
          the same transaction. The floor for an import that leaves documents searchable.

Every timing starts with the folder listing and ends with the commit; creating the empty
database (Store.open: schema + labels; CREATE TABLE) is not timed. Runs alternate (ours,
baseline, indexed, [before]), each into a fresh database, after one untimed read of every
file so all see a warm page cache. Prints min / median / max and ours / baseline (target:
at most 2x) and ours / indexed.

With `--before DIR` (an older tree: `git archive REV annotator | tar -x -C DIR`), that
tree's import runs in the same rounds, timed inside a process of its own, and ours / before
is printed.

    .venv/bin/python bench/bench_import.py [--quick] [--files N] [--runs N] [--before DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _data
from summary import summary_line

from annotator.core.formats.import_text import find_text_files, read_article
from annotator.core.import_files import import_files
from annotator.core.store import Store

TARGET = 2.0


def run_ours(folder: Path, workdir: Path, expected: int) -> float:
    store = Store.open(workdir / "p.db")
    try:
        started = time.perf_counter()
        result = import_files(store, [folder])
        elapsed = time.perf_counter() - started
    finally:
        store.close()
    if result.documents_added != expected or result.skipped:
        raise SystemExit(f"ours imported {result.documents_added} of {expected}")
    return elapsed


# Run in the older tree's own process: the same call, timed the same way.
BEFORE = """
import sys, time
from pathlib import Path
from annotator.core.import_files import import_files
from annotator.core.store import Store
store = Store.open(Path(sys.argv[2]) / "p.db")
started = time.perf_counter()
result = import_files(store, [sys.argv[1]])
print(time.perf_counter() - started, result.documents_added)
store.close()
"""


def run_before(tree: Path, folder: Path, workdir: Path, expected: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", BEFORE, str(folder), str(workdir)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if int(out[1]) != expected:
        raise SystemExit(f"before imported {out[1]} of {expected}")
    return float(out[0])


def run_baseline(folder: Path, workdir: Path, expected: int, index: bool = False) -> float:
    conn = sqlite3.connect(workdir / "baseline.db", isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(
            "CREATE TABLE documents (id INTEGER PRIMARY KEY, text TEXT NOT NULL, "
            "title TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE, search_text TEXT NOT NULL)"
        )
        if index:
            conn.execute(
                "CREATE VIRTUAL TABLE document_search USING fts5(search_text, content = "
                "'documents', content_rowid = 'id', tokenize = 'trigram case_sensitive 1')"
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
        if index:
            conn.execute(
                "INSERT INTO document_search (rowid, search_text) "
                "SELECT id, search_text FROM documents"
            )
        conn.execute("COMMIT")
        elapsed = time.perf_counter() - started
        count = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    finally:
        conn.close()
    if count != expected:
        raise SystemExit(f"baseline stored {count} of {expected}")
    return elapsed


def run_indexed(folder: Path, workdir: Path, expected: int) -> float:
    return run_baseline(folder, workdir, expected, index=True)


def phases(folder: Path, workdir: Path) -> tuple[float, float]:
    """One extra run split in two: reading the files, storing the documents (directly,
    without the staging project)."""
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
    parser.add_argument("--before", type=Path, help="also run the import of this older tree")
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

        times: dict[str, list[float]] = {"ours": [], "baseline": [], "indexed": []}
        contenders = [("ours", run_ours), ("baseline", run_baseline), ("indexed", run_indexed)]
        if args.before:
            times["before"] = []
            before = args.before.resolve()
            contenders.append(("before", lambda *a: run_before(before, *a)))
        for run in range(args.runs):
            for name, function in contenders:
                workdir = root / f"{name}-{run}"
                workdir.mkdir()
                times[name].append(function(folder, workdir, count))
                shutil.rmtree(workdir)
        workdir = root / "phases"
        workdir.mkdir()
        read, stored = phases(folder, workdir)
        shutil.rmtree(workdir)

        median = {name: statistics.median(runs) for name, runs in times.items()}
        for name, runs in times.items():
            print(_data.spread_line(name, runs))
        ratio = median["ours"] / median["baseline"]
        print(
            f"ours / baseline {ratio:.2f}x  "
            f"(target <= {TARGET:.0f}x: {_data.verdict(ratio, TARGET)})"
        )
        print(
            f"ours / indexed  {median['ours'] / median['indexed']:.2f}x  (the search index "
            f"alone costs the bare baseline {median['indexed'] / median['baseline']:.2f}x)"
        )
        if "before" in median:
            print(f"ours / before   {median['ours'] / median['before']:.2f}x")
        print(
            f"ours, one extra run by phase: read_article (decode, normalize, parse) "
            f"{read:.2f} s; documents.add_many (fold, hash, insert, commit) {stored:.2f} s"
        )
        print(
            f"throughput: ours {count / median['ours']:,.0f} files/s, "
            f"baseline {count / median['baseline']:,.0f} files/s"
        )
        indexed = median["ours"] / median["indexed"]
        print(
            summary_line(
                f"import_{count}_vs_indexed",
                f"{indexed:.2f}x",
                f"<={TARGET:.0f}x",
                indexed <= TARGET,
            )
        )
        print(summary_line(f"import_{count}", f"{ratio:.2f}x", f"<={TARGET:.0f}x", ratio <= TARGET))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
