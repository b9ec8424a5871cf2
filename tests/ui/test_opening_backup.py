"""The backup due when the window opens a project is made after the window is shown, in
a pool thread; a damaged project found on the way is said in a message box."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.project import open_project
from annotator.core.store import Store
from annotator.core.store.backup import list_backups
from annotator.core.store.documents import NewDocument
from annotator.core.store.file_health import DamagedProjectError
from annotator.ui import opening_backup
from annotator.ui.app import build_window, open_or_restore
from annotator.ui.opening_backup import OpeningBackup


@pytest.fixture
def changed_project(tmp_path: Path) -> Path:
    """A project with a backup, changed since that backup."""
    path = tmp_path / "p.db"
    with Store.open(path) as store:
        store.documents.add_many([NewDocument("قال بوتين في موسكو", "one")])
    open_project(path).close()  # the opening backup, made at once outside the window
    assert len(list_backups(path)) == 1
    with Store.open(path) as store:
        store.documents.add_many([NewDocument("زار الرئيس بكين", "two")])
    return path


def _shown_window(qtbot, path: Path):
    store = open_or_restore(str(path))
    assert store is not None
    window = build_window(store, "tester")
    window.show()
    qtbot.waitExposed(window)
    return store, window


def _close(store: Store, window) -> None:
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    store.close()


def test_the_window_is_shown_before_the_opening_backup_is_made(qtbot, changed_project):
    store, window = _shown_window(qtbot, changed_project)
    try:
        assert len(list_backups(changed_project)) == 1  # opening did not copy the project
        backup = OpeningBackup(window, store.path)
        with qtbot.waitSignal(backup.finished, timeout=20_000) as made:
            backup.start()
        path, problem, damaged = made.args
        assert (problem, damaged) == ("", False)
        assert [b.path for b in list_backups(changed_project)][-1] == path
        assert path.name in window.statusBar().currentMessage()
    finally:
        _close(store, window)


def test_no_backup_when_none_is_due(qtbot, changed_project):
    # a window opened before: its annotator and the project's setting of who annotates
    # are stored, and opening the window again writes nothing
    _close(*_shown_window(qtbot, changed_project))
    open_project(changed_project).close()  # backed up now: nothing changed since
    store, window = _shown_window(qtbot, changed_project)
    try:
        backup = OpeningBackup(window, store.path)
        with qtbot.waitSignal(backup.finished, timeout=20_000) as made:
            backup.start()
        assert made.args == [None, "", False]
        assert len(list_backups(changed_project)) == 2
    finally:
        _close(store, window)


def test_a_damaged_project_found_by_the_backup_is_said_in_a_box(
    qtbot, changed_project, monkeypatch
):
    said = "p.db: the file is damaged <b>(page 7)</b>; annotator restore brings back the last"

    def damaged(store):
        raise DamagedProjectError(said)

    monkeypatch.setattr(opening_backup, "opening_backup", damaged)
    store, window = _shown_window(qtbot, changed_project)
    try:
        backup = OpeningBackup(window, store.path)
        with qtbot.waitSignal(backup.finished, timeout=20_000):
            backup.start()
        boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        assert len(boxes) == 1
        assert boxes[0].text() == said
        assert boxes[0].textFormat() == boxes[0].textFormat().PlainText
    finally:
        _close(store, window)
