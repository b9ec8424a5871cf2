"""Links drawn as arcs: one for each link whose two ends are on screen, none for a link
with an end scrolled away, in the relation's colour, the current span's links bold."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from annotator.core.model import Label, Relation
from annotator.ui.document_view import DocumentView, PaintLink, PaintSpan
from annotator.ui.link_arcs import anchor_characters, numbered_links

WORDS = "قال الرئيس الروسي فلاديمير بوتين إن موسكو ستواصل العمل مع الصين"
SAID_BY, CLAIMED_BY = "#3d85c6", "#e69138"


def article(paragraphs: int = 80) -> str:
    """Paragraph 0 and paragraph 60 hold a quote and its speaker; the rest is filler."""
    lines = [WORDS] * paragraphs
    lines[0] = "قال بوتين: «سنواصل العمل» في موسكو"
    lines[60] = "وقال شي: «الحوار ممكن» اليوم"
    return "\n".join(lines)


def span(text: str, span_id: int, word: str, after: int = 0, label: str = "X") -> PaintSpan:
    at = text.index(word, after)
    return PaintSpan(span_id, at, at + len(word), label, "#c9daf8", label)


@pytest.fixture
def view(qtbot):
    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


@pytest.fixture
def linked(view):
    """Three links: both ends at the top; head at the top and child far below; both far
    below."""
    text = article()
    far = text.index("وقال شي")
    spans = [
        span(text, 1, "«سنواصل العمل»"),
        span(text, 2, "بوتين"),
        span(text, 3, "«الحوار ممكن»", far),
        span(text, 4, "شي", far),
    ]
    links = [
        PaintLink(1, 1, 2, SAID_BY),
        PaintLink(2, 1, 4, CLAIMED_BY),
        PaintLink(3, 3, 4, SAID_BY),
    ]
    view.set_document(text, spans, links)
    view.viewport().repaint()
    return view, {s.id: s for s in spans}, links


def scroll_to(view: DocumentView, offset: int) -> None:
    view.select_offsets(offset, offset)
    view.ensureCursorVisible()
    view.viewport().repaint()


def test_an_arc_for_each_link_with_both_ends_on_screen(linked):
    view, spans, links = linked
    (arc,) = view.link_arcs.visible()
    assert arc.link == links[0]
    assert arc.colour.rgb() == QColor(SAID_BY).rgb()
    # The arc joins the quote's first character and the speaker's last (they face each
    # other: the speaker comes first), and rises above both.
    head_char, child_char = anchor_characters(spans[1], spans[2])
    assert (head_char, child_char) == (spans[1].start, spans[2].end - 1)
    path = arc.path
    assert path.elementAt(0).x == pytest.approx(arc.head.x())
    assert path.boundingRect().top() < min(arc.head.y(), arc.child.y())
    for point, offset in ((arc.head, head_char), (arc.child, child_char)):
        rect = view.cursorRect(cursor_at(view, offset))
        assert abs(point.y() - rect.top()) <= rect.height()  # on that character's line
    # Right to left: the quote is left of its speaker, and the arc runs leftward to it.
    assert arc.child.x() > arc.head.x()


def cursor_at(view: DocumentView, offset: int):
    cursor = view.textCursor()
    cursor.setPosition(view._map.to_utf16(offset))
    return cursor


def test_no_arc_once_an_end_is_scrolled_away(linked):
    view, spans, links = linked
    scroll_to(view, spans[4].start)
    assert view.verticalScrollBar().value() > 0
    assert [arc.link for arc in view.link_arcs.visible()] == [links[2]]
    scroll_to(view, len(view.text()))  # the end: no link has an end there
    assert view.link_arcs.visible() == []


def test_the_current_spans_links_are_bold_and_drawn_last(linked, qtbot):
    view, spans, _ = linked
    scroll_to(view, spans[4].start)
    (before,) = view.link_arcs.visible()
    view.link_arcs.set_current(4)
    (after,) = view.link_arcs.visible()
    assert after.current and not before.current
    assert after.width > before.width
    assert after.colour.alpha() == 255 > before.colour.alpha()


def test_the_arc_is_painted_in_the_relation_colour(linked):
    view, _, _ = linked
    view.link_arcs.set_current(1)
    view.viewport().repaint()
    (arc,) = view.link_arcs.visible()
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    peak = arc.path.pointAtPercent(0.25)  # on the curve, above the text
    colours = [
        image.pixelColor(round((peak.x() + dx) * ratio), round((peak.y() + dy) * ratio))
        for dx in (-1, 0, 1)
        for dy in (-1, 0, 1)
    ]
    target = QColor(SAID_BY)
    assert min(distance(c, target) for c in colours) < 60


def distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def test_a_number_on_one_span_draws_no_arc(view):
    text = article()
    view.set_document(text, [span(text, 1, "بوتين")], [PaintLink(2, 1, 1)])
    view.viewport().repaint()
    assert view.link_arcs.visible() == []


def test_links_are_numbered_and_coloured_by_their_relation():
    labels = {"SAID_BY": Label("SAID_BY", "relation", SAID_BY)}
    relations = [
        Relation(7, 1, 1, 10, 11, "SAID_BY", ""),
        Relation(8, 1, 1, 12, 13, "GONE", ""),  # a label renamed away meanwhile
    ]
    assert numbered_links(relations, labels) == [
        PaintLink(1, 10, 11, SAID_BY),
        PaintLink(2, 12, 13, ""),
    ]


def test_ends_on_different_lines_are_joined_through_the_margin(view):
    text = article()
    spans = [span(text, 1, "«سنواصل العمل»"), span(text, 2, "الصين", len(WORDS) * 3)]
    view.set_document(text, spans, [PaintLink(1, 1, 2, SAID_BY)])
    view.viewport().repaint()
    (arc,) = view.link_arcs.visible()
    assert arc.child.y() > arc.head.y() + view.cursorRect().height()  # lines apart
    assert arc.margin is not None
    box = arc.path.boundingRect()
    margin = view.document().documentMargin()
    # the route runs beside the lines, not across their words
    assert box.right() >= view.viewport().width() - margin or box.left() <= margin
    points = [arc.path.pointAtPercent(t / 200) for t in range(201)]
    along = [p.y() for p in points if abs(p.x() - arc.margin) < 1.0]
    assert min(along) < arc.head.y() and max(along) > arc.head.y() + 2 * view._metrics.room


def test_ends_on_one_line_are_joined_by_an_arch_above_it(linked):
    view, _, _ = linked
    (arc,) = view.link_arcs.visible()
    assert arc.margin is None
    assert arc.child.y() == pytest.approx(arc.head.y())
