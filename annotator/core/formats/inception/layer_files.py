"""Writing one file per document per annotator layer into `OUT/<annotator>/`, whole or not
at all, for the XMI and TSV writers; and the tokens and sentences both of them write."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from annotator.core.errors import ValidationError
from annotator.core.files.atomic_write import atomic_folder
from annotator.core.formats.export_layers import ExportProgress, document_groups
from annotator.core.formats.export_report import ExportReport
from annotator.core.formats.inception.schema import document_name, safe_name
from annotator.core.layers import Layer, LayerFilter
from annotator.core.model import Span
from annotator.core.store import Store
from annotator.core.text.tokens import tokenize


@dataclass(frozen=True)
class Segments:
    """A text's tokens (code points, whitespace excluded, cut at every span edge of every
    layer) and its sentences as (first token, token after the last): one per line."""

    tokens: list[tuple[int, int]]
    sentences: list[tuple[int, int]]


def segments(text: str, spans: Iterable[Span]) -> Segments:
    """Tokens and sentences of `text`; a sentence ends where a line break follows a token."""
    edges: set[int] = set()
    for span in spans:
        edges.add(span.start)
        edges.add(span.end)
    tokens = tokenize(text, edges)
    sentences: list[tuple[int, int]] = []
    first = 0
    for i in range(1, len(tokens)):
        if "\n" in text[tokens[i - 1][1] : tokens[i][0]]:
            sentences.append((first, i))
            first = i
    if tokens:
        sentences.append((first, len(tokens)))
    return Segments(tokens, sentences)


# (layer, its text's segments, its file name, the report to count into) -> file content,
# or None when the layer cannot be written (the renderer notes why)
Render = Callable[[Layer, Segments, str, ExportReport], str | None]


def write_layer_files(
    store: Store,
    target: Path | IO[str],
    layers: LayerFilter,
    progress: ExportProgress | None,
    suffix: str,
    render: Render,
    folder_files: Callable[[Path], None] | None = None,
) -> ExportReport:
    """Write `render`'s content for every selected layer to `target/<annotator>/<document>
    <suffix>`; `folder_files` adds files to each annotator folder (a type system)."""
    if not isinstance(target, Path):
        raise ValidationError("this format writes a folder: give -o FOLDER")
    layers.check(store)
    report = ExportReport(unit="files")
    folders: dict[str, Path] = {}
    taken: dict[str, set[str]] = {}
    statuses = 0
    with atomic_folder(target) as out:
        for group in document_groups(store, layers, progress):
            parts = segments(group.document.text, group.every_span)
            for layer in group.layers:
                folder = folders.get(layer.annotator)
                if folder is None:
                    folder = _annotator_folder(out, layer.annotator, folders, report)
                    folders[layer.annotator] = folder
                    if folder_files is not None:
                        folder_files(folder)
                names = taken.setdefault(layer.annotator, set())
                name = document_name(group.document.id, group.document.meta, names)
                content = render(layer, parts, name, report)
                if content is None:
                    continue
                (folder / f"{name}{suffix}").write_text(content, encoding="utf-8", newline="\n")
                report.lines += 1
                statuses += layer.status != "new"
    if statuses:
        report.note(
            f"the status (in progress, done) of {statuses} "
            f"{'layer is' if statuses == 1 else 'layers are'} not carried: the format has no "
            "place for it"
        )
    return report


def _annotator_folder(
    out: Path, annotator: str, folders: dict[str, Path], report: ExportReport
) -> Path:
    name = safe_name(annotator)
    if name in {p.name for p in folders.values()}:
        name = f"{name}-{len(folders) + 1}"
    if name != annotator:
        report.note(
            f"annotator {annotator!r} written to folder {name!r}: a folder name cannot "
            "hold the name as it is"
        )
    folder = out / name
    folder.mkdir()
    return folder
