"""Reading one brat `.ann` file against its text: `T` spans, `R` relations, `A`/`M`
attributes and `#` AnnotatorNotes (read into the span's `note` attribute).

A line that is not well formed — a bad id, offsets outside the text, a text field that
is not the text at those offsets, a relation or attribute pointing at an unknown id, a
discontinuous span — is an error naming the file and line. A span brat cut at a line
break (fragments with only white space between them) is read as one span. Events (`E`),
normalizations (`N`), equivalences (`*`) and attributes or notes on relations are valid
brat that we cannot carry: they are skipped, each with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.formats.brat.ann_lines import NOTE
from annotator.core.formats.parsed import ParsedRelation, ParsedSpan

_ID = re.compile(r"^(?:[TRAMEN][0-9]+|#[0-9]*|\*)$")
_OFFSET = r"[0-9]{1,15}"  # ASCII digits only, as brat writes them
_TEXTBOUND = re.compile(rf"^(\S+) ({_OFFSET} {_OFFSET}(?:;{_OFFSET} {_OFFSET})*)$")
_RELATION = re.compile(r"^(\S+) (Arg[12]):(\S+) (Arg[12]):(\S+)$")
_NOT_CARRIED = {
    "E": "events (E lines) are not carried",
    "N": "normalizations (N lines) are not carried",
    "*": "equivalences (* lines) are not carried",
}


class AnnLineError(InputError):
    """A line of an `.ann` file that cannot be read (names the file and line)."""


@dataclass
class ParsedAnn:
    """What one `.ann` file holds, ready for `store_parsed`; `ignored` lists the
    (line, why) of valid brat lines we cannot carry."""

    spans: list[ParsedSpan] = field(default_factory=list)
    relations: list[ParsedRelation] = field(default_factory=list)
    ignored: list[tuple[int, str]] = field(default_factory=list)


def _same_text(given: str, actual: str) -> bool:
    """The text field matches the text at the offsets, white space aside (brat writes a
    span's line breaks as spaces in its text field, and trailing blanks get trimmed)."""
    return given.split() == actual.split()


def _no_more(fields: list[str], used: int) -> bool:
    """True if the line has at least `used` fields and only empty ones after them."""
    return len(fields) >= used and not any(f.strip() for f in fields[used:])


class _Reader:
    def __init__(self, path: Path, text: str, known_labels: set[str] | None) -> None:
        self.path, self.text, self.known = str(path), text, known_labels
        self.result = ParsedAnn()
        self.spans: dict[str, ParsedSpan] = {}
        self.seen: set[str] = set()
        self.pending: list[tuple[int, str, list[str]]] = []  # R, A and # lines, read last

    def fail(self, line: int, problem: str) -> AnnLineError:
        return AnnLineError(self.path, problem, line)

    def label(self, line: int, name: str) -> str:
        if self.known is not None and name not in self.known:
            raise self.fail(line, f"unknown label {name!r} (use --create-labels to add it)")
        return name

    def line(self, number: int, fields: list[str]) -> None:
        ident = fields[0]
        if not _ID.match(ident):
            if " " in ident and _ID.match(ident.split(" ")[0]):
                raise self.fail(number, "fields must be separated by tabs, not spaces")
            raise self.fail(number, f"{ident!r} is not a brat id (T1, R1, A1, #1…)")
        if ident != "*" and ident in self.seen:
            raise self.fail(number, f"id {ident} is used twice")
        self.seen.add(ident)
        kind = ident[0]
        if kind in _NOT_CARRIED:
            self.result.ignored.append((number, _NOT_CARRIED[kind]))
        elif kind == "T":
            self.textbound(number, fields)
        else:
            self.pending.append((number, kind, fields))

    def textbound(self, number: int, fields: list[str]) -> None:
        match = _TEXTBOUND.match(fields[1]) if len(fields) >= 3 else None
        if match is None:
            raise self.fail(number, "expected T<n><TAB>LABEL START END<TAB>TEXT")
        label, offsets = match.groups()
        pieces = [tuple(map(int, piece.split())) for piece in offsets.split(";")]
        for start, end in pieces:
            if not 0 <= start < end <= len(self.text):
                raise self.fail(
                    number, f"offsets {start} {end} lie outside the text (length {len(self.text)})"
                )
        for (_, end), (start, _) in pairwise(pieces):
            if start < end or self.text[end:start].strip():
                raise self.fail(
                    number,
                    f"discontinuous span {offsets}: not supported; split it into separate spans",
                )
        start, end = pieces[0][0], pieces[-1][1]
        given = "\t".join(fields[2:])
        if not _same_text(given, self.text[start:end]):
            raise self.fail(
                number,
                f"text field {given[:40]!r} is not the text at {start} {end} "
                f"({self.text[start:end][:40]!r}): is this the .txt it was made for?",
            )
        span = ParsedSpan(start, end, self.label(number, label), refs=[fields[0]])
        self.spans[fields[0]] = span
        self.result.spans.append(span)

    def target(self, number: int, ident: str, what: str) -> ParsedSpan | None:
        """The span an attribute or note is on; None (skipped) for a relation or event."""
        if ident in self.spans:
            return self.spans[ident]
        if ident in self.seen and ident[:1] in "RE":
            self.result.ignored.append((number, f"{what} on {ident}: only spans carry them"))
            return None
        raise self.fail(number, f"{what} points at {ident!r}, not a span of this file")

    def relation(self, number: int, fields: list[str]) -> None:
        match = _RELATION.match(fields[1]) if len(fields) >= 2 else None
        if match is None or match[2] == match[4] or not _no_more(fields, 2):
            raise self.fail(number, "expected R<n><TAB>LABEL Arg1:T<n> Arg2:T<n>")
        label, first, one, _, two = match.groups()
        head, child = (one, two) if first == "Arg1" else (two, one)
        for ident in (head, child):
            if ident not in self.spans:
                raise self.fail(number, f"relation points at {ident!r}, not a span of this file")
        self.result.relations.append(ParsedRelation(head, child, self.label(number, label)))

    def attribute(self, number: int, fields: list[str]) -> None:
        parts = fields[1].split(" ") if _no_more(fields, 2) else []
        if not 2 <= len(parts) <= 3 or not all(parts):
            raise self.fail(number, "expected A<n><TAB>NAME T<n> [VALUE]")
        span = self.target(number, parts[1], "attribute")
        if span is not None:
            self.put(number, span, parts[0], parts[2] if len(parts) == 3 else True)

    def note(self, number: int, fields: list[str]) -> None:
        parts = fields[1].split(" ") if len(fields) >= 2 else []
        if len(parts) != 2 or not parts[1]:
            raise self.fail(number, "expected #<n><TAB>AnnotatorNotes T<n><TAB>NOTE")
        if parts[0] != "AnnotatorNotes":
            self.result.ignored.append((number, f"{parts[0]} comments are not carried"))
            return
        span = self.target(number, parts[1], "note")
        if span is not None and "".join(fields[2:]).strip():
            self.put(number, span, NOTE, "\t".join(fields[2:]))

    def put(self, number: int, span: ParsedSpan, name: str, value: Any) -> None:
        if name in span.attributes:
            raise self.fail(number, f"{span.refs[0]} has {name!r} twice")
        span.attributes[name] = value

    def finish(self) -> ParsedAnn:
        handlers = {"R": self.relation, "A": self.attribute, "M": self.attribute, "#": self.note}
        for number, kind, fields in self.pending:
            handlers[kind](number, fields)
        return self.result


def parse_ann(
    path: Path, data: bytes, text: str, known_labels: set[str] | None = None
) -> ParsedAnn:
    """Read the `.ann` file `path` (its bytes `data`) against `text`, the `.txt` beside
    it. `known_labels`: refuse other labels (None: any label). AnnLineError names the
    line of the first problem."""
    try:
        content = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start})") from None
    reader = _Reader(path, text, known_labels)
    for number, line in enumerate(content.split("\n"), 1):
        line = line.removesuffix("\r")
        if line.strip():
            reader.line(number, line.split("\t"))
    return reader.finish()
