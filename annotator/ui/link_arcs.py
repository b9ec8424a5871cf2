"""Links drawn as arcs in the article view: from the quote (or claim) to its speaker (or
source), over the text, in the relation label's colour, the current span's links bold.

Only links whose two ends are both on screen get an arc (the numbered badges still tie the
ends together when one is scrolled away). Each paint looks only at the spans of the visible
blocks; the links of a span are indexed once per span index (that is, once per edit).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

from annotator.ui.span_painter import PaintLink, PaintSpan, SpanIndex

if TYPE_CHECKING:
    from annotator.ui.document_view import DocumentView

OTHER_ALPHA = 190  # of 255: links of other spans stay in the background
FALLBACK_COLOUR = "#607d8b"  # a link whose relation has no colour (the review window's)


@dataclass(frozen=True)
class LinkArc:
    """One link as drawn, in viewport coordinates: from the top of the head span's facing
    character to the top of the child's, rising `lift` above the higher of the two."""

    link: PaintLink
    head: QPointF
    child: QPointF
    lift: float
    arrow: float  # size of the arrowhead on the child
    colour: QColor
    width: float
    current: bool  # a link of the current span: drawn bold and on top

    @property
    def path(self) -> QPainterPath:
        return arc_path(self.head, self.child, self.lift, self.arrow)


def anchor_characters(head: PaintSpan, child: PaintSpan) -> tuple[int, int]:
    """The code points an arc joins: the edges of the two spans that face each other (the
    quote's last character and the speaker's first when the speaker follows), so the arc
    stays short even when the quote runs over several lines."""
    if child.start >= head.end:
        return head.end - 1, child.start
    if child.end <= head.start:
        return head.start, child.end - 1
    return head.start, child.start  # nested or overlapping: from start to start


def arc_path(head: QPointF, child: QPointF, lift: float, arrow: float) -> QPainterPath:
    """A curve rising from `head` and coming down onto `child`, with an arrowhead there."""
    top = min(head.y(), child.y()) - lift
    path = QPainterPath(head)
    path.cubicTo(QPointF(head.x(), top), QPointF(child.x(), top), child)
    path.moveTo(child.x() - arrow, child.y() - arrow * 1.4)
    path.lineTo(child)
    path.lineTo(child.x() + arrow, child.y() - arrow * 1.4)
    return path


class LinkArcs:
    """The link arcs of one `DocumentView`: which to draw for its scroll position, and
    the painting. `set_current` tells which span's links to highlight."""

    def __init__(self, view: DocumentView) -> None:
        self._view = view
        self.current_span_id = 0
        self._index: SpanIndex | None = None
        self._by_span: dict[int, list[PaintLink]] = {}
        # Where characters are in the laid-out text (document coordinates): they move
        # only with the text, its width or its size, not with the spans or the scroll.
        self._tops_key: tuple = ()
        self._tops_map: object = None  # the text's offset map the positions are for
        self._tops: dict[int, tuple[float, float, float] | None] = {}

    def set_current(self, span_id: int) -> None:
        """Highlight the links of this span (0: none)."""
        if span_id != self.current_span_id:
            self.current_span_id = span_id
            if self._view._index.links:
                self._view.viewport().update()

    def _links_of(self, span_id: int) -> list[PaintLink]:
        index = self._view._index
        if index is not self._index:
            by_span: dict[int, list[PaintLink]] = {}
            for link in index.links:
                if link.head_id != link.child_id:
                    by_span.setdefault(link.head_id, []).append(link)
                    by_span.setdefault(link.child_id, []).append(link)
            self._index, self._by_span = index, by_span
        return self._by_span.get(span_id, [])

    def visible(self, first: int | None = None, last: int | None = None) -> list[LinkArc]:
        """The arcs of the links whose two ends are both on screen, the current span's
        last. `first`..`last` are the visible blocks (found when not given)."""
        view = self._view
        index = view._index
        if not index.links:
            return []
        if first is None or last is None:
            shown = [block.blockNumber() for block in view._visible_blocks()]
            if not shown:
                return []
            first, last = shown[0], shown[-1]
        self._links_of(0)  # brings the per-span table up to date with the index
        if not self._by_span:
            return []
        seen: set[PaintLink] = set()
        arcs: list[LinkArc] = []
        for n in range(first, last + 1):
            for span in index.by_block[n]:
                for link in self._by_span.get(span.id, ()):
                    if link not in seen:
                        seen.add(link)
                        arc = self._arc(link, first, last)
                        if arc is not None:
                            arcs.append(arc)
        arcs.sort(key=lambda arc: arc.current)
        return arcs

    def _arc(self, link: PaintLink, first: int, last: int) -> LinkArc | None:
        view = self._view
        index = view._index
        head, child = index.by_id.get(link.head_id), index.by_id.get(link.child_id)
        if head is None or child is None:
            return None
        ends = []
        for offset in anchor_characters(head, child):
            if not first <= index.block_of(offset) <= last:
                return None
            point = self._char_top(offset)
            if point is None:
                return None
            ends.append(point)
        (p0, height), (p1, _) = ends
        current = self.current_span_id in (link.head_id, link.child_id)
        lift = min(0.7 * height, max(0.4 * height, 0.15 * abs(p1.x() - p0.x())))
        colour = QColor(link.colour or FALLBACK_COLOUR)
        if not current:
            colour.setAlpha(OTHER_ALPHA)
        width = max(2.0, height / 12.0) if current else max(1.5, height / 20.0)
        return LinkArc(link, p0, p1, lift, height / 8.0, colour, width, current)

    def _char_top(self, offset: int) -> tuple[QPointF, float] | None:
        """The top centre of the character at `offset` in viewport coordinates (and its
        line's height), when that line is on screen."""
        view = self._view
        key = (view.document().textWidth(), view._zoom)
        if key != self._tops_key or view._map is not self._tops_map:
            self._tops_key, self._tops_map, self._tops = key, view._map, {}
        top = self._tops.get(offset)
        if top is None:
            top = self._tops[offset] = self._layout_top(offset)
        if top is None:
            return None
        x, y, height = top
        dx, dy = view._scroll_offset()
        point = QPointF(x - dx, y - dy)
        if not 0.0 <= point.y() <= view.viewport().height() - height / 2.0:
            return None
        return point, height

    def _layout_top(self, offset: int) -> tuple[float, float, float] | None:
        """(x, y, line height) of the top centre of a character, in document coordinates."""
        to16 = self._view._map.to_utf16
        block = self._view.document().findBlock(to16(offset))
        layout = block.layout()
        if not block.isValid() or layout is None or layout.lineCount() == 0:
            return None
        a16 = to16(offset) - block.position()
        line = layout.lineForTextPosition(a16)
        if not line.isValid():
            return None
        b16 = min(to16(offset + 1) - block.position(), line.textStart() + line.textLength())
        x = (line.cursorToX(a16)[0] + line.cursorToX(b16)[0]) / 2.0
        origin = layout.position()
        return origin.x() + x, origin.y() + line.y(), line.height()

    def paint(self, painter: QPainter, first: int, last: int) -> None:
        """Draw the visible arcs. Each is a small antialiased picture kept for its shape
        (stroking curves costs ~0.15 ms each, blitting a picture next to nothing), so
        scrolling and labelling find them ready."""
        ratio = self._view.viewport().devicePixelRatioF()
        for arc in self.visible(first, last):
            dx = round(arc.child.x() - arc.head.x(), 1)
            dy = round(arc.child.y() - arc.head.y(), 1)
            shape = (dx, dy, round(arc.lift, 1), round(arc.arrow, 1), round(arc.width, 1))
            pixmap, corner = _arc_picture(shape, arc.colour.rgba(), ratio)
            painter.drawPixmap(arc.head + corner, pixmap)


@lru_cache(maxsize=512)
def _arc_picture(
    shape: tuple[float, float, float, float, float], rgba: int, ratio: float
) -> tuple[QPixmap, QPointF]:
    """An arc from (0, 0) drawn at the screen's pixel ratio, and where its corner goes."""
    dx, dy, lift, arrow, width = shape
    path = arc_path(QPointF(0.0, 0.0), QPointF(dx, dy), lift, arrow)
    margin = width + 1.0
    rect = path.boundingRect().adjusted(-margin, -margin, margin, margin).toAlignedRect()
    pixmap = QPixmap(rect.size() * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(-rect.left(), -rect.top())
        pen = QPen(QColor.fromRgba(rgba), width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPath(path)
    finally:
        painter.end()
    return pixmap, QPointF(rect.topLeft())
