"""Benchmark the document view on a 100,000-character article with 3,000 spans.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_view.py

Prints medians in milliseconds:
  open      set_document(text, 3,000 spans) until the first paint is done (median of 5)
  baseline  plain QTextEdit.setPlainText(text) until the first paint (median of 5)
  one span  set_spans(spans + one new span) plus the repaint it causes (median of 200):
            the view's share of labelling only. It skips the key, the commit, the editor
            and the spans panel: what a user waits for is `label` in bench_window.py.
Targets: open <= 300 ms (the window's open, in bench_window.py, has the issue's target).
"""

from __future__ import annotations

import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QTextEdit  # noqa: E402
from summary import summary_line  # noqa: E402

from annotator.ui.document_view import DocumentView, PaintLink, PaintSpan  # noqa: E402
from annotator.ui.fonts import arabic_font  # noqa: E402

TARGET_CHARS = 100_000
SPAN_COUNT = 3_000
COLOURS = {"PERSON": "#e53935", "ORG": "#1e88e5", "QUOTE": "#43a047", "CLAIM": "#8e24aa"}


def build_text(rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """Paragraphs of real seed words; returns the text and each word's (start, end)."""
    words: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        words.extend(re.findall(r"\S+", path.read_text(encoding="utf-8")))
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    while length < TARGET_CHARS:
        paragraph_words = rng.randint(40, 90)
        for i in range(paragraph_words):
            word = rng.choice(words)
            if i:
                parts.append(" ")
                length += 1
            spans.append((length, length + len(word)))
            parts.append(word)
            length += len(word)
        parts.append("\n")
        length += 1
    text = "".join(parts)[:TARGET_CHARS]
    return text, [w for w in spans if w[1] <= len(text)]


def build_spans(
    rng: random.Random, words: list[tuple[int, int]]
) -> tuple[list[PaintSpan], list[PaintLink]]:
    """3,000 spans: entities, quotes around entities, claims around quotes (nested)."""
    spans: list[PaintSpan] = []
    links: list[PaintLink] = []
    next_id = 1

    def add(label: str, first: int, last: int) -> int:
        nonlocal next_id
        start, end = words[first][0], words[min(last, len(words) - 1)][1]
        spans.append(PaintSpan(next_id, start, end, label, COLOURS[label], f"{label} #{next_id}"))
        next_id += 1
        return next_id - 1

    stride = len(words) // (SPAN_COUNT // 5)
    for group in range(SPAN_COUNT // 5):
        base = group * stride
        add("CLAIM", base, base + 15)
        quote = add("QUOTE", base + 2, base + 9)
        add("PERSON", base + 4, base + 5)  # inside the quote inside the claim
        speaker = add("PERSON", base + 11, base + 12)
        org = base + rng.randint(17, stride - 2)
        add("ORG", org, org)
        links.append(PaintLink(group + 1, quote, speaker))
    return spans, links


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000.0


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    rng = random.Random(7)
    text, words = build_text(rng)
    spans, links = build_spans(rng, words)
    nested = sum(1 for s in spans if s.label == "QUOTE")
    print(f"text: {len(text):,} characters, {text.count(chr(10)) + 1} paragraphs")
    print(f"spans: {len(spans):,} ({nested} quote-in-claim nests with a person inside)")

    view = DocumentView()
    view.resize(1200, 800)
    view.show()
    app.processEvents()

    opens = []
    for _ in range(5):
        view.set_document("", [])
        app.processEvents()
        started = time.perf_counter()
        view.set_document(text, spans, links)
        view.viewport().repaint()
        app.processEvents()
        opens.append(time.perf_counter() - started)

    baseline = QTextEdit()
    baseline.setFont(arabic_font(14))
    baseline.resize(1200, 800)
    baseline.show()
    app.processEvents()
    plain = []
    for _ in range(5):
        baseline.setPlainText("")
        app.processEvents()
        started = time.perf_counter()
        baseline.setPlainText(text)
        baseline.viewport().repaint()
        app.processEvents()
        plain.append(time.perf_counter() - started)
    baseline.close()

    # Apply one label: a new span in the visible part of the text, then the repaint.
    view.set_document(text, spans, links)
    app.processEvents()
    visible_words = words[5:200]
    one_span = []
    one_span_call = []
    for i in range(200):
        start, end = visible_words[i % len(visible_words)]
        extra = PaintSpan(10_000 + i, start, end, "ORG", COLOURS["ORG"], "new")
        started = time.perf_counter()
        view.set_spans([*spans, extra], links)
        called = time.perf_counter()
        view.viewport().repaint()
        one_span.append(time.perf_counter() - started)
        one_span_call.append(called - started)

    # A repaint with nothing changed: the per-paint cost of bars and badges.
    repaints = []
    for _ in range(50):
        started = time.perf_counter()
        view.viewport().repaint()
        repaints.append(time.perf_counter() - started)

    open_ms, plain_ms, span_ms = median_ms(opens), median_ms(plain), median_ms(one_span)
    print(f"open (set_document + first paint), median of 5:  {open_ms:8.1f} ms  (target 300)")
    print(f"baseline QTextEdit.setPlainText + first paint:   {plain_ms:8.1f} ms")
    print(f"open / baseline:                                  {open_ms / plain_ms:8.2f}x")
    print(f"one span, view only (set_spans + repaint):        {span_ms:8.2f} ms")
    print("  (what a user waits for is label in bench_window.py)")
    print(f"  of which set_spans itself:                      {median_ms(one_span_call):8.2f} ms")
    print(f"repaint only, median of 50:                       {median_ms(repaints):8.2f} ms")
    ratio = span_ms / median_ms(repaints)
    print(f"one span / repaint only:                          {ratio:8.2f}x")
    print("target met" if open_ms <= 300 else "TARGET MISSED")
    print(summary_line(f"view_open_{len(spans)}", f"{open_ms:.0f}ms", "<=300ms", open_ms <= 300))


if __name__ == "__main__":
    main()
