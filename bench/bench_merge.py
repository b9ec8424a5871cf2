"""Merge: `merge_projects` against a bare sqlite3 ATTACH + INSERT … SELECT copy of the same rows.

Setup (not timed): two annotators' projects of the same 10,000 articles (3,000–4,600
characters), each with 30 spans per document in its annotator's layer ("ليلى" in one,
"عمر" in the other), a SAID_BY relation per document that has a QUOTE and a PERSON span,
and an "in_progress" status per document; written by direct SQL into the store's own
schema (see `_data.build_project`; the second file is a copy of the first under another
annotator's name).

Ours:     merge_projects(target, [A, B]) into a new project (created beforehand, with its
          label scheme): documents matched by hash, new ones stored through
          `Documents.add_many`, every layer compared with the target's, spans and
          relations copied with relations re-pointed, statuses merged; one transaction.
Baseline: bare sqlite3 on an equally new project, same pragmas (WAL, synchronous=FULL,
          foreign keys): both sources ATTACHed, then one transaction that for each source
          does INSERT OR IGNORE the annotators and documents (the UNIQUE hash needs the IGNORE),
          then INSERT … SELECT the spans, relations and statuses re-keyed through joins
          on hash, annotator name and span (label, start, end). No layer comparison, no
          conflict handling, no search column computed (copied as stored).
Re-merge: merge_projects(target, [A, B]) again into a merged target: nothing is added,
          every layer is compared.

Each timed run uses a fresh target. Prints medians and ours / baseline.

    .venv/bin/python bench/bench_merge.py [--quick] [--docs N] [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import _data

from annotator.core.store import Store
from annotator.core.store.database import BUSY_TIMEOUT_MS, now
from annotator.core.team.merge import merge_projects

SPANS = 30
NAMES = ("ليلى", "عمر")


def build_sources(root: Path, documents: int) -> tuple[Path, Path, dict[str, int]]:
    """Two annotators' projects of the same texts; returns their paths and row counts."""
    first, second = root / "laila.db", root / "omar.db"
    _data.build_project(first, documents, SPANS)
    conn = sqlite3.connect(first, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("UPDATE annotators SET name = ? WHERE name = ?", [NAMES[0], _data.ANNOTATOR])
    conn.execute(
        "INSERT INTO relations (document_id, annotator_id, head_id, child_id, label, created_at) "
        "SELECT document_id, annotator_id, head, child, 'SAID_BY', ? FROM ("
        "  SELECT document_id, annotator_id, MIN(id) AS head, ("
        "    SELECT MIN(p.id) FROM spans p WHERE p.document_id = q.document_id "
        "    AND p.label = 'PERSON') AS child "
        "  FROM spans q WHERE label = 'QUOTE' GROUP BY document_id, annotator_id"
        ") WHERE child IS NOT NULL",
        [now()],
    )
    conn.execute("COMMIT")
    counts = {
        table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("documents", "spans", "relations", "doc_status")
    }
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copy(first, second)
    conn = sqlite3.connect(second)
    conn.execute("UPDATE annotators SET name = ? WHERE name = ?", [NAMES[1], NAMES[0]])
    conn.commit()
    conn.close()
    return first, second, counts


def new_target(path: Path) -> Path:
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        path.with_name(name).unlink(missing_ok=True)
    Store.open(path).close()
    return path


def run_ours(target: Path, sources: list[Path]) -> tuple[float, object]:
    store = Store.open(target)
    try:
        started = time.perf_counter()
        report = merge_projects(store, sources)
        return time.perf_counter() - started, report
    finally:
        store.close()


_BASELINE = [
    "INSERT OR IGNORE INTO annotators (name, role, created_at) "
    "SELECT name, role, created_at FROM src.annotators",
    "INSERT OR IGNORE INTO documents (text, title, source, published, meta, sha256, "
    "search_text, imported_at) SELECT text, title, source, published, meta, sha256, "
    "search_text, imported_at FROM src.documents ORDER BY id",
    'INSERT INTO spans (document_id, annotator_id, label, start, "end", attributes, '
    "created_at, updated_at) "
    'SELECT d.id, a.id, s.label, s.start, s."end", s.attributes, s.created_at, s.updated_at '
    "FROM src.spans s JOIN src.documents sd ON sd.id = s.document_id "
    "JOIN main.documents d ON d.sha256 = sd.sha256 "
    "JOIN src.annotators sa ON sa.id = s.annotator_id "
    "JOIN main.annotators a ON a.name = sa.name ORDER BY s.id",
    "INSERT INTO relations (document_id, annotator_id, head_id, child_id, label, created_at) "
    "SELECT d.id, a.id, h.id, c.id, r.label, r.created_at "
    "FROM src.relations r JOIN src.documents sd ON sd.id = r.document_id "
    "JOIN main.documents d ON d.sha256 = sd.sha256 "
    "JOIN src.annotators sa ON sa.id = r.annotator_id "
    "JOIN main.annotators a ON a.name = sa.name "
    "JOIN src.spans sh ON sh.id = r.head_id JOIN src.spans sc ON sc.id = r.child_id "
    "JOIN main.spans h ON h.document_id = d.id AND h.annotator_id = a.id "
    'AND h.label = sh.label AND h.start = sh.start AND h."end" = sh."end" '
    "JOIN main.spans c ON c.document_id = d.id AND c.annotator_id = a.id "
    'AND c.label = sc.label AND c.start = sc.start AND c."end" = sc."end" ORDER BY r.id',
    "INSERT INTO doc_status (document_id, annotator_id, status, updated_at) "
    "SELECT d.id, a.id, t.status, t.updated_at "
    "FROM src.doc_status t JOIN src.documents sd ON sd.id = t.document_id "
    "JOIN main.documents d ON d.sha256 = sd.sha256 "
    "JOIN src.annotators sa ON sa.id = t.annotator_id "
    "JOIN main.annotators a ON a.name = sa.name",
]


def run_baseline(target: Path, sources: list[Path]) -> float:
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        started = time.perf_counter()
        for index, source in enumerate(sources):  # ATTACH is refused inside a transaction
            conn.execute(f"ATTACH DATABASE ? AS src{index}", [str(source)])
        conn.execute("BEGIN")
        for index in range(len(sources)):
            for sql in _BASELINE:
                conn.execute(sql.replace("src.", f"src{index}."))
        conn.execute("COMMIT")
        for index in range(len(sources)):
            conn.execute(f"DETACH DATABASE src{index}")
        return time.perf_counter() - started
    finally:
        conn.close()


def table_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("documents", "spans", "relations", "doc_status")
        }
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 documents instead of 10,000")
    parser.add_argument("--docs", type=int, help="number of documents")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (default 3)")
    args = parser.parse_args()
    documents = args.docs or (1_000 if args.quick else 10_000)

    root = Path(tempfile.mkdtemp(prefix="bench-merge-"))
    try:
        started = time.perf_counter()
        first, second, source_counts = build_sources(root, documents)
        sources = [first, second]
        print(
            f"merge: 2 projects of the same {documents:,} documents, {SPANS} spans per "
            f"document per layer, {source_counts['relations']:,} relations each; "
            f"{first.stat().st_size / 1e6:.0f} MB each (built in "
            f"{time.perf_counter() - started:.1f} s)"
        )
        expected = {
            "documents": documents,
            "spans": 2 * source_counts["spans"],
            "relations": 2 * source_counts["relations"],
            "doc_status": 2 * source_counts["doc_status"],
        }
        ours: list[float] = []
        baseline: list[float] = []
        again: list[float] = []
        target = root / "team.db"
        for _ in range(args.runs):  # alternate, each on a fresh target
            elapsed, report = run_ours(new_target(target), sources)
            ours.append(elapsed)
            if table_counts(target) != expected or report.spans_added != expected["spans"]:
                raise SystemExit(f"ours stored {table_counts(target)}, expected {expected}")
            elapsed, report = run_ours(target, sources)
            again.append(elapsed)
            if report.changed or report.conflicts:
                raise SystemExit(f"the re-merge changed something: {report.summary()}")
            baseline.append(run_baseline(new_target(target), sources))
            if table_counts(target) != expected:
                raise SystemExit(f"baseline stored {table_counts(target)}, expected {expected}")

        ratio = statistics.median(ours) / statistics.median(baseline)
        print(_data.median_line("ours", ours))
        print(_data.median_line("baseline", baseline))
        print(f"ratio      {ratio:.2f}x  (ours / bare ATTACH + INSERT … SELECT)")
        print(_data.median_line("re-merge", again) + "   (nothing added)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
