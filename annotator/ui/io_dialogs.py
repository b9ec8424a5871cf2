"""Import and export from the File menu: a worker thread, a cancellable progress dialog.

The work runs in a `QThread` that opens its own `Store` on the project file (an SQLite
connection must stay in the thread that made it). Progress reaches the dialog through
queued signals, so the window keeps repainting; Cancel makes the core's progress
callback return False, the core raises `Cancelled` and nothing is stored:
nothing half-imported, no half-written export (see `atomic_write`: the file changes only
when the export is complete). Errors are shown as plain text in a message box.

Two levels:
  run_import / run_export   start the job, wait for it (local event loop, the progress
                            dialog window-modal), show an error box, return the outcome.
  import_job / export_job   an `IoJob` not yet started: connect to its signals, `start()`,
                            then `wait()` or listen for `finished` (tests use this to
                            press Cancel at a chosen moment).
  ask_import / ask_export   the File-menu actions: a file dialog, then run_*.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QProgressDialog, QWidget

from annotator.core.errors import AnnotatorError, Cancelled
from annotator.core.files.atomic_write import atomic_write
from annotator.core.formats.export_jsonl import check_filters, iter_records, to_json_line
from annotator.core.import_files import ImportResult, import_files
from annotator.core.store import Store
from annotator.core.store.layers import count_layers

IMPORT_FILTER = "Articles and annotations (*.txt *.jsonl *.json *.ndjson);;All files (*)"
EXPORT_FILTER = "JSON Lines (*.jsonl);;All files (*)"

# The worker tells the dialog at most this often (plus the first and last step).
PROGRESS_INTERVAL_S = 0.05

# (done, total) -> keep going?  total 0 = unknown.
Step = Callable[[int, int], bool]


@dataclass
class ImportOutcome(ImportResult):
    """What an import did (`ImportResult`), or that it was cancelled or failed: then
    nothing was stored."""

    cancelled: bool = False
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.cancelled and self.error is None

    def summary(self) -> str:
        """One plain-text line for a status bar."""
        if self.cancelled:
            return "Import cancelled; nothing was stored."
        if self.error is not None:
            return f"Import failed: {self.error}"
        text = (
            f"Imported {self.documents_added} new document(s)"
            f" ({self.documents_existing} already present)"
        )
        if self.spans_added or self.relations_added:
            text += f", {self.spans_added} span(s), {self.relations_added} relation(s)"
        if self.skipped:
            text += f"; {len(self.skipped)} skipped"
        return text + "."


@dataclass
class ExportOutcome:
    """What an export wrote. On `cancelled` or `error` no file was written."""

    path: Path
    lines: int = 0
    spans: int = 0
    relations: int = 0
    cancelled: bool = False
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.cancelled and self.error is None

    def summary(self) -> str:
        """One plain-text line for a status bar."""
        if self.cancelled:
            return "Export cancelled; no file was written."
        if self.error is not None:
            return f"Export failed: {self.error}"
        return (
            f"Exported {self.lines} layer(s), {self.spans} span(s), "
            f"{self.relations} relation(s) to {self.path.name}."
        )


Outcome = ImportOutcome | ExportOutcome


# -- the work, run in the worker thread with the worker's own Store ---------------------------


def _import_work(
    paths: list[Path],
    annotator: str | None,
    create_labels: bool,
    skip_bad: bool,
    encoding: str | None,
) -> Callable[[Store, Step, ImportOutcome], None]:
    def work(store: Store, step: Step, outcome: ImportOutcome) -> None:
        result = import_files(
            store,
            paths,
            encoding=encoding,
            skip_bad=skip_bad,
            annotator=annotator,
            create_labels=create_labels,
            progress=step,
        )
        for name in fields(ImportResult):
            setattr(outcome, name.name, getattr(result, name.name))

    return work


def _export_work(out_path: Path, filters: dict[str, Any]) -> Callable[..., None]:
    def work(store: Store, step: Step, outcome: ExportOutcome) -> None:
        check_filters(store, filters.get("annotators"), filters.get("labels"))
        total = count_layers(store.db)
        with atomic_write(out_path) as out:
            for record in iter_records(store, **filters):
                out.write(to_json_line(record))
                out.write("\n")
                outcome.lines += 1
                outcome.spans += len(record["spans"])
                outcome.relations += len(record["relations"])
                if not step(outcome.lines, max(total, outcome.lines)):
                    raise Cancelled("export cancelled; no file was written")

    return work


# -- thread and dialog ----------------------------------------------------------------------


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


class IoJob(QObject):
    """One import or export: the worker thread plus its progress dialog.

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
        dialog.setCancelButtonText("Cancel")
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
            self.label.setText("Cancelling…")

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
            self.label.setText(f"{self._label_text}\n{done:,} of {total:,}")
        self.progressed.emit(done, total)

    def _on_done(self, outcome: Outcome) -> None:
        self.worker.wait()  # the thread returns right after emitting
        self._finished = True
        self.outcome = outcome
        self.dialog.hide()
        self.dialog.deleteLater()
        self.finished.emit(outcome)


# -- jobs -------------------------------------------------------------------------------------


def import_job(
    parent: QWidget | None,
    db_path: Path,
    paths: Iterable[Path],
    annotator: str | None = None,
    *,
    create_labels: bool = False,
    skip_bad: bool = False,
    encoding: str | None = None,
) -> IoJob:
    """An import of .txt files/folders and .jsonl/.json/.ndjson files, not yet started.

    Everything is one transaction: all of it is stored, or (cancel, error) none of it.
    `annotator` names the layer of JSONL lines that do not name their annotator.
    """
    paths = [Path(p) for p in paths]
    work = _import_work(paths, annotator, create_labels, skip_bad, encoding)
    what = paths[0].name if len(paths) == 1 else f"{len(paths)} items"
    return IoJob(parent, db_path, work, ImportOutcome(), "Import", f"Importing {what}…")


def export_job(parent: QWidget | None, db_path: Path, out_path: Path, **filters: Any) -> IoJob:
    """An export to JSONL, not yet started. `filters` are those of `iter_records`:
    annotators=[names], labels=[names], done_only=bool."""
    out_path = Path(out_path)
    work = _export_work(out_path, filters)
    return IoJob(
        parent,
        db_path,
        work,
        ExportOutcome(out_path),
        "Export",
        f"Exporting to {out_path.name}…",
    )


def show_error(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    """A warning box with `message` as plain text, opened without blocking
    (window-modal on `parent`); deleted when closed."""
    box = QMessageBox(parent)
    box.setObjectName("ioError")
    box.setIcon(QMessageBox.Icon.Warning)
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


def _run(job: IoJob, parent: QWidget | None, title: str) -> Outcome:
    job.start()
    outcome = job.wait()
    job.deleteLater()
    if outcome.error is not None:
        show_error(parent, title, outcome.error)
    return outcome


def run_import(
    parent: QWidget | None,
    db_path: Path,
    paths: list[Path],
    annotator: str | None = None,
    **options: Any,
) -> ImportOutcome | None:
    """Import with a progress dialog and wait for it (see `import_job` for `options`).

    Returns None when there is nothing to import; an error is also shown in a box.
    """
    if not paths:
        return None
    job = import_job(parent, db_path, paths, annotator, **options)
    return _run(job, parent, "Import failed")  # type: ignore[return-value]


def run_export(
    parent: QWidget | None, db_path: Path, out_path: Path, **filters: Any
) -> ExportOutcome | None:
    """Export with a progress dialog and wait for it; an error is also shown in a box."""
    job = export_job(parent, db_path, out_path, **filters)
    return _run(job, parent, "Export failed")  # type: ignore[return-value]


# -- File menu actions ---------------------------------------------------------------------------


def ask_import(
    parent: QWidget | None,
    db_path: Path,
    annotator: str | None = None,
    *,
    folder: bool = False,
    **options: Any,
) -> ImportOutcome | None:
    """File > Import: choose files (or a folder of .txt articles) and import them.
    None if the user chose nothing."""
    if folder:
        chosen = QFileDialog.getExistingDirectory(parent, "Import a folder of articles")
        paths = [Path(chosen)] if chosen else []
    else:
        names, _ = QFileDialog.getOpenFileNames(parent, "Import", "", IMPORT_FILTER)
        paths = [Path(name) for name in names]
    return run_import(parent, db_path, paths, annotator, **options)


def ask_export(parent: QWidget | None, db_path: Path, **filters: Any) -> ExportOutcome | None:
    """File > Export: choose the output file and export. None if the user chose nothing."""
    name, _ = QFileDialog.getSaveFileName(parent, "Export annotations", "", EXPORT_FILTER)
    if not name:
        return None
    out_path = Path(name)
    if not out_path.suffix:
        out_path = out_path.with_suffix(".jsonl")
    return run_export(parent, db_path, out_path, **filters)
