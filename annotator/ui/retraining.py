"""The model retrained as annotations grow: once an annotator has a model, every
`EDITS_PER_TRAINING` edits of their spans start a new training in the background (the
same niced process as Train my model), and its suggestions follow when it is done.

Only an annotator who trained a model once is retrained: nobody's CPU is taken for a
model they never asked for. A setting turns it off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from annotator.core.changes import Changes
from annotator.core.suggest.model.folder import default_model_dir
from annotator.ui.i18n import interface_settings

if TYPE_CHECKING:
    from annotator.ui.model_training import ModelTraining
    from annotator.ui.suggestions import SuggestionController

EDITS_PER_TRAINING = 50
SETTING = "suggestions/retrain"


class Retraining(QObject):
    """Counts the annotator's span edits and starts training every so many."""

    def __init__(self, controller: SuggestionController, training: ModelTraining) -> None:
        super().__init__(controller)
        self.controller = controller
        self.training = training
        self.edits = 0
        controller.session.operations.changed.connect(self._on_changed)

    @staticmethod
    def enabled() -> bool:
        return interface_settings().value(SETTING, True) in (True, "true", "1", 1)

    @staticmethod
    def set_enabled(on: bool) -> None:
        interface_settings().setValue(SETTING, bool(on))

    def has_model(self) -> bool:
        """Whether this annotator has trained a model (in the project's model folder)."""
        session = self.controller.session
        return default_model_dir(session.store.path, session.annotator.name).is_dir()

    def _on_changed(self, changes: Changes) -> None:
        if not changes.spans or changes.everything:
            return
        self.edits += len(changes.spans)
        if self.edits < EDITS_PER_TRAINING or self.training.running:
            return
        if not self.enabled() or not self.has_model():
            return
        self.edits = 0
        session = self.controller.session
        self.training.start(str(session.store.path), session.annotator.name)
        self.controller.message.emit(
            self.tr("Retraining your model on your newest spans, in the background…")
        )
