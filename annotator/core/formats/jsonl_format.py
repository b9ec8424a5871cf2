"""Our JSONL (Prodigy task lines) in the format table: read and written."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from annotator.core.files.atomic_write import atomic_write
from annotator.core.formats.export_jsonl import write_layer_lines
from annotator.core.formats.export_layers import ExportProgress
from annotator.core.formats.export_report import ExportReport
from annotator.core.formats.registry import head_text
from annotator.core.layers import LayerFilter
from annotator.core.store import Store


def sniff_jsonl(path: Path) -> bool:
    """A file whose first non-blank character opens a JSON object (not an array)."""
    if not path.is_file() or path.suffix.lower() == ".txt":
        return False
    return head_text(path, 256).lstrip().startswith("{")


def write_jsonl_layers(
    store: Store,
    target: Path | IO[str],
    layers: LayerFilter,
    _options: dict[str, Any],
    progress: ExportProgress | None = None,
) -> ExportReport:
    """One line per document per annotator layer (see `export_jsonl`)."""
    if not isinstance(target, Path):
        return write_layer_lines(store, layers, target, progress)
    layers.check(store)  # before a file is made
    with atomic_write(target) as out:
        return write_layer_lines(store, layers, out, progress)
