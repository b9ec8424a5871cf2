"""Code-point offsets (what we store) versus UTF-16 positions (what Qt uses).

This is the one place where the two are converted. A `Utf16Map` is built once per
document text and answers each conversion in O(log n) by bisecting the positions of
astral characters (the only ones that take two UTF-16 code units).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from typing import Literal

Snap = Literal["error", "down", "up"]

_ZWJ = "\u200d"


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _astral_positions(text: str) -> list[int]:
    if text.isascii():
        return []
    return [m.start() for m in _ASTRAL.finditer(text)]  # scanned in C: texts are long


class Utf16Map:
    """Converts between code-point offsets and UTF-16 positions for one text."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self._astral = _astral_positions(text)
        # UTF-16 position at which each astral character starts.
        self._astral16 = [pos + i for i, pos in enumerate(self._astral)]
        self.utf16_length = self.length + len(self._astral)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 position of code-point offset `cp` (0 <= cp <= len(text))."""
        if not 0 <= cp <= self.length:
            raise ValueError(f"offset {cp} outside the text (0..{self.length})")
        return cp + bisect_left(self._astral, cp) if self._astral else cp

    def to_codepoint(self, pos: int, snap: Snap = "error") -> int:
        """Code-point offset of UTF-16 position `pos`.

        A position inside a surrogate pair raises ValueError, or with snap="down"/"up"
        moves to the start/end of that character.
        """
        if not 0 <= pos <= self.utf16_length:
            raise ValueError(f"UTF-16 position {pos} outside the text (0..{self.utf16_length})")
        before = bisect_right(self._astral16, pos - 1)  # astral chars starting before pos
        if before and self._astral16[before - 1] == pos - 1:
            # pos - 1 is the high surrogate of an astral character: pos splits the pair.
            if snap == "error":
                raise ValueError(f"UTF-16 position {pos} splits a surrogate pair")
            return pos - before if snap == "down" else pos - before + 1
        return pos - before


def utf16_to_codepoint(text: str, pos: int, snap: Snap = "error") -> int:
    """One-off conversion; build a `Utf16Map` when converting many positions."""
    return Utf16Map(text).to_codepoint(pos, snap)


def codepoint_to_utf16(text: str, cp: int) -> int:
    """One-off conversion; build a `Utf16Map` when converting many offsets."""
    return Utf16Map(text).to_utf16(cp)


@functools.lru_cache(maxsize=4096)
def _joins_previous(ch: str) -> bool:
    """True for characters that belong to the character before them.

    Combining marks (harakat, shadda, spacing marks, variation selectors), ZWJ, emoji
    skin-tone modifiers and emoji tag characters (subdivision flags).
    """
    return (
        ch == _ZWJ
        or "\U0001f3fb" <= ch <= "\U0001f3ff"
        or "\U000e0020" <= ch <= "\U000e007f"
        or unicodedata.category(ch) in ("Mn", "Mc", "Me")
    )


def is_boundary(text: str, pos: int) -> bool:
    """True if a span may start or end at `pos`.

    Not at a position that separates a character from what belongs to it (see
    `_joins_previous`), not right after a ZWJ, not inside a surrogate pair, not outside.
    """
    if not 0 <= pos <= len(text):
        return False
    if 0 < pos < len(text):
        if _joins_previous(text[pos]) or text[pos - 1] == _ZWJ:
            return False
        if "\ud800" <= text[pos - 1] <= "\udbff":
            return False
    return True


def check_span_bounds(text: str, start: int, end: int) -> str | None:
    """Why (start, end) is not a valid span of `text`, or None when it is."""
    if isinstance(start, bool) or isinstance(end, bool):
        return "offsets must be whole numbers"
    if not isinstance(start, int) or not isinstance(end, int):
        return "offsets must be whole numbers"
    if start < 0 or end > len(text):
        return f"span {start}..{end} lies outside the text (length {len(text)})"
    if start >= end:
        return f"span {start}..{end} is empty or reversed (start must be < end)"
    for name, pos in (("start", start), ("end", end)):
        if not is_boundary(text, pos):
            return (
                f"span {name} {pos} falls inside a character "
                "(between a letter and its combining mark)"
            )
    return None
