"""What drawing links as arcs costs the article view: its repaint, and a label (one span
added, then the repaint), with the arcs drawn against the same view with them left out,
interleaved in the same run (ours, base, ours, base...).

The 100,000-character article of bench_view.py with its 3,000 spans and 600 quote→speaker
links, and the same text with ~30,000 spans (nine per five words) and a link per five
words (issue 13's large case).

    QT_QPA_PLATFORM=offscreen python bench/bench_link_arcs.py [--rounds 100]

Prints min / median / max in milliseconds, and how many arcs are on screen.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))

import bench_view  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from summary import summary_line  # noqa: E402

from annotator.ui.document_view import DocumentView, PaintLink, PaintSpan  # noqa: E402


def figures(samples: list[float]) -> str:
    ms = [s * 1000.0 for s in samples]
    return f"{min(ms):7.2f} / {statistics.median(ms):7.2f} / {max(ms):7.2f} ms"


def coloured(links: list[PaintLink]) -> list[PaintLink]:
    """The links as the window gives them: with their relation's colour."""
    return [PaintLink(link.number, link.head_id, link.child_id, "#3d85c6") for link in links]


def dense_spans(words: list[tuple[int, int]], count: int) -> tuple[list, list]:
    """About `count` spans, nine per five words (a claim over a quote over names, its
    speaker, more entities), each quote linked to its speaker."""
    spans: list[PaintSpan] = []
    links: list[PaintLink] = []
    shapes = (
        ("CLAIM", 0, 4), ("QUOTE", 0, 2), ("PERSON", 0, 0), ("PERSON", 1, 1), ("PERSON", 2, 2),
        ("PERSON", 3, 3), ("ORG", 4, 4), ("QUOTE", 3, 4), ("CLAIM", 0, 1),
    )  # fmt: skip
    base = 0
    while len(spans) < count and base + 5 <= len(words):
        ids = []
        for label, first, last in shapes:
            span_id = len(spans) + 1
            start, end = words[base + first][0], words[base + last][1]
            spans.append(PaintSpan(span_id, start, end, label, "#c9daf8", label))
            ids.append(span_id)
        links.append(PaintLink(len(links) + 1, ids[1], ids[5], "#3d85c6"))
        base += 5
    return spans, links


def measure(app: QApplication, span_count: int, rounds: int) -> float:
    """Print the figures of one article; the median repaint with arcs / without."""
    rng = random.Random(7)
    text, words = bench_view.build_text(rng)
    if span_count <= bench_view.SPAN_COUNT:
        spans, links = bench_view.build_spans(rng, words)
        links = coloured(links)
    else:
        spans, links = dense_spans(words, span_count)
    view = DocumentView()
    view.resize(1200, 800)
    view.show()
    view.set_document(text, spans, links)
    app.processEvents()
    view.viewport().repaint()
    arcs = len(view.link_arcs.visible())
    print(f"{len(spans):,} spans, {len(links):,} links, {arcs} arcs on screen")

    drawn = view.link_arcs.paint
    left_out = lambda *args: None  # noqa: E731
    repaint = {"arcs": [], "no arcs": []}
    label = {"arcs": [], "no arcs": []}
    visible_words = words[5:200]
    for i in range(rounds):
        for name, paint in (("arcs", drawn), ("no arcs", left_out)):
            view.link_arcs.paint = paint
            started = time.perf_counter()
            view.viewport().repaint()
            repaint[name].append(time.perf_counter() - started)
            start, end = visible_words[i % len(visible_words)]
            extra = PaintSpan(10**6 + i, start, end, "ORG", "#1e88e5", "new")
            started = time.perf_counter()
            view.set_spans([*spans, extra], links)
            view.viewport().repaint()
            label[name].append(time.perf_counter() - started)
            view.set_spans(spans, links)
            view.viewport().repaint()
    view.link_arcs.paint = drawn
    for name in ("arcs", "no arcs"):
        print(f"  repaint, {name:8}  {figures(repaint[name])}")
    for name in ("arcs", "no arcs"):
        print(f"  label,   {name:8}  {figures(label[name])}  (set_spans + repaint)")
    view.close()
    return statistics.median(repaint["arcs"]) / statistics.median(repaint["no arcs"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=100)
    rounds = parser.parse_args().rounds
    app = QApplication.instance() or QApplication(sys.argv[:1])
    for span_count in (3_000, 30_000):
        ratio = measure(app, span_count, rounds)
        print(summary_line(f"arcs_repaint_{span_count}", f"{ratio:.2f}x", "<=1.2x", ratio <= 1.2))


if __name__ == "__main__":
    main()
