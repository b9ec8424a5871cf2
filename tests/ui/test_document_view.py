"""DocumentView: code-point offsets, right-to-left layout, span painting, tooltips, zoom."""

from __future__ import annotations

import random
from dataclasses import replace
from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QFontDatabase, QHelpEvent, QTextDocument, QTextFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from annotator.ui import span_overlay
from annotator.ui.document_view import DocumentView, PaintLink, PaintSpan
from annotator.ui.fonts import MAX_POINT_SIZE, MIN_POINT_SIZE, arabic_font
from annotator.ui.span_painter import SpanIndex

EMOJI_TEXT = "😀 محمد 😀 بوتين"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

# A claim holding a quote holding a person, after an astral character.
NESTED_TEXT = "😀 قال المتحدث: «إن بوتين سيزور بكين قريبا» في بيان رسمي."
CLAIM_COLOUR, QUOTE_COLOUR, PERSON_COLOUR = "#8e24aa", "#43a047", "#e53935"


def nested_spans(text: str = NESTED_TEXT) -> list[PaintSpan]:
    claim_start = text.index("قال")
    quote_start = text.index("«")
    quote_end = text.index("»") + 1
    person = text.index("بوتين")
    return [
        PaintSpan(1, claim_start, len(text), "CLAIM", CLAIM_COLOUR, "CLAIM"),
        PaintSpan(2, quote_start, quote_end, "QUOTE", QUOTE_COLOUR, "QUOTE"),
        PaintSpan(3, person, person + len("بوتين"), "PERSON", PERSON_COLOUR, "PERSON"),
    ]


@pytest.fixture
def view(qtbot):
    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def long_text(paragraphs: int = 120) -> str:
    words = ["قال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "إن", "موسكو", "ستواصل", "العمل"]
    rng = random.Random(3)
    return "\n".join(" ".join(rng.choice(words) for _ in range(40)) for _ in range(paragraphs))


def background_at(view: DocumentView, offset: int) -> str | None:
    """The label colour ("#rrggbb") whose wash Qt paints at code point `offset`, if any
    (the wash itself is the colour laid over the palette's base, span_colours.py)."""
    pos16 = view._map.to_utf16(offset)
    block = view.document().findBlock(pos16)
    rel = pos16 - block.position()
    for fr in block.layout().formats():
        if fr.start <= rel < fr.start + fr.length and fr.format.hasProperty(
            QTextFormat.Property.BackgroundBrush
        ):
            fill = fr.format.background().color()
            looks = view._span_look._formats
            return next((c for c, f in looks.items() if f.background().color() == fill), None)
    return None


# ------------------------------------------------------------------ selections and offsets


def test_select_offsets_after_emoji_gives_code_points(view):
    view.set_document(EMOJI_TEXT, [])
    start = EMOJI_TEXT.index("بوتين")
    view.select_offsets(start, start + 5)
    assert view.selection_offsets() == (start, start + 5)
    assert EMOJI_TEXT[slice(*view.selection_offsets())] == "بوتين"
    cursor = view.textCursor()
    assert cursor.selectedText() == "بوتين"
    assert cursor.selectionStart() == start + 2  # two emoji, two extra UTF-16 units


def test_keyboard_selection_in_rtl_text_gives_code_points(view):
    view.set_document(EMOJI_TEXT, [])
    view.setFocus()
    # End of the line, then Shift+Ctrl+Right: in a right-to-left paragraph "right" is
    # logically backwards, so this selects the last word.
    QTest.keyClick(view, Qt.Key.Key_End)
    assert view.selection_offsets() == (len(EMOJI_TEXT), len(EMOJI_TEXT))
    QTest.keyClick(view, Qt.Key.Key_Right, SHIFT | CTRL)
    start, end = view.selection_offsets()
    assert EMOJI_TEXT[start:end] == "بوتين"
    assert (start, end) == (9, 14)
    # From the start, Ctrl+Left moves logically forward past "😀 ", Shift+End takes the rest.
    QTest.keyClick(view, Qt.Key.Key_Home, CTRL)
    QTest.keyClick(view, Qt.Key.Key_Left, CTRL)
    assert view.selection_offsets() == (2, 2)
    QTest.keyClick(view, Qt.Key.Key_End, SHIFT)
    start, end = view.selection_offsets()
    assert EMOJI_TEXT[start:end] == "محمد 😀 بوتين"


def test_keyboard_steps_over_an_astral_character_as_one(view):
    view.set_document(EMOJI_TEXT, [])
    view.setFocus()
    before_word = EMOJI_TEXT.index("بوتين")
    view.select_offsets(before_word, before_word)
    QTest.keyClick(view, Qt.Key.Key_Right, SHIFT)  # logically back over the space
    QTest.keyClick(view, Qt.Key.Key_Right, SHIFT)  # and over the emoji, both surrogates
    start, end = view.selection_offsets()
    assert EMOJI_TEXT[start:end] == "😀 "


def test_selection_ending_inside_a_surrogate_pair_snaps_outward(view):
    view.set_document(EMOJI_TEXT, [])
    cursor = view.textCursor()
    cursor.setPosition(1)  # inside the first emoji (UTF-16 0..1)
    cursor.setPosition(9, cursor.MoveMode.KeepAnchor)  # inside the second (UTF-16 8..9)
    view.setTextCursor(cursor)
    start, end = view.selection_offsets()
    assert (start, end) == (0, 8)
    assert EMOJI_TEXT[start:end] == "😀 محمد 😀"


def test_selection_signal_carries_code_points(view, qtbot):
    view.set_document(EMOJI_TEXT, [])
    start = EMOJI_TEXT.index("محمد")
    with qtbot.waitSignal(view.selectionChangedOffsets) as blocker:
        view.select_offsets(start, start + 4)
    assert blocker.args == [start, start + 4]


def test_crlf_text_keeps_offsets(view):
    text = "سطر أول\r\nقال بوتين"
    view.set_document(text, [])
    start = text.index("بوتين")
    view.select_offsets(start, start + 5)
    assert view.textCursor().selectedText() == "بوتين"
    assert view.text() == text


# ---------------------------------------------------------------------- right-to-left


@pytest.mark.parametrize("text", ["Reuters قال بوتين", "2022 قال بوتين"])
def test_paragraph_starting_with_latin_or_digit_is_rtl(view, text):
    view.set_document(text, [])
    assert view.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    cursor = view.textCursor()
    cursor.setPosition(0)
    x_start = view.cursorRect(cursor).x()
    cursor.setPosition(len(text))
    x_end = view.cursorRect(cursor).x()
    assert x_start > x_end  # the paragraph starts at the right


def test_paragraphs_are_right_aligned(view):
    view.set_document("قال بوتين\nReuters", [])
    cursor = view.textCursor()
    cursor.setPosition(0)
    assert view.cursorRect(cursor).x() > view.viewport().width() * 0.8
    block = view.document().lastBlock()
    line = block.layout().lineAt(0)
    right = block.layout().position().x() + line.naturalTextRect().right()
    assert right > view.viewport().width() * 0.8


def gap_point(view: DocumentView, block_number: int) -> QPoint:
    """A viewport point in the room under a paragraph's last line (where its bars are)."""
    block = view.document().findBlockByNumber(block_number)
    rect = view.document().documentLayout().blockBoundingRect(block)
    y = rect.bottom() + view._metrics.room / 2 - view.verticalScrollBar().value()
    return QPoint(view.viewport().width() // 2, round(y))


def test_click_in_the_room_under_a_paragraph_stays_there(view):
    # Qt's own hit test sends such a click to the end of the document.
    text = long_text(6)
    first_break = text.index("\n")
    view.set_document(text, [])
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=gap_point(view, 0))
    start, end = view.selection_offsets()
    assert start == end
    assert start <= first_break


def test_drag_selection_into_the_room_under_a_paragraph(view):
    text = long_text(6)
    first_break = text.index("\n")
    view.set_document(text, [])
    viewport = view.viewport()
    press = QPoint(viewport.width() - 30, 15)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=press)
    QTest.mouseMove(viewport, gap_point(view, 0))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=gap_point(view, 0))
    start, end = view.selection_offsets()
    assert start < end <= first_break


# -------------------------------------------------------------------------- painting


def test_innermost_span_paints_the_background(view):
    spans = nested_spans()
    view.set_document(NESTED_TEXT, spans)
    claim_only = NESTED_TEXT.index("المتحدث")
    quote_only = NESTED_TEXT.index("سيزور")
    person = NESTED_TEXT.index("بوتين")
    colours = {
        background_at(view, claim_only),
        background_at(view, quote_only),
        background_at(view, person),
    }
    assert background_at(view, claim_only) == CLAIM_COLOUR
    assert background_at(view, quote_only) == QUOTE_COLOUR
    assert background_at(view, person) == PERSON_COLOUR
    assert background_at(view, person + 4) == PERSON_COLOUR
    assert background_at(view, person + 5) == QUOTE_COLOUR  # the space after the name
    assert len(colours) == 3
    assert background_at(view, 0) is None  # the emoji is outside every span


def test_painting_never_edits_the_document_or_changes_weight(view):
    view.set_document(NESTED_TEXT, nested_spans())
    view.set_spans(nested_spans()[:2])
    doc = view.document()
    assert doc.toPlainText() == NESTED_TEXT
    assert not doc.isModified()
    assert doc.availableUndoSteps() == 0
    for fr in doc.firstBlock().layout().formats():
        assert not fr.format.hasProperty(QTextFormat.Property.FontWeight)
        assert not fr.format.hasProperty(QTextFormat.Property.FontFamilies)


def test_three_nested_spans_have_three_depths_and_bars(view):
    view.set_document(NESTED_TEXT, nested_spans())
    data = view.block_paint_data(0)
    depths = {span_id: depth for span_id, depth, _ in data}
    assert depths == {1: 0, 2: 1, 3: 2}
    rects = {span_id: rects for span_id, _, rects in data}
    assert all(rects[i] for i in (1, 2, 3))
    claim, quote, person = rects[1][0], rects[2][0], rects[3][0]
    assert claim.left() <= quote.left() < person.left() < person.right() < quote.right()
    assert quote.right() <= claim.right()


def test_fragment_rects_match_qt_cursor_rects(view):
    spans = nested_spans()
    view.set_document(NESTED_TEXT, spans)
    person = spans[2]
    (_, _, rects) = next(d for d in view.block_paint_data(0) if d[0] == person.id)
    cursor = view.textCursor()
    cursor.setPosition(view._map.to_utf16(person.start))
    start_rect = view.cursorRect(cursor)
    cursor.setPosition(view._map.to_utf16(person.end))
    end_rect = view.cursorRect(cursor)
    # Right-to-left: the span starts at its right edge and ends at its left edge.
    assert abs(rects[0].right() - start_rect.x()) <= 2
    assert abs(rects[0].left() - end_rect.x()) <= 2
    assert abs(rects[0].top() - start_rect.top()) <= 2


def test_span_across_a_direction_change_skips_the_text_between(view):
    # Visually (right to left): "قال", then the left-to-right run "Reuters agency" with
    # "agency" next to "قال". A span "قال Reuters" is two pieces with "agency" between.
    text = "قال Reuters agency اليوم"
    view.set_document(text, [PaintSpan(1, 0, text.index(" agency"), "X", "#e53935", "")])
    (_, _, rects) = view.block_paint_data(0)[0]
    assert len(rects) == 2
    # Cursor x inside each word (at a run boundary Qt draws the cursor on either run).
    cursor = view.textCursor()

    def x_at(position: int) -> int:
        cursor.setPosition(position)
        return view.cursorRect(cursor).x()

    agency = text.index("agency")
    agency_middle = (x_at(agency + 1) + x_at(agency + 5)) / 2
    reuters_middle = (x_at(text.index("Reuters") + 1) + x_at(text.index("Reuters") + 6)) / 2
    assert not any(r.left() < agency_middle < r.right() for r in rects)
    assert any(r.left() < reuters_middle < r.right() for r in rects)
    assert any(r.left() < x_at(1) < r.right() for r in rects)  # inside "قال"


def test_wrapped_and_multi_paragraph_spans_have_several_fragments(view):
    text = long_text(3)
    first_break = text.index("\n")
    view.resize(300, 400)
    view.set_document(text, [PaintSpan(7, 0, first_break + 10, "CLAIM", "#8e24aa", "c")])
    QApplication.processEvents()
    (_, _, rects0) = view.block_paint_data(0)[0]
    assert len(rects0) > 1
    assert len({round(r.top()) for r in rects0}) == len(rects0)  # one per line
    (span_id, _, rects1) = view.block_paint_data(1)[0]
    assert span_id == 7 and len(rects1) == 1
    assert view.block_paint_data(2) == []


def test_kept_rectangles_match_a_fresh_layout_after_edits_and_resizes(view, qtbot):
    # The rectangles of a block's untouched spans are kept across an edit of its spans
    # (span_overlay._layout_fragments); after edits and a narrower window they must be
    # those a view shown afresh with the same spans computes.
    text = long_text(4)
    words = [i for i in range(len(text)) if text[i] != " " and (i == 0 or text[i - 1] == " ")]
    spans = [
        PaintSpan(i + 1, w, text.index(" ", w), "X", "#e53935", "")
        for i, w in enumerate(words[:60:3])
    ]
    view.set_document(text, spans)
    view.viewport().repaint()
    added = PaintSpan(500, words[1], text.index(" ", words[1]), "Y", "#1e88e5", "")
    view.update_spans({added.id: added, spans[0].id: None})
    view.viewport().repaint()
    view.resize(320, 400)
    QApplication.processEvents()
    view.update_spans({spans[1].id: replace(spans[1], colour="#43a047")})
    view.viewport().repaint()

    fresh = DocumentView()
    qtbot.addWidget(fresh)
    fresh.resize(320, 400)
    fresh.show()
    fresh.set_document(text, [added, replace(spans[1], colour="#43a047"), *spans[2:]])
    QApplication.processEvents()
    for n in range(fresh.document().blockCount()):
        assert sorted(view.block_paint_data(n)) == sorted(fresh.block_paint_data(n))


def test_bars_fit_in_the_room_under_each_line(view):
    view.set_document(NESTED_TEXT + "\n" + NESTED_TEXT, nested_spans())
    layout = view.document().documentLayout()
    first = layout.blockBoundingRect(view.document().firstBlock())
    second = layout.blockBoundingRect(view.document().firstBlock().next())
    line = view.document().firstBlock().layout().lineAt(0)
    below, thickness = view._metrics.bar_offset(2, view._index.max_depth)
    bar_bottom = first.top() + line.y() + line.height() + below + thickness
    assert bar_bottom <= second.top()


def test_paint_only_looks_at_visible_blocks(view, monkeypatch):
    text = long_text(300)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    spans = [PaintSpan(n, s, s + 3, "PERSON", "#e53935", "p") for n, s in enumerate(starts)]
    view.set_document(text, spans)
    seen: list[int] = []
    original = DocumentView._layout_fragments

    def spy(self, block):
        seen.append(block.blockNumber())
        return original(self, block)

    monkeypatch.setattr(DocumentView, "_layout_fragments", spy)
    view.viewport().repaint()
    assert seen
    assert len(set(seen)) < 20 < len(starts)


def test_link_badges_are_placed_on_head_and_child(view):
    text = "😀 قال بوتين: «سنواصل العمل»."
    speaker = PaintSpan(1, text.index("بوتين"), text.index("بوتين") + 5, "PERSON", "#e53935", "")
    quote = PaintSpan(2, text.index("«"), text.index("»") + 1, "QUOTE", "#43a047", "")
    view.set_document(text, [speaker, quote], [PaintLink(1, quote.id, speaker.id)])
    badges = view._index.badges[0]
    assert {(b.span_id, b.at_start, b.offset) for b in badges} == {
        (quote.id, True, quote.start),
        (speaker.id, False, speaker.end),
    }
    block = view.document().firstBlock()
    chips = {colour: rect for rect, number, colour in view._layout_badges(block)}
    assert {number for _, number, _ in view._layout_badges(block)} == {1}
    origin = block.layout().position()
    cursor = view.textCursor()
    cursor.setPosition(view._map.to_utf16(quote.start))
    quote_start_x = view.cursorRect(cursor).x()
    cursor.setPosition(view._map.to_utf16(speaker.end))
    speaker_end_x = view.cursorRect(cursor).x()
    # Right-to-left: the quote runs leftward from its start, the speaker ends at its left.
    head, child = chips["#43a047"], chips["#e53935"]
    assert abs(head.right() + origin.x() - quote_start_x) <= 2
    assert abs(child.left() + origin.x() - speaker_end_x) <= 2
    line = block.layout().lineAt(0)
    assert head.top() >= line.y() + line.height()  # under the text, in the bars' room
    assert head.bottom() <= line.y() + line.height() + view._metrics.room
    view.viewport().repaint()  # drawing the badges must not fail


def test_deep_nesting_bars_stay_in_the_room(view):
    text = "أ" * 40
    spans = [PaintSpan(i, i, 40 - i, f"L{i}", "#e53935", "") for i in range(9)]
    view.set_document(text, spans)
    assert view._index.max_depth == 8
    metrics = view._metrics
    offsets = [metrics.bar_offset(d, 8) for d in range(9)]
    assert all(b[0] < a[0] for b, a in pairwise(offsets))
    below, thickness = offsets[-1]
    assert below + thickness <= metrics.room
    assert {d for _, d, _ in view.block_paint_data(0)} == set(range(9))


def test_paragraph_separators_keep_offsets(view):
    text = "أ\rب\u2029ج\r\nد\u2028هـ"
    d = text.index("د")
    view.set_document(text, [PaintSpan(1, d, d + 1, "X", "#e53935", "")])
    assert view.document().blockCount() == 4
    for word in ("ب", "ج", "د", "هـ"):
        start = text.index(word)
        view.select_offsets(start, start + len(word))
        assert view.textCursor().selectedText() == word
        assert view.selection_offsets() == (start, start + len(word))
    assert background_at(view, d) == "#e53935"


# -------------------------------------------------------------------------- tooltips


def test_tooltip_is_escaped_plain_text(view, monkeypatch):
    nasty = "<b>x</b><img src=x>"
    text = "😀 قال بوتين اليوم"
    start = text.index("بوتين")
    spans = [
        PaintSpan(1, 0, len(text), "CLAIM", "#8e24aa", "CLAIM"),
        PaintSpan(2, start, start + 5, nasty, "#e53935", f"{nasty}\nannotator: {nasty}"),
    ]
    view.set_document(text, spans)
    shown: list[str] = []
    monkeypatch.setattr(span_overlay.QToolTip, "showText", lambda pos, tip, *a: shown.append(tip))
    (_, _, rects) = next(d for d in view.block_paint_data(0) if d[0] == 2)
    point = rects[0].center().toPoint()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert len(shown) == 1
    tip = shown[0]
    assert "&lt;b&gt;x&lt;/b&gt;&lt;img src=x&gt;" in tip
    assert "<b>" not in tip and "<img" not in tip
    rendered = QTextDocument()
    rendered.setHtml(tip)
    plain = rendered.toPlainText()
    assert nasty in plain  # shows literally
    assert plain.index(nasty) < plain.index("CLAIM")  # innermost first


def test_no_tooltip_outside_spans(view, monkeypatch):
    view.set_document("قال بوتين", [])
    shown: list[str] = []
    monkeypatch.setattr(span_overlay.QToolTip, "showText", lambda pos, tip, *a: shown.append(tip))
    point = QPoint(view.viewport().width() - 20, 15)
    QApplication.sendEvent(
        view.viewport(),
        QHelpEvent(QHelpEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point)),
    )
    assert shown == []


def test_markup_in_document_text_stays_text(view):
    text = "<b>bold</b> قال <img src=x> بوتين &amp;"
    view.set_document(text, [PaintSpan(1, 0, 11, "X", "#e53935", "<i>t</i>")])
    assert view.document().toPlainText() == text
    assert view.text() == text


def test_span_ids_at_innermost_first(view):
    spans = nested_spans()
    view.set_document(NESTED_TEXT, spans)
    person = NESTED_TEXT.index("بوتين")
    assert view.span_ids_at(person) == [3, 2, 1]
    assert view.span_ids_at(NESTED_TEXT.index("سيزور")) == [2, 1]
    assert view.span_ids_at(0) == []


# ------------------------------------------------------------- updates and navigation


def test_set_spans_keeps_scroll_and_selection(view):
    text = long_text()
    view.set_document(text, [])
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0
    middle = len(text) // 2
    view.select_offsets(middle, middle + 10)
    bar.setValue(bar.maximum() // 2)
    QApplication.processEvents()
    scroll = bar.value()
    spans = [PaintSpan(1, middle, middle + 30, "CLAIM", "#8e24aa", "c")]
    view.set_spans(spans)
    view.set_spans([*spans, PaintSpan(2, middle + 2, middle + 8, "PERSON", "#e53935", "p")])
    QApplication.processEvents()
    assert bar.value() == scroll
    assert view.selection_offsets() == (middle, middle + 10)
    assert view.text() == text
    assert background_at(view, middle + 3) == "#e53935"
    view.set_spans([])
    assert background_at(view, middle + 3) is None


def test_set_spans_rejects_spans_outside_the_text(view):
    view.set_document("قال بوتين", [])
    with pytest.raises(ValueError):
        view.set_spans([PaintSpan(1, 4, 40, "X", "#e53935", "")])
    with pytest.raises(ValueError):
        view.set_document("قال", [PaintSpan(1, 2, 2, "X", "#e53935", "")])


def test_scroll_to_span_makes_it_visible_and_flashes(view, qtbot):
    text = long_text()
    near_end = len(text) - 50
    view.set_document(text, [PaintSpan(9, near_end, near_end + 5, "PERSON", "#e53935", "")])
    view.select_offsets(3, 6)
    assert view.verticalScrollBar().value() == 0
    view.scroll_to_span(9)
    cursor = view.textCursor()
    cursor.setPosition(view._map.to_utf16(near_end))
    rect = view.cursorRect(cursor)
    assert rect.top() >= 0 and rect.bottom() <= view.viewport().height()
    assert view.selection_offsets() == (3, 6)
    assert view.extraSelections()
    qtbot.waitUntil(lambda: not view.extraSelections(), timeout=2000)


def test_index_update_matches_full_rebuild():
    rng = random.Random(11)
    length = 2000
    starts = [0, 300, 301, 900, 1500]

    def random_span(i: int) -> PaintSpan:
        a = rng.randrange(length - 1)
        b = min(length, a + rng.randint(1, 400))
        return PaintSpan(i, a, b, "L", rng.choice(["#111111", "#222222", "#333333"]), "")

    spans = [random_span(i) for i in range(200)]
    index = SpanIndex(spans, [], starts, length)
    for n in range(len(starts)):
        index.background_segments(n)
    for step in range(40):
        spans = [s for s in spans if rng.random() > 0.02]
        spans.append(random_span(1000 + step))
        if step % 7 == 0:
            spans = [random_span(2000 + step * 300 + i) for i in range(100)] + spans
        updated, changed = index.updated(spans, [])
        fresh = SpanIndex(spans, [], starts, length)
        assert updated.spans == fresh.spans
        assert updated.depth == fresh.depth
        assert updated.by_block == fresh.by_block
        for n in range(len(starts)):
            assert updated.background_segments(n) == fresh.background_segments(n)
        assert set(changed) == {n for n in range(len(starts)) if fresh.keys[n] != index.keys[n]}
        index = updated


@pytest.mark.parametrize("count", [80, 600])
def test_index_patch_by_change_matches_full_rebuild(count):
    """Adds, deletes, moves and relabels given as changes: the same index as a rebuild,
    depths included (nested, crossing, long spans over many others; sparse and dense)."""
    rng = random.Random(count)
    length = 3000
    starts = [0, 500, 501, 1700]

    def random_span(i: int, longest: int = 40) -> PaintSpan:
        a = rng.randrange(length - 1)
        b = min(length, a + rng.randint(1, longest))
        return PaintSpan(i, a, b, "L", rng.choice(["#111111", "#222222"]), "")

    spans = {i: random_span(i) for i in range(count)}
    index = SpanIndex(spans.values(), [], starts, length)
    for step in range(300):
        change: dict[int, PaintSpan | None] = {}
        roll = rng.random()
        if roll < 0.4:
            change[5000 + step] = random_span(5000 + step, 2000 if step % 10 == 0 else 40)
        elif roll < 0.7 and spans:
            longest = max(spans.values(), key=lambda s: s.end - s.start)
            change[longest.id if step % 3 == 0 else rng.choice(list(spans))] = None
        elif spans:
            old = spans[rng.choice(list(spans))]
            moved = random_span(old.id)
            change[old.id] = moved if roll < 0.85 else replace(old, colour="#333333")
        for span_id, span in change.items():
            if span is None:
                spans.pop(span_id, None)
            else:
                spans[span_id] = span
        index, _changed = index.patched(change, [])
        fresh = SpanIndex(spans.values(), [], starts, length)
        assert index.spans == fresh.spans
        assert index.depth == fresh.depth
        assert index.max_depth == fresh.max_depth
        assert index.by_block == fresh.by_block


# ------------------------------------------------------------------------ zoom and font


def test_zoom_changes_font_size_within_bounds(view):
    view.set_document(NESTED_TEXT, nested_spans())
    size = view.zoom_level()
    view.zoom_in()
    assert view.zoom_level() == size + 1
    assert view.document().defaultFont().pointSize() == size + 1
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Minus, CTRL)
    QTest.keyClick(view, Qt.Key.Key_Minus, CTRL)
    assert view.zoom_level() == size - 1
    QTest.keyClick(view, Qt.Key.Key_Equal, CTRL)
    assert view.zoom_level() == size
    for _ in range(80):
        view.zoom_in()
    assert view.zoom_level() == MAX_POINT_SIZE
    for _ in range(80):
        view.zoom_out()
    assert view.zoom_level() == MIN_POINT_SIZE
    assert view.document().toPlainText() == NESTED_TEXT
    assert {d for _, d, _ in view.block_paint_data(0)} == {0, 1, 2}


def test_arabic_font_supports_arabic():
    families = QFontDatabase.families(QFontDatabase.WritingSystem.Arabic)
    assert families
    font = arabic_font(14)
    assert font.family() in families
    assert font.pointSize() == 14
    assert arabic_font(200).pointSize() == MAX_POINT_SIZE


def test_window_shortcut_reaches_the_window_while_the_view_has_focus(qtbot):
    """How the main window labels a selection: a window-level QAction on a plain key."""
    window = QWidget()
    qtbot.addWidget(window)
    view = DocumentView(window)
    QVBoxLayout(window).addWidget(view)
    view.set_document(EMOJI_TEXT, [])
    fired: list[tuple[int, int]] = []
    action = QAction("Label PERSON", window)
    action.setShortcut("P")
    action.triggered.connect(lambda: fired.append(view.selection_offsets()))
    window.addAction(action)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    view.setFocus()
    view.select_offsets(9, 14)
    QTest.keyClick(view, Qt.Key.Key_P)
    assert fired == [(9, 14)]
    assert view.text() == EMOJI_TEXT  # read-only: the key did not type
