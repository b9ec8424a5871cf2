"""Long work off the UI thread: a worker thread with its own `Store` on the project file,
and a progress dialog with Cancel (window-modal), used for import, export and merge.

The work gets a progress callback (`Step`): it returns False once Cancel was pressed, and
the work then raises `Cancelled`, so nothing is stored. Progress reaches the dialog
through queued signals, so the window keeps repainting. Errors are shown as plain text.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressDialog, QWidget

from annotator.core.errors import AnnotatorError, Cancelled
from annotator.core.store import Store

# The worker tells the dialog at most this often (plus the first and last step).
PROGRESS_INTERVAL_S = 0.05

# (done, total) -> keep going?  total 0 = unknown.
Step = Callable[[int, int], bool]


class Outcome(Protocol):
    """What a job's work fills in; the worker sets `cancelled` or `error`."""

    cancelled: bool
    error: str | None


class Worker(QThread):
    """Runs one job's work with its own `Store`; emits from the worker thread.

    `progressed(done, total)` is throttled (first step, then every PROGRESS_INTERVAL_S,
    and the last); `done(outcome)` is emitted once, last.
    """

    progressed = Signal(int, int)
    done = Signal(object)

    def __init__(
        self,
        db_path: Path,
        work: Callable[[Store, Step, Any], None],
        outcome: Outcome,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db_path = Path(db_path)
        self._work = work
        self.outcome = outcome
        self._cancel = threading.Event()
        self._last = 0.0
        self._emitted = False

    def request_cancel(self) -> None:
        """Ask the work to stop at its next progress step (thread-safe)."""
        self._cancel.set()

    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def _step(self, done: int, total: int) -> bool:
        now = time.monotonic()
        if not self._emitted or now - self._last >= PROGRESS_INTERVAL_S or done >= total:
            self._emitted, self._last = True, now
            self.progressed.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:  # the worker thread
        outcome = self.outcome
        try:
            if self._cancel.is_set():
                raise Cancelled("cancelled before it started")
            with Store.open(self._db_path) as store:
                self._work(store, self._step, outcome)
        except Cancelled:
            outcome.cancelled = True
        except AnnotatorError as exc:
            outcome.error = str(exc)
        except (OSError, ValueError) as exc:
            outcome.error = str(exc) or type(exc).__name__
        except Exception as exc:  # a bug: report it rather than lose it in the thread
            outcome.error = f"unexpected {type(exc).__name__}: {exc}"
        self.done.emit(outcome)


class BackgroundJob(QObject):
    """One long job (an import, an export, a merge): the worker thread plus its progress dialog.

    Signals are emitted in the GUI thread: `progressed(done, total)`, then
    `finished(outcome)` once the worker thread has ended.
    """

    progressed = Signal(int, int)
    finished = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        db_path: Path,
        work: Callable[[Store, Step, Any], None],
        outcome: Outcome,
        title: str,
        label: str,
        cancellable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.outcome: Outcome = outcome
        self._finished = False
        self.worker = Worker(db_path, work, outcome)
        self.worker.progressed.connect(self._on_progress)  # queued: other thread
        self.worker.done.connect(self._on_done)

        self.label = QLabel(label)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self._label_text = label
        dialog = QProgressDialog(parent)
        dialog.setObjectName("ioProgress")
        dialog.setWindowTitle(title)
        dialog.setLabel(self.label)
        dialog.setCancelButtonText(self.tr("Cancel"))
        if not cancellable:  # work that cannot stop halfway says so by offering no Cancel
            dialog.setCancelButton(None)
        dialog.setRange(0, 0)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog

    @property
    def is_finished(self) -> bool:
        return self._finished

    def start(self) -> None:
        """Start the worker thread (the dialog appears if it takes a moment)."""
        self.worker.start()

    def cancel(self) -> None:
        """What the Cancel button does: stop at the next step and roll back."""
        if not self._finished:
            self.worker.request_cancel()
            self.label.setText(self.tr("Cancelling…"))

    def wait(self) -> Outcome:
        """Run a local event loop until the job has finished; returns the outcome."""
        if not self._finished:
            loop = QEventLoop()
            self.finished.connect(loop.quit)
            if not self._finished:  # may have finished while connecting
                loop.exec()
        return self.outcome

    def _on_progress(self, done: int, total: int) -> None:
        if self._finished or self.worker.cancel_requested():
            return
        if total > 0:
            if self.dialog.maximum() != total:
                self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))  # window-modal: processes events
            if self._finished:
                return
            count = self.tr("{done} of {total}").format(done=f"{done:,}", total=f"{total:,}")
            self.label.setText(f"{self._label_text}\n{count}")
        self.progressed.emit(done, total)

    def _on_done(self, outcome: Outcome) -> None:
        self.worker.wait()  # the thread returns right after emitting
        self._finished = True
        self.outcome = outcome
        self.dialog.hide()
        self.dialog.deleteLater()
        self.finished.emit(outcome)


def show_error(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    """A warning box with `message` as plain text, opened without blocking
    (window-modal on `parent`); deleted when closed."""
    return open_box(parent, "ioError", QMessageBox.Icon.Warning, title, message)


def open_box(
    parent: QWidget | None, name: str, icon: QMessageBox.Icon, title: str, message: str
) -> QMessageBox:
    """A message box named `name` with `message` as plain text, opened without blocking
    (window-modal on `parent`); deleted when closed."""
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:  # keep it alive until closed
        _open_boxes.add(box)
        box.finished.connect(lambda _result: _open_boxes.discard(box))
    box.open()
    return box


_open_boxes: set[QMessageBox] = set()


def run_job(job: BackgroundJob, parent: QWidget | None, title: str) -> Any:
    """Start a job, wait for it (a local event loop) and show its error, if any."""
    job.start()
    outcome = job.wait()
    job.deleteLater()
    if outcome.error is not None:
        show_error(parent, title, outcome.error)
    return outcome
