"""Our JSONL lines written without building their token dicts: each document's text and
token list are encoded once, by C-level string formatting, and shared by every layer of
the document; a line is written in parts, so the 50 kB of tokens are never copied into
it. The bytes are exactly those of `json.dumps(record, ensure_ascii=False)` (the default
separators ", " and ": "), which the tests check on hostile texts."""

from __future__ import annotations

import json
from itertools import chain, repeat, starmap
from json.encoder import encode_basestring
from operator import itemgetter
from typing import IO, Any

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


def record_parts(record: dict[str, Any], text: str, tokens: str) -> tuple[str, str, str]:
    """`json.dumps(record, ensure_ascii=False)` in three parts that join into it, for a
    record whose first keys are "text", "meta" and "tokens", given its text and tokens
    already encoded (`text_json`, `tokens_json`): the head up to the tokens, the tokens
    (`tokens` itself), and the rest. The record's own "tokens" value is not read."""
    rest = {key: value for key, value in record.items() if key not in _HEAD_KEYS}
    tail = json.dumps(rest, ensure_ascii=False)
    meta = json.dumps(record["meta"], ensure_ascii=False)
    head = f'{{"text": {text}, "meta": {meta}, "tokens": '
    return head, tokens, "}" if tail == "{}" else f", {tail[1:]}"


def record_json(record: dict[str, Any], text: str, tokens: str) -> str:
    """`record_parts` joined: the record as one JSON string."""
    return "".join(record_parts(record, text, tokens))


def write_parts(out: IO[str], parts: tuple[str, ...]) -> None:
    """Write `parts` one after the other (no joined copy of a 60 kB line is made)."""
    for part in parts:
        out.write(part)
