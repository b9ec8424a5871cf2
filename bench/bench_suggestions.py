"""Benchmark of suggestions in the window, offscreen.

accept    the real key path of A on the current suggestion (a quotation with its speaker
          and link: the core's one transaction, the undo stack, the editor, the view and
          the suggestions read again) until the view is painted; beside it, interleaved
          run by run, the label key on a free word (the path issue 13 measures) and the
          view repainted unchanged. 100,000-character document, 3,000 spans, 600
          suggestions (target: median <= 16 ms).
frames    while `annotator train` trains a model in the background (as Train my model
          does), the view scrolls one step every 16 ms: the time from one frame to the
          next, in blocks interleaved with blocks where nothing trains (target: no frame
          over 50 ms). Needs ../shared/data/wojood-sample (skipped without it).

  QT_QPA_PLATFORM=offscreen python bench/bench_suggestions.py [--quick] [--no-frames]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import _data
from bench_window import PANEL_SETTLE_MS, add_big_document, key_of, ms, painted
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from summary import summary_line

from annotator.core.model import Suggested, SuggestedLink, SuggestedSpan
from annotator.core.store import Store
from annotator.ui.app import application, build_window
from annotator.ui.window_layout import use_settings_folder

WOJOOD = Path(__file__).resolve().parents[2] / "shared" / "data" / "wojood-sample"
FRAME_MS = 16
FRAME_TARGET_MS = 50


def add_suggestions(store: Store, doc: int, rng: random.Random, pairs: int) -> None:
    """`pairs` quotations, each with a speaker and a SAID_BY link, on free words."""
    text = store.documents.text(doc)
    words = [m.span() for m in _data._WORD.finditer(text)]
    taken = {(s.start, s.end) for s in store.annotations.spans(doc)}
    out = Suggested()
    starts = sorted(rng.sample(range(len(words) - 8), pairs * 3))[::3]
    for i in starts:
        if words[i + 1] in taken or (words[i + 3][0], words[i + 6][1]) in taken:
            continue
        head = len(out.spans)
        out.spans.append(SuggestedSpan("QUOTE", words[i + 3][0], words[i + 6][1], 0.9))
        out.spans.append(SuggestedSpan("PERSON", *words[i + 1], 0.8))
        out.links.append(SuggestedLink(head, head + 1, "SAID_BY"))
    store.suggestions.replace(doc, "quotes", None, out)


def bench_accept(app, quick: bool) -> list[float]:
    rng = random.Random(3)
    folder = Path(tempfile.mkdtemp(prefix="bench-suggest-"))
    try:
        store = Store.open(folder / "p.db")
        store.ensure_annotator(_data.ANNOTATOR)
        doc = add_big_document(store, rng, 3000)
        add_suggestions(store, doc, rng, 300)
        window = build_window(store, _data.ANNOTATOR)
        controller = window.suggestions
        for name in ("quotes", "propagate", "model"):  # only what this bench stored
            controller.set_recipe_on(name, False)
        window.resize(1366, 768)
        window.show()
        window.documents.select_document(doc)
        window.activateWindow()
        window.view.setFocus()
        QTest.qWaitForWindowActive(window)
        painted(app, window.view)
        text = store.documents.text(doc)
        words = [m.span() for m in _data._WORD.finditer(text)]
        covered = {(s.start, s.end) for s in controller.items} | {
            (s.start, s.end) for s in window.editor.spans
        }
        free = [w for w in words if w not in covered]
        rng.shuffle(free)
        runs = 40 if quick else 150
        label_key = key_of(store, "GPE")
        accepts, labels, floor = [], [], []
        for start, end in free[:runs]:
            quotes = [s for s in controller.items if s.label == "QUOTE" and s.links]
            controller.select(quotes[rng.randrange(len(quotes))], scroll=True)
            painted(app, window.view)
            t = time.perf_counter()
            QTest.keyClick(window.view, Qt.Key.Key_A)
            painted(app, window.view)
            accepts.append(time.perf_counter() - t)
            QTest.qWait(PANEL_SETTLE_MS)
            window.view.select_offsets(start, end)
            app.processEvents()
            t = time.perf_counter()
            QTest.keyClick(window.view, label_key)
            painted(app, window.view)
            labels.append(time.perf_counter() - t)
            QTest.qWait(PANEL_SETTLE_MS)
            t = time.perf_counter()
            painted(app, window.view)
            floor.append(time.perf_counter() - t)
        made = len(store.annotations.relations(doc))
        if made < runs:
            raise SystemExit(f"only {made} of {runs} accept keys made a quote with its link")
        spans = len(window.editor.spans)
        print(f"accept   {ms(accepts)}   (A: quote + speaker + link)  [{spans:,} spans]")
        print(
            f"label    {ms(labels)}   (the label key, same runs)  accept/label "
            f"{statistics.median(accepts) / statistics.median(labels):.2f}x"
        )
        print(f"floor    {ms(floor)}   (the view repainted unchanged)")
        window.close()
        store.close()
        return accepts
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bench_frames(app, quick: bool) -> list[float] | None:
    if not (WOJOOD / "val.txt").is_file():
        print("frames   skipped: ../shared/data/wojood-sample is not there")
        return None
    folder = Path(tempfile.mkdtemp(prefix="bench-frames-"))
    try:
        db = folder / "p.db"
        annotator = [sys.executable, "-m", "annotator", "--db", str(db)]
        subprocess.run(
            [
                *annotator,
                "import",
                str(WOJOOD / "val.txt"),
                "--format",
                "conll",
                "--annotator",
                "wojood",
                "--map-wojood",
                "--create-labels",
            ],
            check=True,
            capture_output=True,
        )
        store = Store.open(db)
        window = build_window(store, "wojood")
        for name in ("quotes", "propagate", "model"):
            window.suggestions.set_recipe_on(name, False)
        window.resize(1366, 768)
        window.show()
        painted(app, window.view)
        bar = window.view.verticalScrollBar()

        def frames(seconds: float) -> list[float]:
            gaps: list[float] = []
            last = [time.perf_counter()]

            def tick() -> None:
                bar.setValue((bar.value() + 7) % max(1, bar.maximum()))
                window.view.viewport().repaint()
                now = time.perf_counter()
                gaps.append(now - last[0])
                last[0] = now

            timer = QTimer()
            timer.setInterval(FRAME_MS)
            timer.timeout.connect(tick)
            timer.start()
            QTest.qWait(int(seconds * 1000))
            timer.stop()
            return gaps[1:]

        training = window.suggestions.training
        idle, busy = [], []
        block = 2.0 if quick else 4.0
        idle += frames(block)
        training.start(str(db), "wojood")
        for _ in range(3 if quick else 6):
            if not training.running:
                break
            busy += frames(block)
            idle_block = frames(block / 4)  # the same loop, while it still trains
            busy += idle_block
        training.cancel()
        QTest.qWait(500)
        idle += frames(block)
        slow = [f for f in busy if f > FRAME_TARGET_MS / 1000]
        print(f"frames   idle      {ms(idle)}   ({len(idle)} frames)")
        print(
            f"         over {FRAME_TARGET_MS} ms while training: {len(slow)} of {len(busy)} "
            f"({', '.join(f'{1000 * f:.0f}' for f in sorted(slow)[-5:])} ms)"
        )
        print(
            f"frames   training  {ms(busy)}   ({len(busy)} frames; worst "
            f"{1000 * max(busy):.1f} ms, target <= {FRAME_TARGET_MS} ms)"
        )
        window.close()
        store.close()
        return busy
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--no-frames", action="store_true", help="skip the training frames")
    args = parser.parse_args()
    settings = Path(tempfile.mkdtemp(prefix="bench-settings-"))
    use_settings_folder(settings)
    app = application()
    accepts = bench_accept(app, args.quick)
    busy = None if args.no_frames else bench_frames(app, args.quick)
    median = 1000 * statistics.median(accepts)
    print(summary_line("accept_key_3000", f"{median:.1f}ms", "<=16ms", median <= 16))
    if busy:
        worst = 1000 * max(busy)
        print(summary_line("frame_while_training", f"{worst:.0f}ms", "<=50ms", worst <= 50))
    shutil.rmtree(settings, ignore_errors=True)


if __name__ == "__main__":
    main()
