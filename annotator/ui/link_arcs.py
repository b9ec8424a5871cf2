"""Links drawn as arcs in the article view: from the quote (or claim) to its speaker (or
source), over the text, in the relation label's colour, the current span's links bold.

Only links whose two ends are both on screen get an arc (the numbered badges still tie the
ends together when one is scrolled away). Each paint looks only at the spans of the visible
blocks; the links of a span are indexed once per span index (that is, once per edit).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

from annotator.core.model import Label, Relation
from annotator.ui.span_painter import PaintLink, PaintSpan

if TYPE_CHECKING:
    from annotator.ui.document_view import DocumentView

# (link, current, head x, head y, child x, child y, line height), viewport coordinates
FrameArc = tuple[PaintLink, bool, float, float, float, float, float]
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
    # Ends on different lines: x of the route in the margin beside the lines' starts
    # (a curve straight across the lines between would cross their words).
    margin: float | None = None

    @property
    def path(self) -> QPainterPath:
        return arc_path(self.head, self.child, self.lift, self.arrow, self.margin)


def numbered_links(relations: Iterable[Relation], labels: Mapping[str, Label]) -> list[PaintLink]:
    """The links a view paints for these relations: numbered from 1 for their badges, in
    their relation label's colour for their arcs."""
    return [
        PaintLink(number, rel.head_id, rel.child_id, labels[rel.label].colour)
        if rel.label in labels
        else PaintLink(number, rel.head_id, rel.child_id)
        for number, rel in enumerate(relations, start=1)
    ]


def anchor_characters(head: PaintSpan, child: PaintSpan) -> tuple[int, int]:
    """The code points an arc joins: the edges of the two spans that face each other (the
    quote's last character and the speaker's first when the speaker follows), so the arc
    stays short even when the quote runs over several lines."""
    if child.start >= head.end:
        return head.end - 1, child.start
    if child.end <= head.start:
        return head.start, child.end - 1
    return head.start, child.start  # nested or overlapping: from start to start


def arc_path(
    head: QPointF, child: QPointF, lift: float, arrow: float, margin: float | None = None
) -> QPainterPath:
    """A curve rising from `head` and coming down onto `child`, with an arrowhead there.
    With `margin`, the ends are on different lines: the route rises into the gap above
    the head's line, runs to the margin, along it to the gap above the child's line and
    back to the child, with rounded corners."""
    path = QPainterPath(head)
    if margin is None:
        top = min(head.y(), child.y()) - lift
        path.cubicTo(QPointF(head.x(), top), QPointF(child.x(), top), child)
    else:
        top0, top1 = head.y() - lift, child.y() - lift
        corners = [(head.x(), top0), (margin, top0), (margin, top1), (child.x(), top1)]
        _rounded(path, [(head.x(), head.y()), *corners, (child.x(), child.y())], lift / 2)
    path.moveTo(child.x() - arrow, child.y() - arrow * 1.4)
    path.lineTo(child)
    path.lineTo(child.x() + arrow, child.y() - arrow * 1.4)
    return path


def _rounded(path: QPainterPath, points: list[tuple[float, float]], radius: float) -> None:
    """Lines through `points` (the first is where `path` stands), corners rounded."""
    for (ax, ay), (bx, by), (cx, cy) in zip(points, points[1:], points[2:], strict=False):
        inward = min(radius, abs(bx - ax) + abs(by - ay), abs(cx - bx) + abs(cy - by)) / 2
        path.lineTo(bx - _sign(bx - ax) * inward, by - _sign(by - ay) * inward)
        path.quadTo(bx, by, bx + _sign(cx - bx) * inward, by + _sign(cy - by) * inward)
    path.lineTo(*points[-1])


def _sign(value: float) -> float:
    return (value > 0) - (value < 0)


class LinkArcs:
    """The link arcs of one `DocumentView`: which to draw for its scroll position, and
    the painting. `set_current` tells which span's links to highlight.

    The links are found through the badges of the visible blocks (the span index keeps
    them per block), so nothing is done per link of the document, per paint or per edit.
    """

    def __init__(self, view: DocumentView) -> None:
        self._view = view
        self.current_span_id = 0
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

    def _shown_blocks(self) -> tuple[int, int] | None:
        shown = [block.blockNumber() for block in self._view._visible_blocks()]
        return (shown[0], shown[-1]) if shown else None

    def _frame(
        self, first: int, last: int
    ) -> list[tuple[PaintLink, bool, float, float, float, float, float]]:
        """(link, current, head x, y, child x, y, line height) in viewport coordinates for
        each link whose two ends are on screen; the current span's links last."""
        view = self._view
        index = view._index
        by_id, badges = index.by_id, index.badges
        dx, dy = view._scroll_offset()
        bottom = view.viewport().height()
        seen: set[int] = set()
        out, current = [], []
        for n in range(first, last + 1):
            for badge in badges.get(n, ()):
                link = badge.link
                if link is None or link.head_id == link.child_id or id(link) in seen:
                    continue
                seen.add(id(link))
                head, child = by_id.get(link.head_id), by_id.get(link.child_id)
                if head is None or child is None:
                    continue
                ends: list[float] = []
                for offset in anchor_characters(head, child):
                    if not first <= index.block_of(offset) <= last:
                        break
                    top = self._char_top(offset)
                    if top is None:
                        break
                    x, y, height = top
                    if not 0.0 <= y - dy <= bottom - height / 2.0:
                        break
                    ends += (x - dx, y - dy)
                if len(ends) == 4:
                    mine = self.current_span_id in (link.head_id, link.child_id)
                    (current if mine else out).append((link, mine, *ends, height))
        return out + current

    def visible(self, first: int | None = None, last: int | None = None) -> list[LinkArc]:
        """The arcs of the links whose two ends are both on screen, the current span's
        last. `first`..`last` are the visible blocks (found when not given)."""
        if not self._view._index.links:
            return []
        if first is None or last is None:
            shown = self._shown_blocks()
            if shown is None:
                return []
            first, last = shown
        return [self._arc(found) for found in self._frame(first, last)]

    def _arc(self, found: FrameArc) -> LinkArc:
        link, current, x0, y0, x1, y1, height = found
        lift, arrow, width = arc_style(x1 - x0, height, current)
        colour = arc_colour(link.colour, current)
        head, child = QPointF(x0, y0), QPointF(x1, y1)
        margin = self._margin(x0, y0, x1, y1, height)
        return LinkArc(link, head, child, lift, arrow, colour, width, current, margin)

    def _margin(self, x0: float, y0: float, x1: float, y1: float, height: float) -> float | None:
        """The x of the margin route for ends on different lines (None: on one line): in
        the document margin on the side nearer the two ends (the lines' starts on the
        right, their wrapped ends on the left)."""
        if on_one_line(y0, y1, height):
            return None
        view = self._view
        half = view.document().documentMargin() / 2.0
        width = view.viewport().width()
        return half if x0 + x1 < width else width - half

    def _char_top(self, offset: int) -> tuple[float, float, float] | None:
        """(x, y, line height) of the top centre of the character at `offset`, in
        document coordinates; kept until the text, its width or its size change."""
        view = self._view
        key = (view.document().textWidth(), view._zoom)
        if key != self._tops_key or view._map is not self._tops_map:
            self._tops_key, self._tops_map, self._tops = key, view._map, {}
        if offset not in self._tops:
            self._tops[offset] = self._layout_top(offset)
        return self._tops[offset]

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
        (stroking a curve costs ~0.15 ms, blitting a picture next to nothing), so
        scrolling and labelling find them ready."""
        ratio = self._view.viewport().devicePixelRatioF()
        routed = []
        for found in self._frame(first, last):
            link, current, x0, y0, x1, y1, height = found
            if not on_one_line(y0, y1, height):
                routed.append(found)  # few, and as tall as the lines between: drawn
                continue
            shape = (round(x1 - x0, 1), round(y1 - y0, 1), round(height, 1))
            pixmap, (cx, cy) = _arc_picture(shape, link.colour, current, ratio)
            painter.drawPixmap(QPointF(x0 + cx, y0 + cy), pixmap)
        if routed:
            # Straight along the lines and the margin: crisp without antialiasing, which
            # for a path this long costs up to a few ms a frame.
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for arc in map(self._arc, routed):
                painter.setPen(_pen(arc.colour, arc.width))
                painter.drawPath(arc.path)
            painter.restore()


def on_one_line(y0: float, y1: float, height: float) -> bool:
    """Whether two character tops (lines `height` high) are on the same line."""
    return abs(y1 - y0) < height / 2.0


def arc_style(dx: float, height: float, current: bool) -> tuple[float, float, float]:
    """(lift, arrowhead size, pen width) of an arc spanning `dx` over lines `height`
    high: higher for a longer arc, bolder for the current span's links."""
    lift = min(0.7 * height, max(0.4 * height, 0.15 * abs(dx)))
    width = max(2.0, height / 12.0) if current else max(1.5, height / 20.0)
    return lift, height / 8.0, width


def arc_colour(colour: str, current: bool) -> QColor:
    """The relation's colour; translucent for links of spans other than the current."""
    pen = QColor(colour or FALLBACK_COLOUR)
    if not current:
        pen.setAlpha(OTHER_ALPHA)
    return pen


@lru_cache(maxsize=512)
def _arc_picture(
    shape: tuple[float, float, float], colour: str, current: bool, ratio: float
) -> tuple[QPixmap, tuple[float, float]]:
    """An arc from (0, 0) to `shape`'s (dx, dy) drawn at the screen's pixel ratio, and
    where its picture's corner goes relative to the arc's head."""
    dx, dy, height = shape
    lift, arrow, width = arc_style(dx, height, current)
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
        painter.setPen(_pen(arc_colour(colour, current), width))
        painter.drawPath(path)
    finally:
        painter.end()
    return pixmap, (float(rect.left()), float(rect.top()))


def _pen(colour: QColor, width: float) -> QPen:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen
