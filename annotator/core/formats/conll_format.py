"""CoNLL/BIO in the format table: read (`conll_import`) and written (`conll_export`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO, Any

from annotator.core.formats.conll import WOJOOD_TO_DEFAULT
from annotator.core.formats.conll_export import export_conll
from annotator.core.formats.conll_import import ConllReport, import_conll
from annotator.core.formats.export_layers import ExportProgress
from annotator.core.formats.export_report import ExportReport
from annotator.core.formats.registry import head_text
from annotator.core.formats.store_parsed import ImportOptions
from annotator.core.layers import LayerFilter
from annotator.core.store import Store

# `token TAG [TAG…]`, as `conll_import` reads a line
_TOKEN_LINE = re.compile(r"^\S+(?:[ \t]+(?:O|[BI]-\S+))+[ \t]*$")


def sniff_conll(path: Path) -> bool:
    """A file (even one named .txt, as Wojood's are) whose first twenty non-blank,
    non-comment lines are all `token TAG…` lines."""
    if not path.is_file():
        return False
    lines = [
        line
        for line in head_text(path).splitlines()[:-1]  # the last may be cut in the middle
        if line.strip() and not line.startswith("# ")
    ][:20]
    return bool(lines) and all(_TOKEN_LINE.match(line) for line in lines)


def read_conll(store: Store, path: Path, options: ImportOptions) -> ConllReport:
    """Import one CoNLL file into the store (see `conll_import`)."""
    extra = options.extra
    return import_conll(
        store,
        path,
        annotator=options.annotator,
        create_labels=options.create_labels,
        label_map=WOJOOD_TO_DEFAULT if extra.get("map_wojood") else None,
        sentences_per_document=extra.get("sentences_per_document"),
        progress=options.progress,
        reviewer=options.reviewer,
    )


def write_conll_layers(
    store: Store,
    target: Path | IO[str],
    layers: LayerFilter,
    options: dict[str, Any],
    progress: ExportProgress | None = None,
) -> ExportReport:
    """Write the layers as CoNLL/BIO (see `conll_export`)."""
    written = export_conll(
        store,
        target,
        annotators=layers.annotators,
        labels=layers.labels,
        done_only=layers.done_only,
        clitics=options.get("clitics") or "whole-token",
        pad=not options.get("no_pad"),
    )
    report = ExportReport(
        lines=written.documents, spans=written.spans, relations=0, unit="documents"
    )
    report.note(written.header()[2:])
    return report
