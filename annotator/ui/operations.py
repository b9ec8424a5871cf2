"""The one operation path of the window (Anki's `CollectionOp`): every change to the project
runs here, and every view refreshes from the one `changed(Changes)` signal it emits.

An undoable edit is built (the core applies and commits it), pushed on its document's undo
stack, and announced; its undo and redo are announced the same way. A write the project
refused offers to try again (the session's retry prompt). Operations that are not edits of
one document announce their `Changes` through `announce` (a label edit, another
process's commit) or, when long, run off the UI thread through `run_in_background` (an
import, a merge), with progress and Cancel where the work can stop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError, WriteError
from annotator.ui.background_job import BackgroundJob, run_job

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoCommand

    from annotator.ui.session import Session

C = TypeVar("C", bound="QUndoCommand")


class Operations(QObject):
    """Runs a session's operations and tells every view what they changed."""

    changed = Signal(object)  # Changes

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.session = session

    def announce(self, changes: Changes) -> None:
        """Tell every view what an operation changed (nothing is said when nothing did)."""
        if changes:
            self.changed.emit(changes)

    def apply(
        self, document_id: int | None, build: Callable[[], C], refused: Callable[[str], object]
    ) -> C | None:
        """Build an undoable command (which applies the edit), push it on the document's
        stack, or the project's for None (which announces its changes), and return it. A
        refusal goes to `refused`; a write the project could not take is offered again."""
        while True:
            try:
                command = build()
                break
            except WriteError as exc:  # nothing was saved: say so, offer to try again
                if not self.session.ask_retry(str(exc)):
                    refused(self.tr("Not saved: {problem}").format(problem=exc))
                    return None
            except AnnotatorError as exc:
                refused(str(exc))
                return None
        self.session.push(document_id, command)
        return command

    def run_in_background(
        self, job: BackgroundJob, failure_title: str, changes: Callable[[Any], Changes]
    ) -> Any:
        """Run a long operation in its worker thread behind its progress dialog, show its
        error if it failed, and announce what it changed (`changes(outcome)`) if it did
        not; returns the job's outcome."""
        outcome = run_job(job, job.parent(), failure_title)
        if not outcome.cancelled and outcome.error is None:
            self.announce(changes(outcome))
        return outcome
