"""Suggestions computed off the UI thread: a pool thread with its own read-only
connection runs the recipes on one document and hands back what they suggest; the UI
thread stores it (one short transaction) only when it differs from what is stored.

Requests coalesce: while a run is going, only the newest request waits behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from annotator.core.errors import AnnotatorError
from annotator.core.model import Document, Suggested, Suggestion
from annotator.core.suggest.recipes import get_recipe


@dataclass(frozen=True)
class SuggestJob:
    """Run these recipes on a document for a layer, with each recipe's options."""

    document_id: int
    layer_id: int
    recipes: tuple[str, ...]
    options: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class SuggestResult:
    """What the recipes suggested (by recipe), left out where it is what the project holds
    from their last run, and the one-line problems of those that could not run (no model
    trained yet is not a problem: that recipe is left out)."""

    job: SuggestJob
    suggested: dict[str, Suggested] = field(default_factory=dict)  # only what differs
    problems: list[str] = field(default_factory=list)


def same_run(stored: list[Suggestion], made: Suggested) -> bool:
    """Whether a recipe's new run says exactly what its stored run says."""
    if len(stored) != len(made.spans):
        return False
    old = [(s.label, s.start, s.end, round(s.confidence, 6), s.note) for s in stored]
    new = [(s.label, s.start, s.end, round(s.confidence, 6), s.note) for s in made.spans]
    if old != new:
        return False
    index = {s.id: i for i, s in enumerate(stored)}
    old_links = {(index[s.id], index.get(c), label) for s in stored for c, label in s.links}
    return old_links == {(link.head, link.child, link.label) for link in made.links}


class _Answer(QObject):
    """Carries a job's result from the pool thread to the UI thread (queued)."""

    finished = Signal(object)  # SuggestResult


class _Job(QRunnable):
    """One job in a pool thread, with its own read-only connection."""

    def __init__(self, path: Path, job: SuggestJob, answer: _Answer) -> None:
        super().__init__()
        self._path, self._job, self._answer = path, job, answer

    def run(self) -> None:
        job = self._job
        result = SuggestResult(job)
        store = None
        try:
            from annotator.core.store import Store

            store = Store.open_read_only(self._path)
            document = store.documents.get(job.document_id)
            for name in job.recipes:
                self._run_one(store, name, document, result)
        except Exception as exc:  # a job must always answer: the runner waits for it
            result.problems.append(f"suggestions: {exc}")
        finally:
            if store is not None:
                store.close()
        self._answer.finished.emit(result)

    def _run_one(self, store, name: str, doc: Document, result: SuggestResult) -> None:
        try:  # the model recipe keeps its loaded model until it is trained again
            recipe = get_recipe(name)
            suggest = recipe.make(store, self._job.layer_id, self._job.options.get(name, {}))
            made = suggest(doc)
            # compared here, off the window's thread: at thousands of suggestions reading
            # the stored run back cost the window ~50 ms for each result
            owner = self._job.layer_id if recipe.per_annotator else None
            if not same_run(store.suggestions.stored(doc.id, name, owner), made):
                result.suggested[name] = made
        except ModuleNotFoundError as exc:
            result.problems.append(f"{name}: {exc}")
        except AnnotatorError as exc:
            if name != "model":  # no model yet: nothing to suggest, nothing to say
                result.problems.append(f"{name}: {exc}")


class SuggestionRunner(QObject):
    """Runs `SuggestJob`s one at a time in Qt's global thread pool (no thread of its
    own to outlive the window), newest request first; `finished` is emitted on the UI
    thread."""

    finished = Signal(object)  # SuggestResult

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._answer = _Answer(self)
        self._answer.finished.connect(self._on_finished)
        self._busy = False
        self._waiting: SuggestJob | None = None
        self._stopped = False

    @property
    def busy(self) -> bool:
        return self._busy

    def request(self, job: SuggestJob) -> None:
        """Run this job as soon as the last one is done (replacing any job waiting)."""
        if self._stopped:
            return
        if self._busy:
            self._waiting = job
            return
        self._busy = True
        QThreadPool.globalInstance().start(_Job(self._path, job, self._answer))

    def _on_finished(self, result: SuggestResult) -> None:
        self._busy = False
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self.request(waiting)
        if not self._stopped:
            self.finished.emit(result)

    def stop(self, wait_ms: int = 5000) -> None:
        """No more jobs; wait for the running one (its answer is dropped)."""
        self._stopped = True
        self._waiting = None
        QThreadPool.globalInstance().waitForDone(wait_ms)
