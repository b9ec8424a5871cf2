"""A Label Studio tasks file: a JSON array of tasks (Label Studio's JSON export), one task
object, or JSONL with one task per line; each task with the line it starts on, for
errors and progress. And the sniffer that tells such a file from other JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.files.input_files import read_input
from annotator.core.files.safe_json import parse_json
from annotator.core.formats.registry import head_text

# keys only a Label Studio task has at its top level (doccano records have `text`)
TASK_KEYS = frozenset({"data", "annotations", "predictions", "completions"})


def _decode(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(str(path), "this is UTF-16; Label Studio files are read as UTF-8", 1)
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(str(path), "not valid UTF-8", line) from exc


def _element_lines(text: str) -> list[int]:
    """The line each element of a JSON array (already parsed whole) starts on."""
    decoder = json.JSONDecoder()
    lines: list[int] = []
    at = text.index("[") + 1
    line, counted = 1, 0
    while True:
        while at < len(text) and text[at] in " \t\r\n,":
            at += 1
        if at >= len(text) or text[at] == "]":
            return lines
        line += text.count("\n", counted, at)
        counted = at
        lines.append(line)
        _value, at = decoder.raw_decode(text, at)


def _jsonl(text: str, path: Path) -> list[tuple[int, Any]]:
    tasks = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            tasks.append((number, parse_json(line, str(path), number)))
    return tasks


def read_tasks(path: Path) -> list[tuple[int, Any]]:
    """(line, task) for every task of the file; InputError naming the line for bad JSON
    and for a file that holds no task."""
    text = _decode(read_input(path), path)
    body = text.lstrip()
    if not body:
        raise InputError(str(path), "the file is empty: no Label Studio tasks", 1)
    first_line = text.count("\n", 0, len(text) - len(body)) + 1
    if body.startswith("["):
        tasks = parse_json(text, str(path))  # [] is no task: what an empty export writes
        return list(zip(_element_lines(text), tasks, strict=True))
    if body.startswith("{"):
        head, _, rest = body.partition("\n")
        if rest.strip() and _parses(head):
            return _jsonl(text, path)
        return [(first_line, parse_json(text, str(path)))]
    raise InputError(
        str(path), "not Label Studio tasks (a JSON array or object was expected)", first_line
    )


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
