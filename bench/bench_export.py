"""JSONL export: `export_jsonl` against bare sqlite3 writing minimal lines, same project.

Setup (not timed): a project of 10,000 articles (3,000–4,600 characters) with 30 spans
each in one annotator's layer, written by direct SQL into the store's own schema
(see `_data.build_project`).

Ours:     export_jsonl(store, out_path), the store opened beforehand.
Baseline: bare sqlite3 on the same file: each document's text, then its spans
          (start, end, label; one query per document, in the same order as ours), one
          json.dumps({"text", "spans": [{"start", "end", "label", "text"}]},
          ensure_ascii=False) line per document.

Ours writes much more per line (tokens, meta, hashes, ids), so the output sizes are
printed too. Runs alternate; the output file is deleted after each. Prints medians,
ours / baseline (target: at most 2x) and the top 15 functions of a cProfile run of ours
by cumulative time.

    .venv/bin/python bench/bench_export.py [--quick] [--docs N] [--runs N]
                                            [--profile-docs N]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import _data

from annotator.core.formats.export_jsonl import export_jsonl
from annotator.core.store import Store
from annotator.core.text.tokens import token_span, tokenize

TARGET = 2.0
SPANS = 30


def run_ours(store: Store, out: Path, documents: int) -> tuple[float, int]:
    started = time.perf_counter()
    report = export_jsonl(store, out)
    elapsed = time.perf_counter() - started
    if report.lines != documents or report.spans != documents * SPANS:
        raise SystemExit(f"ours wrote {report} for {documents} documents")
    size = out.stat().st_size
    out.unlink()
    return elapsed, size


def export_baseline(conn: sqlite3.Connection, annotator_id: int, out: Path) -> int:
    lines = 0
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for doc_id, text in conn.execute("SELECT id, text FROM documents ORDER BY id"):
            spans = [
                {"start": start, "end": end, "label": label, "text": text[start:end]}
                for start, end, label in conn.execute(
                    'SELECT start, "end", label FROM spans WHERE document_id = ? '
                    'AND annotator_id = ? ORDER BY start, "end" DESC, id',
                    [doc_id, annotator_id],
                )
            ]
            fh.write(json.dumps({"text": text, "spans": spans}, ensure_ascii=False))
            fh.write("\n")
            lines += 1
    return lines


def export_same_lines(conn: sqlite3.Connection, annotator_id: int, out: Path) -> int:
    """Bare sqlite3 + json writing lines of our shape (tokens split at span edges with the
    same tokenizer, token indices on spans): what the format costs without our layers."""
    lines = 0
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for doc_id, text in conn.execute("SELECT id, text FROM documents ORDER BY id"):
            rows = conn.execute(
                'SELECT id, start, "end", label FROM spans WHERE document_id = ? '
                'AND annotator_id = ? ORDER BY start, "end" DESC, id',
                [doc_id, annotator_id],
            ).fetchall()
            bounds = tokenize(text, {edge for row in rows for edge in row[1:3]})
            size = len(text)
            tokens = [
                {
                    "text": text[a:b],
                    "start": a,
                    "end": b,
                    "id": i,
                    "ws": b < size and text[b].isspace(),
                }
                for i, (a, b) in enumerate(bounds)
            ]
            spans = []
            for span_id, start, end, label in rows:
                first, last = token_span(bounds, start, end) or (None, None)
                spans.append(
                    {
                        "id": span_id,
                        "start": start,
                        "end": end,
                        "label": label,
                        "text": text[start:end],
                        "token_start": first,
                        "token_end": last,
                    }
                )
            fh.write(
                json.dumps({"text": text, "tokens": tokens, "spans": spans}, ensure_ascii=False)
            )
            fh.write("\n")
            lines += 1
    return lines


def run_baseline(
    conn: sqlite3.Connection, annotator_id: int, out: Path, documents: int, exporter=None
):
    started = time.perf_counter()
    lines = (exporter or export_baseline)(conn, annotator_id, out)
    elapsed = time.perf_counter() - started
    if lines != documents:
        raise SystemExit(f"baseline wrote {lines} lines for {documents} documents")
    size = out.stat().st_size
    out.unlink()
    return elapsed, size


def profile(db: Path, out: Path) -> str:
    """Top 15 functions of one export by cumulative time."""
    store = Store.open(db)
    try:
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.runcall(export_jsonl, store, out)
        elapsed = time.perf_counter() - started
    finally:
        store.close()
    out.unlink()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(15)
    return f"(profiled run took {elapsed:.1f} s)\n" + text.getvalue().strip("\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 documents instead of 10,000")
    parser.add_argument("--docs", type=int, help="number of documents")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument(
        "--profile-docs",
        type=int,
        default=2_000,
        help="profile an export of the first N of the same documents (default 2,000, "
        "which keeps the whole benchmark near 3 minutes); 0 profiles the timed project",
    )
    args = parser.parse_args()
    documents = args.docs or (1_000 if args.quick else 10_000)
    profile_docs = args.profile_docs if 0 < args.profile_docs < documents else documents

    root = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        db = root / "p.db"
        started = time.perf_counter()
        _data.build_project(db, documents, SPANS)
        print(
            f"export: {documents:,} documents x {SPANS} spans, one annotator; project "
            f"{db.stat().st_size / 1e6:.0f} MB (built in {time.perf_counter() - started:.1f} s)"
        )
        out = root / "out.jsonl"
        store = Store.open(db)
        conn = sqlite3.connect(db)
        annotator_id = store.annotator_by_name(_data.ANNOTATOR).id
        ours: list[float] = []
        baseline: list[float] = []
        same: list[float] = []
        try:
            for _ in range(args.runs):
                elapsed, ours_size = run_ours(store, out, documents)
                ours.append(elapsed)
                elapsed, baseline_size = run_baseline(conn, annotator_id, out, documents)
                baseline.append(elapsed)
                elapsed, same_size = run_baseline(
                    conn, annotator_id, out, documents, export_same_lines
                )
                same.append(elapsed)
        finally:
            conn.close()
            store.close()

        ratio = statistics.median(ours) / statistics.median(baseline)
        print(_data.median_line("ours", ours))
        print(_data.median_line("baseline", baseline))
        print(f"ratio      {ratio:.2f}x  (target <= {TARGET:.0f}x: {_data.verdict(ratio, TARGET)})")
        same_ratio = statistics.median(ours) / statistics.median(same)
        print(_data.median_line("same-lines", same))
        print(
            f"ratio vs a bare exporter writing the same lines (tokens included, "
            f"{same_size / documents / 1e3:.1f} kB a line): {same_ratio:.2f}x"
        )
        print(
            f"output: ours {ours_size / 1e6:.0f} MB ({ours_size / documents / 1e3:.1f} kB a "
            f"line), baseline {baseline_size / 1e6:.0f} MB "
            f"({baseline_size / documents / 1e3:.1f} kB a line)"
        )
        print(
            f"per document: ours {statistics.median(ours) / documents * 1e3:.2f} ms, "
            f"baseline {statistics.median(baseline) / documents * 1e3:.2f} ms"
        )

        if profile_docs == documents:
            profiled, what = db, "the timed project"
        else:
            profiled, what = root / "profile.db", f"the first {profile_docs:,} documents"
            _data.build_project(profiled, profile_docs, SPANS, progress=False)
        print(f"\ncProfile of export_jsonl over {what}, top 15 by cumulative time:")
        print(profile(profiled, out))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
