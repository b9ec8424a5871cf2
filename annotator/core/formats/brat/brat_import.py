"""Reading brat standoff into a project: an `.ann` file (its `.txt` beside it), a folder
of `.txt`/`.ann` pairs, or an export root whose subfolders are annotators' layers.

The `.ann` files directly in the named folder (or the one named) go to the layer
`--annotator` names ("imported" by default); those in a subfolder (at any depth) go to
the annotator the subfolder is named after. `annotation.conf`/`visual.conf` are not
needed: labels come from the `.ann` lines.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.files.input_files import read_input
from annotator.core.formats.brat.ann_parse import AnnLineError, parse_ann
from annotator.core.formats.brat.names import annotator_of
from annotator.core.formats.parsed import ParsedLine
from annotator.core.formats.store_parsed import (
    DEFAULT_ANNOTATOR,
    ImportOptions,
    ReadReport,
    import_parsed,
)
from annotator.core.store import Store

ANN = ".ann"
_SNIFF_LIMIT = 2000  # folder entries a sniffer looks at


@dataclass(frozen=True)
class AnnPair:
    """One `.ann` file, its `.txt`, and the annotator of its folder (None: the default)."""

    ann: Path
    txt: Path
    annotator: str | None


@dataclass
class BratReport(ReadReport):
    """What a brat import read; `files` are the `.ann` files in reading order (so an item
    number names its file) and `ignored` the lines read but not carried."""

    files: list[Path] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    annotators: set[str] = field(default_factory=set)

    def summary(self, path: Path) -> list[str]:
        who = ", ".join(sorted(self.annotators)) or "none"
        return [f"{path}: {len(self.files)} .ann files read (layers: {who})"]

    def warnings(self, path: Path) -> list[str]:
        skipped = [f"skipped: {self.files[n - 1]}: {why}" for n, why in self.skipped]
        return [f"not carried: {line}" for line in self.ignored] + skipped


def sniff_brat(path: Path) -> bool:
    """An `.ann` file, or a folder holding `.ann` files in it or one level down."""
    if path.is_file():
        return path.suffix.lower() == ANN
    if not path.is_dir():
        return False
    looked = 0
    folders = [path]
    for depth in range(2):
        below = []
        for folder in folders:
            with os.scandir(folder) as entries:
                for entry in entries:
                    looked += 1
                    if looked > _SNIFF_LIMIT:
                        return False
                    if entry.name.lower().endswith(ANN) and entry.is_file():
                        return True
                    if depth == 0 and entry.is_dir(follow_symlinks=False):
                        below.append(Path(entry.path))
        folders = below
    return False


def _anns_below(folder: Path) -> list[Path]:
    """The `.ann` files under `folder`, at any depth (symbolic links not followed)."""
    found = []
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(here, f) for f in sorted(files) if f.lower().endswith(ANN)]
    return found


def find_pairs(path: Path) -> list[AnnPair]:
    """Every `.ann` file `path` names or holds, with its `.txt` and annotator; InputError
    for an `.ann` file without its `.txt`, or a folder without `.ann` files."""
    if path.is_file():
        anns = [(path, None)]
    elif path.is_dir():
        anns = [(p, None) for p in sorted(path.glob("*")) if p.suffix.lower() == ANN]
        anns = [(p, who) for p, who in anns if p.is_file()]
        for sub in sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith(".")):
            anns += [(p, annotator_of(sub.name)) for p in _anns_below(sub)]
    else:
        raise InputError(str(path), "no such file or folder")
    if not anns:
        raise InputError(str(path), "no .ann files in this folder")
    pairs = []
    for ann, who in anns:
        txt = ann.with_suffix(".txt")
        if not txt.is_file():
            raise InputError(str(ann), f"no {txt.name} beside it (brat keeps the text there)")
        pairs.append(AnnPair(ann, txt, who))
    return pairs


def _text(txt: Path) -> str:
    """The text of a `.txt` as brat counts it: UTF-8, line ends as they are."""
    data = read_input(txt)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(txt), f"not UTF-8 text (byte {exc.start})") from None


def _items(
    pairs: list[AnnPair], store: Store, options: ImportOptions, report: BratReport
) -> Iterator[tuple[int, ParsedLine]]:
    known = None if options.create_labels else store.labels.names()
    for number, pair in enumerate(pairs, 1):
        report.files.append(pair.ann)
        text = _text(pair.txt)
        parsed = parse_ann(pair.ann, read_input(pair.ann), text, known)
        report.ignored += [f"{pair.ann}, line {n}: {why}" for n, why in parsed.ignored]
        annotator = pair.annotator or options.annotator
        report.annotators.add(annotator or DEFAULT_ANNOTATOR)
        yield (
            number,
            ParsedLine(
                text=text,
                meta={"file": pair.txt.name},
                annotator=annotator,
                status=None,
                spans=parsed.spans,
                relations=parsed.relations,
                skip_reason=None if text.strip() else "empty text",
            ),
        )


def read_brat(store: Store, path: Path, options: ImportOptions) -> BratReport:
    """Import the brat files `path` names (see the module docstring), all or nothing."""
    pairs = find_pairs(path)
    report = BratReport()
    progress = options.progress
    storing = ImportOptions(
        annotator=options.annotator,
        reviewer=options.reviewer,
        create_labels=options.create_labels,
        progress=(lambda _n: progress(0)) if progress else None,
        extra=options.extra,
    )
    try:
        import_parsed(store, path, _items(pairs, store, storing, report), storing, report)
    except AnnLineError:
        raise
    except InputError as exc:
        if exc.path != str(path) or exc.line is None or not 0 < exc.line <= len(pairs):
            raise
        raise InputError(str(pairs[exc.line - 1].ann), exc.problem) from exc
    return report
