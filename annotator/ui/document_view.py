"""The read-only article view: annotators select text here and see their spans.

Offsets that leave or enter this widget are code points; Qt works in UTF-16 positions.
Every conversion goes through the document's one `Utf16Map` (annotator.core.text.offsets).
The text is given to Qt as plain text, never as markup and never reshaped or reordered.

Painting: a `SpanHighlighter` gives each character the background of its innermost span
(formats only, the document is never edited); `paintEvent` then draws, for the visible
blocks only, a thin bar per span under its text at the span's nesting depth, and the
numbered badges of links. The extra room under each line comes from the block format's
line distance, applied once to the whole document (a format change, not a text change).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextLayout,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from annotator.core.text.offsets import Utf16Map
from annotator.ui.fonts import (
    DEFAULT_POINT_SIZE,
    arabic_font,
    clamp_point_size,
)
from annotator.ui.plain_text import tooltip_lines
from annotator.ui.span_painter import (
    BarMetrics,
    PaintLink,
    PaintSpan,
    Segment16,
    SpanHighlighter,
    SpanIndex,
    background_format,
    badge_width,
    paint_badge,
    paint_bar,
)

__all__ = ["DocumentView", "PaintLink", "PaintSpan", "SpanFragment"]

# Characters QTextCursor.insertText turns into block separators (each keeps one position).
_BLOCK_SEPARATORS = re.compile("[\n\r\u2029\ufdd0\ufdd1]")
_RUN_FLAGS = QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphIndexes
FLASH_MS = 600
FLASH_COLOUR = QColor(255, 196, 0, 170)

SpanFragment = tuple[int, int, list[QRectF]]  # (span id, depth, rects in viewport coordinates)


def _display_text(text: str) -> str:
    """Text for Qt with exactly one position per UTF-16 unit of `text`.

    Qt folds "\\r\\n" into one paragraph break; turning the "\\r" into a space keeps every
    later offset where it is. Nothing else is changed.
    """
    return text.replace("\r\n", " \n") if "\r" in text else text


def _block_starts(display: str) -> list[int]:
    return [0, *(m.end() for m in _BLOCK_SEPARATORS.finditer(display))]


class DocumentView(QTextEdit):
    """Read-only right-to-left article view with span painting and code-point offsets."""

    selectionChangedOffsets = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._map = Utf16Map("")
        self._index = SpanIndex([], [], [0], 0)
        self._segments16: dict[int, list[Segment16]] = {}
        self._fragments: dict[int, list[tuple[PaintSpan, list[QRectF]]]] = {}
        self._fragments_key: tuple[float, int] = (-1.0, -1)
        self._badge_cache: dict[int, tuple[list, list[tuple[QRectF, int, str]]]] = {}
        self._last_emitted: tuple[int, int] | None = None
        self._zoom = DEFAULT_POINT_SIZE

        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setCursorWidth(2)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)

        doc = self.document()
        doc.setUndoRedoEnabled(False)
        option = doc.defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        # AlignAbsolute: "right" means the right edge, not mirrored back to the left for RTL.
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(option.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        doc.setDocumentMargin(8)

        font = arabic_font(self._zoom)
        self.setFont(font)
        self._metrics = BarMetrics.for_font(font)
        self._highlighter = SpanHighlighter(doc, self._block_segments)

        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)

        self.selectionChanged.connect(self._emit_selection)
        self.cursorPositionChanged.connect(self._emit_selection)

    # ------------------------------------------------------------------ content

    def set_document(
        self, text: str, spans: Sequence[PaintSpan], links: Iterable[PaintLink] = ()
    ) -> None:
        """Show `text` (plain text, never markup) with its spans; cursor at the start."""
        display = _display_text(text)
        # Spans are indexed before the text goes in (bad spans raise before anything
        # changes), so the highlighter formats every block once while Qt inserts the text.
        index = SpanIndex(spans, links, _block_starts(display), len(text))
        self._text = text
        self._map = Utf16Map(text)
        self._index = index
        self._segments16.clear()
        self._fragments.clear()
        self._badge_cache.clear()
        self._end_flash()
        # One edit block: the highlighter and the layout see a single change.
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        self.setPlainText(display)
        self._apply_line_room()
        cursor.endEditBlock()
        doc = self.document()
        if doc.characterCount() - 1 != self._map.utf16_length:
            raise RuntimeError("Qt changed the length of the text; offsets would be wrong")
        if doc.blockCount() != len(self._index.block_starts):
            raise RuntimeError("Qt split the text into unexpected paragraphs")
        doc.setModified(False)

    def set_spans(self, spans: Sequence[PaintSpan], links: Iterable[PaintLink] = ()) -> None:
        """Repaint with new spans; the text, scroll position and selection stay as they are."""
        self._index, changed = self._index.updated(spans, links)
        doc = self.document()
        for n in changed:
            self._segments16.pop(n, None)
            self._fragments.pop(n, None)
            self._badge_cache.pop(n, None)
            self._highlighter.rehighlightBlock(doc.findBlockByNumber(n))
        if changed:
            doc.setModified(False)  # rehighlighting marks the document modified; it is not
        self.viewport().update()

    def text(self) -> str:
        """The document text exactly as given to `set_document`."""
        return self._text

    def spans(self) -> list[PaintSpan]:
        return list(self._index.spans)

    def span_ids_at(self, offset: int) -> list[int]:
        """Ids of the spans covering code point `offset`, innermost first."""
        return [s.id for s in self._index.spans_at(offset)]

    # ---------------------------------------------------------------- selection

    def selection_offsets(self) -> tuple[int, int]:
        """The selection as code points (start <= end); a cut surrogate pair snaps outward."""
        cursor = self.textCursor()
        start16, end16 = cursor.selectionStart(), cursor.selectionEnd()
        start = self._map.to_codepoint(start16, "down")
        end = self._map.to_codepoint(end16, "up") if end16 != start16 else start
        return start, end

    def select_offsets(self, start: int, end: int) -> None:
        """Select code points start..end (end exclusive) and make the selection visible."""
        start, end = min(start, end), max(start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_utf16(start))
        cursor.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _emit_selection(self) -> None:
        offsets = self.selection_offsets()
        if offsets != self._last_emitted:
            self._last_emitted = offsets
            self.selectionChangedOffsets.emit(*offsets)

    # -------------------------------------------------------------- navigation

    def scroll_to_span(self, span_id: int, flash: bool = True) -> None:
        """Scroll so the span is visible (selection untouched); flash it briefly."""
        span = self._index.by_id.get(span_id)
        if span is None:
            raise KeyError(f"no span {span_id} in this view")
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_utf16(span.start))
        first = self.cursorRect(cursor)
        probe = QTextCursor(self.document())
        probe.setPosition(self._map.to_utf16(span.end))
        last = self.cursorRect(probe)
        cursor.setPosition(self._map.to_utf16(span.end), QTextCursor.MoveMode.KeepAnchor)
        viewport_height = self.viewport().height()
        top = min(first.top(), last.top())
        bottom = max(first.bottom(), last.bottom()) + self._metrics.room
        bar = self.verticalScrollBar()
        if top < 0 or bottom > viewport_height:
            # Put the span's first line about a third of the way down.
            bar.setValue(bar.value() + top - viewport_height // 3)
        if flash:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format.setBackground(FLASH_COLOUR)
            self.setExtraSelections([selection])
            self._flash_timer.start()

    def _end_flash(self) -> None:
        self._flash_timer.stop()
        if self.extraSelections():
            self.setExtraSelections([])

    # -------------------------------------------------------------------- zoom

    def zoom_level(self) -> int:
        """The text size in points."""
        return self._zoom

    def zoom_in(self) -> None:
        self.set_zoom_level(self._zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom_level(self._zoom - 1)

    def zoom_reset(self) -> None:
        self.set_zoom_level(DEFAULT_POINT_SIZE)

    def set_zoom_level(self, point_size: int) -> None:
        point_size = clamp_point_size(point_size)
        if point_size == self._zoom:
            return
        self._zoom = point_size
        font = arabic_font(point_size)
        self.setFont(font)  # QTextEdit hands it to the document
        self._metrics = BarMetrics.for_font(font)
        self._fragments.clear()
        self._badge_cache.clear()
        self._apply_line_room()
        self.viewport().update()

    def _apply_line_room(self) -> None:
        """Leave room under every line for the bars: one block-format change, no text edit."""
        fmt = QTextBlockFormat()
        fmt.setLineHeight(
            self._metrics.room, QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value
        )
        cursor = QTextCursor(self.document())
        # In an edit block the cursor does not lay the document out to find its x.
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(fmt)
        cursor.endEditBlock()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            key = event.key()
            if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
                self.zoom_in()
                event.accept()
                return
            if key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
                self.zoom_out()
                event.accept()
                return
            if key == Qt.Key.Key_0:
                self.zoom_reset()
                event.accept()
                return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta > 0:
                self.zoom_in()
            elif delta < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    # ----------------------------------------------------------------- tooltips

    def tooltip_html_at(self, offset: int) -> str:
        """Tooltip for code point `offset`: every covering span's tooltip, innermost first.

        Each tooltip is escaped, so it shows literally even when it looks like markup.
        """
        tips = [s.tooltip for s in self._index.spans_at(offset)]
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
            out.append((a16 - base, to16(b) - a16, background_format(colour)))
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
            self._fragments_key = key
        n = block.blockNumber()
        cached = self._fragments.get(n)
        if cached is not None:
            return cached
        spans = self._index.by_block[n]
        layout = block.layout()
        if not spans or layout.lineCount() == 0:
            return []
        lines = []
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            start = line.textStart()
            lines.append((start, start + line.textLength(), line.y(), line.height(), line))
        to16 = self._map.to_utf16
        base = block.position()
        block_start, block_end = self._index.block_range(n)
        out = []
        for span in spans:
            a16 = to16(max(span.start, block_start)) - base
            b16 = to16(min(span.end, block_end)) - base
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
            out.append((span, rects))
        self._fragments[n] = out
        return out

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
        if not index.spans:
            return
        painter = QPainter(self.viewport())
        try:
            self._paint_spans(painter, index)
        finally:
            painter.end()

    def _paint_spans(self, painter: QPainter, index: SpanIndex) -> None:
        metrics = self._metrics
        max_depth = index.max_depth
        dx, dy = self._scroll_offset()
        for block in self._visible_blocks():
            origin = block.layout().position()
            ox, oy = origin.x() - dx, origin.y() - dy
            fragments = self._layout_fragments(block)
            for span, rects in sorted(fragments, key=lambda f: index.depth[f[0].id]):
                below, thickness = metrics.bar_offset(index.depth[span.id], max_depth)
                for r in rects:
                    bar = QRectF(r.left() + ox, r.bottom() + oy + below, r.width(), thickness)
                    paint_bar(painter, bar, span.colour)
            for rect, number, colour in self._layout_badges(block):
                paint_badge(painter, rect.translated(ox, oy), number, colour)

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

    def _snapped(self, event: QMouseEvent) -> QMouseEvent:
        """`event` moved out of the room between paragraphs (see `_snap_y`), if needed."""
        if not self._text:
            return event
        dx, dy = self._scroll_offset()
        local = event.position()
        y = self._snap_y(local.x() + dx, local.y() + dy) - dy
        if y == local.y():
            return event
        return QMouseEvent(
            event.type(),
            QPointF(local.x(), y),
            event.scenePosition(),
            event.globalPosition(),
            event.button(),
            event.buttons(),
            event.modifiers(),
            event.pointingDevice(),
        )

    def _forward_mouse(self, handler, event: QMouseEvent) -> None:
        snapped = self._snapped(event)
        handler(snapped)
        event.setAccepted(snapped.isAccepted())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._forward_mouse(super().mousePressEvent, event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._forward_mouse(super().mouseMoveEvent, event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._forward_mouse(super().mouseReleaseEvent, event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._forward_mouse(super().mouseDoubleClickEvent, event)

    def resizeEvent(self, event) -> None:
        self._fragments.clear()
        self._badge_cache.clear()
        super().resizeEvent(event)
