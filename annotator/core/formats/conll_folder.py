"""CoNLL with one file per annotator, so layers survive a round trip: the export writes a
folder holding `<annotator>.conll` for each annotator (`gold.conll` for the adjudicated
layer), each file the same CoNLL as a one-file export of that annotator's layers; the
import reads every `.conll` file of such a folder into the layer its name gives.

A name is its file name with `.conll` added; the characters a file name cannot hold
(``/ \\ : * ? " < > |``, ``%``, a leading ``.``, a trailing space or dot) are written as
``%XX`` (their UTF-8 bytes), which the import decodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from annotator.core.errors import InputError, ValidationError
from annotator.core.files.atomic_write import atomic_folder
from annotator.core.formats.conll_export import (
    ConllExportReport,
    ConllFile,
    ConllSettings,
    LayerWriter,
)
from annotator.core.formats.conll_import import ConllReport, import_conll
from annotator.core.formats.export_layers import ExportProgress, document_groups
from annotator.core.formats.store_parsed import ImportOptions
from annotator.core.layers import LayerFilter
from annotator.core.store import Store

SUFFIX = ".conll"
_UNSAFE = set('/\\:*?"<>|%')
_MAX_NAME_BYTES = 250


def _quoted(ch: str) -> str:
    return "".join(f"%{byte:02X}" for byte in ch.encode("utf-8"))


def annotator_file_name(name: str) -> str:
    """The file an annotator's layers go to (see the module docstring)."""
    chars = [_quoted(ch) if ch in _UNSAFE or ord(ch) < 32 else ch for ch in name]
    if chars and chars[0] == ".":
        chars[0] = _quoted(".")
    if chars and chars[-1] in (" ", "."):
        chars[-1] = _quoted(chars[-1])
    file_name = "".join(chars) + SUFFIX
    if len(file_name.encode("utf-8")) > _MAX_NAME_BYTES:
        raise ValidationError(f"annotator name {name!r} is too long for a file name")
    return file_name


def annotator_of(path: Path) -> str:
    """The annotator whose layer a `<annotator>.conll` file holds."""
    return unquote(path.name[: -len(SUFFIX)], errors="strict")


def export_conll_folder(
    store: Store,
    folder: Path,
    layers: LayerFilter,
    settings: ConllSettings,
    progress: ExportProgress | None = None,
) -> ConllExportReport:
    """Write one `<annotator>.conll` file per annotator into `folder` (missing or empty),
    whole or not at all."""
    settings.check()
    layers.check(store)  # before a folder is made
    report = ConllExportReport(clitics=settings.clitics)
    writer = LayerWriter(settings, report)
    files: dict[str, ConllFile] = {}
    names: dict[str, str] = {}  # file name, case folded -> annotator
    try:
        with atomic_folder(folder) as temporary:
            for group in document_groups(store, layers, progress):
                for layer in group.layers:
                    sentences = writer.layer(layer)
                    if not sentences:
                        continue
                    if layer.annotator not in files:
                        _claim_name(names, layer.annotator)
                        files[layer.annotator] = ConllFile(settings)
                    files[layer.annotator].add(group.document, sentences)
                    report.documents += 1
            report.max_depth = max(report.max_depth, 1)
            for name, file in files.items():
                path = temporary / annotator_file_name(name)
                with open(path, "w", encoding="utf-8", newline="\n") as out:
                    file.finish(out, report)
    finally:
        for file in files.values():
            file.body.close()
    return report


def _claim_name(names: dict[str, str], annotator: str) -> None:
    """Refuse two annotators whose files would be one on a case-blind file system."""
    key = annotator_file_name(annotator).casefold()
    other = names.setdefault(key, annotator)
    if other != annotator:
        raise ValidationError(
            f"annotators {other!r} and {annotator!r} would share a file name on some "
            "systems; export them one at a time (--annotator)"
        )


@dataclass
class ConllFolderReport:
    """What the import of a per-annotator folder read: one CoNLL report per file."""

    files: list[tuple[Path, str, ConllReport]] = field(default_factory=list)
    ignored_annotator: str | None = None  # --annotator, which a folder does not use

    def summary(self, path: Path) -> list[str]:
        """What the command line prints: each file's summary, with its layer."""
        lines = [f"{path}: {len(self.files)} layers ({', '.join(n for _, n, _ in self.files)})"]
        for file, name, report in self.files:
            lines += [f"  {line}" for line in report.summary(file)]
            lines.append(f"    layer: {name}")
        return lines

    def warnings(self, path: Path) -> list[str]:
        """Tags the files' imports repaired, and an --annotator the folder did not use."""
        lines = [line for file, _, report in self.files for line in report.warnings(file)]
        if self.ignored_annotator is not None:
            lines.append(
                f"{path}: --annotator {self.ignored_annotator} not used: each file's name "
                "gives its layer"
            )
        return lines

    @property
    def skipped(self) -> list[tuple[int, str]]:
        return []


def conll_files(folder: Path) -> list[Path]:
    """The `.conll` files of a per-annotator folder, by name; InputError naming any
    other entry (hidden ones aside), or an empty folder."""
    found: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if not entry.is_file() or entry.suffix != SUFFIX:
            raise InputError(
                str(entry), f"a CoNLL folder holds only <annotator>{SUFFIX} files (one per layer)"
            )
        found.append(entry)
    if not found:
        raise InputError(str(folder), f"no {SUFFIX} files in this folder")
    return found


def import_conll_folder(
    store: Store, folder: Path, options: ImportOptions, label_map: dict[str, str] | None
) -> ConllFolderReport:
    """Read each `<annotator>.conll` file of `folder` into that annotator's layer."""
    report = ConllFolderReport(ignored_annotator=options.annotator)
    for path in conll_files(folder):
        try:
            name = annotator_of(path)
        except UnicodeDecodeError:
            raise InputError(str(path), "the file name is not an annotator name") from None
        read = import_conll(
            store,
            path,
            annotator=name,
            create_labels=options.create_labels,
            label_map=label_map,
            sentences_per_document=options.extra.get("sentences_per_document"),
            # the folder counts as one line of the import's progress: cancelling still works
            progress=(lambda _line: options.progress(1)) if options.progress else None,
            reviewer=options.reviewer,
        )
        report.files.append((path, name, read))
    return report
