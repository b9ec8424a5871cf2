"""Reading WebAnno TSV 3 (INCEpTION's and ours): a file, or a folder of `<annotator>/*.tsv`.

The text is rebuilt as INCEpTION rebuilds it: each sentence's `#Text=` lines joined by line
breaks, placed at its first token's offset (a gap before it filled with spaces). Offsets
are UTF-16 positions, converted with `Utf16Map`; each token must be the text at its
offsets. Spans are multi-token when they share an `[id]`, stacked values are split at `|`,
and a relation's `BT_` column names the governor's token (`[governor_dependent]` ids when
either is ambiguous), the dependent being on the relation's own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.files.input_files import read_input
from annotator.core.formats.inception.layer_read import (
    LayerFile,
    LayerFilesReport,
    read_layer_files,
)
from annotator.core.formats.inception.schema import has_files, layer_files, parse_attributes
from annotator.core.formats.inception.tsv_layout import ATTR, NE, REL, Layout, read_header
from annotator.core.formats.inception.tsv_text import (
    NULL_COLUMN,
    NULL_VALUE,
    SENTENCE_ID_PREFIX,
    STACK_SPLIT,
    TEXT_PREFIX,
    split_reference,
    unescape_text,
    unescape_value,
)
from annotator.core.formats.parsed import ParsedLine, ParsedRelation, ParsedSpan
from annotator.core.formats.registry import head_text
from annotator.core.formats.store_parsed import ImportOptions
from annotator.core.store import Store
from annotator.core.text.offsets import Utf16Map

_UNIT_ID = re.compile(r"^\d+-\d+(?:\.\d+)?$")
_OFFSETS = re.compile(r"^(\d+)-(\d+)$")


def sniff_webanno_tsv(path: Path) -> bool:
    """A file whose first line starts `#FORMAT=WebAnno TSV 3`, or a folder holding one
    (named .tsv, in it or in its subfolders)."""
    if path.is_dir():
        path = has_files(path, ".tsv") or path
        if path.is_dir():
            return False
    return head_text(path, 64).startswith("#FORMAT=WebAnno TSV 3")


def read_webanno_tsv(store: Store, path: Path, options: ImportOptions) -> LayerFilesReport:
    """Import a TSV file or a folder of them (`<annotator>/<document>.tsv`)."""
    files = list(layer_files(path, ".tsv"))
    return read_layer_files(store, path, ".tsv", options, parse_tsv_file, files)


@dataclass
class _Unit:
    """A token or sub-token line: its id, UTF-16 offsets, token text and line number."""

    id: str
    begin: int
    end: int
    token: str
    line: int
    cells: list[str]


@dataclass
class _Annotation:
    """A span or relation being read: its units (first, last) and feature values."""

    layer: str
    first: int
    last: int
    line: int
    values: dict[str, str | None] = field(default_factory=dict)


def _decode(path: Path) -> list[str]:
    data = read_input(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(str(path), "not UTF-8 (WebAnno TSV is always UTF-8)", line) from None
    return [line.removesuffix("\r") for line in text.split("\n")]


def parse_tsv_file(path: Path, _root: Path) -> LayerFile:
    """One TSV document: its text, named entities, their attributes and relations."""
    lines = _decode(path)
    layout = read_header(path, lines)
    text, units = _body(path, lines, layout)
    starts, ends = _code_points(path, text, units)
    spans, relations, unread = _annotations(path, layout, units)
    meta = {"file": path.name}  # INCEpTION names a document by its file
    layer = LayerFile(ParsedLine(text, meta, None, None, [], []))
    layer.notes += [
        f"feature {name} not read ({n} {'cell holds' if n == 1 else 'cells hold'} a value)"
        for name, n in unread.items()
    ]
    parsed: dict[int, ParsedSpan] = {}
    nameless = 0
    for number, span in enumerate(spans):
        label = span.values.get("value")
        if span.layer == NE and label:
            start, end = starts[span.first], ends[span.last]
            parsed[number] = ParsedSpan(start, end, label, refs=[number])
            layer.parsed.spans.append(parsed[number])
            layer.label_lines.setdefault(label, span.line)
        elif span.layer == NE:
            nameless += 1
    if nameless:
        layer.notes.append(f"named entities without a value (no label) not read: {nameless}")
    by_key = {(s.start, s.end, s.label): s for s in layer.parsed.spans}
    for span in spans:
        if span.layer == ATTR:
            key = (starts[span.first], ends[span.last], span.values.get("label") or "")
            if key not in by_key:
                problem = f"NewsAttributes for {key[2]!r} cover no named entity of that label"
                raise InputError(str(path), problem, span.line)
            try:
                by_key[key].attributes = parse_attributes(span.values.get("attributes") or "{}")
            except ValueError as exc:
                raise InputError(str(path), str(exc), span.line) from None
    dropped = 0
    for head, child, label, line in relations:
        if label and head in parsed and child in parsed:
            layer.parsed.relations.append(ParsedRelation(head, child, label))
            layer.label_lines.setdefault(label, line)
        else:
            dropped += 1
    if dropped:
        layer.notes.append(f"relations not read (no label, or a span without one): {dropped}")
    return layer


def _body(path: Path, lines: list[str], layout: Layout) -> tuple[str, list[_Unit]]:
    """The document text and the token lines, checked against the header."""
    width = 3 + len(layout.columns)
    pieces: list[str] = []
    size16 = 0  # UTF-16 length of the text so far
    sentence: list[str] = []
    in_header = False
    units: list[_Unit] = []
    for index in range(layout.first_body_line, len(lines)):
        line, number = lines[index], index + 1
        if not line.strip():
            continue
        if line.startswith(TEXT_PREFIX):
            if not in_header:
                sentence, in_header = [], True
            sentence.append(unescape_text(line[len(TEXT_PREFIX) :]) + "\n")
            continue
        if line.startswith(SENTENCE_ID_PREFIX):
            continue
        if line.startswith("#"):
            raise InputError(str(path), f"unexpected line {line[:40]!r} in the body", number)
        unit = _unit(path, line, number, width)
        if in_header:  # the first token of a sentence: place the sentence at its offset
            if size16 > unit.begin:
                if size16 != unit.begin + 1 or not pieces or not pieces[-1].endswith("\n"):
                    problem = f"token {unit.id} starts at {unit.begin}, inside the sentence before"
                    raise InputError(str(path), problem, number)
                pieces[-1], size16 = pieces[-1][:-1], size16 - 1
            if size16 < unit.begin:
                pieces.append(" " * (unit.begin - size16))
                size16 = unit.begin
            for piece in sentence:
                pieces.append(piece)
                size16 += _utf16_length(piece)
            in_header = False
        elif not units or not sentence:
            raise InputError(str(path), "a token line before any #Text= line", number)
        units.append(unit)
    if not units:
        raise InputError(str(path), "no token lines: no text to read", len(lines))
    text = "".join(pieces)
    return text.removesuffix("\n"), units


def _utf16_length(piece: str) -> int:
    return len(piece) + sum(1 for ch in piece if ord(ch) > 0xFFFF)


def _unit(path: Path, line: str, number: int, width: int) -> _Unit:
    fields = line.split("\t")
    extra = fields[width:]
    if len(fields) < width or any(extra):
        raise InputError(
            str(path),
            f"bad token line: {width} tab-separated columns expected (id, offsets, token and "
            f"one per declared feature), found {len(fields)}",
            number,
        )
    offsets = _OFFSETS.match(fields[1])
    if not _UNIT_ID.match(fields[0]) or offsets is None:
        raise InputError(
            str(path), "bad token line: it must start with sentence-token<TAB>begin-end", number
        )
    begin, end = int(offsets.group(1)), int(offsets.group(2))
    if begin > end:
        raise InputError(str(path), f"bad token line: offsets {begin}-{end} reversed", number)
    return _Unit(fields[0], begin, end, fields[2], number, fields[3:width])


def _code_points(path: Path, text: str, units: list[_Unit]) -> tuple[list[int], list[int]]:
    """Each unit's start and end in code points; InputError when a token is not the text
    at its offsets."""
    to_cp = Utf16Map(text).to_codepoint
    starts, ends = [], []
    for unit in units:
        try:
            start, end = to_cp(unit.begin), to_cp(unit.end)
        except ValueError as exc:
            raise InputError(str(path), f"token {unit.id}: {exc}", unit.line) from None
        if text[start:end] != unit.token:
            problem = (
                f"token {unit.token!r} at {unit.begin}-{unit.end} is not the text there "
                f"({text[start:end]!r})"
            )
            raise InputError(str(path), problem, unit.line)
        starts.append(start)
        ends.append(end)
    return starts, ends


def _annotations(
    path: Path, layout: Layout, units: list[_Unit]
) -> tuple[list[_Annotation], list[tuple[int, int, str, int]], dict[str, int]]:
    """The spans (in order of their first line), relations as (head span index, child
    span index, label, line), and how many values of each feature we do not read."""
    unread: dict[str, int] = {}
    spans: list[_Annotation] = []
    by_id: dict[tuple[str, int], int] = {}  # (layer, [id]) -> index in spans
    on_unit: dict[tuple[int, str], list[int]] = {}  # (unit, layer) -> span indexes by stack
    unit_index = {unit.id: i for i, unit in enumerate(units)}
    pending: list[tuple[int, int, dict[str, str], int]] = []  # unit, stack, values, line
    for u, unit in enumerate(units):
        relations: dict[int, dict[str, str]] = {}
        for column, cell in zip(layout.columns, unit.cells, strict=True):
            if cell == NULL_COLUMN:
                continue
            for k, raw in enumerate(STACK_SPLIT.split(cell)):
                if column.layer == REL:
                    relations.setdefault(k, {})[column.feature if column.kept else ""] = raw
                    continue
                value, ref = split_reference(raw)
                key = _span_for(path, unit, u, column.layer, k, ref, spans, by_id, on_unit)
                if column.kept:
                    spans[key].values[column.feature] = (
                        None if value == NULL_VALUE else unescape_value(value)
                    )
                elif column.feature and value != NULL_VALUE:
                    unread[column.feature] = unread.get(column.feature, 0) + 1
        for k, values in sorted(relations.items()):
            pending.append((u, k, values, unit.line))
    relations_out = []
    for u, _k, values, line in pending:
        label_raw = next((v for f, v in values.items() if f not in ("", "BT")), NULL_VALUE)
        if "BT" not in values:
            raise InputError(str(path), "a relation without its governor column", line)
        source, ref = split_reference(values["BT"])
        ids = (ref or "0_0").split("_")
        if source not in unit_index or len(ids) != 2 or not all(i.isdigit() for i in ids):
            raise InputError(str(path), f"bad relation reference {values['BT']!r}", line)
        head = _resolve(path, unit_index[source], int(ids[0]), on_unit, by_id, line)
        child = _resolve(path, u, int(ids[1]), on_unit, by_id, line)
        label = "" if label_raw == NULL_VALUE else unescape_value(split_reference(label_raw)[0])
        relations_out.append((head, child, label, line))
    return spans, relations_out, unread


def _span_for(
    path: Path,
    unit: _Unit,
    u: int,
    layer: str,
    stack: int,
    ref: str | None,
    spans: list[_Annotation],
    by_id: dict[tuple[str, int], int],
    on_unit: dict[tuple[int, str], list[int]],
) -> int:
    """The span a stacked value on this unit belongs to: one already met on this unit (in
    another column), one met on an earlier unit with the same [id], or a new one."""
    here = on_unit.setdefault((u, layer), [])
    if stack < len(here):
        return here[stack]
    if ref is not None and not ref.isdigit():
        raise InputError(str(path), f"bad disambiguation id [{ref}]", unit.line)
    number = int(ref) if ref else 0
    index = by_id.get((layer, number)) if number else None
    if index is None:
        index = len(spans)
        spans.append(_Annotation(layer, u, u, unit.line))
        if number:
            by_id[(layer, number)] = index
    else:
        spans[index].last = u
    here.append(index)
    return index


def _resolve(
    path: Path,
    u: int,
    number: int,
    on_unit: dict[tuple[int, str], list[int]],
    by_id: dict[tuple[str, int], int],
    line: int,
) -> int:
    """The named entity a relation end names: by its [id], or the only one on the unit."""
    if number:
        if (NE, number) not in by_id:
            raise InputError(str(path), f"a relation points to no named entity [{number}]", line)
        return by_id[(NE, number)]
    here = on_unit.get((u, NE), [])
    if len(here) != 1:
        problem = "no named entity" if not here else "more than one named entity (no [id])"
        raise InputError(str(path), f"a relation end has {problem} on its token", line)
    return here[0]
