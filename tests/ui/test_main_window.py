"""The annotation window driven as an annotator would: keys in, database checked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui.app import build_window

EMOJI_TEXT = "😀👨‍👩‍👧 قال بوتين في بكين وموسكو إن «الحوار ممكن» اليوم"
HOSTILE_TITLE = "<b>x</b><img src=x>"


@pytest.fixture
def project(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        store.documents.add_many(
            [
                NewDocument(EMOJI_TEXT, "emoji"),
                NewDocument("Reuters: قال الرئيس الصيني شي جين بينغ", HOSTILE_TITLE),
            ]
        )
        yield store


@pytest.fixture
def window(qtbot, project):
    win = build_window(project, "tester")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.view.setFocus()
    return win


def layer(store: Store, name: str = "tester"):
    who = store.annotator_by_name(name).id
    doc = store.documents.ids()[0]
    return store.annotations.spans(doc, who), store.annotations.relations(doc, who)


def select_word(window, word: str, occurrence: int = 0) -> tuple[int, int]:
    text = window.editor.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    window.view.select_offsets(start, start + len(word))
    return start, start + len(word)


def test_keyboard_label_after_emoji_stores_code_points(qtbot, window, project):
    start, end = select_word(window, "بوتين")
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    (span,), _ = layer(project)
    assert (span.label, span.start, span.end) == ("PERSON", start, end)
    assert EMOJI_TEXT[span.start : span.end] == "بوتين"


def test_keyboard_selection_with_shift_ctrl_arrows(qtbot, window, project):
    text = window.editor.text
    at = text.index("بكين")
    window.view.select_offsets(at + 2, at + 2)  # a click inside a word: nothing selected
    qtbot.keyClick(window.view, Qt.Key.Key_3)  # and nothing current: refused
    assert layer(project)[0] == []
    window.view.select_offsets(at, at)
    # In a right-to-left paragraph Left moves forward in reading order.
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_Left,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    start, end = window.view.selection_offsets()
    assert start == at and text[start:end].strip() == "بكين"
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    (span,), _ = layer(project)
    assert text[span.start : span.end] == "بكين"
    window.view.select_offsets(at + 1, at + 3)  # part of a word snaps to the whole word
    qtbot.keyClick(window.view, Qt.Key.Key_4)
    assert sorted(s.label for s in layer(project)[0]) == ["GPE", "LOC"]


def test_alt_key_keeps_exact_characters_and_ctrl_t_trims_clitic(qtbot, window, project):
    text = window.editor.text
    at = text.index("وموسكو")
    window.view.select_offsets(at + 2, at + 4)
    qtbot.keyClick(window.view, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    (span,), _ = layer(project)
    assert (span.start, span.end) == (at + 2, at + 4)
    window.editor.delete_current()
    # Ctrl+T drops و only where the project shows موسكو as a word of its own
    project.documents.add_many([NewDocument("زار موسكو", "another article")])
    window.view.select_offsets(at, at + 6)
    qtbot.keyClick(window.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.view.selection_offsets() == (at + 1, at + 6)
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    (span,), _ = layer(project)
    assert text[span.start : span.end] == "موسكو"


def test_relabel_extend_delete_and_undo_redo_against_the_database(qtbot, window, project):
    start, end = select_word(window, "بوتين")
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    window.view.select_offsets(end, end)
    qtbot.keyClick(window.view, Qt.Key.Key_2)  # no selection + current span: relabel
    (span,), _ = layer(project)
    assert span.label == "ORG"
    window.editor.move_edge("end", 1)
    assert layer(project)[0][0].end == end + 1
    window.editor.move_edge("end", -1)
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert layer(project)[0] == []
    undo = window.session.undo_group
    undo.undo()
    assert [(s.label, s.start, s.end) for s in layer(project)[0]] == [("ORG", start, end)]
    for _ in range(3):
        undo.undo()
    assert layer(project)[0][0].label == "PERSON"
    undo.undo()
    assert layer(project)[0] == []
    for _ in range(5):
        undo.redo()
    assert layer(project)[0] == []
    undo.undo()
    assert layer(project)[0][0].label == "ORG"


def test_quote_linked_to_speaker_and_undone(qtbot, window, project):
    select_word(window, "بوتين")
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    select_word(window, "الحوار ممكن")
    qtbot.keyClick(window.view, Qt.Key.Key_8)  # QUOTE becomes the link head
    select_word(window, "بوتين")
    qtbot.keyClick(window.view, Qt.Key.Key_L)  # SAID_BY
    spans, (relation,) = layer(project)
    by_id = {s.id: s for s in spans}
    assert by_id[relation.head_id].label == "QUOTE"
    assert EMOJI_TEXT[by_id[relation.child_id].start : by_id[relation.child_id].end] == "بوتين"
    rows = window.spans_panel.row_texts()
    assert any(row[1] == "SAID_BY" and "بوتين" in row[2] for row in rows)
    window.session.undo_group.undo()
    assert layer(project)[1] == []
    window.session.undo_group.redo()
    assert len(layer(project)[1]) == 1


def test_speaker_description_becomes_a_speaker_span_in_one_step(qtbot, window, project):
    select_word(window, "الحوار ممكن")
    qtbot.keyClick(window.view, Qt.Key.Key_8)
    select_word(window, "قال")
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    spans, (_link,) = layer(project)
    assert {s.label for s in spans} == {"QUOTE", "SPEAKER"}
    window.session.undo_group.undo()  # one step removes the link and the speaker span
    spans, relations = layer(project)
    assert [s.label for s in spans] == ["QUOTE"] and relations == []


def test_claim_attributes(window, project):
    start, end = select_word(window, "الحوار ممكن")
    window.editor.apply_label("CLAIM", start, end)
    span = window.editor.span(window.editor.current_span_id)
    window.editor.set_attributes(span.id, {"checkworthy": "yes", "stance": "none"})
    assert layer(project)[0][0].attributes == {"checkworthy": "yes", "stance": "none"}
    assert "checkworthy=yes" in window.spans_panel.row_texts()[0][3]


def test_hostile_title_is_shown_literally(qtbot, window, project):
    model = window.documents.model()
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert HOSTILE_TITLE in titles
    row = titles.index(HOSTILE_TITLE)
    tooltip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in (tooltip or "")
    for label in window.findChildren(QLabel):
        if HOSTILE_TITLE in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText


def test_mark_done_moves_on_and_state_survives_reopening(qtbot, window, project):
    first = window.editor.document_id
    select_word(window, "بوتين")
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    who = project.annotator_by_name("tester").id
    assert project.annotations.status(first, who) == "done"
    second = window.editor.document_id
    assert second != first
    window.close()
    again = build_window(project, "tester")
    qtbot.addWidget(again)
    assert again.editor.document_id == second
    again.documents.select_document(first)
    assert [s.label for s in again.editor.spans] == ["PERSON"]


def test_rtl_layout_and_paragraph_direction(window):
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    option = window.view.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    QApplication.processEvents()


def test_switching_documents_shows_each_layer(qtbot, project):
    who = project.ensure_annotator("tester").id
    first, second = project.documents.ids()
    a = project.annotations.add_span(
        first, who, "PERSON", EMOJI_TEXT.index("بوتين"), EMOJI_TEXT.index("بوتين") + 5
    )
    b = project.annotations.add_span(second, who, "ORG", 0, 7)
    other = project.ensure_annotator("someone else").id
    project.annotations.add_span(second, other, "GPE", 0, 7)
    win = build_window(project, "tester")
    qtbot.addWidget(win)
    assert [s.id for s in win.view.spans()] == [a.id]
    win.next_document()
    assert win.editor.document_id == second
    assert [s.id for s in win.view.spans()] == [b.id]
    assert win.view.text() == project.documents.text(second)
    assert [row[1] for row in win.spans_panel.row_texts()] == ["ORG"]
    win.previous_document()
    assert [s.id for s in win.view.spans()] == [a.id]


def test_delete_in_spans_panel_removes_the_selected_link_only(qtbot, window, project):
    select_word(window, "بوتين")
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    select_word(window, "الحوار ممكن")
    qtbot.keyClick(window.view, Qt.Key.Key_8)
    select_word(window, "بوتين")
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    panel = window.spans_panel
    rows = panel.row_texts()
    link_row = next(i for i, row in enumerate(rows) if row[1] == "SAID_BY")
    assert rows[link_row - 1][1] == "QUOTE"
    panel.setFocus()
    panel.select_row(link_row)
    qtbot.keyClick(panel, Qt.Key.Key_Delete)
    spans, relations = layer(project)
    assert relations == [] and len(spans) == 2
    panel.select_row(0)
    qtbot.keyClick(panel, Qt.Key.Key_Delete)
    assert len(layer(project)[0]) == 1


def test_refresh_shows_what_another_process_committed(window, project):
    doc = window.editor.document_id
    with Store.open(project.path) as other:
        who = other.annotator_by_name("tester").id
        at = EMOJI_TEXT.index("موسكو")
        other.annotations.add_span(doc, who, "GPE", at, at + 5)
    assert window._external.check()  # the window can tell someone else committed
    window.refresh()
    assert [s.label for s in window.editor.spans] == ["GPE"]
    assert [s.label for s in window.view.spans()] == ["GPE"]


def test_l_key_after_the_speaker_label_is_renamed(qtbot, window, project):
    # as `annotator labels edit SPEAKER --rename MUTAHADDITH` does, while the window is open
    project.labels.update("SPEAKER", name="MUTAHADDITH")
    window.refresh()
    select_word(window, "الحوار ممكن")
    qtbot.keyClick(window.view, Qt.Key.Key_8)
    select_word(window, "قال")
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    spans, relations = layer(project)
    assert sorted(s.label for s in spans) == ["MUTAHADDITH", "QUOTE"]
    speaker = next(s for s in spans if s.label == "MUTAHADDITH")
    assert EMOJI_TEXT[speaker.start : speaker.end] == "قال"
    assert [(r.label, r.child_id) for r in relations] == [("SAID_BY", speaker.id)]
