"""One layer as the lines of a brat `.ann` file: `T` spans, `R` relations, `A`
attributes and `#` AnnotatorNotes (a span's `note` attribute, as the window edits it).

brat attributes are a name with at most one space-free value, so some of our attribute
values cannot be written; `Losses` counts them (and numbers written as text) for the
report, and `AttributeUse` remembers which attributes appeared on which labels, for
annotation.conf.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.formats.brat.names import is_brat_type, type_problem
from annotator.core.layers import Layer
from annotator.core.model import Span

NOTE = "note"  # the attribute written as a `#` AnnotatorNotes line
# Where a line reader (brat's own included) may end a line: never inside an .ann line.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_RUN = re.compile(f"[{LINE_BREAKS}]+")
_FLAT = str.maketrans({ch: " " for ch in "\t" + LINE_BREAKS})


def one_line(text: str) -> str:
    """`text` with tabs and line breaks as spaces, for a note on an `.ann` line."""
    return text.translate(_FLAT)


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span as brat writes it: cut at line breaks into fragments (as brat's editor
    does), so that its text field, the fragments joined by spaces, stays on one line."""
    pieces, at = [], start
    for found in _BREAK_RUN.finditer(text, start, end):
        if found.start() > at:
            pieces.append((at, found.start()))
        at = found.end()
    if end > at:
        pieces.append((at, end))
    return pieces


@dataclass
class Losses:
    """What the `.ann` files could not carry as it was, counted once per value."""

    values: int = 0  # attribute values brat cannot hold (spaces, lists, empty…)
    names: int = 0  # attribute names that are not brat names
    false: int = 0  # false or null values: a brat attribute is there or not
    numbers: int = 0  # numbers written as text
    note_breaks: int = 0  # notes whose line breaks or tabs became spaces
    trimmed: int = 0  # spans that began or ended with a line break, written without it
    breaks_only: int = 0  # spans of line breaks only: not written
    examples: dict[str, list[str]] = field(default_factory=dict)  # a few per kind

    def lose(self, kind: str, example: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        shown = self.examples.setdefault(kind, [])
        if len(shown) < 3 and example not in shown:
            shown.append(example)

    def example(self, kind: str) -> str:
        """ " (e.g. a, b)" for a note, or nothing."""
        shown = self.examples.get(kind)
        return f" (e.g. {', '.join(shown)})" if shown else ""


@dataclass
class AttributeUse:
    """One attribute name as the exported spans use it."""

    labels: set[str] = field(default_factory=set)
    values: set[str] = field(default_factory=set)
    binary: bool = False  # written without a value (true)


@dataclass
class AnnFile:
    """The text of one `.ann` file and what it holds."""

    text: str
    spans: int
    relations: int


def _attribute_value(name: str, value: Any, losses: Losses) -> str | bool | None:
    """The brat form of one attribute value: True (no value), a one-word string, or None
    when brat cannot hold it (counted in `losses`)."""
    if value is True:
        return True
    if value is False or value is None:
        losses.lose("false", f"{name}={value}")
        return None
    if isinstance(value, int | float):
        if is_brat_type(str(value)):
            losses.numbers += 1
            return str(value)
    elif isinstance(value, str) and is_brat_type(value):
        return value
    losses.lose("values", f"{name}={value!r}")
    return None


def _attribute_lines(
    span: Span, tid: str, numbers: Iterator[int], uses: dict[str, AttributeUse], losses: Losses
) -> Iterator[str]:
    for name, value in sorted(span.attributes.items()):
        if name == NOTE:
            continue
        if not is_brat_type(name):
            losses.lose("names", repr(name))
            continue
        written = _attribute_value(name, value, losses)
        if written is None:
            continue
        use = uses.setdefault(name, AttributeUse())
        use.labels.add(span.label)
        if written is True:
            use.binary = True
            yield f"A{next(numbers)}\t{name} {tid}"
        else:
            use.values.add(written)
            yield f"A{next(numbers)}\t{name} {tid} {written}"


def _note_line(span: Span, tid: str, number: int, losses: Losses) -> str | None:
    note = span.attributes.get(NOTE)
    if note is None or note == "":
        return None
    if not isinstance(note, str):
        losses.lose("values", f"{NOTE}={note!r}")
        return None
    flat = one_line(note)
    if flat != note:
        losses.note_breaks += 1
    return f"#{number}\tAnnotatorNotes {tid}\t{flat}"


def layer_ann(layer: Layer, uses: dict[str, AttributeUse], losses: Losses) -> AnnFile:
    """The `.ann` text of one layer: T lines in reading order, then R, A and # lines.
    ValidationError if a label cannot be a brat type (nothing is renamed silently)."""
    text = layer.document.text
    lines: list[str] = []
    tids: dict[int, str] = {}
    written: list[Span] = []
    for span in layer.spans:
        if not is_brat_type(span.label):
            raise ValidationError(type_problem(span.label))
        pieces = fragments(text, span.start, span.end)
        if not pieces:
            losses.breaks_only += 1
            continue
        if pieces[0][0] != span.start or pieces[-1][1] != span.end:
            losses.trimmed += 1
        written.append(span)
        number = len(written)
        tids[span.id] = f"T{number}"
        offsets = ";".join(f"{a} {b}" for a, b in pieces)
        mention = " ".join(text[a:b] for a, b in pieces)
        lines.append(f"T{number}\t{span.label} {offsets}\t{mention}")
    relations = 0
    for relation in layer.relations:
        if not is_brat_type(relation.label):
            raise ValidationError(type_problem(relation.label))
        if relation.head_id in tids and relation.child_id in tids:
            relations += 1
            head, child = tids[relation.head_id], tids[relation.child_id]
            lines.append(f"R{relations}\t{relation.label} Arg1:{head} Arg2:{child}")
    attribute_numbers = iter(range(1, 1 << 62))
    notes = 0
    for span in written:
        lines.extend(_attribute_lines(span, tids[span.id], attribute_numbers, uses, losses))
        note = _note_line(span, tids[span.id], notes + 1, losses)
        if note is not None:
            notes += 1
            lines.append(note)
    body = "".join(f"{line}\n" for line in lines)
    return AnnFile(body, len(written), relations)
