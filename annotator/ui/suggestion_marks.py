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
from PySide6.QtGui import QColor, QPainter, QPen

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
        """Outline the suggestions of the visible blocks."""
        if not self._marks or not blocks:
            return
        view = self._view
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for block in blocks:
            layout = block.layout()
            if layout.lineCount() == 0:
                continue
            marks = self.in_range(*view.block_range(block))
            if not marks:
                continue
            lines = layout_lines(layout)
            origin = layout.position()
            ox, oy = origin.x() - dx, origin.y() - dy
            for mark in marks:
                current = mark.id == self.current
                painter.setPen(
                    QPen(
                        QColor(mark.colour).darker(150),
                        2.5 if current else 1.3,
                        Qt.PenStyle.DashLine,
                    )
                )
                wash = QColor(mark.colour)
                wash.setAlpha(WASH_ALPHA)
                painter.setBrush(wash if current else Qt.BrushStyle.NoBrush)
                for r in self.rects(mark, block, lines):
                    painter.drawRoundedRect(r.translated(ox, oy).adjusted(-1, 0, 1, 0), 3, 3)
        painter.setBrush(Qt.BrushStyle.NoBrush)
