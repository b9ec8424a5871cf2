"""CoNLL/BIO in the format table: read (`conll_import`, or `conll_folder` for a folder of
per-annotator files) and written (`conll_export`, or `conll_folder`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO, Any

from annotator.core.errors import ValidationError
from annotator.core.files.atomic_write import atomic_write
from annotator.core.formats.conll import DEFAULT_SEPARATOR, WOJOOD_TO_DEFAULT
from annotator.core.formats.conll_export import ConllExportReport, ConllSettings, write_conll
from annotator.core.formats.conll_folder import SUFFIX, export_conll_folder, import_conll_folder
from annotator.core.formats.conll_import import ConllReport, import_conll
from annotator.core.formats.export_layers import ExportProgress
from annotator.core.formats.export_report import ExportReport
from annotator.core.formats.registry import ReadResult, head_text
from annotator.core.formats.store_parsed import ImportOptions
from annotator.core.layers import LayerFilter
from annotator.core.store import Store

# `token TAG [TAG…]`, as `conll_import` reads a line
_TOKEN_LINE = re.compile(r"^\S+(?:[ \t]+(?:O|[BI]-\S+))+[ \t]*$")
_FOLDER_FILES_SNIFFED = 3


def _sniff_file(path: Path) -> bool:
    lines = [
        line
        for line in head_text(path).splitlines()[:-1]  # the last may be cut in the middle
        if line.strip() and not line.startswith("# ")
    ][:20]
    return bool(lines) and all(_TOKEN_LINE.match(line) for line in lines)


def sniff_conll(path: Path) -> bool:
    """A file (even one named .txt, as Wojood's are) whose first twenty non-blank,
    non-comment lines are all `token TAG…` lines; or a folder of nothing but
    `<annotator>.conll` files (the per-annotator export) that read so."""
    if path.is_file():
        return _sniff_file(path)
    if not path.is_dir():
        return False
    entries = [e for e in path.iterdir() if not e.name.startswith(".")]
    return (
        bool(entries)
        and all(e.is_file() and e.suffix == SUFFIX for e in entries)
        and all(_sniff_file(e) for e in sorted(entries)[:_FOLDER_FILES_SNIFFED])
    )


def read_conll(store: Store, path: Path, options: ImportOptions) -> ReadResult:
    """Import one CoNLL file into the store (see `conll_import`), or a folder of
    per-annotator files, one layer each (see `conll_folder`)."""
    extra = options.extra
    label_map = WOJOOD_TO_DEFAULT if extra.get("map_wojood") else None
    if path.is_dir():
        return import_conll_folder(store, path, options, label_map)
    report: ConllReport = import_conll(
        store,
        path,
        annotator=options.annotator,
        create_labels=options.create_labels,
        label_map=label_map,
        sentences_per_document=extra.get("sentences_per_document"),
        progress=options.progress,
        reviewer=options.reviewer,
    )
    return report


def settings_of(options: dict[str, Any]) -> ConllSettings:
    """The export settings from the format's options (by `FormatOption.dest`)."""
    return ConllSettings(
        clitics=options.get("clitics") or "whole-token",
        pad=not options.get("no_pad"),
        separator=options.get("separator") or DEFAULT_SEPARATOR,
        outer_only=bool(options.get("outer_only")),
        wojood=bool(options.get("map_wojood")),
        header=bool(options.get("header_comment")),
    )


def write_conll_layers(
    store: Store,
    target: Path | IO[str],
    layers: LayerFilter,
    options: dict[str, Any],
    progress: ExportProgress | None = None,
) -> ExportReport:
    """Write the layers as CoNLL/BIO (see `conll_export`): one file, or with
    `per_annotator` a folder of one file per annotator (see `conll_folder`)."""
    written = write_conll_target(store, target, layers, options, progress)
    report = ExportReport(
        lines=written.documents, spans=written.spans, relations=0, unit="documents"
    )
    for note in written.notes(per_annotator=bool(options.get("per_annotator"))):
        report.note(note)
    return report


def write_conll_target(
    store: Store,
    target: Path | IO[str],
    layers: LayerFilter,
    options: dict[str, Any],
    progress: ExportProgress | None = None,
) -> ConllExportReport:
    """Write a file, a folder or a stream, whole or not at all, after checking the
    settings and the filter; the CoNLL report (`write_conll_layers` turns it into notes)."""
    settings = settings_of(options)
    settings.check()
    layers.check(store)  # before a file is made
    if options.get("per_annotator"):
        if not isinstance(target, Path):
            raise ValidationError("--per-annotator writes a folder: give -o FOLDER")
        return export_conll_folder(store, target, layers, settings, progress)
    if not isinstance(target, Path):
        return write_conll(store, target, layers, settings, progress)
    with atomic_write(target) as out:
        return write_conll(store, out, layers, settings, progress)
