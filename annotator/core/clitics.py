"""Proclitic candidates at the start of an Arabic span (و ف، ب ل ك، and the article ال).

Detection is only an offer: بوتين starts with ب but the letter belongs to the name, so the
UI shows the candidates and the annotator chooses (GUIDE.md section 3).
"""

from __future__ import annotations

import unicodedata

_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بلك"
_ARTICLE = "ال"
_TATWEEL = "\u0640"
_MIN_REMAINDER = 2
_LONGEST_CHAIN = 4


def _is_arabic_letter(ch: str) -> bool:
    return (
        ch != _TATWEEL
        and unicodedata.category(ch) in ("Lo", "Lm")
        and ("\u0600" <= ch <= "\u08ff" or "\ufb50" <= ch <= "\ufeff")
    )


def _is_attached(ch: str) -> bool:
    return ch == _TATWEEL or unicodedata.category(ch) == "Mn"


def _letter_starts(text: str, start: int, end: int, limit: int) -> list[int]:
    """Offsets of the first `limit` letters of the Arabic word at `start`; a letter's
    harakat and tatweel belong to it."""
    starts: list[int] = []
    pos = start
    while pos < end and len(starts) < limit:
        if not _is_arabic_letter(text[pos]):
            break
        starts.append(pos)
        pos += 1
        while pos < end and _is_attached(text[pos]):
            pos += 1
    return starts


def _chain_letter_counts(letters: str, include_article: bool) -> list[int]:
    """Numbers of leading `letters` that form a proclitic chain: conjunction, then
    preposition, then the article (ل + ال is written لل)."""
    counts: list[int] = []
    n = 0
    if letters[:1] and letters[0] in _CONJUNCTIONS:
        n += 1
        counts.append(n)
    if letters[n : n + 1] and letters[n] in _PREPOSITIONS:
        preposition = letters[n]
        n += 1
        counts.append(n)
        if include_article:
            if preposition == "ل" and letters[n : n + 1] == "ل":
                counts.append(n + 1)
            elif preposition != "ل" and letters[n : n + 2] == _ARTICLE:
                counts.append(n + 2)
    elif include_article and letters[n : n + 2] == _ARTICLE:
        counts.append(n + 2)
    return counts


def proclitic_lengths(text: str, start: int, end: int, include_article: bool = False) -> list[int]:
    """Possible lengths (ascending, in code points) of a proclitic chain at the start of
    text[start:end], each leaving at least two Arabic letters of the word behind."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}..{end} lies outside the text (length {len(text)})")
    starts = _letter_starts(text, start, end, _LONGEST_CHAIN + _MIN_REMAINDER)
    letters = "".join(text[pos] for pos in starts)
    return [
        starts[count] - start
        for count in _chain_letter_counts(letters, include_article)
        if len(starts) - count >= _MIN_REMAINDER
    ]


def strip_proclitic(text: str, start: int, end: int, include_article: bool = False) -> int:
    """New start of the span after removing its longest proclitic candidate, or `start`
    when there is none."""
    lengths = proclitic_lengths(text, start, end, include_article)
    return start + lengths[-1] if lengths else start
