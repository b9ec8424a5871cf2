"""Import of JSONL annotation files: our own export, Prodigy task lines, doccano lines.

The whole file is one transaction: an error names the file and line and leaves the
project as it was. Texts are normalized like any import, and span offsets are carried
through that normalization. Re-importing a file adds nothing new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.files.line_reader import read_utf8_lines
from annotator.core.files.safe_json import parse_json
from annotator.core.formats.jsonl_formats import parse_line
from annotator.core.formats.parsed import ParsedLine
from annotator.core.formats.store_parsed import ImportOptions, Progress, ReadReport, import_parsed
from annotator.core.store import Store


def parsed_lines(
    path: Path, parse: Callable[[Any], ParsedLine] = parse_line
) -> Iterator[tuple[int, ParsedLine]]:
    """(line number, `parse` of the line's JSON) for every non-blank line; InputError
    naming the line for bad JSON and for what `parse` refuses (a ValueError)."""
    for number, line in read_utf8_lines(path, "JSONL"):
        if not line.strip():
            continue
        data = parse_json(line, str(path), number)
        try:
            if "\\ud" in line.lower():
                reject_lone_surrogates(data)
            parsed = parse(data)
        except ValueError as exc:
            raise InputError(str(path), str(exc), number) from exc
        except RecursionError as exc:
            raise InputError(str(path), "data nested too deeply", number) from exc
        yield number, parsed


def import_jsonl(
    store: Store,
    path: str | Path,
    *,
    annotator: str | None = None,
    create_labels: bool = False,
    progress: Progress | None = None,
    reviewer: str | None = None,
) -> ReadReport:
    """Import a JSONL file in one transaction; see the module docstring for formats.

    Each line's annotator is its `_annotator_id` (or `meta.annotator`), else `annotator`,
    else "imported". Lines for the gold layer are written by `reviewer` (made a reviewer)
    and refused without one. Unknown labels are an error unless `create_labels`.
    """
    options = ImportOptions(annotator, reviewer, create_labels, progress)
    return read_jsonl(store, Path(path), options)


def read_jsonl(store: Store, path: Path, options: ImportOptions) -> ReadReport:
    """The JSONL reader as the format registry calls it."""
    return import_parsed(store, path, parsed_lines(path), options)


def reject_lone_surrogates(value: Any) -> None:
    """JSON escapes can encode half of a surrogate pair, which is not text at all."""
    if isinstance(value, str):
        if any("\ud800" <= ch <= "\udfff" for ch in value):
            raise ValueError("a string holds a lone surrogate (\\udXXX): not valid Unicode")
    elif isinstance(value, dict):
        for key, item in value.items():
            reject_lone_surrogates(key)
            reject_lone_surrogates(item)
    elif isinstance(value, list):
        for item in value:
            reject_lone_surrogates(item)
