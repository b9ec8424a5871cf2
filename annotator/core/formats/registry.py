"""Every file format the tool reads or writes, in one table, and how a file's format is
told from its name and first bytes.

A format is a small reader and/or writer of layers. A reader stores what it reads with
`store_parsed.import_parsed` (or its own loop) and returns a report with `summary(path)`
(printed) and `warnings(path)` (printed to standard error); a writer gets the layers a
`LayerFilter` selects and returns an `ExportReport` whose notes say what the format could
not carry. `options` declares each
format's own settings once, for the command line and the window alike.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol

from annotator.core.errors import InputError, ValidationError

if TYPE_CHECKING:  # the table is read on every start of the command line: keep it light
    from annotator.core.formats.export_layers import ExportProgress
    from annotator.core.formats.export_report import ExportReport
    from annotator.core.formats.store_parsed import ImportOptions
    from annotator.core.layers import LayerFilter
    from annotator.core.store import Store


class ReadResult(Protocol):
    skipped: list[tuple[int, str]]

    def summary(self, path: Path) -> list[str]: ...

    def warnings(self, path: Path) -> list[str]: ...


Reader = Callable[["Store", Path, "ImportOptions"], ReadResult]


class Writer(Protocol):
    def __call__(
        self,
        store: Store,
        target: Path | IO[str],
        layers: LayerFilter,
        options: dict[str, Any],
        progress: ExportProgress | None = None,
    ) -> ExportReport:
        """Write the layers `layers` selects to `target` (a file or folder path, or an
        open text stream for formats with `stdout`), whole or not at all; `options` are
        this format's settings by `FormatOption.dest`. Read layers with
        `export_layers.document_groups`, which calls `progress` and cancels."""


@dataclass(frozen=True)
class FormatOption:
    """One setting of a format, shown as `flag` on the command line and as a field of
    the window's dialog. `choices` for a closed list; `kind` "flag" for on/off."""

    flag: str
    dest: str
    help: str
    direction: Literal["import", "export"]
    default: Any = None
    choices: tuple[str, ...] | None = None
    kind: Literal["flag", "text", "int"] = "text"


@dataclass(frozen=True)
class Format:
    """A format: its name on the command line, a title for people, the file name
    endings that suggest it, and where its reader, writer and sniffer are
    ("module:function", loaded on first use so the table itself stays cheap)."""

    name: str
    title: str
    suffixes: tuple[str, ...] = ()
    reader: str | None = None  # a `Reader`
    writer: str | None = None  # a `Writer`
    # (path) -> True if the file or folder is surely in this format (reads a few kB)
    sniffer: str | None = None
    output: Literal["file", "folder"] = "file"
    stdout: bool = False  # the writer can write to standard output
    binary: bool = False  # the writer writes bytes (never to a terminal)
    options: tuple[FormatOption, ...] = field(default_factory=tuple)
    # a flag (by dest) that makes a file format write a folder instead (CoNLL per annotator)
    folder_option: str | None = None

    def output_for(self, options: dict[str, Any]) -> Literal["file", "folder"]:
        """What the writer makes with these settings: a file or a folder."""
        if self.folder_option is not None and options.get(self.folder_option):
            return "folder"
        return self.output

    @property
    def can_read(self) -> bool:
        return self.reader is not None

    @property
    def can_write(self) -> bool:
        return self.writer is not None

    def read(self, store: Store, path: Path, options: ImportOptions) -> ReadResult:
        """Read `path` into `store` (a staging project: see `import_files`)."""
        return _load(self.reader, self.name)(store, path, options)

    def write(
        self,
        store: Store,
        target: Path | IO[str],
        layers: LayerFilter,
        options: dict[str, Any],
        progress: ExportProgress | None = None,
    ) -> ExportReport:
        """Write the layers (see `Writer`)."""
        return _load(self.writer, self.name)(store, target, layers, options, progress)

    def sniff(self, path: Path) -> bool:
        """True if `path` is surely in this format; False when unsure or unreadable."""
        if self.sniffer is None:
            return False
        try:
            return bool(_load(self.sniffer, self.name)(path))
        except (OSError, UnicodeDecodeError, ValueError):
            return False

    def option_names(self, direction: str) -> set[str]:
        return {o.dest for o in self.options if o.direction == direction}


def _load(where: str | None, name: str) -> Callable[..., Any]:
    if where is None:
        raise ValidationError(f"the {name} format cannot do that")
    module, _, function = where.partition(":")
    return getattr(importlib.import_module(module), function)


def formats() -> list[Format]:
    """Every format, in the order they are offered and sniffed."""
    from annotator.core.formats.format_table import FORMATS

    return list(FORMATS)


def get_format(name: str) -> Format:
    """The format called `name`; ValidationError listing the known ones otherwise."""
    known = {f.name: f for f in formats()}
    if name not in known:
        raise ValidationError(f"unknown format {name!r}; known: {', '.join(known)}")
    return known[name]


def readable() -> list[Format]:
    return [f for f in formats() if f.can_read]


def writable() -> list[Format]:
    return [f for f in formats() if f.can_write]


def guess_format(path: Path) -> Format:
    """The format of an annotation file or folder, from its content first and its name
    second; InputError "cannot tell the format" when neither says."""
    candidates = readable()
    for fmt in candidates:
        if fmt.sniff(path):
            return fmt
    if path.is_file():
        suffix = path.suffix.lower()
        by_name = [f for f in candidates if suffix in f.suffixes]
        if len(by_name) == 1:
            return by_name[0]
    raise InputError(str(path), f"cannot tell the format of {path.name}; use --format")


def head_text(path: Path, size: int = 8192) -> str:
    """The first `size` bytes of a file as text (BOM dropped, bad bytes replaced), for
    sniffers."""
    with open(path, "rb") as handle:
        head = handle.read(size)
    return head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")


def check_options(fmt: Format, direction: str, given: dict[str, Any]) -> None:
    """ValidationError if a setting was given that this format does not take."""
    known = fmt.option_names(direction)
    flags = {o.dest: o.flag for f in formats() for o in f.options}
    for dest in given:
        if dest not in known:
            users = [f.name for f in formats() if dest in f.option_names(direction)]
            raise ValidationError(
                f"{flags.get(dest, dest)} applies to {', '.join(users) or 'no format'}, "
                f"not {fmt.name}"
            )
