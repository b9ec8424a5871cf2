"""Undoable edits of the label scheme (the labels dialog): add, change, retire, import.
They call the same core operations as `annotator labels`, so the same rules hold (a label
in use is not retired, spans follow a rename), and sit on the project's undo stack."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from annotator.core.changes import Changes, of_labels
from annotator.core.errors import AnnotatorError
from annotator.core.guidelines import guidelines, set_guidelines
from annotator.core.model import Label
from annotator.ui.commands import StoreCommand

if TYPE_CHECKING:
    from annotator.ui.session import Session

_LABEL_FIELDS = [field.name for field in fields(Label)]


def label_fields(label: Label) -> dict[str, Any]:
    """Every field of a label, as `Labels.update` takes them."""
    return {name: getattr(label, name) for name in _LABEL_FIELDS}


class _SchemeCommand(StoreCommand):
    """A project-level step. Its undo may be refused as well as fail to save (a label
    added, then used, cannot be taken out again): either is reported and the stack put
    back, never raised into Qt."""

    _changes = Changes()

    def __init__(self, session: Session, text: str) -> None:
        super().__init__(session, None, text)

    def changes(self) -> Changes:
        return self._changes

    def _step(self, apply: Callable[[], object], was_undo: bool) -> None:
        try:
            apply()
        except AnnotatorError as exc:
            verb = (
                QCoreApplication.translate("LabelEdits", "Undo")
                if was_undo
                else QCoreApplication.translate("LabelEdits", "Redo")
            )
            self.session.undo_step_failed(self, f"{verb}: {exc}", was_undo)
            return
        self.session.operations.announce(self.changes())


class AddLabel(_SchemeCommand):
    """A new label; undo removes it again (refused once it is in use)."""

    def __init__(self, session: Session, label: Label) -> None:
        self.label = session.store.labels.add(label)
        super().__init__(
            session,
            QCoreApplication.translate("LabelEdits", "Add label {name}").format(name=label.name),
        )
        self._changes = self.label.changes

    def _undo(self) -> None:
        self.session.store.labels.remove(self.label.name)

    def _redo(self) -> None:
        self.session.store.labels.add(self.label)


class UpdateLabel(_SchemeCommand):
    """Rename, recolour, re-key, describe (or change the kind of an unused label)."""

    def __init__(self, session: Session, name: str, text: str, /, **changes: Any) -> None:
        labels = session.store.labels
        self.before = labels.get(name)
        self.after = labels.update(name, **changes)
        super().__init__(session, text)
        self._changes = of_labels(self.before.name, self.after.name)

    def _undo(self) -> None:
        self.session.store.labels.update(self.after.name, **label_fields(self.before))

    def _redo(self) -> None:
        self.session.store.labels.update(self.before.name, **label_fields(self.after))


class RetireLabel(_SchemeCommand):
    """Take an unused label out of the scheme; undo puts it back in its place."""

    def __init__(self, session: Session, name: str) -> None:
        self.label = session.store.labels.get(name)
        self._changes = session.store.labels.remove(name)
        super().__init__(
            session,
            QCoreApplication.translate("LabelEdits", "Retire label {name}").format(name=name),
        )

    def _undo(self) -> None:
        self.session.store.labels.add(self.label)

    def _redo(self) -> None:
        self.session.store.labels.remove(self.label.name)


class ImportScheme(_SchemeCommand):
    """Add the labels of a scheme file that the project lacks (in one transaction)."""

    def __init__(self, session: Session, labels: list[Label], source: str) -> None:
        store = session.store
        self._changes = store.labels.install(labels)
        self.added = [store.labels.get(name) for name in self._changes.labels]
        super().__init__(
            session,
            QCoreApplication.translate("LabelEdits", "Import labels from {file}").format(
                file=source
            ),
        )

    def _undo(self) -> None:
        store = self.session.store
        with store.transaction():
            for label in self.added:
                store.labels.remove(label.name)

    def _redo(self) -> None:
        store = self.session.store
        with store.transaction():
            for label in self.added:
                store.labels.add(label)


class SetGuidelines(_SchemeCommand):
    """Replace the project's guidelines document; undo puts the old one back. It changes
    no record the views read, so `shown` is told instead of the operation path."""

    def __init__(
        self, session: Session, text: str, source: str, shown: Callable[[], object]
    ) -> None:
        self.before = guidelines(session.store)
        self.after = text
        self.shown = shown
        set_guidelines(session.store, text)
        super().__init__(
            session,
            QCoreApplication.translate("LabelEdits", "Guidelines from {file}").format(file=source),
        )

    def _undo(self) -> None:
        set_guidelines(self.session.store, self.before)
        self.shown()

    def _redo(self) -> None:
        set_guidelines(self.session.store, self.after)
        self.shown()
