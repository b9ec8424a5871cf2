"""The one operation path of the window (Anki's `CollectionOp`): every change to the project
runs here, and every view refreshes from the one `changed(Changes)` signal it emits.

An undoable edit is built (the core applies and commits it), pushed on its document's undo
stack, and announced; its undo and redo are announced the same way. A write the project
refused offers to try again (the session's retry prompt). Operations that are not edits of
one document (an import, a merge, a label edit, another process's commit) announce their
`Changes` through `announce`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError, WriteError

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
                    refused(f"Not saved: {exc}")
                    return None
            except AnnotatorError as exc:
                refused(str(exc))
                return None
        self.session.push(document_id, command)
        return command
