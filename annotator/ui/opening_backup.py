"""The backup a project gets when the window opens it (`project.opening_backup`), made in
a pool thread once the window is shown, with a read-only connection of its own: copying
and checking a large project takes seconds (20 s at a million documents, 4 GB), and the
window must not wait for it. Edits go on meanwhile (WAL: the copy reads one snapshot).

A project found damaged on the way is said in a message box; a backup that could not be
made (a full disk, a read-only folder) is said in the status bar, as the log says it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QMainWindow

from annotator.core.errors import AnnotatorError
from annotator.core.project import opening_backup
from annotator.core.store import Store
from annotator.core.store.file_health import DamagedProjectError
from annotator.ui.background_job import show_error
from annotator.ui.plain_text import isolate

WAIT_AT_EXIT_MS = 120_000  # a copy under way is finished before the process ends


class _Answer(QObject):
    """Carries the outcome from the pool thread to the UI thread (queued)."""

    finished = Signal(object, str, bool)  # backup path or None, problem, damaged


class _Job(QRunnable):
    def __init__(self, path: Path, answer: _Answer) -> None:
        super().__init__()
        self._path, self._answer = path, answer

    def run(self) -> None:  # the pool thread
        made, problem, damaged = None, "", False
        try:
            store = Store.open_read_only(self._path)
            try:
                made = opening_backup(store)
            finally:
                store.close()
        except DamagedProjectError as exc:
            problem, damaged = str(exc), True
        except (AnnotatorError, OSError) as exc:
            problem = str(exc)
        with contextlib.suppress(RuntimeError):  # the window is gone: nobody to tell
            self._answer.finished.emit(made, problem, damaged)


class OpeningBackup(QObject):
    """Starts the opening backup of a window's project and reports how it went."""

    finished = Signal(object, str, bool)  # backup path or None, problem, damaged

    def __init__(self, window: QMainWindow, path: Path) -> None:
        super().__init__(window)
        self._window, self._path = window, path
        self._answer = _Answer(self)
        self._answer.finished.connect(self._on_finished)
        self.running = False

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(_Job(self._path, self._answer))

    def _on_finished(self, made: Path | None, problem: str, damaged: bool) -> None:
        self.running = False
        window = self._window
        if damaged:
            title = QCoreApplication.translate("Backup", "The project file is damaged")
            show_error(window, title, problem)
        elif problem:
            message = QCoreApplication.translate("Backup", "Automatic backup skipped: {problem}")
            window.statusBar().showMessage(message.format(problem=problem), 15000)
        elif made is not None:
            message = QCoreApplication.translate("Backup", "Backup: {path}")
            window.statusBar().showMessage(message.format(path=isolate(made.name)), 5000)
        self.finished.emit(made, problem, damaged)


def wait_for_backups() -> None:
    """Let a backup under way finish (the window is closed; the process is ending)."""
    QThreadPool.globalInstance().waitForDone(WAIT_AT_EXIT_MS)
