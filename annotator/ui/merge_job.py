"""File ▸ Merge annotators' projects: the files chosen, the merge run off the UI thread as a
background job, and what it changed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.core.changes import Changes, of_merge
from annotator.core.store import Store
from annotator.ui.background_job import BackgroundJob, Step
from annotator.ui.plain_text import isolate

if TYPE_CHECKING:
    from annotator.core.team.merge import MergeReport


@dataclass
class MergeOutcome:
    """The merge's report, or that it failed (then nothing was merged)."""

    report: MergeReport | None = None
    cancelled: bool = False
    error: str | None = None


def choose_merge_paths(parent: QWidget | None) -> list[Path]:
    """The project files the user chooses to merge; empty if none."""
    names, _ = QFileDialog.getOpenFileNames(
        parent,
        QCoreApplication.translate("Merge", "Merge annotators' projects"),
        "",
        QCoreApplication.translate("Merge", "Annotation projects (*.db *.sqlite)"),
    )
    return [Path(name) for name in names]


def merge_changes(outcome: MergeOutcome) -> Changes:
    """What a finished merge changed, for the operation path."""
    return of_merge(outcome.report) if outcome.report is not None else Changes()


def merge_job(parent: QWidget | None, db_path: Path, sources: list[Path]) -> BackgroundJob:
    """A merge of project files into the project at `db_path` (one transaction), not yet
    started: a worker thread and a busy dialog. It has no Cancel: a merge reports no
    progress to stop at."""

    def work(store: Store, _step: Step, outcome: MergeOutcome) -> None:
        from annotator.core.team.merge import merge_projects

        outcome.report = merge_projects(store, sources)

    if len(sources) == 1:
        label = QCoreApplication.translate("Merge", "Merging {name}…").format(
            name=isolate(sources[0].name)
        )
    else:
        label = QCoreApplication.translate("Merge", "Merging {count} projects…")
        label = label.format(count=len(sources))
    title = QCoreApplication.translate("Merge", "Merge")
    return BackgroundJob(parent, db_path, work, MergeOutcome(), title, label, cancellable=False)
