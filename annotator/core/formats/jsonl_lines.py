"""Our JSONL lines written without building their token dicts: each document's text and
token list are encoded once, put together in C (no Python loop per token), and shared by
every layer of the document; a line is written in parts, so the 50 kB of tokens are never
copied into it. The bytes are exactly those of `json.dumps(record, ensure_ascii=False)`
(the default separators ", " and ": "), which the tests check on hostile texts."""

from __future__ import annotations

import json
from itertools import starmap
from json.encoder import encode_basestring
from operator import itemgetter
from typing import IO, Any

_START = itemgetter(0)
_END = itemgetter(1)
# One token of the array in pieces, its values (None) filled in by slice assignment; the
# last piece, "ws" and what follows it, closes the token and opens the next.
_TOKEN_PIECES = ['{"text": ', None, ', "start": ', None, ', "end": ', None, ', "id": ', None, None]
_WIDTH = len(_TOKEN_PIECES)
_WS = (', "ws": false}, ', ', "ws": true}, ')
_IDS: list[str] = []  # "0", "1", …: token ids as text, grown to the longest text seen
# The record keys written from the document's shared parts, in the record's order.
_HEAD_KEYS = ("text", "meta", "tokens")


def text_json(text: str) -> str:
    """A string as JSON, as `json.dumps(text, ensure_ascii=False)` writes it."""
    return encode_basestring(text)


def tokens_json(text: str, bounds: list[tuple[int, int]], spaces: list[bool]) -> str:
    """The JSON array of the token records `{"text", "start", "end", "id", "ws"}` of
    `bounds` in `text` (`ws` from `spaces`), as `json.dumps` writes that list: its pieces
    are put in place column by column, in C, and joined once."""
    count = len(bounds)
    if not count:
        return "[]"
    if len(_IDS) < count:
        _IDS.extend(map(str, range(len(_IDS), count)))
    pieces = _TOKEN_PIECES * count
    pieces[1::_WIDTH] = map(encode_basestring, map(text.__getitem__, starmap(slice, bounds)))
    pieces[3::_WIDTH] = map(str, map(_START, bounds))
    pieces[5::_WIDTH] = map(str, map(_END, bounds))
    pieces[7::_WIDTH] = _IDS[:count]
    pieces[8::_WIDTH] = map(_WS.__getitem__, spaces)
    pieces[0] = '[{"text": '
    pieces[-1] = pieces[-1][:-2] + "]"  # no ", " after the last token
    return "".join(pieces)


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
