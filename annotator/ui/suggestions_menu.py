"""The Suggestions menu of the annotation window: moving through suggestions, accepting
and rejecting them, which recipes run, the model's threshold and its training."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog

from annotator.core.store.labels import WINDOW_KEYS
from annotator.core.suggest.recipes import RECIPES
from annotator.ui.model_training import ModelTraining
from annotator.ui.retraining import Retraining
from annotator.ui.suggestions import SuggestionController
from annotator.ui.window_menus import add_action

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

# Prodigy's keys for the same choices: A accept, X reject; N for next (kept from labels).
NEXT, PREVIOUS, ACCEPT, REJECT, ACCEPT_ALL = "N", "Shift+N", "A", "X", "Shift+A"
assert {NEXT.lower(), ACCEPT.lower(), REJECT.lower()} == set(WINDOW_KEYS)


def install_suggestions(window: MainWindow) -> SuggestionController:
    """Add the Suggestions menu to the window and return its controller."""
    controller = SuggestionController(window)
    controller.message.connect(lambda text: window.statusBar().showMessage(text, 8000))
    training = ModelTraining(window)
    menu = window.menuBar().addMenu(QCoreApplication.translate("SuggestionsMenu", "&Suggestions"))
    add_action(
        window,
        menu,
        QCoreApplication.translate("SuggestionsMenu", "&Next suggestion"),
        NEXT,
        lambda: controller.step(1),
    )
    add_action(
        window,
        menu,
        QCoreApplication.translate("SuggestionsMenu", "&Previous suggestion"),
        PREVIOUS,
        lambda: controller.step(-1),
    )
    add_action(
        window,
        menu,
        QCoreApplication.translate("SuggestionsMenu", "&Accept suggestion"),
        ACCEPT,
        controller.accept_current,
    )
    add_action(
        window,
        menu,
        QCoreApplication.translate("SuggestionsMenu", "&Reject suggestion"),
        REJECT,
        controller.reject_current,
    )
    add_action(
        window,
        menu,
        QCoreApplication.translate("SuggestionsMenu", "Accept a&ll in this document"),
        ACCEPT_ALL,
        controller.accept_all,
    )
    menu.addSeparator()
    shown = add_action(
        window,
        menu,
        QCoreApplication.translate("SuggestionsMenu", "&Show suggestions"),
        None,
        controller.set_shown,
        checkable=True,
    )
    shown.setChecked(controller.shown())
    titles = {
        "quotes": QCoreApplication.translate("SuggestionsMenu", "Quotes and speakers (rules)"),
        "propagate": QCoreApplication.translate(
            "SuggestionsMenu", "What I tagged, elsewhere (propagation)"
        ),
        "model": QCoreApplication.translate("SuggestionsMenu", "Entities from my model"),
    }
    for name in RECIPES:
        action = add_action(
            window,
            menu,
            titles.get(name, name),
            None,
            lambda on, name=name: controller.set_recipe_on(name, on),
            checkable=True,
        )
        action.setChecked(controller.recipe_on(name))
    menu.addSeparator()

    def ask_threshold() -> None:
        value, ok = QInputDialog.getDouble(
            window,
            QCoreApplication.translate("SuggestionsMenu", "Model threshold"),
            QCoreApplication.translate(
                "SuggestionsMenu", "Show the model's suggestions from this confidence up (0–1):"
            ),
            controller.threshold(),
            0.0,
            1.0,
            2,
        )
        if ok:
            controller.set_threshold(value)

    add_action(
        window,
        menu,
        QCoreApplication.translate("SuggestionsMenu", "Model &threshold…"),
        None,
        ask_threshold,
    )

    def start_training() -> None:
        training.start(str(window.store.path), window.session.annotator.name)
        window.statusBar().showMessage(
            QCoreApplication.translate("SuggestionsMenu", "Training your model in the background…")
        )

    def training_started() -> None:  # from the menu, or retraining as annotations grow
        train.setEnabled(False)
        cancel.setEnabled(True)

    def trained(ok: bool, last: str) -> None:
        train.setEnabled(True)
        cancel.setEnabled(False)
        if ok:
            controller.schedule()
        prefix = (
            QCoreApplication.translate("SuggestionsMenu", "Model trained: ")
            if ok
            else QCoreApplication.translate("SuggestionsMenu", "Model not trained: ")
        )
        window.statusBar().showMessage(prefix + last, 15000)

    train = add_action(
        window,
        menu,
        QCoreApplication.translate("SuggestionsMenu", "&Train my model"),
        None,
        start_training,
    )
    cancel = add_action(
        window,
        menu,
        QCoreApplication.translate("SuggestionsMenu", "&Cancel training"),
        None,
        training.cancel,
    )
    cancel.setEnabled(False)
    retrain = add_action(
        window,
        menu,
        QCoreApplication.translate("SuggestionsMenu", "&Retrain as I annotate"),
        None,
        Retraining.set_enabled,
        checkable=True,
    )
    retrain.setChecked(Retraining.enabled())
    training.started.connect(training_started)
    training.progress.connect(lambda line: window.statusBar().showMessage(line))
    training.finished.connect(trained)
    controller.training = training
    controller.retraining = Retraining(controller, training)
    return controller
