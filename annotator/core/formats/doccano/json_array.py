"""Streaming the elements of a JSON array file (doccano's `.json` export), each with the
line it starts on, without loading the file whole.

The file is decoded in chunks; each element is parsed on its own (within the limits of
`safe_json.parse_json`), so memory holds one chunk and one element, not the file. An
element larger than MAX_INPUT_BYTES is refused. Errors name the file, the line the
element starts on and the element's number ("record N").
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from annotator.core.errors import InputError
from annotator.core.files.input_files import MAX_INPUT_BYTES, MAX_INPUT_MB, open_input
from annotator.core.files.safe_json import parse_json
from annotator.core.formats.import_jsonl import reject_lone_surrogates

CHUNK = 1 << 20
_SPACE = " \t\r\n"


@dataclass(frozen=True)
class ArrayElement:
    """One element of the array: its number (from 1), first line, and value."""

    number: int
    line: int
    value: Any


class RecordError(InputError):
    """An error about one element, already naming the line and the record."""


class _Text:
    """The decoded text of a file, read on demand, with the line number of `at`."""

    def __init__(self, handle: BinaryIO, path: Path) -> None:
        self.handle, self.path = handle, path
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.buffer, self.at, self.line, self.done = "", 0, 1, False
        self.bytes_read = 0

    def more(self, size: int = CHUNK) -> bool:
        """Read at least `size` more bytes; False at the end of the file."""
        if self.done:
            return False
        data = self.handle.read(size)
        first = self.bytes_read == 0
        self.bytes_read += len(data)
        if first:
            if data.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise InputError(str(self.path), "this is UTF-16; JSON is read as UTF-8", 1)
            data = data.removeprefix(b"\xef\xbb\xbf")
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            before = self.buffer.count("\n", self.at) + data.count(b"\n", 0, max(exc.start, 0))
            where = self.line + before
            raise InputError(str(self.path), "not valid UTF-8", where) from exc
        self.done = not data
        if self.at > CHUNK:  # drop what was read, so memory stays one chunk and one element
            self.buffer = self.buffer[self.at :]
            self.at = 0
        self.buffer += text
        return bool(data) or bool(text)

    def advance(self, to: int) -> None:
        self.line += self.buffer.count("\n", self.at, to)
        self.at = to

    def next_char(self) -> str:
        """The next character that is not white space ("" at the end), not consumed."""
        while True:
            buffer = self.buffer
            at = self.at
            while at < len(buffer) and buffer[at] in _SPACE:
                at += 1
            self.advance(at)
            if at < len(buffer):
                return buffer[at]
            if not self.more():
                return ""

    def fail(self, problem: str, number: int | None = None) -> RecordError:
        prefix = f"record {number}: " if number is not None else ""
        return RecordError(str(self.path), prefix + problem, self.line)


def _cut_short(exc: json.JSONDecodeError, size: int) -> bool:
    """True if the parse failed only because the text read so far ends inside the value
    (an open string, or within a few characters of the end: a cut literal or escape)."""
    return exc.msg.startswith("Unterminated string") or exc.pos >= size - 8


def _element(text: _Text, number: int) -> ArrayElement:
    """Parse the element at `text.at`, reading more of the file while it is cut short."""
    decoder = json.JSONDecoder()
    want = CHUNK
    while True:
        try:
            _value, end = decoder.raw_decode(text.buffer, text.at)
            break
        except json.JSONDecodeError as exc:
            if text.done or not _cut_short(exc, len(text.buffer)):
                line = text.line + text.buffer.count("\n", text.at, exc.pos)
                raise RecordError(
                    str(text.path), f"record {number}: bad JSON ({exc.msg})", line
                ) from None
        except RecursionError:
            raise text.fail("bad JSON (nested too deeply)", number) from None
        except ValueError as exc:  # an integer Python will not read
            raise text.fail(f"bad JSON ({exc})", number) from None
        if len(text.buffer) - text.at > MAX_INPUT_BYTES:
            raise text.fail(f"larger than {MAX_INPUT_MB} MB, the most one record may be", number)
        text.more(want)
        want *= 2  # an element longer than a chunk is parsed O(log n) times, not O(n)
    line = text.line
    raw = text.buffer[text.at : end]
    try:
        value = parse_json(raw, str(text.path), line)
        if "\\ud" in raw or "\\uD" in raw:
            reject_lone_surrogates(value)
    except InputError as exc:
        raise RecordError(str(text.path), f"record {number}: {exc.problem}", line) from None
    except ValueError as exc:
        raise RecordError(str(text.path), f"record {number}: {exc}", line) from None
    text.advance(end)
    return ArrayElement(number, line, value)


def iter_array(path: Path) -> Iterator[ArrayElement]:
    """Every element of the JSON array in `path`, in order; InputError (naming the line,
    and the record where there is one) for anything but one well-formed array."""
    with open_input(path) as handle:
        text = _Text(handle, path)
        if text.next_char() != "[":
            raise text.fail("not a JSON array (it should start with [)")
        text.advance(text.at + 1)
        number = 0
        while True:
            char = text.next_char()
            if char == "]" and number == 0:
                break
            if char == "":
                raise text.fail("the array is not closed with ]")
            number += 1
            yield _element(text, number)
            char = text.next_char()
            if char == "]":
                break
            if char != ",":
                what = "the end of the file" if char == "" else repr(char)
                raise text.fail(f"bad JSON (expected , or ] after record {number}, not {what})")
            text.advance(text.at + 1)
            if text.next_char() == "]":
                raise text.fail(f"bad JSON (a comma after the last record, {number})")
        text.advance(text.at + 1)
        if text.next_char() != "":
            raise text.fail("bad JSON (more after the closing ])")
