"""A Label Studio tasks file: a JSON array of tasks (Label Studio's JSON export), one task
object, or JSONL with one task per line; each task with the line it starts on, for
errors and progress. And the sniffer that tells such a file from other JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.files.input_files import open_input, read_input
from annotator.core.files.line_reader import read_utf8_lines
from annotator.core.files.safe_json import parse_json
from annotator.core.formats.label_studio.array_stream import ArrayReader
from annotator.core.formats.registry import head_text

# keys only a Label Studio task has at its top level (doccano records have `text`)
TASK_KEYS = frozenset({"data", "annotations", "predictions", "completions"})


def _first_character(path: Path) -> str:
    """The first non-blank character of the file ("" for none in its first 64 kB)."""
    with open_input(path) as handle:
        head = handle.read(65536)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(str(path), "this is UTF-16; Label Studio files are read as UTF-8", 1)
    return head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1].decode("latin-1")


def _array(path: Path) -> Iterator[tuple[int, Any]]:
    with open_input(path) as handle:
        yield from ArrayReader(handle, str(path)).elements()


def _whole_object(path: Path) -> tuple[int, Any]:
    data = read_input(path).removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            str(path), "not valid UTF-8", data.count(b"\n", 0, exc.start) + 1
        ) from None
    body = text.lstrip()
    return text.count("\n", 0, len(text) - len(body)) + 1, parse_json(text, str(path))


def _jsonl_or_object(path: Path) -> Iterator[tuple[int, Any]]:
    """JSONL when the first line is a whole JSON value, else one object over many lines."""
    lines = read_utf8_lines(path, "Label Studio")
    first = next(((number, line) for number, line in lines if line.strip()), None)
    if first is None or not _parses(first[1]):
        lines.close()
        yield _whole_object(path)
        return
    yield first[0], parse_json(first[1], str(path), first[0])
    for number, line in lines:
        if line.strip():
            yield number, parse_json(line, str(path), number)


def read_tasks(path: Path) -> Iterator[tuple[int, Any]]:
    """(line, task) for every task of the file, read as it is needed; InputError naming
    the line for bad JSON."""
    first = _first_character(path)
    if first == "[":
        return _array(path)  # [] is no task: what an empty export writes
    if first == "{":
        return _jsonl_or_object(path)
    what = "the file is empty" if not first else "a JSON array or object was expected"
    raise InputError(str(path), f"not Label Studio tasks: {what}", 1)


def _parses(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


# strings (skipped whole), the characters that give a key its depth, and a string cut
# off by the end of the head (a lone quote: nothing after it can be trusted)
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}:]|"')


def first_task_keys(head: str) -> set[str]:
    """The keys of the first object (of an array, or the object itself) that appear in
    `head`, the beginning of a file (maybe cut in the middle)."""
    depth, wanted = 0, None
    keys: set[str] = set()
    last = ""
    for match in _TOKEN.finditer(head):
        token = match.group()
        if token == '"':
            return keys
        if token in "[{":
            depth += 1
            if wanted is None and token == "{":
                wanted = depth
        elif token in "]}":
            if wanted is not None and depth == wanted:
                return keys
            depth -= 1
        elif token == ":" and depth == wanted and last.startswith('"'):
            keys.add(last[1:-1])
        last = token
    return keys


def sniff_label_studio(path: Path) -> bool:
    """A file whose first task has `data`, or `annotations`/`predictions` without a
    `text` key of its own (which a doccano record has)."""
    if not path.is_file():
        return False
    head = head_text(path, 65536).lstrip()
    if not head.startswith(("[", "{")):
        return False
    keys = first_task_keys(head)
    return "data" in keys or bool(keys & TASK_KEYS and "text" not in keys)
