"""Skip, flag and comment in the real window, by their keys, checked in the database; the
list's skipped/flagged filter, the notes strip and the Progress dialog."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui import main_window
from annotator.ui.app import build_window
from annotator.ui.progress_dialog import ProgressDialog

TEXTS = ("قال بوتين في موسكو إن الحوار ممكن", "خبر ثان عن الاقتصاد", "خبر ثالث قصير")
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        store.documents.add_many([NewDocument(t, t[:8]) for t in TEXTS])
        win = build_window(store, "mona")
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        win.view.setFocus()
        yield win
        win.close()
        win.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def type_text(widget, text: str) -> None:
    """Key presses carrying each character (QTest's keyClicks knows ASCII keys only)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def answer_dialog(qtbot, typed: str, reason: int | None = None, remove: bool = False) -> list:
    """Once the note dialog is up: choose a reason by keys, type the text, press Enter
    (or click Remove). Returns a list that holds True once it ran."""
    ran: list[bool] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, drive)
            return
        if remove:
            dialog.findChild(QPushButton, "removeNote").click()
            ran.append(True)
            return
        if reason is not None:
            box = dialog.findChild(QComboBox, "flagReason")
            box.setFocus()
            for _ in range(reason):
                qtbot.keyClick(box, Qt.Key.Key_Down)
        field = dialog.findChild(QLineEdit, "noteText")
        field.setFocus()
        field.selectAll()
        type_text(field, typed)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        ran.append(True)

    QTimer.singleShot(0, drive)
    return ran


def press(qtbot, window, key: Qt.Key, modifiers=CTRL_SHIFT) -> None:
    """A key on the article, the window active again (offscreen, a closed dialog stays
    the active window, and window shortcuts need their window active)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.view, key, modifiers)


def undo(qtbot, window) -> None:
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def flags(store: Store) -> list[tuple]:
    return store.db.execute(
        "SELECT document_id, kind, reason, note FROM document_flags ORDER BY document_id, kind"
    ).fetchall()


def test_skip_asks_a_reason_stores_it_goes_on_and_undo_takes_it_back(qtbot, window):
    store, first = window.store, window.editor.document_id
    ran = answer_dialog(qtbot, "ليس خبرا")
    press(qtbot, window, Qt.Key.Key_S)
    assert ran
    assert flags(store) == [(first, "skipped", "", "ليس خبرا")]
    assert window.editor.document_id != first  # on to the next document
    window.documents.select_document(first)
    row = window.documents.model().row_of(first)
    status = window.documents.model().index(row, 1).data()
    assert "skipped" in status
    undo(qtbot, window)
    assert flags(store) == []
    assert "skipped" not in window.documents.model().index(row, 1).data()


def test_flag_with_a_reason_shows_in_the_strip_and_filters_the_list(qtbot, window):
    store, doc = window.store, window.editor.document_id
    ran = answer_dialog(qtbot, "النص مقطوع", reason=1)  # the second reason: bad text
    press(qtbot, window, Qt.Key.Key_F)
    assert ran
    assert flags(store) == [(doc, "flagged", "bad_text", "النص مقطوع")]
    strip = window.notes.panel
    assert strip.isVisible() and "النص مقطوع" in strip.text() and "Bad text" in strip.text()
    assert strip.textFormat() == Qt.TextFormat.PlainText
    box = window.documents.status_box
    box.setCurrentIndex(box.findData("flagged"))
    assert window.documents.model().ids() == [doc]
    # flag again: the dialog offers Remove, which takes the flag back (one undo step)
    ran = answer_dialog(qtbot, "", remove=True)
    press(qtbot, window, Qt.Key.Key_F)
    assert ran and flags(store) == []
    undo(qtbot, window)
    assert flags(store) == [(doc, "flagged", "bad_text", "النص مقطوع")]


def test_comments_on_the_document_and_on_the_current_span(qtbot, window):
    store, doc = window.store, window.editor.document_id
    window.view.select_offsets(4, 9)  # بوتين
    press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier)  # PERSON
    span = window.editor.span(window.editor.current_span_id)
    assert (span.label, span.start, span.end) == ("PERSON", 4, 9)
    ran = answer_dialog(qtbot, "<b>الاسم</b> كامل؟")
    press(qtbot, window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert ran
    ran = answer_dialog(qtbot, "خبر مهم")
    press(qtbot, window, Qt.Key.Key_M)
    assert ran
    rows = store.db.execute('SELECT text, label, start, "end" FROM comments ORDER BY id').fetchall()
    assert rows == [("<b>الاسم</b> كامل؟", "PERSON", 4, 9), ("خبر مهم", None, None, None)]
    strip = window.notes.panel.text()
    assert "On this span:" in strip and "<b>الاسم</b> كامل؟" in strip and "خبر مهم" in strip
    window.editor.set_current(0)  # no current span: its comment shows with its anchor
    assert "On this span:" not in window.notes.panel.text()
    undo(qtbot, window)
    assert store.db.execute("SELECT COUNT(*) FROM comments").fetchone()[0] == 1
    assert doc == window.editor.document_id


def test_comment_on_span_without_a_span_says_so_and_stores_nothing(qtbot, window):
    window.editor.set_current(0)
    press(qtbot, window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.activeModalWidget() is None
    assert window.store.db.execute("SELECT COUNT(*) FROM comments").fetchone()[0] == 0


def test_the_progress_dialog_follows_the_store(qtbot, window):
    store = window.store
    mona = store.annotator_by_name("mona").id
    omar = store.ensure_annotator("omar").id
    store.ensure_annotator("nobody")  # no work yet: not listed
    ids = store.documents.ids()
    store.annotations.add_span(ids[0], mona, "PERSON", 4, 9)
    store.annotations.set_status(ids[0], mona, "done")
    store.notes.set_flag(ids[1], omar, "flagged", "unclear")
    press(qtbot, window, Qt.Key.Key_P)
    dialog: ProgressDialog = window.findChild(ProgressDialog, "progressDialog")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    rows = {dialog.cell(r, 0): r for r in range(dialog.table.rowCount())}
    assert set(rows) == {"mona", "omar"}
    headers = [
        dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())
    ]
    cell: Callable[[str, str], str] = lambda who, h: dialog.cell(rows[who], headers.index(h))  # noqa: E731
    assert cell("mona", "Done") == "1 of 3" and cell("mona", "PERSON") == "1"
    assert cell("omar", "Flagged") == "1" and cell("omar", "Done") == "0 of 3"
    store.notes.set_flag(ids[2], omar, "skipped", "", "")
    dialog.reload()
    assert cell("omar", "Skipped") == "1"


def test_the_strip_shows_the_notes_of_whoever_works_now(qtbot, window, monkeypatch):
    store, doc = window.store, window.editor.document_id
    omar = store.ensure_annotator("omar")
    store.notes.add_comment(doc, omar.id, "omar's note")
    ran = answer_dialog(qtbot, "mona's note")
    press(qtbot, window, Qt.Key.Key_M)
    assert ran and "mona's note" in window.notes.panel.text()
    assert "omar's note" not in window.notes.panel.text()
    monkeypatch.setattr(main_window, "ask_annotator_name", lambda *args: "omar")
    window.switch_annotator()
    assert window.editor.document_id == doc
    assert "omar's note" in window.notes.panel.text()
    assert "mona's note" not in window.notes.panel.text()
