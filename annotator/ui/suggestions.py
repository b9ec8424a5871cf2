"""Suggestions in the annotation window: which recipes run on the open document (in the
background), what is shown, the current suggestion, and the keys that move through them,
accept and reject them.

The model (`store.suggestions.for_layer`) is read again whenever an operation changes
this document's suggestions or spans; the view only draws what it is handed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.core.changes import Changes, of_suggestions
from annotator.core.errors import AnnotatorError
from annotator.core.model import Suggestion
from annotator.core.suggest.recipes import RECIPES
from annotator.ui.i18n import interface_settings
from annotator.ui.suggestion_commands import AcceptSuggestions, RejectSuggestion
from annotator.ui.suggestion_marks import SuggestionMark, tooltip_for
from annotator.ui.suggestion_runner import SuggestionRunner, SuggestJob, SuggestResult

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

SETTINGS = "suggestions/"  # in the user's interface settings
DEFAULT_THRESHOLD = 0.5
RUN_DELAY_MS = 200  # after a document opens: flipping through documents runs nothing
EDIT_DELAY_MS = 600  # after an edit: propagation follows what was just tagged
RELOAD_DELAY_MS = 40  # after an edit: what is offered is read again outside its frame


def _key(s: Suggestion) -> tuple[str, int, int]:
    return (s.label, s.start, s.end)


class SuggestionController(QObject):
    """The suggestions of the window's open document, for the session's layer."""

    message = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.store = window.store
        self.items: list[Suggestion] = []
        self.current: Suggestion | None = None
        self.runner = SuggestionRunner(self.store.path, self)
        self.runner.finished.connect(self._on_result)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run_now)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self.session.operations.changed.connect(self._on_changed)
        window.view.selectionChangedOffsets.connect(self._on_click)

    # -- settings ------------------------------------------------------------------------
    def _setting(self, key: str, default):
        value = interface_settings().value(SETTINGS + key, default)
        if isinstance(default, bool):
            return value in (True, "true", "1", 1)
        try:
            return type(default)(value)
        except (TypeError, ValueError):
            return default

    def shown(self) -> bool:
        return self._setting("shown", True)

    def set_shown(self, shown: bool) -> None:
        interface_settings().setValue(SETTINGS + "shown", shown)
        self.reload()
        if shown:
            self.schedule()

    def recipe_on(self, name: str) -> bool:
        return self._setting(f"recipe/{name}", True)

    def set_recipe_on(self, name: str, on: bool) -> None:
        interface_settings().setValue(SETTINGS + f"recipe/{name}", on)
        self.schedule()

    def threshold(self) -> float:
        return min(1.0, max(0.0, self._setting("threshold", DEFAULT_THRESHOLD)))

    def set_threshold(self, value: float) -> None:
        interface_settings().setValue(SETTINGS + "threshold", float(value))
        self.schedule()

    # -- running -------------------------------------------------------------------------
    def document_shown(self) -> None:
        """A document was opened: show what is stored, then run the recipes on it."""
        self.current = None
        self.reload()
        self.schedule(RUN_DELAY_MS)

    def schedule(self, delay: int = 0) -> None:
        self._timer.start(delay)

    def _run_now(self) -> None:
        doc = self.window.editor.document_id
        recipes = tuple(name for name in RECIPES if self.recipe_on(name))
        if doc is None or not recipes or not self.shown() or not self.window.isVisible():
            return
        options = {"model": {"threshold": self.threshold()}}
        self.runner.request(SuggestJob(doc, self.session.layer_id, recipes, options))

    def _on_result(self, result: SuggestResult) -> None:
        job = result.job
        if job.layer_id != self.session.layer_id or not self.window.isVisible():
            return  # the annotator changed meanwhile, or the window closed
        stored = 0
        for name, suggested in result.suggested.items():
            owner = job.layer_id if RECIPES[name].per_annotator else None
            try:  # the runner left out the runs that say what is stored already
                self.store.suggestions.replace(job.document_id, name, owner, suggested)
                stored += 1
            except AnnotatorError as exc:  # a busy or full disk: they wait for next time
                result.problems.append(f"{name}: {exc}")
        if result.problems:
            self.message.emit("; ".join(result.problems))
        if stored:
            self.session.operations.announce(of_suggestions((job.document_id,)))

    def _on_changed(self, changes: Changes) -> None:
        doc = self.window.editor.document_id
        if doc is None:
            return
        if changes.everything or changes.labels or doc in changes.suggestions:
            self.reload()
        elif doc in changes.documents:
            # an edit of the annotator's own spans: the suggestions it matches go after
            # the key's frame, as the spans panel's repaint does
            self._reload_timer.start()
            if changes.spans and self.recipe_on("propagate"):
                self.schedule(EDIT_DELAY_MS)

    # -- what is shown -------------------------------------------------------------------
    def reload(self) -> None:
        """Read the open document's suggestions again and hand them to the view."""
        self._reload_timer.stop()
        doc = self.window.editor.document_id
        items: list[Suggestion] = []
        if doc is not None and self.shown():
            threshold = self.threshold()
            items = [
                s
                for s in self.store.suggestions.for_layer(doc, self.session.layer_id)
                if s.recipe != "model" or s.confidence >= threshold
            ]
        keep = _key(self.current) if self.current else None
        self.items = items
        self.current = next((s for s in items if _key(s) == keep), None)
        self._show()

    def _show(self) -> None:
        labels = self.window.editor.labels()
        marks = [
            SuggestionMark(
                s.id,
                s.start,
                s.end,
                labels[s.label].colour if s.label in labels else "#888888",
                s.layer,
                s.label,
                s.confidence,
                s.note,
            )
            for s in self.items
        ]
        self.window.view.suggestion_marks.set_marks(
            marks, self.current.id if self.current else None
        )

    def _on_click(self, start: int, end: int) -> None:
        if start != end:
            return
        marks = self.window.view.suggestion_marks.at(start)
        if marks:
            self.select(next(s for s in self.items if s.id == marks[0].id), scroll=False)

    def select(self, suggestion: Suggestion | None, scroll: bool = True) -> None:
        """Make a suggestion the current one (the one A and X act on) and show it."""
        self.current = suggestion
        self.window.view.suggestion_marks.set_current(suggestion.id if suggestion else None)
        if suggestion is None:
            return
        if scroll:
            self.window.view.scroll_to_offsets(suggestion.start, suggestion.end)
        tip = tooltip_for(suggestion.layer, suggestion.label, suggestion.confidence, "")
        self.message.emit(tip.splitlines()[0])

    # -- keys ----------------------------------------------------------------------------
    def step(self, direction: int) -> None:
        """N / Shift+N: the next (previous) suggestion in reading order, from the current
        one or else from the cursor."""
        if not self.items:
            self.message.emit(self.tr("No suggestions in this document."))
            return
        if self.current is not None and self.current in self.items:
            i = self.items.index(self.current) + direction
        else:
            cursor = self.window.view.selection_offsets()[0]
            after = [i for i, s in enumerate(self.items) if s.start >= cursor]
            i = (after[0] if after else 0) if direction > 0 else (after[0] - 1 if after else -1)
        self.select(self.items[i % len(self.items)])

    def _need_current(self) -> Suggestion | None:
        if self.current is None:
            self.message.emit(self.tr("No suggestion chosen: N moves to the next one."))
        return self.current

    def accept_current(self) -> None:
        """A: the current suggestion (and the speaker and link it carries) becomes the
        annotator's own, as one undo step; the next suggestion becomes current."""
        current = self._need_current()
        if current is not None:
            self._accept([current])

    def accept_all(self) -> None:
        """Shift+A: every suggestion shown in this document, as one undo step."""
        if not self.items:
            self.message.emit(self.tr("No suggestions in this document."))
            return
        self._accept(list(self.items))

    def _accept(self, chosen: list[Suggestion]) -> None:
        doc = self.window.editor.document_id
        after = self._after(chosen[-1])
        ids = [s.id for s in chosen]
        command = self.session.operations.apply(
            doc,
            lambda: AcceptSuggestions(self.session, doc, ids),
            self.message.emit,
        )
        if command is not None:
            self._select_key(after)

    def reject_current(self) -> None:
        """X: hide the current suggestion for good (undoable); the next becomes current."""
        current = self._need_current()
        if current is None:
            return
        after = self._after(current)
        command = self.session.operations.apply(
            current.document_id,
            lambda: RejectSuggestion(self.session, current.id),
            self.message.emit,
        )
        if command is not None:
            self._select_key(after)

    def _after(self, suggestion: Suggestion) -> tuple[str, int, int] | None:
        if suggestion not in self.items:
            return None
        i = self.items.index(suggestion)
        rest = self.items[i + 1 :]
        return _key(rest[0]) if rest else None

    def _select_key(self, key: tuple[str, int, int] | None) -> None:
        found = next((s for s in self.items if _key(s) == key), None) if key else None
        self.select(found or (self.items[0] if self.items else None))

    def stop(self) -> None:
        """The window closes: let the worker finish and close its connection."""
        self._timer.stop()
        self._reload_timer.stop()
        self.runner.stop()
