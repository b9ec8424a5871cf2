"""Arabic-aware tokenizer with code-point offsets, and snapping of selections to words.

A token is a run of letters of one script (Arabic, or any other), a number, or a single
other character; combining marks, ZWJ, variation selectors and emoji modifiers stay with
the character before them, so no token boundary falls inside a character.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable
from itertools import pairwise
from operator import itemgetter

_ZWJ = "\u200d"
_START = itemgetter(0)
_END = itemgetter(1)
_ARABIC_BLOCKS = ((0x0600, 0x0700), (0x0750, 0x0780), (0x0870, 0x0900), (0xFB50, 0xFF00))
_MARK_PLANES = ((0x0300, 0x20000), (0xE0000, 0xE1000))
_EMOJI_MODIFIERS = (0x1F3FB, 0x1F3FF)
_EMOJI_TAGS = (0xE0020, 0xE007F)


def _ranges(codepoints: Iterable[int]) -> str:
    """Regex character-class body for `codepoints` (ascending), as compact ranges."""
    parts: list[str] = []
    first = last = -2
    for cp in codepoints:
        if cp != last + 1:
            if first >= 0:
                parts.append(_class_range(first, last))
            first = cp
        last = cp
    if first >= 0:
        parts.append(_class_range(first, last))
    return "".join(parts)


def _class_range(first: int, last: int) -> str:
    if first == last:
        return re.escape(chr(first))
    return f"{re.escape(chr(first))}-{re.escape(chr(last))}"


def _attaching() -> list[int]:
    marks = {
        cp
        for first, stop in _MARK_PLANES
        for cp in range(first, stop)
        if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me")
    }
    marks.update(range(_EMOJI_MODIFIERS[0], _EMOJI_MODIFIERS[1] + 1))
    marks.update(range(_EMOJI_TAGS[0], _EMOJI_TAGS[1] + 1))
    return sorted(marks)


def _arabic_letters() -> list[int]:
    return [
        cp
        for first, stop in _ARABIC_BLOCKS
        for cp in range(first, stop)
        if unicodedata.category(chr(cp)) in ("Lo", "Lm")
    ]


_MARKS = _attaching()
_BMP_MARKS = _ranges(cp for cp in _MARKS if cp <= 0xFFFF)
_ASTRAL_MARKS = _ranges(cp for cp in _MARKS if cp > 0xFFFF)
_ARABIC = _ranges(_arabic_letters())
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_RARE_EXT = rf"(?=[{_ZWJ}\U00010000-\U0010ffff])(?:[{_ASTRAL_MARKS}]|{_ZWJ}++\S?)"
_EXT = rf"(?:[{_BMP_MARKS}]++|{_RARE_EXT})"
_NUMBER_PART = rf"(?:[{_DIGIT}]{_EXT}*+)++"
_TOKEN = re.compile(
    rf"""(?=\S){_ZWJ}*(?:
        [{_ARABIC}](?:[{_ARABIC}{_BMP_MARKS}]++|{_RARE_EXT})*+
      | {_NUMBER_PART}(?:[.,\u066b\u066c/:]{_NUMBER_PART})*+
      | [^\W\d_{_ARABIC}](?:[^\W_{_ARABIC}]++|{_EXT})*+
      | [\U0001f1e6-\U0001f1ff]{{2}}{_EXT}*+
      | \S{_EXT}*+
    )""",
    re.VERBOSE,
)
_ATTACHED_CHAR = re.compile(rf"[{_BMP_MARKS}{_ASTRAL_MARKS}{_ZWJ}]")


def _can_split(text: str, pos: int) -> bool:
    """True if a token may be cut at `pos` (not before a mark, not after a ZWJ)."""
    return 0 < pos < len(text) and text[pos - 1] != _ZWJ and not _ATTACHED_CHAR.match(text, pos)


def tokenize(text: str, split_at: Collection[int] = ()) -> list[tuple[int, int]]:
    """(start, end) code-point offsets of the tokens of `text`, whitespace excluded.

    Offsets in `split_at` strictly inside a token cut it there, so tokens line up with
    character spans that exclude a clitic; offsets that would cut a character are ignored.
    """
    spans = [m.span() for m in _TOKEN.finditer(text)]
    if not split_at:
        return spans
    cuts_in: dict[int, list[int]] = {}
    for cut in sorted({pos for pos in split_at if _can_split(text, pos)}):
        i = bisect_right(spans, cut, key=_START) - 1
        if i >= 0 and spans[i][0] < cut < spans[i][1]:
            cuts_in.setdefault(i, []).append(cut)
    for i in sorted(cuts_in, reverse=True):
        start, end = spans[i]
        spans[i : i + 1] = pairwise([start, *cuts_in[i], end])
    return spans


def spaced_tokens(
    text: str, starts: Collection[int] = (), ends: Collection[int] = ()
) -> list[tuple[int, int, bool]]:
    """Tokens of `text` as (start, end, ws), whitespace included, so that spaCy's
    `Doc(words, spaces)` rebuilds `text` exactly and `starts`/`ends` fall on token edges.

    spaCy's rule: `ws` is true when one plain space U+0020 follows the token; the rest of a
    whitespace run (all of it at the start of the text or without that space) is a token
    of its own with `ws` false. Tokens are cut at every offset in `starts` and `ends`
    (see `tokenize`), inside whitespace runs too; a space is not folded into `ws` where a
    span starts on it or ends right after it, so such spans still align.
    """
    edges = set(starts)
    edges.update(ends)
    words = tokenize(text, edges)
    inner = sorted(edges)
    out: list[tuple[int, int, bool]] = []
    pos = 0
    size = len(text)
    for start, end in [*words, (size, size)]:
        if pos < start:
            if out and text[pos] == " " and pos not in starts and pos + 1 not in ends:
                out[-1] = (out[-1][0], pos, True)
                pos += 1
            if pos < start:
                if start - pos > 1 and inner:
                    first = bisect_right(inner, pos)
                    last = bisect_left(inner, start, first)
                    for cut in inner[first:last]:
                        out.append((pos, cut, False))
                        pos = cut
                out.append((pos, start, False))
        if start < end:
            out.append((start, end, False))
        pos = end
    return out


def _word_around(text: str, pos: int) -> tuple[int, int]:
    """The whitespace-delimited stretch of `text` containing the character at `pos`."""
    left = pos
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = pos + 1
    while right < len(text) and not text[right].isspace():
        right += 1
    return left, right


def _token_at(text: str, pos: int) -> tuple[int, int]:
    """The token that holds the non-space character at `pos`."""
    left, right = _word_around(text, pos)
    for m in _TOKEN.finditer(text, left, right):
        if m.start() <= pos < m.end():
            return m.span()
    return pos, pos + 1


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Turn a mouse selection into whole tokens: trim whitespace at both edges, then widen
    to the edges of the tokens the selection starts and ends in."""
    lo = max(0, min(start, len(text)))
    hi = max(lo, min(end, len(text)))
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if lo == hi:
        return start, start
    return _token_at(text, lo)[0], _token_at(text, hi - 1)[1]


def token_span(tokens: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """Indexes (first, last inclusive) of the tokens that exactly cover [start, end), or
    None when the span does not begin and end on token edges."""
    first = bisect_left(tokens, start, key=_START)
    last = bisect_left(tokens, end, key=_END)
    if first <= last < len(tokens) and tokens[first][0] == start and tokens[last][1] == end:
        return first, last
    return None
