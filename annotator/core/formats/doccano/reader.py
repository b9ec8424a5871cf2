"""Reading doccano files: JSONL (one record a line) or a `.json` array of records, in
either of doccano's shapes (`entities`/`relations`, or `label` triples), and telling
such a file from other JSON.

A whole file is one transaction (`store_parsed.import_parsed`). Errors name the file and
line; in an array they also name the record ("FILE, line L: record N: …", L being the
line the record starts on, or the line of a JSON syntax error), since doccano's own
`.json` export is one single line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.files.input_files import open_input
from annotator.core.formats.doccano.json_array import RecordError, iter_array
from annotator.core.formats.doccano.records import comments_of, is_doccano, to_parsed
from annotator.core.formats.import_jsonl import parsed_lines
from annotator.core.formats.parsed import ParsedLine
from annotator.core.formats.registry import head_text
from annotator.core.formats.store_parsed import ImportOptions, ReadReport, import_parsed
from annotator.core.store import Store

SNIFF_BYTES = 256 * 1024  # enough for the first record of a long article


@dataclass
class DoccanoReport(ReadReport):
    """A `ReadReport` that counts records of an array, and the comments left out."""

    unit: str = "lines"
    comments: int = 0

    def summary(self, path: Path) -> list[str]:
        unit = self.unit if self.lines != 1 else self.unit.removesuffix("s")
        return [f"{path}: {self.lines} {unit} read"]

    def warnings(self, path: Path) -> list[str]:
        notes = super().warnings(path)
        if self.comments:
            notes.append(
                f"not imported: {path}: {self.comments} doccano comment(s); "
                "the project has no place for them"
            )
        return notes


def _first_record(path: Path) -> Any:
    """The first record of a JSONL or array file, from its first SNIFF_BYTES bytes."""
    head = head_text(path, SNIFF_BYTES).lstrip()
    if head.startswith("{"):
        return json.loads(head.partition("\n")[0])
    if head.startswith("["):
        rest = head[1:].lstrip()
        return json.JSONDecoder().raw_decode(rest)[0] if rest else None
    return None


def sniff_doccano(path: Path) -> bool:
    """A file whose first record (a JSONL line or the first element of an array) has
    `text` and `entities` or `label` as doccano writes them (see `records.is_doccano`)."""
    if not path.is_file() or path.suffix.lower() == ".txt":
        return False
    try:
        return is_doccano(_first_record(path))
    except (ValueError, RecursionError):
        return False


def _array_items(
    path: Path, report: DoccanoReport, current: list[int]
) -> Iterator[tuple[int, ParsedLine]]:
    for element in iter_array(path):
        current[0] = element.number
        try:
            parsed = to_parsed(element.value)
        except ValueError as exc:
            raise RecordError(str(path), f"record {element.number}: {exc}", element.line) from exc
        report.comments += comments_of(element.value)
        yield element.line, parsed


def read_doccano(store: Store, path: Path, options: ImportOptions) -> DoccanoReport:
    """Import a doccano JSONL or JSON array file into `store` in one transaction. The
    layer of a record is its `annotator` key, else `options.annotator`, else imported."""
    report = DoccanoReport()
    with open_input(path) as handle:
        start = handle.read(4096).removeprefix(b"\xef\xbb\xbf")
    if start.lstrip().startswith(b"["):
        report.unit = "records"
        current = [0]
        try:
            return import_parsed(store, path, _array_items(path, report, current), options, report)
        except RecordError:
            raise
        except InputError as exc:  # storing record N failed: say which record
            if exc.path != str(path) or not current[0]:
                raise
            raise RecordError(str(path), f"record {current[0]}: {exc.problem}", exc.line) from exc

    def parse(record: Any) -> ParsedLine:
        report.comments += comments_of(record)
        return to_parsed(record)

    import_parsed(store, path, parsed_lines(path, parse), options, report)
    return report
