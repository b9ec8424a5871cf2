"""Training the project's model from the window: `annotator train` runs in a process of
its own, at low priority and on one thread, so the window keeps drawing every frame
while it trains (a thread would share the interpreter with the UI), and cancelling it
kills the process; the command writes its model folder whole or not at all.
"""

from __future__ import annotations

import shutil
import sys

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

# numpy's and thinc's thread pools would take every core from the window
_THREAD_LIMITS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class ModelTraining(QObject):
    """One training run at a time for a project and an annotator's layer."""

    started = Signal()
    progress = Signal(str)  # the command's latest line
    finished = Signal(bool, str)  # trained?, its last words

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: QProcess | None = None
        self._last = ""
        self._cancelled = False

    @property
    def running(self) -> bool:
        return self._process is not None

    def start(self, project: str, annotator: str) -> None:
        """Train on `annotator`'s layer of the project at `project`."""
        if self._process is not None:
            return
        self._cancelled = False
        self._last = ""
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        process.readyReadStandardOutput.connect(self._read)
        process.finished.connect(self._done)
        process.errorOccurred.connect(self._failed_to_start)
        self._process = process
        environment = QProcessEnvironment.systemEnvironment()
        for name in _THREAD_LIMITS:  # one core is left to the window
            environment.insert(name, "1")
        process.setProcessEnvironment(environment)
        program, arguments = sys.executable, ["-m", "annotator"]
        nice = shutil.which("nice")
        if nice:  # the window's frames come before the model's epochs
            program, arguments = nice, ["-n", "15", sys.executable, *arguments]
        arguments += ["--db", project, "train", "--annotator", annotator]
        process.start(program, arguments)
        self.started.emit()

    def cancel(self) -> None:
        """Stop training; no model is left half written."""
        if self._process is not None:
            self._cancelled = True
            self._process.kill()

    def _read(self) -> None:
        assert self._process is not None
        data = bytes(self._process.readAllStandardOutput()).decode("utf-8", "replace")
        lines = [line.strip() for line in data.splitlines() if line.strip()]
        if lines:
            self._last = lines[-1]
            self.progress.emit(self._last)

    def _done(self, code: int, status: QProcess.ExitStatus) -> None:
        ok = not self._cancelled and status == QProcess.ExitStatus.NormalExit and code == 0
        last = (
            self.tr("Training cancelled; no model was written.") if self._cancelled else self._last
        )
        self._finish(ok, last)

    def _failed_to_start(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._finish(
                False, self.tr("Training could not start: {python}").format(python=sys.executable)
            )

    def _finish(self, ok: bool, last: str) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.deleteLater()
        self.finished.emit(ok, last)

    def stop(self) -> None:
        """The window closes: end a running training and wait for it."""
        if self._process is not None:
            self.cancel()
            self._process.waitForFinished(3000)
