"""Where the article view's spans are on screen, and their painting: each span's bar under
its text at its nesting depth, the numbered badges of links, the tooltip of the span under
the mouse, and the hit test from a point to a code-point offset.

`SpanOverlay` is a part of `DocumentView` (mixed into its `QTextEdit`): it reads the view's
span index, text and UTF-16 map, and draws only the visible blocks.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QTextBlock,
    QTextLayout,
)
from PySide6.QtWidgets import QToolTip

from annotator.ui.plain_text import tooltip_lines
from annotator.ui.span_painter import (
    PaintSpan,
    Segment16,
    SpanIndex,
    badge_width,
    paint_badge,
)

_RUN_FLAGS = QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphIndexes

SpanFragment = tuple[int, int, list[QRectF]]  # (span id, depth, rects in viewport coordinates)


def layout_lines(layout: QTextLayout) -> list[tuple]:
    """(start, end, y, height, line) of each line of a block's layout, UTF-16 positions."""
    lines = []
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        start = line.textStart()
        lines.append((start, start + line.textLength(), line.y(), line.height(), line))
    return lines


class SpanOverlay:
    """Span geometry, painting and tooltips of `DocumentView` (a mixin of its QTextEdit)."""

    # ----------------------------------------------------------------- tooltips

    def tooltip_html_at(self, offset: int) -> str:
        """Tooltip for code point `offset`: every covering span's tooltip, innermost first.

        Each tooltip is escaped, so it shows literally even when it looks like markup.
        """
        tips = [s.tooltip for s in self._index.spans_at(offset)]
        tips += [m.tooltip for m in self.suggestion_marks.at(offset)]
        if not tips:
            return ""
        return f"<div>{tooltip_lines(tips)}</div>"

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            offset = self.offset_at_point(event.pos())
            tip = self.tooltip_html_at(offset) if offset is not None else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def offset_at_point(self, point: QPoint) -> int | None:
        """Code point of the character under `point` (viewport coordinates), if any."""
        if not self._text:
            return None
        dx, dy = self._scroll_offset()
        x, y = point.x() + dx, point.y() + dy
        block = self._hit_block(x, y)
        if block is None:
            return None
        layout = block.layout()
        origin = layout.position()
        x, y = x - origin.x(), y - origin.y()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() <= y < line.y() + line.height():
                break
        else:
            return None
        base = block.position()
        line_start, line_end = line.textStart(), line.textStart() + line.textLength()
        cp = self._map.to_codepoint(base + line.xToCursor(x), "down")
        for candidate in (cp, cp - 1):
            if not 0 <= candidate < len(self._text):
                continue
            c16 = self._map.to_utf16(candidate) - base
            if not line_start <= c16 < line_end:
                continue
            length = self._map.to_utf16(candidate + 1) - base - c16
            for run in layout.glyphRuns(c16, length, _RUN_FLAGS):
                rect = run.boundingRect()
                if rect.left() - 0.5 <= x <= rect.right() + 0.5:
                    return candidate
        return None

    # ----------------------------------------------------------------- painting

    def _block_segments(self, block: QTextBlock) -> list[Segment16]:
        """Background formats of one block for the highlighter (UTF-16, block-relative)."""
        n = block.blockNumber()
        if n < 0 or n >= len(self._index.by_block) or not self._index.by_block[n]:
            return []
        cached = self._segments16.get(n)
        if cached is not None:
            return cached
        to16 = self._map.to_utf16
        base = block.position()
        out = []
        for a, b, colour in self._index.background_segments(n):
            a16 = to16(a)
            out.append((a16 - base, to16(b) - a16, self._span_look.format(colour)))
        self._segments16[n] = out
        return out

    def _scroll_offset(self) -> tuple[int, int]:
        """Document coordinates of the viewport's top-left corner."""
        hbar = self.horizontalScrollBar()
        dx = hbar.maximum() - hbar.value() if self.isRightToLeft() else hbar.value()
        return dx, self.verticalScrollBar().value()

    def _hit_block(self, x: float, y: float) -> QTextBlock | None:
        """The block under document point (x, y), if Qt's hit test can be trusted there."""
        doc = self.document()
        layout = doc.documentLayout()
        pos = layout.hitTest(QPointF(x, y), Qt.HitTestAccuracy.FuzzyHit)
        block = doc.findBlock(max(0, pos))
        rect = layout.blockBoundingRect(block)
        return block if rect.top() <= y <= rect.bottom() else None

    def _snap_y(self, x: float, y: float) -> float:
        """A document y at which Qt's hit test is right, as close above `y` as possible.

        Qt's hit test answers "end of the document" for a point between two block boxes:
        the room under a paragraph's last line (where the bars are) or the top margin.
        Moving such a point up into the line above gives the position a reader expects.
        """
        top = self.document().documentMargin() + 1.0
        if y < top:
            return top
        if self._hit_block(x, y) is not None:
            return y
        room = self._metrics.room
        for shift in (room + 1.0, room / 2.0, 2.0 * room + 2.0):
            if y - shift >= top and self._hit_block(x, y - shift) is not None:
                return y - shift
        return y

    def _block_at_y(self, y: float) -> QTextBlock:
        """The block at document y-coordinate `y` (or the one just above it)."""
        x = self.document().textWidth() / 2.0
        block = self._hit_block(x, self._snap_y(x, y))
        return block if block is not None else self.document().firstBlock()

    def _visible_blocks(self) -> Iterator[QTextBlock]:
        if not self._text:
            return
        layout = self.document().documentLayout()
        _, top = self._scroll_offset()
        bottom = top + self.viewport().height()
        block = self._block_at_y(top)
        previous = block.previous()  # its bars can reach into the top of the viewport
        if previous.isValid():
            block = previous
        while block.isValid():
            if layout.blockBoundingRect(block).top() > bottom:
                break
            yield block
            block = block.next()

    def _layout_fragments(self, block: QTextBlock) -> list[tuple[PaintSpan, list[QRectF]]]:
        """Each span's text rectangles in this block, in the block layout's coordinates.

        One rectangle per line and visual run: a span that wraps, or that mixes
        right-to-left and left-to-right text, has several.
        """
        key = (self.document().textWidth(), self._zoom)
        if key != self._fragments_key:
            self._fragments.clear()
            self._badge_cache.clear()
            self._rects_cache.clear()
            self._fragments_key = key
        n = block.blockNumber()
        cached = self._fragments.get(n)
        if cached is not None:
            return cached
        spans = self._index.by_block[n]
        layout = block.layout()
        if not spans or layout.lineCount() == 0:
            return []
        lines = layout_lines(layout)
        block_start, block_end = self._index.block_range(n)
        # an edit changes a block's spans (only colours), not where its characters are: the
        # rectangles of the spans it did not touch are taken again while the block's lines
        # keep their bounds and natural widths (a new span edge that splits a ligature would
        # change a width, and then every rectangle of the block is made again)
        lines_key = tuple(
            (*line[:4], line[4].x(), line[4].width(), line[4].naturalTextWidth()) for line in lines
        )
        known = self._rects_cache.get(n)
        if known is None or known[0] != lines_key:
            known = self._rects_cache[n] = (lines_key, {})
        rects_of = known[1]
        out = []
        for span in spans:
            bounds = (max(span.start, block_start), min(span.end, block_end))
            rects = rects_of.get(bounds)
            if rects is None:
                rects = rects_of[bounds] = self.range_rects(block, lines, *bounds)
            out.append((span, rects))
        self._fragments[n] = out
        return out

    def range_rects(
        self, block: QTextBlock, lines: list[tuple], start: int, end: int
    ) -> list[QRectF]:
        """The rectangles of code points start..end of one block (in the block layout's
        coordinates): one per line and visual run."""
        layout = block.layout()
        base = block.position()
        a16 = self._map.to_utf16(start) - base
        b16 = self._map.to_utf16(end) - base
        rects: list[QRectF] = []
        for line_start, line_end, y, height, line in lines:
            a, b = max(a16, line_start), min(b16, line_end)
            if a >= b:
                continue
            xs = sorted(
                (r.left(), r.right())
                for r in (run.boundingRect() for run in layout.glyphRuns(a, b - a, _RUN_FLAGS))
                if r.width() > 0
            )
            if not xs:  # only white space: take the cursor positions
                x1, x2 = line.cursorToX(a)[0], line.cursorToX(b)[0]
                xs = [(min(x1, x2), max(x1, x2))]
            merged = [list(xs[0])]
            for left, right in xs[1:]:
                if left <= merged[-1][1] + 1.0:
                    merged[-1][1] = max(merged[-1][1], right)
                else:
                    merged.append([left, right])
            rects.extend(QRectF(left, y, right - left, height) for left, right in merged)
        return rects

    def block_paint_data(self, block_number: int) -> list[SpanFragment]:
        """(span id, depth, text rectangles in viewport coordinates) for one block."""
        block = self.document().findBlockByNumber(block_number)
        if not block.isValid():
            return []
        dx, dy = self._scroll_offset()
        origin = block.layout().position()
        ox, oy = origin.x() - dx, origin.y() - dy
        depth = self._index.depth
        return [
            (span.id, depth[span.id], [r.translated(ox, oy) for r in rects])
            for span, rects in self._layout_fragments(block)
        ]

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        index = self._index
        if not index.spans and not self.suggestion_marks.marks:
            return
        painter = QPainter(self.viewport())
        try:
            if index.spans:
                self._paint_spans(painter, index)
            if self.suggestion_marks.marks:
                dx, dy = self._scroll_offset()
                self.suggestion_marks.paint(painter, list(self._visible_blocks()), dx, dy)
        finally:
            painter.end()

    def block_range(self, block: QTextBlock) -> tuple[int, int]:
        """The code points of a block: its first and one past its last."""
        return self._index.block_range(block.blockNumber())

    def _paint_spans(self, painter: QPainter, index: SpanIndex) -> None:
        dx, dy = self._scroll_offset()
        shown = []
        painter.setPen(Qt.PenStyle.NoPen)
        for block in self._visible_blocks():
            n = block.blockNumber()
            shown.append(n)
            origin = block.layout().position()
            ox, oy = origin.x() - dx, origin.y() - dy
            painter.translate(ox, oy)
            for colour, bars in self._block_bars(n, self._layout_fragments(block), index):
                painter.setBrush(colour)
                painter.drawRects(bars)
            painter.translate(-ox, -oy)
            for rect, number, colour in self._layout_badges(block):
                paint_badge(painter, rect.translated(ox, oy), number, colour)
        if shown and index.links:
            self.link_arcs.paint(painter, shown[0], shown[-1])

    def _block_bars(
        self, n: int, fragments: list[tuple[PaintSpan, list[QRectF]]], index: SpanIndex
    ) -> list[tuple[QColor, list[QRectF]]]:
        """The bars of a block in its layout's coordinates, one list per colour, so that a
        paint draws each colour's bars in one call (bars of different depths never overlap,
        so their order does not matter). Kept until the block's fragments, its spans'
        depths or the bar metrics change."""
        depth = index.depth
        depths = tuple(depth[span.id] for span, _ in fragments)
        metrics, max_depth = self._metrics, index.max_depth
        cached = self._bar_cache.get(n)
        if (
            cached is not None
            and cached[0] is fragments
            and cached[1] == depths
            and cached[2] == (metrics, max_depth)
        ):
            return cached[3]
        by_colour: dict[str, list[QRectF]] = {}
        for (span, rects), span_depth in zip(fragments, depths, strict=True):
            below, thickness = metrics.bar_offset(span_depth, max_depth)
            bars = by_colour.setdefault(span.colour, [])
            bars.extend(QRectF(r.left(), r.bottom() + below, r.width(), thickness) for r in rects)
        out = [(QColor(colour), bars) for colour, bars in by_colour.items()]
        self._bar_cache[n] = (fragments, depths, (metrics, max_depth), out)
        return out

    def _layout_badges(self, block: QTextBlock) -> list[tuple[QRectF, int, str]]:
        """Chips of the link badges in this block, in the block layout's coordinates.

        A head badge sits under the first character of its span, a child badge under
        the last one, each from the span's edge inward; badges at one edge line up.
        """
        n = block.blockNumber()
        badges = self._index.badges.get(n)
        if not badges:
            return []
        cached = self._badge_cache.get(n)
        if cached is not None and cached[0] == badges:
            return cached[1]
        layout = block.layout()
        if layout.lineCount() == 0:
            return []
        base = block.position()
        last = max(0, block.length() - 1)
        to16 = self._map.to_utf16
        metrics = self._metrics
        height = metrics.badge_height
        taken: dict[tuple[int, bool], float] = {}  # room already used at one edge
        out = []
        for badge in badges:
            pos = to16(badge.offset) - base
            inner = pos if badge.at_start else max(0, pos - 1)  # the character at the edge
            line = layout.lineForTextPosition(min(inner, last))
            if not line.isValid():
                continue
            x = line.cursorToX(pos)[0]
            x_inner = line.cursorToX(min(inner + 1 if badge.at_start else inner, last))[0]
            leftward = x_inner < x  # the span runs to the left of this edge (RTL text)
            key = (badge.offset, badge.at_start)
            shift = taken.get(key, 0.0)
            width = badge_width(badge.number, height)
            left = x - shift - width if leftward else x + shift
            top = line.y() + line.height() + metrics.gap
            out.append((QRectF(left, top, width, height), badge.number, badge.colour))
            taken[key] = shift + width + 1.0
        self._badge_cache[n] = (badges, out)
        return out
