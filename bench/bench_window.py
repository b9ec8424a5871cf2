"""Benchmark of the annotation window, offscreen, with 100,000 documents in the list.

Measures, on a 100,000-character document with 3,000 spans (some nested, some linked):
  open    selecting the document in the list until the view is painted (median of 5)
  label   one label key on a selection: core commit + every view refreshed + painted
          (median of 200)
  switch  moving to the next (small) document and painting it (median of 50)
  memory  RSS growth from building the window with the 100,000-row list
Baselines in the same run: QTextEdit.setPlainText + paint of the same text (open, switch),
and the core's add_span commit alone (label). Targets: open <= 300 ms, label <= 16 ms,
switch <= 100 ms, list memory < 100 MB.

    QT_QPA_PLATFORM=offscreen python bench/bench_window.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import _data
from PySide6.QtWidgets import QApplication, QTextEdit

from annotator.core.store import Store
from annotator.core.store.database import now
from annotator.core.store.documents import NewDocument
from annotator.ui.app import application, build_window
from annotator.ui.window_layout import use_settings_folder

WORDS = _data.vocabulary()


def big_text(rng: random.Random, size: int = 100_000) -> str:
    lines, total = [], 0
    while total < size:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))) + "."
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)[:size].rstrip() + "\n"


def add_big_document(store: Store, rng: random.Random, spans: int) -> int:
    text = big_text(rng)
    doc = store.documents.add_many([NewDocument(text, "وثيقة طويلة للقياس")]).ids[0]
    who = store.annotator_by_name(_data.ANNOTATOR).id
    words = [m.span() for m in _data._WORD.finditer(text)]
    rows, used = [], set()
    stamp = now()
    while len(rows) < spans:
        i = rng.randrange(len(words) - 12)
        if i in used:
            continue
        used.add(i)
        outer = (words[i][0], words[i + 10][1], "CLAIM")
        inner = (words[i + 2][0], words[i + 5][1], "QUOTE")
        name = (words[i + 3][0], words[i + 3][1], "PERSON")
        for start, end, label in (outer, inner, name)[: spans - len(rows)]:
            rows.append((doc, who, label, start, end, stamp, stamp))
    conn = store.db.conn
    with store.transaction():
        conn.executemany(
            'INSERT OR IGNORE INTO spans (document_id, annotator_id, label, start, "end", '
            "attributes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '{}', ?, ?)",
            rows,
        )
    return doc


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def painted(app: QApplication, widget) -> None:
    widget.viewport().repaint()
    app.processEvents()


def ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:8.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 documents, fewer runs")
    args = parser.parse_args()
    documents = 10_000 if args.quick else 100_000
    labels_n, switches_n = (40, 20) if args.quick else (200, 50)
    root = Path(tempfile.mkdtemp(prefix="bench-window-"))
    try:
        db = root / "p.db"
        started = time.perf_counter()
        _data.build_project(db, documents, 0, min_chars=300, max_chars=600, progress=False)
        store = Store.open(db)
        rng = random.Random(7)
        big = add_big_document(store, rng, 3000)
        print(
            f"window: {documents:,} documents + one of 100,000 characters with 3,000 spans "
            f"(built in {time.perf_counter() - started:.1f} s)"
        )
        app = application()
        use_settings_folder(root)  # the bench's window must not move the user's own windows
        before = rss_mb()
        window = build_window(store, _data.ANNOTATOR)
        window.resize(1400, 860)
        window.show()
        app.processEvents()
        print(f"memory   window with the {documents:,}-row list: +{rss_mb() - before:.1f} MB RSS")

        text = store.documents.text(big)
        small = window.documents.first_id()
        opens, plain = [], []
        probe = QTextEdit()
        probe.resize(700, 700)
        probe.show()
        for _ in range(5):
            window.documents.select_document(small)
            painted(app, window.view)
            t = time.perf_counter()
            window.documents.select_document(big)
            painted(app, window.view)
            opens.append(time.perf_counter() - t)
            t = time.perf_counter()
            probe.setPlainText(text)
            painted(app, probe)
            plain.append(time.perf_counter() - t)
        print(
            f"open     {ms(opens)}   baseline setPlainText+paint {ms(plain)}   "
            f"ratio {statistics.median(opens) / statistics.median(plain):.2f}x  (target <= 300 ms)"
        )

        words = [m.span() for m in _data._WORD.finditer(text)]
        taken = {(s.start, s.end) for s in window.editor.spans}
        free = [w for w in words if w not in taken]
        rng.shuffle(free)
        labels, core = [], []
        who = store.annotator_by_name(_data.ANNOTATOR).id
        for start, end in free[:labels_n]:
            window.view.select_offsets(start, end)
            t = time.perf_counter()
            window.apply_label("GPE", False)
            painted(app, window.view)
            labels.append(time.perf_counter() - t)
        for start, end in free[labels_n : 2 * labels_n]:
            t = time.perf_counter()
            store.annotations.add_span(big, who, "LOC", start, end)
            core.append(time.perf_counter() - t)
        print(
            f"label    {ms(labels)}   baseline core add_span {ms(core)}   "
            f"ratio {statistics.median(labels) / statistics.median(core):.2f}x  "
            f"(target <= 16 ms)"
        )

        window.documents.select_document(small)
        painted(app, window.view)
        switches, plain_switch = [], []
        for _ in range(switches_n):
            t = time.perf_counter()
            window.next_document()
            painted(app, window.view)
            switches.append(time.perf_counter() - t)
            doc_text = window.editor.text
            t = time.perf_counter()
            probe.setPlainText(doc_text)
            painted(app, probe)
            plain_switch.append(time.perf_counter() - t)
        print(
            f"switch   {ms(switches)}   baseline setPlainText+paint {ms(plain_switch)}   "
            f"ratio {statistics.median(switches) / statistics.median(plain_switch):.2f}x  "
            f"(target <= 100 ms)"
        )
        window.close()
        store.close()
        sqlite3.connect(db).close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
