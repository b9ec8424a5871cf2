"""Arabic search folding with a map back to the original code-point offsets.

Folding is for matching only and never rewrites stored text (GUIDE.md section 3). Every
rule is char-local: a character folds to itself, to one other character, or to nothing.
"""

from __future__ import annotations

import re
import unicodedata

from annotator.core.text.offsets import is_boundary

_DELETED = frozenset(
    [chr(cp) for cp in range(0x064B, 0x0653)] + ["\u0670", "\u0640"]
)  # harakat, superscript alef, tatweel
_REPLACED = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
_LATIN_BLOCKS = (
    (0x0041, 0x0250),
    (0x1E00, 0x1F00),
    (0x24B6, 0x24EA),
    (0x2C60, 0x2C80),
    (0xA720, 0xA800),
    (0xAB30, 0xAB70),
    (0xFF21, 0xFF3B),
    (0x10780, 0x107C0),
    (0x1DF00, 0x1E000),
)


def _latin_lowercase() -> dict[int, str]:
    table: dict[int, str] = {}
    for first, stop in _LATIN_BLOCKS:
        for cp in range(first, stop):
            ch = chr(cp)
            low = ch.lower()
            if low != ch and len(low) == 1 and "LATIN" in unicodedata.name(ch, ""):
                table[cp] = low
    return table


_TABLE: dict[int, str | None] = {
    **_latin_lowercase(),
    **{ord(ch): folded for ch, folded in _REPLACED.items()},
    **dict.fromkeys(map(ord, _DELETED)),
}


_LOWER = _latin_lowercase()
_DELETED_ORDER = sorted(_DELETED)
_UPPER_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_LOWER)) + "]+")


def _lower_run(match: re.Match[str]) -> str:
    return match.group().translate(_LOWER)


def fold(text: str) -> str:
    """Fold `text` for matching: drop harakat and tatweel, unify alef/yeh/teh marbuta forms
    and lowercase Latin letters. Same result as `text.translate(_TABLE)`, several times
    faster on Arabic text (it builds the search column of every imported document)."""
    if text.isascii():
        return text.lower()
    for ch in _DELETED_ORDER:
        if ch in text:
            text = text.replace(ch, "")
    for old, new in _REPLACED.items():
        if old in text:
            text = text.replace(old, new)
    if text.lower() == text:  # no capital letter anywhere, so no Latin one to fold
        return text
    return _UPPER_RE.sub(_lower_run, text)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold `text` and return, for each folded character, its original offset (plus
    len(text) at the end), so matches in folded text map back to the stored text."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, list(range(len(text) + 1))
    index = [i for i, ch in enumerate(text) if ch not in _DELETED]
    index.append(len(text))
    return folded, index


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Non-overlapping matches of the folded `query` in the folded `text`, as original
    (start, end) offsets covering whole characters, trailing harakat and tatweel included.

    Every result is a valid span of `text`: trailing harakat and tatweel stop short of a mark
    that folding keeps, and a match that would still cut a character is skipped.
    """
    needle = fold(query)
    if not needle.strip():
        return []
    folded, index = fold_with_map(text)
    matches: list[tuple[int, int]] = []
    size = len(needle)
    at = folded.find(needle)
    while at != -1:
        start, end = index[at], index[at + size]
        while end > index[at + size - 1] + 1 and not is_boundary(text, end):
            end -= 1
        if is_boundary(text, start) and is_boundary(text, end):
            matches.append((start, end))
            at = folded.find(needle, at + size)
        else:
            at = folded.find(needle, at + 1)
    return matches
