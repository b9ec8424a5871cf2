"""Undoable skips, flags and comments of the session's annotator: each applies on
construction (the core commits), undo takes it back, redo puts it back as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from annotator.core.changes import Changes, in_document
from annotator.core.model import Comment, Flag, Span
from annotator.ui.commands import StoreCommand

if TYPE_CHECKING:
    from annotator.ui.session import Session


class SetFlag(StoreCommand):
    """Skip or flag a document (replacing the annotator's earlier one, which undo puts
    back)."""

    def __init__(
        self, session: Session, document_id: int, kind: str, reason: str = "", note: str = ""
    ) -> None:
        notes, who = session.store.notes, session.annotator.id
        text = (
            QCoreApplication.translate("Notes", "Skip document")
            if kind == "skipped"
            else QCoreApplication.translate("Notes", "Flag for reviewer")
        )
        super().__init__(session, document_id, text)
        self.before: Flag | None = notes.flag(document_id, who, kind)
        self.after = notes.set_flag(document_id, who, kind, reason, note)

    def changes(self) -> Changes:
        return self.after.changes

    def _undo(self) -> None:
        notes, flag = self.session.store.notes, self.after
        if self.before is None:
            notes.clear_flag(flag.document_id, flag.annotator_id, flag.kind)
        else:
            notes.restore_flag(self.before)

    def _redo(self) -> None:
        self.session.store.notes.restore_flag(self.after)


class ClearFlag(StoreCommand):
    """Take back the annotator's skip or flag of a document."""

    def __init__(self, session: Session, document_id: int, kind: str) -> None:
        notes, who = session.store.notes, session.annotator.id
        text = (
            QCoreApplication.translate("Notes", "Take back skip")
            if kind == "skipped"
            else QCoreApplication.translate("Notes", "Unflag")
        )
        super().__init__(session, document_id, text)
        self.before = notes.flag(document_id, who, kind)
        self.kind = kind
        notes.clear_flag(document_id, who, kind)

    def changes(self) -> Changes:
        return in_document(self.document_id, status=True)

    def _undo(self) -> None:
        if self.before is not None:
            self.session.store.notes.restore_flag(self.before)

    def _redo(self) -> None:
        self.session.store.notes.clear_flag(self.document_id, self.session.annotator.id, self.kind)


class AddComment(StoreCommand):
    """A comment on a document, or on a span of the annotator's layer."""

    def __init__(
        self, session: Session, document_id: int, text: str, span: Span | None = None
    ) -> None:
        title = (
            QCoreApplication.translate("Notes", "Comment on span")
            if span
            else QCoreApplication.translate("Notes", "Comment on document")
        )
        super().__init__(session, document_id, title)
        self.comment: Comment = session.store.notes.add_comment(
            document_id, session.annotator.id, text, span
        )

    def changes(self) -> Changes:
        return self.comment.changes

    def _undo(self) -> None:
        self.session.store.notes.delete_comment(self.comment.id)

    def _redo(self) -> None:
        self.session.store.notes.restore_comment(self.comment)
