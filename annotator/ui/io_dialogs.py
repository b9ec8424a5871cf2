"""Import and export from the File menu, run as background jobs (`background_job`): a
worker thread with its own `Store`, a cancellable progress dialog.

Cancel makes the core's progress callback return False, the core raises `Cancelled` and
nothing is stored: nothing half-imported, no half-written export (see `atomic_write`: the
file changes only when the export is complete). Errors are shown as plain text in a box.

Two levels:
  run_import / run_export   start the job, wait for it (local event loop, the progress
                            dialog window-modal), show an error box, return the outcome.
  import_job / export_job   a `BackgroundJob` not yet started: connect to its signals,
                            `start()`, then `wait()` or listen for `finished` (tests use
                            this to press Cancel at a chosen moment).
  choose_import_paths       File ▸ Import's file dialog (the window runs the job through
                            its operation path, `ui/operations.py`).
  ask_export                File ▸ Export: a file dialog, then run_export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.core.errors import Cancelled
from annotator.core.files.atomic_write import atomic_write
from annotator.core.formats.export_jsonl import check_filters, iter_records, to_json_line
from annotator.core.import_files import ImportResult, import_files
from annotator.core.store import Store
from annotator.core.store.layers import count_layers
from annotator.ui.background_job import BackgroundJob, Step, run_job

IMPORT_FILTER = "Articles and annotations (*.txt *.jsonl *.json *.ndjson);;All files (*)"
EXPORT_FILTER = "JSON Lines (*.jsonl);;All files (*)"


@dataclass
class ImportOutcome(ImportResult):
    """What an import did (`ImportResult`), or that it was cancelled or failed: then
    nothing was stored."""

    cancelled: bool = False
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.cancelled and self.error is None

    def summary(self) -> str:
        """One plain-text line for a status bar."""
        if self.cancelled:
            return "Import cancelled; nothing was stored."
        if self.error is not None:
            return f"Import failed: {self.error}"
        text = (
            f"Imported {self.documents_added} new document(s)"
            f" ({self.documents_existing} already present)"
        )
        if self.spans_added or self.relations_added:
            text += f", {self.spans_added} span(s), {self.relations_added} relation(s)"
        if self.skipped:
            text += f"; {len(self.skipped)} skipped"
        return text + "."


@dataclass
class ExportOutcome:
    """What an export wrote. On `cancelled` or `error` no file was written."""

    path: Path
    lines: int = 0
    spans: int = 0
    relations: int = 0
    cancelled: bool = False
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.cancelled and self.error is None

    def summary(self) -> str:
        """One plain-text line for a status bar."""
        if self.cancelled:
            return "Export cancelled; no file was written."
        if self.error is not None:
            return f"Export failed: {self.error}"
        return (
            f"Exported {self.lines} layer(s), {self.spans} span(s), "
            f"{self.relations} relation(s) to {self.path.name}."
        )


Outcome = ImportOutcome | ExportOutcome


# -- the work, run in the worker thread with the worker's own Store ---------------------------


def _import_work(
    paths: list[Path],
    annotator: str | None,
    create_labels: bool,
    skip_bad: bool,
    encoding: str | None,
) -> Callable[[Store, Step, ImportOutcome], None]:
    def work(store: Store, step: Step, outcome: ImportOutcome) -> None:
        result = import_files(
            store,
            paths,
            encoding=encoding,
            skip_bad=skip_bad,
            annotator=annotator,
            create_labels=create_labels,
            progress=step,
        )
        for name in fields(ImportResult):
            setattr(outcome, name.name, getattr(result, name.name))

    return work


def _export_work(out_path: Path, filters: dict[str, Any]) -> Callable[..., None]:
    def work(store: Store, step: Step, outcome: ExportOutcome) -> None:
        check_filters(store, filters.get("annotators"), filters.get("labels"))
        total = count_layers(store.db)
        with atomic_write(out_path) as out:
            for record in iter_records(store, **filters):
                out.write(to_json_line(record))
                out.write("\n")
                outcome.lines += 1
                outcome.spans += len(record["spans"])
                outcome.relations += len(record["relations"])
                if not step(outcome.lines, max(total, outcome.lines)):
                    raise Cancelled("export cancelled; no file was written")

    return work


# -- jobs -------------------------------------------------------------------------------------


def import_job(
    parent: QWidget | None,
    db_path: Path,
    paths: Iterable[Path],
    annotator: str | None = None,
    *,
    create_labels: bool = False,
    skip_bad: bool = False,
    encoding: str | None = None,
) -> BackgroundJob:
    """An import of .txt files/folders and .jsonl/.json/.ndjson files, not yet started.

    Everything is one transaction: all of it is stored, or (cancel, error) none of it.
    `annotator` names the layer of JSONL lines that do not name their annotator.
    """
    paths = [Path(p) for p in paths]
    work = _import_work(paths, annotator, create_labels, skip_bad, encoding)
    what = paths[0].name if len(paths) == 1 else f"{len(paths)} items"
    return BackgroundJob(parent, db_path, work, ImportOutcome(), "Import", f"Importing {what}…")


def export_job(
    parent: QWidget | None, db_path: Path, out_path: Path, **filters: Any
) -> BackgroundJob:
    """An export to JSONL, not yet started. `filters` are those of `iter_records`:
    annotators=[names], labels=[names], done_only=bool."""
    out_path = Path(out_path)
    work = _export_work(out_path, filters)
    return BackgroundJob(
        parent,
        db_path,
        work,
        ExportOutcome(out_path),
        "Export",
        f"Exporting to {out_path.name}…",
    )


def run_import(
    parent: QWidget | None,
    db_path: Path,
    paths: list[Path],
    annotator: str | None = None,
    **options: Any,
) -> ImportOutcome | None:
    """Import with a progress dialog and wait for it (see `import_job` for `options`).

    Returns None when there is nothing to import; an error is also shown in a box.
    """
    if not paths:
        return None
    job = import_job(parent, db_path, paths, annotator, **options)
    return run_job(job, parent, "Import failed")  # type: ignore[return-value]


def run_export(
    parent: QWidget | None, db_path: Path, out_path: Path, **filters: Any
) -> ExportOutcome | None:
    """Export with a progress dialog and wait for it; an error is also shown in a box."""
    job = export_job(parent, db_path, out_path, **filters)
    return run_job(job, parent, "Export failed")  # type: ignore[return-value]


# -- File menu actions ---------------------------------------------------------------------------


def choose_import_paths(parent: QWidget | None, *, folder: bool = False) -> list[Path]:
    """File > Import: the files (or a folder of .txt articles) the user chooses; empty if
    they chose nothing."""
    if folder:
        chosen = QFileDialog.getExistingDirectory(parent, "Import a folder of articles")
        return [Path(chosen)] if chosen else []
    names, _ = QFileDialog.getOpenFileNames(parent, "Import", "", IMPORT_FILTER)
    return [Path(name) for name in names]


def ask_export(parent: QWidget | None, db_path: Path, **filters: Any) -> ExportOutcome | None:
    """File > Export: choose the output file and export. None if the user chose nothing."""
    name, _ = QFileDialog.getSaveFileName(parent, "Export annotations", "", EXPORT_FILTER)
    if not name:
        return None
    out_path = Path(name)
    if not out_path.suffix:
        out_path = out_path.with_suffix(".jsonl")
    return run_export(parent, db_path, out_path, **filters)
