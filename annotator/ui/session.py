"""The annotation session: who is annotating, one undo stack per document, and the
operation path every edit runs through (`session.operations`, whose `changed(Changes)`
every view refreshes from)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from annotator.core.model import Annotator
from annotator.core.store import Store
from annotator.ui.operations import Operations

LAST_DOCUMENT_KEY = "ui.last_document.{annotator}"
CURRENT_ANNOTATOR_KEY = "ui.annotator"


class Session(QObject):
    """Holds the store, who is working and which layer they edit (their own, or gold for
    a reviewer); runs edits through per-document undo stacks."""

    # an undo or redo that could not be saved (the project busy, the disk full…)
    writeFailed = Signal(str)

    def __init__(
        self,
        store: Store,
        annotator: Annotator,
        parent: QObject | None = None,
        layer: Annotator | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.annotator = annotator
        self.layer_id = (layer or annotator).id
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}
        # Steps across many documents (accept agreed spans everywhere): kept out of the
        # per-document stacks, undone from their own menu entry.
        self.project_stack = QUndoStack(self)
        # Asked when an edit could not be saved: True to try it again. The window sets a
        # dialog; without one the edit is simply not made (and the editor says so).
        self.retry_prompt: Callable[[str], bool] | None = None
        self.operations = Operations(self)

    def stack(self, document_id: int) -> QUndoStack:
        """The undo stack of one document (created on first use)."""
        stack = self._stacks.get(document_id)
        if stack is None:
            stack = QUndoStack(self.undo_group)
            self._stacks[document_id] = stack
        return stack

    def activate(self, document_id: int) -> None:
        """Make this document's stack the one Ctrl+Z works on, and remember it."""
        self.undo_group.setActiveStack(self.stack(document_id))
        self.store.set_setting(
            LAST_DOCUMENT_KEY.format(annotator=self.annotator.name), str(document_id)
        )

    def last_document(self) -> int | None:
        """The document this annotator had open last time, if any."""
        value = self.store.setting(LAST_DOCUMENT_KEY.format(annotator=self.annotator.name))
        return int(value) if value else None

    def switch_annotator(self, annotator: Annotator) -> None:
        """Work as another annotator from now on (undo history is per annotator)."""
        self.annotator = annotator
        self.layer_id = annotator.id
        self.store.set_setting(CURRENT_ANNOTATOR_KEY, annotator.name)
        for stack in self._stacks.values():
            stack.clear()
        self.project_stack.clear()

    def push(self, document_id: int | None, command: QUndoCommand) -> None:
        """Put an applied command on its document's stack (None: the project's)."""
        stack = self.project_stack if document_id is None else self.stack(document_id)
        stack.push(command)

    def ask_retry(self, problem: str) -> bool:
        """Whether to try an edit again that could not be saved."""
        return self.retry_prompt is not None and self.retry_prompt(problem)

    def undo_step_failed(self, command: QUndoCommand, problem: str, was_undo: bool) -> None:
        """An undo (or redo) could not be saved: put the stack back where it was, as the
        project still is, and tell the user."""
        doc = command.document_id
        stack = self.project_stack if doc is None else self.stack(doc)

        def put_back() -> None:
            command.skip_once = True
            (stack.redo if was_undo else stack.undo)()

        QTimer.singleShot(0, put_back)  # not from inside the stack's own undo()
        self.writeFailed.emit(problem)
