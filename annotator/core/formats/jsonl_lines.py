"""Our JSONL lines written without building their token dicts: each document's text and
token list are encoded once, by C-level string formatting, and shared by every layer of
the document. The bytes are exactly those of `json.dumps(record, ensure_ascii=False)`
(the default separators ", " and ": "), which the tests check on hostile texts."""

from __future__ import annotations

import json
from itertools import chain, repeat, starmap
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any

_START = itemgetter(0)
_END = itemgetter(1)
_TOKEN = '{"text": %s, "start": %d, "end": %d, "id": %d, "ws": %s}'
_WS = ("false", "true")
# The record keys written from the document's shared parts, in the record's order.
_HEAD_KEYS = ("text", "meta", "tokens")


def text_json(text: str) -> str:
    """A string as JSON, as `json.dumps(text, ensure_ascii=False)` writes it."""
    return encode_basestring(text)


def tokens_json(text: str, bounds: list[tuple[int, int]], spaces: list[bool]) -> str:
    """The JSON array of the token records `{"text", "start", "end", "id", "ws"}` of
    `bounds` in `text` (`ws` from `spaces`), as `json.dumps` writes that list."""
    if not bounds:
        return "[]"
    values = zip(
        map(encode_basestring, map(text.__getitem__, starmap(slice, bounds))),
        map(_START, bounds),
        map(_END, bounds),
        range(len(bounds)),
        map(_WS.__getitem__, spaces),
        strict=True,
    )
    return "[" + ", ".join(repeat(_TOKEN, len(bounds))) % tuple(chain.from_iterable(values)) + "]"


def record_json(record: dict[str, Any], text: str, tokens: str) -> str:
    """`json.dumps(record, ensure_ascii=False)` for a record whose first keys are "text",
    "meta" and "tokens", given its text and tokens already encoded (`text_json`,
    `tokens_json`); the record's own "tokens" value is not read."""
    rest = {key: value for key, value in record.items() if key not in _HEAD_KEYS}
    tail = json.dumps(rest, ensure_ascii=False)
    meta = json.dumps(record["meta"], ensure_ascii=False)
    head = f'{{"text": {text}, "meta": {meta}, "tokens": {tokens}'
    return head + "}" if tail == "{}" else f"{head}, {tail[1:]}"
