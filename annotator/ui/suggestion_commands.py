"""Undoable steps on suggestions: accepting one (with the speaker and link it carries),
rejecting one, accepting every suggestion of a document. Like every edit they are applied
when built, so a refused one never reaches the undo stack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from annotator.core.changes import Changes
from annotator.core.suggest.accept import Accepted, accept, put_back, take_back
from annotator.ui.commands import StoreCommand

if TYPE_CHECKING:
    from annotator.ui.session import Session


class AcceptSuggestions(StoreCommand):
    """Copy suggestions into the session's layer, in one transaction and one undo step;
    undo removes what they made, redo puts it back with the same ids."""

    def __init__(self, session: Session, document_id: int, suggestion_ids: list[int]) -> None:
        store, actor = session.store, session.annotator.id
        with store.transaction():
            self.accepted: list[Accepted] = [
                accept(store, i, session.layer_id, actor) for i in suggestion_ids
            ]
        if len(self.accepted) == 1:
            text = QCoreApplication.translate("SuggestionCommands", "Accept {label}").format(
                label=self.accepted[0].span.label
            )
        else:
            text = QCoreApplication.translate(
                "SuggestionCommands", "Accept {n} suggestions"
            ).format(n=len(self.accepted))
        super().__init__(session, document_id, text)

    @property
    def spans(self) -> list:
        """The head span of each accepted suggestion (new or already in the layer)."""
        return [a.span for a in self.accepted]

    def changes(self) -> Changes:
        out = Changes()
        for accepted in self.accepted:
            out = out | accepted.changes
        return out

    def _undo(self) -> None:
        store, actor = self.session.store, self.session.annotator.id
        with store.transaction():
            for accepted in reversed(self.accepted):
                take_back(store, accepted, actor)

    def _redo(self) -> None:
        store, actor = self.session.store, self.session.annotator.id
        with store.transaction():
            for accepted in self.accepted:
                put_back(store, accepted, actor)


class RejectSuggestion(StoreCommand):
    """Remember that the annotator rejected a suggestion (it stays hidden for them)."""

    def __init__(self, session: Session, suggestion_id: int) -> None:
        suggestions = session.store.suggestions
        suggestion = suggestions.get(suggestion_id)
        super().__init__(
            session,
            suggestion.document_id,
            QCoreApplication.translate("SuggestionCommands", "Reject {label}").format(
                label=suggestion.label
            ),
        )
        self.suggestion = suggestion
        self._changes = suggestions.reject(suggestion, session.layer_id)

    def changes(self) -> Changes:
        return self._changes

    def _undo(self) -> None:
        self.session.store.suggestions.unreject(self.suggestion, self.session.layer_id)

    def _redo(self) -> None:
        self.session.store.suggestions.reject(self.suggestion, self.session.layer_id)
