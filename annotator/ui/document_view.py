"""The read-only article view: annotators select text here and see their spans.

Offsets that leave or enter this widget are code points; Qt works in UTF-16 positions.
Every conversion goes through the document's one `Utf16Map` (annotator.core.text.offsets).
The text is given to Qt as plain text, never as markup and never reshaped or reordered.

Painting: a `SpanHighlighter` gives each character the background of its innermost span
(formats only, the document is never edited); `SpanOverlay` (span_overlay.py) then draws,
for the visible blocks only, a thin bar per span under its text at the span's nesting
depth, and the numbered badges of links. The extra room under each line comes from the
block format's line distance, applied once to the whole document (a format change, not a
text change).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QTextBlockFormat,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from annotator.core.text.offsets import Utf16Map
from annotator.ui.fonts import (
    arabic_font,
    article_point_size,
    clamp_point_size,
)
from annotator.ui.link_arcs import LinkArcs
from annotator.ui.span_colours import SpanLook
from annotator.ui.span_overlay import SpanFragment, SpanOverlay
from annotator.ui.span_painter import (
    BarMetrics,
    PaintLink,
    PaintSpan,
    Segment16,
    SpanHighlighter,
    SpanIndex,
)
from annotator.ui.suggestion_marks import SuggestionMarks

__all__ = ["DocumentView", "PaintLink", "PaintSpan", "SpanFragment"]

# Characters QTextCursor.insertText turns into block separators (each keeps one position).
_BLOCK_SEPARATORS = re.compile("[\n\r\u2029\ufdd0\ufdd1]")
FLASH_MS = 600
FLASH_COLOUR = QColor(255, 196, 0, 170)


def _display_text(text: str) -> str:
    """Text for Qt with exactly one position per UTF-16 unit of `text`.

    Qt folds "\\r\\n" into one paragraph break; turning the "\\r" into a space keeps every
    later offset where it is. Nothing else is changed.
    """
    return text.replace("\r\n", " \n") if "\r" in text else text


def _block_starts(display: str) -> list[int]:
    return [0, *(m.end() for m in _BLOCK_SEPARATORS.finditer(display))]


class DocumentView(SpanOverlay, QTextEdit):
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
        self._bar_cache: dict[int, tuple] = {}  # span_overlay._block_bars
        self._rects_cache: dict[int, tuple] = {}  # span_overlay._layout_fragments
        self._last_emitted: tuple[int, int] | None = None
        self._zoom = article_point_size()  # follows the desktop's font size
        self.suggestion_marks = SuggestionMarks(self)

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
        self._span_look = SpanLook.of(self.palette())  # backgrounds for light or dark
        self._highlighter = SpanHighlighter(doc, self._block_segments)
        self.link_arcs = LinkArcs(self)

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
        self._bar_cache.clear()
        self._rects_cache.clear()
        self.suggestion_marks.set_marks([], None)
        self.suggestion_marks.forget_layout()
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
        self._show_index(*self._index.updated(spans, links))

    def update_spans(
        self, changes: Mapping[int, PaintSpan | None], links: Iterable[PaintLink] = ()
    ) -> None:
        """Like `set_spans`, given only the spans an edit touched: id -> new look, or None
        when the span is gone. Costs what the edit touched, not the whole document."""
        self._show_index(*self._index.patched(changes, links))

    def _show_index(self, index: SpanIndex, changed: list[int]) -> None:
        self._index = index
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
        self.scroll_to_offsets(span.start, span.end, flash)

    def scroll_to_offsets(self, start: int, end: int, flash: bool = False) -> None:
        """Scroll so code points start..end are visible (selection untouched)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_utf16(start))
        first = self.cursorRect(cursor)
        probe = QTextCursor(self.document())
        probe.setPosition(self._map.to_utf16(end))
        last = self.cursorRect(probe)
        cursor.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
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
        self.set_zoom_level(article_point_size())

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

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (the desktop went dark, or View ▸ Dark mode): span backgrounds
        are chosen again for it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._span_look.fits(self.palette()):
            self._span_look = SpanLook.of(self.palette())
            self._segments16.clear()
            self._highlighter.rehighlight()
            self.document().setModified(False)

    def resizeEvent(self, event) -> None:
        self._fragments.clear()
        self._badge_cache.clear()
        super().resizeEvent(event)
