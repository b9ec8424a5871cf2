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
  choose_import_paths       File ▸ Import folder's dialog (the window runs the job through
                            its operation path, `ui/operations.py`); File ▸ Import's file
                            dialog and format chooser are in `import_formats`, File ▸
                            Export's dialog in `export_dialog`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.core.formats.registry import Format, get_format
from annotator.core.import_files import ImportResult, import_files
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from annotator.ui.background_job import BackgroundJob, Step, run_job
from annotator.ui.plain_text import isolate


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
            return QCoreApplication.translate("IO", "Import cancelled; nothing was stored.")
        if self.error is not None:
            failed = QCoreApplication.translate("IO", "Import failed: {problem}")
            return failed.format(problem=self.error)
        text = QCoreApplication.translate(
            "IO", "Imported {added} new document(s) ({existing} already present)"
        ).format(added=self.documents_added, existing=self.documents_existing)
        if self.spans_added or self.relations_added:
            text += QCoreApplication.translate("IO", ", {spans} span(s), {relations} relation(s)")
            text = text.format(spans=self.spans_added, relations=self.relations_added)
        if self.skipped:
            skipped = QCoreApplication.translate("IO", "; {count} skipped")
            text += skipped.format(count=len(self.skipped))
        return text + "."


@dataclass
class ExportOutcome:
    """What an export wrote (`ExportReport`'s counts, and its `notes`: what the format
    could not carry). On `cancelled` or `error` nothing was written."""

    path: Path
    lines: int = 0
    spans: int = 0
    relations: int = 0
    unit: str = "lines"
    notes: list[str] = field(default_factory=list)
    report: str = ""  # the writer's own `ExportReport.summary()`, as the command line prints it
    cancelled: bool = False
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.cancelled and self.error is None

    def summary(self) -> str:
        """One plain-text line for a status bar."""
        if self.cancelled:
            return QCoreApplication.translate("IO", "Export cancelled; nothing was written.")
        if self.error is not None:
            failed = QCoreApplication.translate("IO", "Export failed: {problem}")
            return failed.format(problem=self.error)
        exported = QCoreApplication.translate(
            "IO", "Exported {count} {unit}, {spans} span(s), {relations} relation(s) to {name}."
        )
        return exported.format(
            count=self.lines,
            unit=self.unit,
            spans=self.spans,
            relations=self.relations,
            name=isolate(self.path.name),
        )


Outcome = ImportOutcome | ExportOutcome


# -- the work, run in the worker thread with the worker's own Store ---------------------------


def _import_work(
    paths: list[Path],
    annotator: str | None,
    create_labels: bool,
    skip_bad: bool,
    encoding: str | None,
    format_name: str | None,
    reviewer: str | None = None,
    extra: dict[str, Any] | None = None,
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
            reviewer=reviewer,
            format=format_name,
            extra=extra,
        )
        for name in fields(ImportResult):
            setattr(outcome, name.name, getattr(result, name.name))

    return work


def _export_work(
    fmt: Format, out_path: Path, layers: LayerFilter, options: dict[str, Any]
) -> Callable[..., None]:
    def work(store: Store, step: Step, outcome: ExportOutcome) -> None:
        layers.check(store)  # refused before any file is made
        report = fmt.write(store, out_path, layers, options, progress=step)
        outcome.lines, outcome.spans, outcome.relations = (
            report.lines,
            report.spans,
            report.relations,
        )
        outcome.unit, outcome.notes = report.unit, list(report.notes)
        outcome.report = report.summary()

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
    format_name: str | None = None,
    reviewer: str | None = None,
    extra: dict[str, Any] | None = None,
) -> BackgroundJob:
    """An import of .txt files/folders and annotation files, not yet started; each file's
    format is told from it, or is `format_name` for every path.

    Everything is one transaction: all of it is stored, or (cancel, error) none of it.
    `annotator` names the layer of annotations that do not name their annotator; the gold
    layer is written as `reviewer`; `extra` holds the formats' own import settings.
    """
    paths = [Path(p) for p in paths]
    work = _import_work(
        paths, annotator, create_labels, skip_bad, encoding, format_name, reviewer, extra
    )
    if len(paths) == 1:
        label = QCoreApplication.translate("IO", "Importing {name}…")
        label = label.format(name=isolate(paths[0].name))
    else:
        label = QCoreApplication.translate("IO", "Importing {count} items…")
        label = label.format(count=len(paths))
    title = QCoreApplication.translate("IO", "Import")
    return BackgroundJob(parent, db_path, work, ImportOutcome(), title, label)


def export_job(
    parent: QWidget | None,
    db_path: Path,
    out_path: Path,
    *,
    format_name: str = "jsonl",
    options: dict[str, Any] | None = None,
    layers: LayerFilter | None = None,
    **filters: Any,
) -> BackgroundJob:
    """An export in the format `format_name` with its `options` (by `FormatOption.dest`),
    not yet started. The layers are `layers`, or the `filters` of `LayerFilter.of`:
    annotators=[names], labels=[names], done_only=bool."""
    out_path = Path(out_path)
    fmt = get_format(format_name)
    if layers is None:
        layers = LayerFilter.of(
            filters.get("annotators"), filters.get("labels"), filters.get("done_only", False)
        )
    work = _export_work(fmt, out_path, layers, dict(options or {}))
    return BackgroundJob(
        parent,
        db_path,
        work,
        ExportOutcome(out_path),
        QCoreApplication.translate("IO", "Export"),
        QCoreApplication.translate("IO", "Exporting to {name}…").format(
            name=isolate(out_path.name)
        ),
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
    return run_job(job, parent, QCoreApplication.translate("IO", "Import failed"))  # type: ignore[return-value]


def run_export(
    parent: QWidget | None, db_path: Path, out_path: Path, **arguments: Any
) -> ExportOutcome | None:
    """Export with a progress dialog and wait for it (see `export_job` for `arguments`);
    an error is also shown in a box."""
    job = export_job(parent, db_path, out_path, **arguments)
    return run_job(job, parent, QCoreApplication.translate("IO", "Export failed"))  # type: ignore[return-value]


# -- File menu actions ---------------------------------------------------------------------------


def choose_import_paths(parent: QWidget | None, *, folder: bool = False) -> list[Path]:
    """File ▸ Import folder: the folder the user chooses (articles, or annotation folders
    such as brat's), as a list; empty if they chose nothing. With `folder` False, File ▸
    Import's files (see `import_formats.choose_import` for the format filters)."""
    if not folder:
        from annotator.ui.import_formats import choose_import

        return choose_import(parent).paths
    chosen = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("IO", "Import a folder")
    )
    return [Path(chosen)] if chosen else []
