"""Reading a line-based UTF-8 file (JSONL, CoNLL) with errors that name file and line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.files.input_files import open_input, read_lines


def read_utf8_lines(path: Path, kind: str) -> Iterator[tuple[int, str]]:
    """(number, text without its line end) of every line, blank ones included.

    A UTF-8 byte-order mark is skipped; UTF-16 and undecodable bytes are errors naming
    the line. `kind` names the format in messages ("JSONL", "CoNLL").
    """
    with open_input(path) as handle:
        for number, raw in read_lines(handle, path):
            if number == 1:
                if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                    raise InputError(
                        str(path), f"this is UTF-16; {kind} files are read as UTF-8", number
                    )
                if raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    str(path), f"not valid UTF-8 (byte {exc.start} of the line)", number
                ) from exc
            yield number, line.rstrip("\r\n")
