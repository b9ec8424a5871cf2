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
from itertools import islice, pairwise
from operator import itemgetter, ne

from annotator.core.text import attaching_marks

_ZWJ = "\u200d"
_START = itemgetter(0)
_END = itemgetter(1)
_MATCH_SPAN = re.Match.span  # mapped in C over a scan's matches: no loop in Python
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


def scan_attaching() -> list[int]:
    """Every code point that attaches to the one before it, read from `unicodedata`."""
    marks = {
        cp
        for first, stop in _MARK_PLANES
        for cp in range(first, stop)
        if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me")
    }
    marks.update(range(_EMOJI_MODIFIERS[0], _EMOJI_MODIFIERS[1] + 1))
    marks.update(range(_EMOJI_TAGS[0], _EMOJI_TAGS[1] + 1))
    return sorted(marks)


def _attaching() -> list[int]:
    if unicodedata.unidata_version != attaching_marks.UNIDATA_VERSION:
        return scan_attaching()
    return [cp for first, last in attaching_marks.ATTACHING for cp in range(first, last + 1)]


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
    return _cut(text, [m.span() for m in _TOKEN.finditer(text)], split_at)


def _cut(
    text: str, spans: list[tuple[int, int]], split_at: Collection[int]
) -> list[tuple[int, int]]:
    """`spans` (sorted, disjoint) cut at the offsets of `split_at` strictly inside them."""
    if not split_at:
        return spans
    cuts_in: dict[int, list[int]] = {}
    for cut in sorted(set(split_at)):
        i = bisect_right(spans, cut, key=_START) - 1
        # most edges fall between tokens already: the regex test only for those inside one
        if i >= 0 and spans[i][0] < cut < spans[i][1] and _can_split(text, cut):
            cuts_in.setdefault(i, []).append(cut)
    for i in sorted(cuts_in, reverse=True):
        start, end = spans[i]
        spans[i : i + 1] = pairwise([start, *cuts_in[i], end])
    return spans


# The tokens of `tokenize`, and whitespace tokens: the rest of a run after one plain
# space that follows a token (that space is the token's trailing `ws`), a run that
# starts with other whitespace, a run at the start of the text.
_SPACED_TOKEN = re.compile(
    rf"{_TOKEN.pattern}|(?<=\S\x20)\s+|(?<=\S)[^\S\x20]\s*|\A\s+", re.VERBOSE
)


def spaced_tokens(
    text: str, starts: Collection[int] = (), ends: Collection[int] = ()
) -> list[tuple[int, int]]:
    """(start, end) of the tokens of `text`, whitespace included, so that spaCy's
    `Doc(words, spaces)` rebuilds `text` exactly and `starts`/`ends` fall on token edges.

    spaCy's rule: one plain space U+0020 after a token is that token's trailing `ws`; the
    rest of a whitespace run (all of it at the start of the text or without that space) is
    a token of its own (`spaces_after` tells which tokens own a space). Tokens are cut at
    every offset in `starts` and `ends` (see `tokenize`), inside whitespace runs too; a
    space is not folded into `ws` where a span starts on it or ends right after it, so
    such spans still align.
    """
    tokens = list(map(_MATCH_SPAN, _SPACED_TOKEN.finditer(text)))
    size = len(text)
    unfold = {pos for pos in starts if 0 < pos < size and _owned_space(text, pos)}
    unfold.update(pos - 1 for pos in ends if 1 < pos <= size and _owned_space(text, pos - 1))
    for pos in sorted(unfold, reverse=True):
        i = bisect_left(tokens, pos + 1, key=_START)
        if i < len(tokens) and tokens[i][0] == pos + 1 and text[pos + 1].isspace():
            tokens[i] = (pos, tokens[i][1])
        else:
            tokens.insert(i, (pos, pos + 1))
    edges = set(starts)
    edges.update(ends)
    return _cut(text, tokens, edges)


def _owned_space(text: str, pos: int) -> bool:
    """True if `pos` holds the one space that the token before it owns as `ws`."""
    return text[pos] == " " and not text[pos - 1].isspace()


def spaces_after(tokens: list[tuple[int, int]], size: int) -> list[bool]:
    """spaCy's `spaces` for `spaced_tokens(text)` of a text of length `size`: a token is
    followed by its own space exactly when no token starts where it ends (the tokens are
    sorted and disjoint, so only the next one could)."""
    if not tokens:
        return []
    owned = list(map(ne, map(_END, tokens), map(_START, islice(tokens, 1, None))))
    owned.append(tokens[-1][1] != size)
    return owned


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
