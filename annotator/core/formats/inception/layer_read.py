"""Reading one file per document per annotator layer (a file, or a folder as the XMI and TSV
writers make it) into the store, each file's errors naming that file and its line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.formats.parsed import ParsedLine
from annotator.core.formats.store_parsed import ImportOptions, ReadReport, import_parsed
from annotator.core.store import Store


@dataclass
class LayerFile:
    """What a parser made of one file: the layer, the line where each label is first
    used (to name it when the label is unknown), and what it did not read."""

    parsed: ParsedLine
    label_lines: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class LayerFilesReport(ReadReport):
    """A `ReadReport` counting files, with what each file held that was not read."""

    files: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self, path: Path) -> list[str]:
        files = "file" if self.files == 1 else "files"
        added = "document" if self.documents_added == 1 else "documents"
        return [f"{path}: {self.files} {files} read, {self.documents_added} {added} added"]

    def warnings(self, path: Path) -> list[str]:
        return [*super().warnings(path), *self.notes]


# (file, the folder or file the user named) -> what it holds
ParseFile = Callable[[Path, Path], LayerFile]


def read_layer_files(
    store: Store,
    root: Path,
    suffix: str,
    options: ImportOptions,
    parse_file: ParseFile,
    files: list[tuple[Path, str | None]],
) -> LayerFilesReport:
    """Parse and store each of `files` (path, annotator its folder names) in turn."""
    if not files:
        raise InputError(str(root), f"no {suffix} files in this folder")
    report = LayerFilesReport()
    for path, annotator in files:
        layer = parse_file(path, root)
        if annotator is not None:
            layer.parsed.annotator = annotator
        _check_labels(store, path, layer, options)
        import_parsed(store, path, [(1, layer.parsed)], options, report)
        report.files += 1
        report.notes.extend(f"note: {path}: {note}" for note in layer.notes)
    return report


def _check_labels(store: Store, path: Path, layer: LayerFile, options: ImportOptions) -> None:
    """InputError on the line that first uses a label the project lacks (unless labels
    may be created)."""
    if options.create_labels:
        return
    known = store.labels.names()
    for label, line in sorted(layer.label_lines.items(), key=lambda item: item[1]):
        if label not in known:
            raise InputError(
                str(path), f"unknown label {label!r} (use --create-labels to add it)", line
            )
