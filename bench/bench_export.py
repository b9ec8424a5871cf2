"""JSONL export: `export_jsonl` against a minimal sqlite3 + orjson exporter, same project.

Setup (not timed): a project of 10,000 articles (3,000–4,600 characters) with 30 spans
each in one annotator's layer, written by direct SQL into the store's own schema
(see `_data.build_project`).

Ours:       export_jsonl(store, out_path), the store opened beforehand.
Floor:      bare sqlite3 + orjson on the same file, writing only text and spans: each
            document's text, then its spans (start, end, label, text; one query per
            document, in our order), one orjson line per document. The target's yardstick.
Same lines: bare sqlite3 + orjson writing our exact lines (every byte checked against
            ours on the first run): one streaming pass over documents, statuses and spans,
            tokens from the tokenizer that defines the format (`spaced_tokens`), every
            string encoded by orjson, put together with our separators ", " and ": ".
            What our lines cost without our layers (store, records, writer).

Parts:      inside the same rounds, our format's two per-token steps alone over the same
            texts (no store, no file): the tokenizer (`spaced_tokens` cut at the spans'
            edges, `spaces_after`) and the token array (`jsonl_lines.tokens_json`). They
            show how much of ours the format's ~700 tokens a line cost by themselves, and
            what is left for everything else (reading, spans, hashes, writing).

Runs alternate (ours, floor, same lines, parts, ours, …); the output file is deleted
after each. Prints min / median / max of each, ours / floor (target: at most 3x), ours /
same lines, each part / floor, and the top 15 functions of a cProfile run of ours by
cumulative time.

    .venv/bin/python bench/bench_export.py [--quick] [--docs N] [--runs N]
                                            [--profile-docs N]
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import pstats
import shutil
import sqlite3
import statistics
import struct
import tempfile
import time
from collections.abc import Callable
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import _data
import orjson
from summary import summary_line

from annotator.core.formats.export_jsonl import export_jsonl
from annotator.core.formats.jsonl_lines import tokens_json
from annotator.core.store import Store
from annotator.core.text.tokens import spaced_tokens, spaces_after, token_span

TARGET = 3.0
SPANS = 30
Exporter = Callable[[sqlite3.Connection, int, Path], int]


def run_ours(store: Store, out: Path, documents: int) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    report = export_jsonl(store, out)
    elapsed = time.perf_counter() - started
    if report.lines != documents or report.spans != documents * SPANS:
        raise SystemExit(f"ours wrote {report} for {documents} documents")
    size, digest = out.stat().st_size, _digest(out)
    out.unlink()
    return elapsed, size, digest


def _digest(path: Path) -> bytes:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").digest()


def export_floor(conn: sqlite3.Connection, annotator_id: int, out: Path) -> int:
    """Only text and spans, one orjson line per document."""
    lines = 0
    with out.open("wb") as fh:
        for doc_id, text in conn.execute("SELECT id, text FROM documents ORDER BY id"):
            spans = [
                {"start": start, "end": end, "label": label, "text": text[start:end]}
                for start, end, label in conn.execute(
                    'SELECT start, "end", label FROM spans WHERE document_id = ? '
                    'AND annotator_id = ? ORDER BY start, "end" DESC, id',
                    [doc_id, annotator_id],
                )
            ]
            fh.write(orjson.dumps({"text": text, "spans": spans}, option=orjson.OPT_APPEND_NEWLINE))
            lines += 1
    return lines


def _json(value: object) -> bytes:
    """`json.dumps(value, ensure_ascii=False)` as UTF-8, scalars by orjson."""
    if isinstance(value, dict):
        return (
            b"{" + b", ".join(orjson.dumps(k) + b": " + _json(v) for k, v in value.items()) + b"}"
        )
    if isinstance(value, list):
        return b"[" + b", ".join(map(_json, value)) + b"]"
    return orjson.dumps(value)


def _hash(data: bytes) -> int:
    return struct.unpack("<i", hashlib.sha256(data).digest()[:4])[0]


_TOKEN = b'{"text": %b, "start": %d, "end": %d, "id": %d, "ws": %b}'
_SPAN = (
    b'{"id": %d, "start": %d, "end": %d, "label": %b, "text": %b, "token_start": %b, '
    b'"token_end": %b, "attributes": %b}'
)
_WS = (b"false", b"true")


def export_same_lines(conn: sqlite3.Connection, annotator_id: int, out: Path) -> int:
    """Our exact lines (one annotator's layer, no relations: what the project holds)."""
    (name,) = conn.execute("SELECT name FROM annotators WHERE id = ?", [annotator_id]).fetchone()
    who = orjson.dumps(name)
    statuses = dict(
        conn.execute(
            "SELECT document_id, status FROM doc_status WHERE annotator_id = ?", [annotator_id]
        )
    )
    spans = groupby(
        conn.execute(
            'SELECT document_id, id, start, "end", label, attributes FROM spans '
            'WHERE annotator_id = ? ORDER BY document_id, start, "end" DESC, id',
            [annotator_id],
        ),
        key=itemgetter(0),
    )
    lines = 0
    with out.open("wb") as fh:
        for doc_id, text, title, source, published, meta, sha in conn.execute(
            "SELECT id, text, title, source, published, meta, sha256 FROM documents ORDER BY id"
        ):
            span_doc, rows = next(spans)
            if span_doc != doc_id:  # the bench's projects give every document spans
                raise SystemExit(f"document {doc_id} has no spans")
            rows = [row[1:] for row in rows]
            bounds = spaced_tokens(text, {row[1] for row in rows}, {row[2] for row in rows})
            tokens = b", ".join(
                _TOKEN % (orjson.dumps(text[a:b]), a, b, i, _WS[ws])
                for i, ((a, b), ws) in enumerate(
                    zip(bounds, spaces_after(bounds, len(text)), strict=True)
                )
            )
            out_spans, keys = [], []
            for span_id, start, end, label, attributes in rows:
                first, last = token_span(bounds, start, end) or (None, None)
                label_json = orjson.dumps(label)
                attributes = orjson.loads(attributes)
                out_spans.append(
                    _SPAN
                    % (
                        span_id,
                        start,
                        end,
                        label_json,
                        orjson.dumps(text[start:end]),
                        orjson.dumps(first),
                        orjson.dumps(last),
                        _json(attributes),
                    )
                )
                key = (
                    orjson.dumps(json.dumps(attributes, ensure_ascii=False, sort_keys=True))
                    if attributes
                    else b'""'
                )
                keys.append(
                    (start, end, label, b"[%d, %d, %b, %b]" % (start, end, label_json, key))
                )
            answer = b"[[" + b", ".join(k[-1] for k in sorted(keys)) + b"], []]"
            input_hash = _hash(text.encode())
            task_hash = _hash(b"%d:%b" % (input_hash, answer))
            meta_json = _json(
                {
                    **orjson.loads(meta),
                    "document_id": doc_id,
                    "title": title,
                    "source": source,
                    "published": published,
                    "sha256": sha,
                    "annotator": name,
                    "status": statuses.get(doc_id, "new"),
                }
            )
            fh.write(
                b'{"text": %b, "meta": %b, "tokens": [%b], "spans": [%b], "relations": [], '
                b'"_input_hash": %d, "_task_hash": %d, "_annotator_id": %b, '
                b'"_session_id": %b, "answer": "accept"}\n'
                % (
                    orjson.dumps(text),
                    meta_json,
                    tokens,
                    b", ".join(out_spans),
                    input_hash,
                    task_hash,
                    who,
                    who,
                )
            )
            lines += 1
    return lines


def time_token_parts(conn: sqlite3.Connection) -> tuple[float, float]:
    """Seconds our tokenizer and our token encoding take over every text (tokens cut at
    the edges of all its spans, as the export cuts them), timed around those calls only."""
    edges = groupby(
        conn.execute('SELECT document_id, start, "end" FROM spans ORDER BY document_id'),
        key=itemgetter(0),
    )
    tokenizing = encoding = 0.0
    span_doc, rows = next(edges, (None, iter(())))
    for doc_id, text in conn.execute("SELECT id, text FROM documents ORDER BY id"):
        starts: set[int] = set()
        ends: set[int] = set()
        if span_doc == doc_id:
            for _, start, end in rows:
                starts.add(start)
                ends.add(end)
            span_doc, rows = next(edges, (None, iter(())))
        started = time.perf_counter()
        bounds = spaced_tokens(text, starts, ends)
        spaces = spaces_after(bounds, len(text))
        tokenized = time.perf_counter()
        tokens_json(text, bounds, spaces)
        tokenizing += tokenized - started
        encoding += time.perf_counter() - tokenized
    return tokenizing, encoding


def run_bare(
    exporter: Exporter, conn: sqlite3.Connection, annotator_id: int, out: Path, documents: int
) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    lines = exporter(conn, annotator_id, out)
    elapsed = time.perf_counter() - started
    if lines != documents:
        raise SystemExit(f"{exporter.__name__} wrote {lines} lines for {documents} documents")
    size, digest = out.stat().st_size, _digest(out)
    out.unlink()
    return elapsed, size, digest


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
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument(
        "--profile-docs",
        type=int,
        default=2_000,
        help="profile an export of the first N of the same documents (default 2,000); "
        "0 profiles the timed project",
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
        floor: list[float] = []
        same: list[float] = []
        tokenizer: list[float] = []
        token_json: list[float] = []
        try:
            for run in range(args.runs):
                elapsed, ours_size, ours_digest = run_ours(store, out, documents)
                ours.append(elapsed)
                elapsed, floor_size, _ = run_bare(export_floor, conn, annotator_id, out, documents)
                floor.append(elapsed)
                elapsed, same_size, same_digest = run_bare(
                    export_same_lines, conn, annotator_id, out, documents
                )
                same.append(elapsed)
                tokenizing, encoding = time_token_parts(conn)
                tokenizer.append(tokenizing)
                token_json.append(encoding)
                if run == 0 and (same_digest, same_size) != (ours_digest, ours_size):
                    raise SystemExit("the same-lines exporter wrote other bytes than ours")
        finally:
            conn.close()
            store.close()

        ratio = statistics.median(ours) / statistics.median(floor)
        same_ratio = statistics.median(ours) / statistics.median(same)
        print(_data.spread_line("ours", ours))
        print(_data.spread_line("floor", floor) + "   (sqlite3 + orjson, text and spans only)")
        print(_data.spread_line("same lines", same) + "   (sqlite3 + orjson, our exact bytes)")
        print(
            f"ratio      {ratio:.2f}x the floor  (target <= {TARGET:.0f}x: "
            f"{_data.verdict(ratio, TARGET)})"
        )
        print(f"ratio      {same_ratio:.2f}x the same lines written by orjson")
        floor_median = statistics.median(floor)
        tokenizer_median, json_median = statistics.median(tokenizer), statistics.median(token_json)
        print(
            _data.spread_line("tokenizer", tokenizer)
            + f"   (part of ours: {tokenizer_median / floor_median:.2f}x the floor by itself)"
        )
        print(
            _data.spread_line("token JSON", token_json)
            + f"   (part of ours: {json_median / floor_median:.2f}x the floor by itself)"
        )
        # per round (ours minus its two parts measured in the same round), then the median
        rounds = zip(ours, tokenizer, token_json, strict=True)
        rest = statistics.median(
            whole - tokenizing - encoding for whole, tokenizing, encoding in rounds
        )
        print(
            f"the rest   {rest:.3f} s of ours, median of each round's ours minus its two parts "
            f"(read, spans, hashes, write): {rest / floor_median:.2f}x the floor"
        )
        print(
            f"output: ours {ours_size / 1e6:.0f} MB ({ours_size / documents / 1e3:.1f} kB a "
            f"line, byte-identical to the same-lines exporter), floor "
            f"{floor_size / 1e6:.0f} MB ({floor_size / documents / 1e3:.1f} kB a line)"
        )
        print(
            f"per document: ours {statistics.median(ours) / documents * 1e3:.2f} ms, "
            f"floor {statistics.median(floor) / documents * 1e3:.2f} ms"
        )

        if profile_docs == documents:
            profiled, what = db, "the timed project"
        else:
            profiled, what = root / "profile.db", f"the first {profile_docs:,} documents"
            _data.build_project(profiled, profile_docs, SPANS, progress=False)
        print(f"\ncProfile of export_jsonl over {what}, top 15 by cumulative time:")
        print(profile(profiled, out))
        print(
            summary_line(
                f"export_jsonl_{documents}", f"{ratio:.2f}x", f"<={TARGET:.0f}x", ratio <= TARGET
            )
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
