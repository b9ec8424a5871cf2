"""The elements of a JSON array file one by one, each with the line it starts on, in
memory that does not grow with the file (Label Studio's exports of big projects are
arrays of hundreds of megabytes). Each element is held to `safe_json`'s limits and to
the size of one input file; an error names the file and its line."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import IO, Any

from annotator.core.errors import InputError
from annotator.core.files.input_files import MAX_INPUT_BYTES, MAX_INPUT_MB
from annotator.core.files.safe_json import parse_json

CHUNK = 1 << 20
TOO_LARGE = f"a task larger than {MAX_INPUT_MB} MB, the most one task may be"
_SPACE = " \t\r\n"


class ArrayReader:
    """Reads `[elem, elem, …]` from a binary file handle, decoding UTF-8 as it goes."""

    def __init__(self, handle: IO[bytes], path: str) -> None:
        self.handle = handle
        self.path = path
        self.utf8 = codecs.getincrementaldecoder("utf-8-sig")()
        self.text = ""
        self.at = 0  # position in `text` of the next character to read
        self.line = 1  # the line of `text[at]`
        self.eof = False

    def _fill(self) -> bool:
        """Read more of the file; False at its end."""
        if self.eof:
            return False
        chunk = self.handle.read(CHUNK)
        try:
            part = self.utf8.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            line = self.line + self.text.count("\n", self.at) + chunk.count(b"\n", 0, exc.start)
            raise InputError(self.path, "not valid UTF-8", line) from None
        self.eof = not chunk
        if self.at >= CHUNK:
            self.text, self.at = self.text[self.at :], 0
        self.text += part
        return True

    def _skip_space(self) -> str:
        """Move past whitespace; the next character, or "" at the end of the file."""
        while True:
            while self.at < len(self.text) and self.text[self.at] in _SPACE:
                self.line += self.text[self.at] == "\n"
                self.at += 1
            if self.at < len(self.text):
                return self.text[self.at]
            if not self._fill():
                return ""

    def _fail(self, problem: str) -> InputError:
        return InputError(self.path, f"bad JSON ({problem})", self.line)

    def _element(self) -> tuple[Any, int]:
        """The element at `at` and where it ends, reading more of the file until it is
        whole."""
        decoder = json.JSONDecoder()
        while True:
            try:
                _value, end = decoder.raw_decode(self.text, self.at)
            except json.JSONDecodeError:
                end = -1
            if end != -1 and (end < len(self.text) or self.eof):
                break
            if len(self.text) - self.at > MAX_INPUT_BYTES:
                raise InputError(self.path, TOO_LARGE, self.line)
            if not self._fill():
                break
        source = self.text[self.at : end] if end != -1 else self.text[self.at :]
        try:
            value = parse_json(source, self.path)  # the limits, and the error's wording
        except InputError as exc:
            raise InputError(self.path, exc.problem, self.line + (exc.line or 1) - 1) from None
        if end == -1:
            raise self._fail("the file ends inside an element")
        return value, end

    def elements(self) -> Iterator[tuple[int, Any]]:
        """(line, element) for each element of the array."""
        if self._skip_space() != "[":
            raise self._fail("a JSON array was expected")
        self.at += 1
        follows = self._skip_space()
        while follows != "]":
            line = self.line
            value, end = self._element()
            yield line, value
            self.line += self.text.count("\n", self.at, end)
            self.at = end
            follows = self._skip_space()
            if follows == ",":
                self.at += 1
                follows = self._skip_space()
                if follows == "]":
                    raise self._fail("a comma before the closing bracket")
            elif follows != "]":
                raise self._fail("expected , or ] after an element")
        self.at += 1
        if self._skip_space():
            raise self._fail("more data after the array")
