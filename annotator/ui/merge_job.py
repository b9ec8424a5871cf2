"""File ▸ Merge annotators' projects, run off the UI thread as a background job."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from annotator.core.store import Store
from annotator.ui.background_job import BackgroundJob, Step, run_job

if TYPE_CHECKING:
    from annotator.core.team.merge import MergeReport


@dataclass
class MergeOutcome:
    """The merge's report, or that it failed (then nothing was merged)."""

    report: MergeReport | None = None
    cancelled: bool = False
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.report is not None and self.error is None


def run_merge(parent: QWidget | None, db_path: Path, sources: list[Path]) -> MergeOutcome:
    """Merge project files into the project at `db_path` (one transaction) in a worker
    thread, with a busy dialog; an error is shown in a box. A merge has no Cancel: it
    reports no progress to stop at."""

    def work(store: Store, _step: Step, outcome: MergeOutcome) -> None:
        from annotator.core.team.merge import merge_projects

        outcome.report = merge_projects(store, sources)

    what = sources[0].name if len(sources) == 1 else f"{len(sources)} projects"
    job = BackgroundJob(
        parent, db_path, work, MergeOutcome(), "Merge", f"Merging {what}…", cancellable=False
    )
    return run_job(job, parent, "Merge failed")
