"""Undoable edits. Each command holds ids, calls the core (which commits at once) and
announces the core's `Changes` through the session's operation path; the views refresh
from that signal.

The edit is applied when the command is built, so a refused edit raises before anything
reaches the undo stack; the stack's first `redo()` is then a no-op.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QUndoCommand

from annotator.core.changes import Changes
from annotator.core.errors import WriteError
from annotator.core.model import Relation, Span
from annotator.core.store.annotations import DeletedSpan
from annotator.ui.plain_text import action_text, isolate

if TYPE_CHECKING:
    from annotator.ui.session import Session

STATUS_STEPS = {
    "new": QT_TRANSLATE_NOOP("Commands", "Mark new"),
    "in_progress": QT_TRANSLATE_NOOP("Commands", "Mark in progress"),
    "done": QT_TRANSLATE_NOOP("Commands", "Mark done"),
}


def _tr(text: str) -> str:
    """`text` (marked with QT_TRANSLATE_NOOP or given to `translate` below) translated."""
    return QCoreApplication.translate("Commands", text)


class StoreCommand(QUndoCommand):
    """Base: applied on construction; redo/undo after that call `_redo`/`_undo`."""

    def __init__(self, session: Session, document_id: int | None, text: str) -> None:
        """`document_id` None: a project-level step (on `Session.project_stack`)."""
        # Before "\n": the command's text; after it: the Undo/Redo menu text, where '&'
        # would be a mnemonic (a label called "R&D").
        super().__init__(f"{text}\n{action_text(text)}")
        self.session = session
        self.document_id = document_id
        self._applied = True

    # set when a failed undo/redo is being taken back: the next step only moves the stack
    skip_once = False

    def redo(self) -> None:
        if self._applied:  # pushed once applied: the stack's first redo does nothing
            self._applied = False
            self.session.operations.announce(self.changes())
            return
        if self.skip_once:
            self.skip_once = False
            return
        self._step(self._redo, was_undo=False)

    def undo(self) -> None:
        if self.skip_once:
            self.skip_once = False
            return
        self._step(self._undo, was_undo=True)

    def _step(self, apply: Callable[[], object], was_undo: bool) -> None:
        try:
            apply()
        except WriteError as exc:
            if was_undo:
                problem = QCoreApplication.translate("Commands", "Undo not saved: {problem}")
            else:
                problem = QCoreApplication.translate("Commands", "Redo not saved: {problem}")
            self.session.undo_step_failed(self, problem.format(problem=exc), was_undo)
            return
        self.session.operations.announce(self.changes())

    def changes(self) -> Changes:
        """What this edit (and its undo) changes: the core's `Changes` of the records."""
        raise NotImplementedError

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class _CreatesSpan(StoreCommand):
    """A command whose effect is one new span (and what hangs on it): undo deletes it,
    redo puts it back with the same id and links."""

    span: Span
    _deleted: DeletedSpan | None = None

    def changes(self) -> Changes:
        return self._changes

    def _undo(self) -> None:
        self._deleted = self.session.store.annotations.delete_span(
            self.span.id, actor_id=self.session.annotator.id
        )

    def _redo(self) -> None:
        assert self._deleted is not None
        self.session.store.annotations.restore_span(
            self._deleted, actor_id=self.session.annotator.id
        )


class AddSpan(_CreatesSpan):
    """Create a span in the session's layer."""

    def __init__(
        self,
        session: Session,
        document_id: int,
        label: str,
        start: int,
        end: int,
        attributes: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(
            session,
            document_id,
            QCoreApplication.translate("Commands", "Tag {label}").format(label=isolate(label)),
        )
        self.span = session.store.annotations.add_span(
            document_id,
            session.layer_id,
            label,
            start,
            end,
            attributes,
            actor_id=session.annotator.id,
        )
        self._changes = self.span.changes


class DeleteSpan(StoreCommand):
    """Delete a span and its relations; undo puts all of them back with their ids."""

    def __init__(self, session: Session, span_id: int) -> None:
        span = session.store.annotations.span(span_id)
        super().__init__(
            session,
            span.document_id,
            QCoreApplication.translate("Commands", "Delete {label}").format(
                label=isolate(span.label)
            ),
        )
        self.deleted = session.store.annotations.delete_span(span_id, actor_id=session.annotator.id)

    def changes(self) -> Changes:
        return self.deleted.changes

    def _undo(self) -> None:
        self.session.store.annotations.restore_span(
            self.deleted, actor_id=self.session.annotator.id
        )

    def _redo(self) -> None:
        self.deleted = self.session.store.annotations.delete_span(
            self.deleted.span.id, actor_id=self.session.annotator.id
        )


class UpdateSpan(StoreCommand):
    """Change a span's label, edges or attributes."""

    def __init__(self, session: Session, span_id: int, text: str, **changes: Any) -> None:
        before = session.store.annotations.span(span_id)
        super().__init__(session, before.document_id, text)
        self.before = before
        self.after = session.store.annotations.update_span(
            span_id, actor_id=session.annotator.id, **changes
        )

    def changes(self) -> Changes:
        return self.before.changes

    def _apply(self, span: Span) -> None:
        self.session.store.annotations.update_span(
            span.id,
            label=span.label,
            start=span.start,
            end=span.end,
            attributes=span.attributes,
            actor_id=self.session.annotator.id,
        )

    def _undo(self) -> None:
        self._apply(self.before)

    def _redo(self) -> None:
        self._apply(self.after)


class AddRelation(StoreCommand):
    """Link two spans of the layer, e.g. QUOTE -SAID_BY-> its speaker."""

    def __init__(self, session: Session, head_id: int, child_id: int, label: str) -> None:
        relation = session.store.annotations.add_relation(
            head_id, child_id, label, actor_id=session.annotator.id
        )
        super().__init__(
            session,
            relation.document_id,
            QCoreApplication.translate("Commands", "Link {label}").format(label=isolate(label)),
        )
        self.relation: Relation = relation

    def changes(self) -> Changes:
        return self.relation.changes

    def _undo(self) -> None:
        self.session.store.annotations.delete_relation(
            self.relation.id, actor_id=self.session.annotator.id
        )

    def _redo(self) -> None:
        self.session.store.annotations.restore_relation(
            self.relation, actor_id=self.session.annotator.id
        )


class AddSpeakerAndLink(_CreatesSpan):
    """Make a span of the selected words (e.g. SPEAKER "متحدث باسم الوزارة") and link the
    head to it, in one transaction and one undo step."""

    def __init__(
        self, session: Session, head_id: int, label: str, start: int, end: int, relation: str
    ) -> None:
        store, actor = session.store, session.annotator.id
        head = store.annotations.span(head_id)
        super().__init__(
            session,
            head.document_id,
            QCoreApplication.translate("Commands", "{label} and {relation}").format(
                label=isolate(label), relation=isolate(relation)
            ),
        )
        with store.transaction():
            self.span = store.annotations.add_span(
                head.document_id, session.layer_id, label, start, end, actor_id=actor
            )
            link = store.annotations.add_relation(head_id, self.span.id, relation, actor_id=actor)
        self._changes = self.span.changes | link.changes


class DeleteRelation(StoreCommand):
    """Remove a link between two spans."""

    def __init__(self, session: Session, relation_id: int) -> None:
        relation = session.store.annotations.delete_relation(
            relation_id, actor_id=session.annotator.id
        )
        super().__init__(
            session,
            relation.document_id,
            QCoreApplication.translate("Commands", "Unlink {label}").format(
                label=isolate(relation.label)
            ),
        )
        self.relation = relation

    def changes(self) -> Changes:
        return self.relation.changes

    def _undo(self) -> None:
        self.session.store.annotations.restore_relation(
            self.relation, actor_id=self.session.annotator.id
        )

    def _redo(self) -> None:
        self.session.store.annotations.delete_relation(
            self.relation.id, actor_id=self.session.annotator.id
        )


class SetStatus(StoreCommand):
    """Mark a document new / in progress / done in the session's layer (the annotator's
    own, or gold in the review window)."""

    def __init__(self, session: Session, document_id: int, status: str) -> None:
        annotations = session.store.annotations
        layer_id = session.layer_id
        before = annotations.status(document_id, layer_id)
        super().__init__(session, document_id, _tr(STATUS_STEPS.get(status, status)))
        self.layer_id, self.before, self.after = layer_id, before, status
        self._changes = annotations.set_status(document_id, self.layer_id, status)

    def changes(self) -> Changes:
        return self._changes

    def _undo(self) -> None:
        self.session.store.annotations.set_status(self.document_id, self.layer_id, self.before)

    def _redo(self) -> None:
        self.session.store.annotations.set_status(self.document_id, self.layer_id, self.after)
