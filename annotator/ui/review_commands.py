"""Undoable adjudication steps for the undo stacks: accept or reject a candidate, accept a
relation, accept by threshold. The core (`annotator.core.team.review_steps`) does each step
and says how to take it back; a command only runs it again (redo) or undoes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from annotator.core.changes import Changes
from annotator.core.team import review, review_steps
from annotator.core.team.review_steps import ReviewStep
from annotator.ui.commands import StoreCommand
from annotator.ui.plain_text import isolate

if TYPE_CHECKING:
    from annotator.ui.session import Session

Key = review.Key


class ReviewCommand(StoreCommand):
    """One review step: applied on construction, undone by the core's `undo_step`."""

    def __init__(
        self,
        session: Session,
        document_id: int | None,
        text: str,
        run: Callable[[], ReviewStep],
    ) -> None:
        super().__init__(session, document_id, text)
        self._run = run
        self.step = run()

    def changes(self) -> Changes:
        return self.step.changes

    def _undo(self) -> None:
        review_steps.undo_step(self.session.store, self.session.annotator.id, self.step)

    def _redo(self) -> None:
        self.step = self._run()


class AcceptCandidate(ReviewCommand):
    """Copy a candidate into gold."""

    def __init__(self, session: Session, document_id: int, key: Key, attributes=None) -> None:
        store, reviewer = session.store, session.annotator.id
        super().__init__(
            session,
            document_id,
            QCoreApplication.translate("Commands", "Accept {label}").format(label=isolate(key[2])),
            lambda: review_steps.accept(store, reviewer, document_id, key, attributes),
        )


class RejectCandidate(ReviewCommand):
    """Take a candidate out of gold and mark it rejected."""

    def __init__(self, session: Session, document_id: int, key: Key) -> None:
        store, reviewer = session.store, session.annotator.id
        super().__init__(
            session,
            document_id,
            QCoreApplication.translate("Commands", "Reject {label}").format(label=isolate(key[2])),
            lambda: review_steps.reject(store, reviewer, document_id, key),
        )


class AcceptRelation(ReviewCommand):
    """Copy a relation (and its spans, when missing) into gold."""

    def __init__(self, session: Session, document_id: int, rel: review.RelationCandidate) -> None:
        store, reviewer = session.store, session.annotator.id
        super().__init__(
            session,
            document_id,
            QCoreApplication.translate("Commands", "Accept {label}").format(
                label=isolate(rel.label)
            ),
            lambda: review_steps.accept_relation(store, reviewer, document_id, rel),
        )


class AcceptThreshold(ReviewCommand):
    """Accept the spans and links at least k annotators marked (None: all), in one document
    or, with `document_id` None, in many: a project-level step (`Session.project_stack`)."""

    def __init__(
        self, session: Session, document_id: int | None, k: int | None, document_ids: list[int]
    ) -> None:
        store, reviewer = session.store, session.annotator.id
        if k is None:
            text = QCoreApplication.translate("Commands", "Accept agreed in {count} doc(s)")
        else:
            text = QCoreApplication.translate("Commands", "Accept ≥ {k} in {count} doc(s)")
        super().__init__(
            session,
            document_id,
            text.format(k=k, count=len(document_ids)),
            lambda: review_steps.accept_threshold(store, reviewer, k, document_ids),
        )

    def count(self) -> tuple[int, int]:
        """How many gold spans and gold links this step made."""
        return self.step.span_count(), self.step.relation_count()
