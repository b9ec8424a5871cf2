"""Merge: `merge_projects` against a bare sqlite3 ATTACH + INSERT … SELECT copy of the same rows.

Setup (not timed): N annotators' projects (`--sources`, default 2) of the same 10,000
articles (3,000–4,600 characters), each with 30 spans per document in its annotator's
layer ("ليلى 1", "ليلى 2", …), a SAID_BY relation per document that has a QUOTE and a
PERSON span, and an "in_progress" status per document; written by direct SQL into the
store's own schema (see `_data.build_project`; every other file is a copy of the first
under another annotator's name).

Ours:     merge_projects(target, [A, B]) into a new project (created beforehand, with its
          label scheme): documents matched by hash, new ones stored through
          `Documents.add_many`, every layer compared with the target's, spans and
          relations copied with relations re-pointed, statuses merged; one transaction.
Baseline: bare sqlite3 on an equally new project, same pragmas (WAL, synchronous=FULL,
          foreign keys): both sources ATTACHed, then one transaction that for each source
          does INSERT OR IGNORE the annotators and documents (the UNIQUE hash needs the IGNORE),
          then INSERT … SELECT the spans, relations and statuses re-keyed through joins
          on hash, annotator name and span (label, start, end). No layer comparison, no
          conflict handling, no validation, no search column computed (copied as stored).
          SQLite attaches at most 10 files at once, so 20 sources are copied 10 at a time,
          one transaction each.
Re-merge: merge_projects(target, [A, B]) again into a merged target: nothing is added,
          every layer is compared.

Runs alternate (ours, baseline, ours, baseline…), each on a fresh target. Prints
min/median/max, ours / baseline (target: at most 2.5x), the time per copied span (equal
across sizes when the merge is linear in the total) and how long our final transaction
holds the project's write lock (`staging._apply`) against the baseline's whole copy.

    .venv/bin/python bench/bench_merge.py [--quick] [--sources N] [--docs N] [--runs N]
        [--no-remerge]
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
from summary import summary_line

from annotator.core.store import Store, staging
from annotator.core.store.database import BUSY_TIMEOUT_MS, now
from annotator.core.team.merge import merge_projects

SPANS = 30
NAME = "ليلى"
TARGET = 2.5
ATTACH_AT_ONCE = 10  # SQLite's default limit of attached databases


def build_sources(root: Path, documents: int, count: int) -> tuple[list[Path], dict[str, int]]:
    """`count` annotators' projects of the same texts; their paths and row counts (each)."""
    first = root / "source_01.db"
    _data.build_project(first, documents, SPANS)
    conn = sqlite3.connect(first, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("UPDATE annotators SET name = ? WHERE name = ?", [f"{NAME} 1", _data.ANNOTATOR])
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
    paths = [first]
    for number in range(2, count + 1):
        path = root / f"source_{number:02d}.db"
        shutil.copy(first, path)
        conn = sqlite3.connect(path)
        conn.execute(
            "UPDATE annotators SET name = ? WHERE name = ?", [f"{NAME} {number}", f"{NAME} 1"]
        )
        conn.commit()
        conn.close()
        paths.append(path)
    return paths, counts


def new_target(path: Path) -> Path:
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        path.with_name(name).unlink(missing_ok=True)
    Store.open(path).close()
    return path


_held: list[float] = []  # how long each final transaction (staging._apply) took
_apply = staging._apply


def _timed_apply(*args, **kwargs):
    started = time.perf_counter()
    try:
        return _apply(*args, **kwargs)
    finally:
        _held.append(time.perf_counter() - started)


staging._apply = _timed_apply


def run_ours(target: Path, sources: list[Path]) -> tuple[float, float, object]:
    """Seconds the merge took, seconds its final transaction held the lock, its report."""
    store = Store.open(target)
    try:
        _held.clear()
        started = time.perf_counter()
        report = merge_projects(store, sources)
        return time.perf_counter() - started, sum(_held), report
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
        for at in range(0, len(sources), ATTACH_AT_ONCE):
            batch = range(len(sources[at : at + ATTACH_AT_ONCE]))
            for index in batch:  # ATTACH is refused inside a transaction
                conn.execute(f"ATTACH DATABASE ? AS src{index}", [str(sources[at + index])])
            conn.execute("BEGIN")
            for index in batch:
                for sql in _BASELINE:
                    conn.execute(sql.replace("src.", f"src{index}."))
            conn.execute("COMMIT")
            for index in batch:
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
    parser.add_argument("--docs", type=int, help="documents per project")
    parser.add_argument("--sources", type=int, default=2, help="projects merged (default 2)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--no-remerge", action="store_true", help="skip the re-merge runs")
    args = parser.parse_args()
    documents = args.docs or (1_000 if args.quick else 10_000)

    root = Path(tempfile.mkdtemp(prefix="bench-merge-"))
    try:
        started = time.perf_counter()
        sources, source_counts = build_sources(root, documents, args.sources)
        print(
            f"merge: {args.sources} projects of the same {documents:,} documents, {SPANS} spans "
            f"per document per layer, {source_counts['relations']:,} relations each; "
            f"{sources[0].stat().st_size / 1e6:.0f} MB each (built in "
            f"{time.perf_counter() - started:.1f} s)"
        )
        expected = {
            "documents": documents,
            **{
                table: args.sources * source_counts[table]
                for table in ("spans", "relations", "doc_status")
            },
        }
        ours: list[float] = []
        held: list[float] = []
        baseline: list[float] = []
        again: list[float] = []
        target = root / "team.db"
        for _ in range(args.runs):  # alternate, each on a fresh target
            elapsed, lock, report = run_ours(new_target(target), sources)
            ours.append(elapsed)
            held.append(lock)
            if table_counts(target) != expected or report.spans_added != expected["spans"]:
                raise SystemExit(f"ours stored {table_counts(target)}, expected {expected}")
            if not args.no_remerge:
                elapsed, _lock, report = run_ours(target, sources)
                again.append(elapsed)
                if report.changed or report.conflicts:
                    raise SystemExit(f"the re-merge changed something: {report.summary()}")
            baseline.append(run_baseline(new_target(target), sources))
            if table_counts(target) != expected:
                raise SystemExit(f"baseline stored {table_counts(target)}, expected {expected}")

        ratio = statistics.median(ours) / statistics.median(baseline)
        per_span = statistics.median(ours) / expected["spans"] * 1e6
        base_per_span = statistics.median(baseline) / expected["spans"] * 1e6
        print(_data.spread_line("ours", ours))
        print(_data.spread_line("lock held", held) + "   (our final transaction)")
        print(_data.spread_line("baseline", baseline))
        print(
            f"ratio      {ratio:.2f}x  (ours / bare ATTACH + INSERT … SELECT; target <= "
            f"{TARGET}x: {_data.verdict(ratio, TARGET)})"
        )
        hold = statistics.median(held) / statistics.median(baseline)
        print(f"lock held  {hold:.2f}x  the baseline's whole copy")
        print(
            f"per span   ours {per_span:.2f} µs, baseline {base_per_span:.2f} µs "
            f"({expected['spans']:,} spans copied)"
        )
        if again:
            print(_data.spread_line("re-merge", again) + "   (nothing added)")
        print(
            summary_line(
                f"merge_{args.sources}x{documents}",
                f"{ratio:.2f}x",
                f"<={TARGET}x",
                ratio <= TARGET,
            )
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
