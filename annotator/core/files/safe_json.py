"""Parsing JSON from input files within limits: bad data is an InputError, never a crash.

Python's json module raises a bare ValueError for an integer of more than 4,300 digits
and RecursionError for deep nesting, and it accepts NaN, Infinity and 1e999 (as
infinity), which later code (json.dumps, SQLite) then fails on. Every reader of JSON
input (JSONL lines, label schemes) parses through `parse_json`.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from annotator.core.errors import InputError

MAX_DEPTH = 100  # objects and arrays inside each other, the outermost counted as 1
MAX_DIGITS = 100  # digits of one number
_BIG = 10**MAX_DIGITS

# Tokens of valid JSON that matter here: strings (skipped), brackets and numbers.
_TOKEN = re.compile(
    r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[{]|[\]}]|NaN|-?Infinity|-?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?'
)


class _Refused(Exception):
    """Raised by the parser's hooks; the problem is described by `_first_problem`."""


def _digits(number: str) -> int:
    """Digits of a number literal, the exponent left out."""
    mantissa = number.partition("e")[0].partition("E")[0]
    return sum(ch.isdigit() for ch in mantissa)


def _number(text: str) -> float:
    value = float(text)
    if math.isinf(value) or _digits(text) > MAX_DIGITS:
        raise _Refused(text)
    return value


def _constant(text: str) -> float:
    raise _Refused(text)


def parse_json(text: str, path: str, line: int | None = None) -> Any:
    """Parse one JSON value: a whole file, or the JSONL line numbered `line`.

    Raises InputError naming `path` and the line for bad syntax, NaN or Infinity,
    numbers over MAX_DIGITS digits or out of float range, and nesting over MAX_DEPTH.
    """
    try:
        value = json.loads(text, parse_float=_number, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        where = line if line is not None else exc.lineno
        raise InputError(path, f"bad JSON ({exc.msg}, column {exc.colno})", where) from None
    except (_Refused, ValueError, RecursionError):  # ValueError: an int Python won't read
        pass
    else:
        if _within_limits(value):
            return value
    offset, problem = _first_problem(text)
    where = line if line is not None else text.count("\n", 0, offset) + 1
    raise InputError(path, f"bad JSON ({problem})", where)


def _within_limits(value: Any) -> bool:
    """No nesting deeper than MAX_DEPTH and no integer of more than MAX_DIGITS digits."""
    level = [value] if type(value) in (dict, list) else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            return False
        nested = []
        for container in level:
            for item in container.values() if type(container) is dict else container:
                kind = type(item)
                if kind is dict or kind is list:
                    nested.append(item)
                elif kind is int and not -_BIG < item < _BIG:
                    return False
        level = nested
    return True


def _first_problem(text: str) -> tuple[int, str]:
    """(offset, description) of the first thing in `text` beyond the limits."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first == '"':
            continue
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start(), f"nested deeper than {MAX_DEPTH} levels"
        elif first in "]}":
            depth -= 1
        elif token.lstrip("-")[0] in "NI":
            return match.start(), f"{token} is not a JSON number"
        else:
            digits = _digits(token)
            if digits > MAX_DIGITS:
                return match.start(), f"a number of {digits} digits (the limit is {MAX_DIGITS})"
            if math.isinf(float(token)):
                return match.start(), f"the number {token} is out of range"
    return 0, "a value beyond the limits"
