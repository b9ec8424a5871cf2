"""Ctrl+T in the window on the demo articles: names stay whole, clitics go, undo restores."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from annotator.core.formats.import_text import import_text_files
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui.app import build_window
from tests.conftest import SEEDS

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def project(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        import_text_files(store, [SEEDS])
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


def open_with(window, word: str) -> int:
    """Open the first document holding `word` as a whole word; return its offset there."""
    store = window.session.store
    pattern = re.compile(rf"(?<!\w){word}(?!\w)")
    doc = next(d for d in store.documents.ids() if pattern.search(store.documents.text(d)))
    window.open_document(doc)
    window.view.setFocus()
    return pattern.search(window.editor.text).start()


def tag(qtbot, window, start: int, end: int):
    window.view.select_offsets(start, end)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    window.view.select_offsets(end, end)  # nothing selected: Ctrl+T works on the span
    return stored(window)


def stored(window):
    session = window.session
    (span,) = session.store.annotations.spans(window.editor.document_id, session.layer_id)
    return span


def press_ctrl_t(qtbot, window) -> str:
    qtbot.keyClick(window.view, Qt.Key.Key_T, CTRL)
    return window.statusBar().currentMessage()


def test_ctrl_t_keeps_a_name_whole_and_says_why(qtbot, window):
    at = open_with(window, "بوتين")
    before = tag(qtbot, window, at, at + 5)
    message = press_ctrl_t(qtbot, window)
    after = stored(window)
    assert (after.start, after.end) == (before.start, before.end) == (at, at + 5)
    assert "kept whole" in message and "وتين" in message


def test_ctrl_t_drops_the_conjunction_then_undo_restores(qtbot, window):
    at = open_with(window, "وموسكو")
    text = window.editor.text
    tag(qtbot, window, at, at + 6)
    message = press_ctrl_t(qtbot, window)
    span = stored(window)
    assert (span.start, span.end) == (at + 1, at + 6)
    assert text[span.start : span.end] == "موسكو"
    assert "موسكو" in message
    message = press_ctrl_t(qtbot, window)  # nothing more to peel: the span stays
    assert (stored(window).start, stored(window).end) == (at + 1, at + 6)
    assert message
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    span = stored(window)
    assert (span.start, span.end) == (at, at + 6)
    assert text[span.start : span.end] == "وموسكو"


def test_ctrl_t_on_a_selection_keeps_the_article_then_peels_it_only_if_attested(qtbot, window):
    at = open_with(window, "والصين")
    window.view.select_offsets(at, at + 6)
    press_ctrl_t(qtbot, window)
    assert window.view.selection_offsets() == (at + 1, at + 6)  # الصين, article kept
    message = press_ctrl_t(qtbot, window)  # صين never occurs without ال in the demo
    assert window.view.selection_offsets() == (at + 1, at + 6)
    assert "kept whole" in message and "صين" in message


def test_ctrl_t_sees_documents_imported_after_the_first_press(qtbot, window, project):
    at = open_with(window, "وبيلاروسيا")  # بيلاروسيا never occurs alone in the demo
    window.view.select_offsets(at, at + 10)
    message = press_ctrl_t(qtbot, window)
    assert window.view.selection_offsets() == (at, at + 10)
    assert "بيلاروسيا" in message
    project.documents.add_many([NewDocument("زار الرئيس بيلاروسيا أمس", "more")])
    window.view.select_offsets(at, at + 10)
    press_ctrl_t(qtbot, window)
    assert window.view.selection_offsets() == (at + 1, at + 10)


def test_ctrl_t_on_a_selection_that_starts_with_the_space_before_the_word(qtbot, window):
    at = open_with(window, "لروسيا")
    window.view.select_offsets(at - 1, at + 6)
    message = press_ctrl_t(qtbot, window)
    assert window.view.selection_offsets() == (at + 1, at + 6)
    assert message.startswith("لروسيا → روسيا")
