"""An edit the project cannot take (another program holds the write lock) is never shown
as made: the window says why, offers to try again, and undo stays in step with the file."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui.app import build_window

TEXT = "قال بوتين في بكين إن الحوار ممكن"


@pytest.fixture
def project(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        store.documents.add_many([NewDocument(TEXT, "doc")])
        yield store


@pytest.fixture
def window(qtbot, project):
    win = build_window(project, "tester")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.view.setFocus()
    project.db.execute("PRAGMA busy_timeout = 50")  # give up quickly in these tests
    return win


@pytest.fixture
def other_program(project):
    """Another process's connection, holding the write lock while the test wants."""
    conn = sqlite3.connect(project.path, isolation_level=None)
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def spans(store: Store) -> list[tuple[str, int, int]]:
    rows = store.db.execute('SELECT label, start, "end" FROM spans ORDER BY id')
    return [tuple(row) for row in rows]


def tag_word(qtbot, window, word: str) -> None:
    start = TEXT.index(word)
    window.view.select_offsets(start, start + len(word))
    qtbot.keyClick(window.view, Qt.Key.Key_1)


def test_a_tag_the_project_cannot_take_is_not_shown_and_can_be_retried(
    qtbot, window, project, other_program
):
    asked: list[str] = []

    def retry(problem: str) -> bool:
        asked.append(problem)
        if len(asked) == 1:
            return True  # "Retry" while the other program still writes: refused again
        other_program.execute("COMMIT")  # it finishes; the second "Retry" goes through
        return True

    window.session.retry_prompt = retry
    other_program.execute("BEGIN IMMEDIATE")
    tag_word(qtbot, window, "بوتين")
    assert len(asked) == 2
    assert "busy: another program is writing to it; nothing was saved" in asked[0]
    assert str(project.path) in asked[0]
    assert spans(project) == [("PERSON", 4, 9)]
    assert [(s.label, s.start, s.end) for s in window.editor.spans] == [("PERSON", 4, 9)]


def test_cancel_leaves_nothing_made_and_says_so(qtbot, window, project, other_program):
    window.session.retry_prompt = lambda problem: False
    other_program.execute("BEGIN IMMEDIATE")
    tag_word(qtbot, window, "بوتين")
    other_program.execute("COMMIT")
    assert spans(project) == []
    assert window.editor.spans == []
    assert window.session.stack(window.editor.document_id).count() == 0
    assert window.statusBar().currentMessage().startswith("Not saved: ")


def test_an_undo_that_cannot_be_saved_keeps_the_stack_with_the_project(
    qtbot, window, project, other_program
):
    failures: list[str] = []
    window.session.writeFailed.disconnect()  # no modal box in a test
    window.session.writeFailed.connect(failures.append)
    tag_word(qtbot, window, "بوتين")
    stack = window.session.stack(window.editor.document_id)
    assert (spans(project), stack.index()) == ([("PERSON", 4, 9)], 1)

    other_program.execute("BEGIN IMMEDIATE")
    window.session.undo_group.undo()
    qtbot.waitUntil(lambda: stack.index() == 1)  # put back: the span is still there
    other_program.execute("COMMIT")
    assert failures and failures[0].startswith("Undo not saved: ")
    assert spans(project) == [("PERSON", 4, 9)]
    assert len(window.editor.spans) == 1

    window.session.undo_group.undo()  # the project is free again: undo works
    assert (spans(project), stack.index(), window.editor.spans) == ([], 0, [])
    window.session.undo_group.redo()
    assert spans(project) == [("PERSON", 4, 9)] and stack.index() == 1
