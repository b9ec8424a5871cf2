"""Suggestions drawn in the article view so that nobody takes one for an annotation: a
dashed outline in the label's colour around the suggested text, no fill and no bar; the
current suggestion gets a thicker outline and a faint wash. Hovering one tells its
recipe, label, confidence and how it was found.

`SuggestionMarks` belongs to one `DocumentView` and draws only the visible blocks.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from annotator.ui.span_overlay import layout_lines

if TYPE_CHECKING:
    from PySide6.QtGui import QTextBlock

    from annotator.ui.document_view import DocumentView

WASH_ALPHA = 50  # of 255: the current suggestion's faint fill


@dataclass(frozen=True)
class SuggestionMark:
    """One suggestion as the view draws it: code-point offsets, colour, hover text."""

    id: int
    start: int
    end: int
    colour: str
    layer: str
    label: str
    confidence: float
    note: str

    @property
    def tooltip(self) -> str:
        """Made when hovered, not for every suggestion at every repaint."""
        return tooltip_for(self.layer, self.label, self.confidence, self.note)


def tooltip_for(layer: str, label: str, confidence: float, note: str) -> str:
    """The hover text of a suggestion (plain text; the view escapes it)."""
    head = QCoreApplication.translate("SuggestionMarks", "Suggestion ({layer}): {label}, {sure}%")
    lines = [head.format(layer=layer, label=label, sure=round(confidence * 100))]
    if note:
        lines.append(note)
    lines.append(QCoreApplication.translate("SuggestionMarks", "A accept · X reject · N next"))
    return "\n".join(lines)


class SuggestionMarks:
    """The suggestions of one view: where they are and how they are painted."""

    def __init__(self, view: DocumentView) -> None:
        self._view = view
        self._marks: list[SuggestionMark] = []
        self._starts: list[int] = []
        self.current: int | None = None
        self._longest = 0
        self._rects: dict[tuple[int, int, int], list[QRectF]] = {}  # (start, end, block)
        self._rects_key: tuple = ()
        self._dashes: dict[int, tuple] = {}  # block -> (marks, layout, what it paints)

    def set_marks(self, marks: list[SuggestionMark], current: int | None) -> None:
        """Show these suggestions (any order), `current` highlighted."""
        self._marks = sorted(marks, key=lambda m: (m.start, -m.end, m.id))
        self._starts = [m.start for m in self._marks]
        self._longest = max((m.end - m.start for m in self._marks), default=0)
        self.current = current
        self._view.viewport().update()

    def set_current(self, current: int | None) -> None:
        """Highlight another suggestion (or none)."""
        if current != self.current:
            self.current = current
            self._view.viewport().update()

    def forget_layout(self) -> None:
        """A new text is shown: no rectangle of the old one may be reused."""
        self._rects.clear()
        self._dashes.clear()

    @property
    def marks(self) -> list[SuggestionMark]:
        return list(self._marks)

    def at(self, offset: int) -> list[SuggestionMark]:
        """The suggestions covering code point `offset`, innermost first."""
        covering = [m for m in self._marks[: bisect_right(self._starts, offset)] if offset < m.end]
        return sorted(covering, key=lambda m: m.end - m.start)

    def in_range(self, start: int, end: int) -> list[SuggestionMark]:
        """The suggestions that overlap code points start..end."""
        lo = bisect_right(self._starts, start - self._longest)
        hi = bisect_right(self._starts, end)
        return [m for m in self._marks[lo:hi] if m.end > start and m.start < end]

    def rects(self, mark: SuggestionMark, block: QTextBlock, lines: list[tuple]) -> list[QRectF]:
        """A suggestion's text rectangles in one block (block layout coordinates), kept
        by offsets and block until the text is laid out anew."""
        view = self._view
        key = (view.document().textWidth(), view.zoom_level())
        if key != self._rects_key:
            self._rects.clear()
            self._rects_key = key
        cache_key = (mark.start, mark.end, block.blockNumber())
        cached = self._rects.get(cache_key)
        if cached is None:
            lo, hi = view.block_range(block)
            cached = view.range_rects(block, lines, max(mark.start, lo), min(mark.end, hi))
            self._rects[cache_key] = cached
        return cached

    def paint(self, painter: QPainter, blocks: list[QTextBlock], dx: float, dy: float) -> None:
        """Outline the suggestions of the visible blocks: each colour's dashes of a block
        in one call (filled rectangles, made once per block; stroking a dashed pen cost
        30 µs a suggestion, 5 ms a frame with a screenful of them)."""
        if not self._marks or not blocks:
            return
        view = self._view
        painter.setPen(Qt.PenStyle.NoPen)
        for block in blocks:
            layout = block.layout()
            if layout.lineCount() == 0:
                continue
            marks = self.in_range(*view.block_range(block))
            if not marks:
                continue
            origin = layout.position()
            ox, oy = origin.x() - dx, origin.y() - dy
            painter.translate(ox, oy)
            for brush, rects in self._block_dashes(block, marks):
                painter.setBrush(brush)
                painter.drawRects(rects)
            painter.translate(-ox, -oy)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _block_dashes(
        self, block: QTextBlock, marks: list[SuggestionMark]
    ) -> list[tuple[QColor, list[QRectF]]]:
        """What one block's suggestions paint, in its layout's coordinates: the current
        one's wash, then each colour's dashes; kept while its suggestions, the current one
        and the layout stay the same."""
        n = block.blockNumber()
        # by what is drawn, not by id: a recipe run stores its suggestions anew (new ids)
        current = self.current
        key = tuple((m.start, m.end, m.colour, m.id == current) for m in marks)
        laid_out = (self._view.document().textWidth(), self._view.zoom_level())
        cached = self._dashes.get(n)
        if cached is not None and cached[0] == key and cached[1] == laid_out:
            return cached[2]
        lines = layout_lines(block.layout())
        washes: list[tuple[QColor, list[QRectF]]] = []
        dashes: dict[str, list[QRectF]] = {}
        for mark in marks:
            current = mark.id == self.current
            rects = [r.adjusted(-1, 0, 1, 0) for r in self.rects(mark, block, lines)]
            if current:
                wash = QColor(mark.colour)
                wash.setAlpha(WASH_ALPHA)
                washes.append((wash, rects))
            out = dashes.setdefault(QColor(mark.colour).darker(150).name(), [])
            for r in rects:
                out.extend(dashed_outline(r, 3 if current else 2))
        painted = [*washes, *((QColor(colour), rects) for colour, rects in dashes.items())]
        self._dashes[n] = (key, laid_out, painted)
        return painted


def dashed_outline(rect: QRectF, width: int) -> list[QRectF]:
    """A rectangle's outline as dashes (3 widths long, 1.5 apart), each a small filled
    rectangle inside `rect` on whole pixels, so that every dash is as thick as the next."""
    dash, gap = 3 * width, 1.5 * width
    left, top = round(rect.left()), round(rect.top())
    right, bottom = round(rect.right()), round(rect.bottom())
    out: list[QRectF] = []
    x = left
    while x < right:
        length = min(dash, right - x)
        out += (QRectF(x, top, length, width), QRectF(x, bottom - width, length, width))
        x += dash + gap
    y = top + width
    while y < bottom - width:
        length = min(dash, bottom - width - y)
        out += (QRectF(left, y, width, length), QRectF(right - width, y, width, length))
        y += dash + gap
    return out
