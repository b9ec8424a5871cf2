"""Proclitics at the start of an Arabic span (و ف، ب ل ك، and the article ال).

`proclitic_lengths` lists what the letters allow; بوتين starts with ب but the letter
belongs to the name, so `trim_proclitic` (Ctrl+T) strips a proclitic only where the
project's own texts show the rest is a word and nothing shows the whole is one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from annotator.core.text.search import fold
from annotator.core.text.word_counts import WordCounts

_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بلك"
_ARTICLE = "ال"
_TATWEEL = "\u0640"
_MIN_REMAINDER = 2
_LONGEST_CHAIN = 4
_HAMZA_ALEFS = "أإآ"
_MIN_ARTICLE_STEM = 3  # الذي and التي are not ال + ذي, تي
_RATIO = 4  # a word this many times more frequent than a two-letter rest is one word
_SLACK = 2  # ... and at least this much more (a few counts prove little)


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


def _chain(letters: str) -> list[tuple[int, str]]:
    """The proclitic chain at the start of `letters`: for each part, the number of letters
    up to its end and its kind ("conjunction", "preposition", "article"); conjunction, then
    preposition, then the article (ل + ال is written لل)."""
    parts: list[tuple[int, str]] = []
    n = 0
    if letters[:1] and letters[0] in _CONJUNCTIONS:
        n += 1
        parts.append((n, "conjunction"))
    if letters[n : n + 1] and letters[n] in _PREPOSITIONS:
        preposition = letters[n]
        n += 1
        parts.append((n, "preposition"))
        if preposition == "ل" and letters[n : n + 1] == "ل":
            parts.append((n + 1, "article"))
        elif preposition != "ل" and letters[n : n + 2] == _ARTICLE:
            parts.append((n + 2, "article"))
    elif letters[n : n + 2] == _ARTICLE:
        parts.append((n + 2, "article"))
    return parts


def _chain_letter_counts(letters: str, include_article: bool) -> list[int]:
    """Numbers of leading `letters` that form a proclitic chain (see `_chain`)."""
    return [n for n, kind in _chain(letters) if include_article or kind != "article"]


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


def _prefix_chains() -> list[tuple[str, bool]]:
    """Every proclitic chain, and whether it holds a preposition or the article."""
    chains = []
    for conjunction in ("", *_CONJUNCTIONS):
        for preposition in ("", *_PREPOSITIONS):
            for article in ("", _ARTICLE):
                tail = preposition + ("ل" if preposition == "ل" and article else article)
                if conjunction + tail:
                    chains.append((conjunction + tail, bool(tail)))
    return chains


_PREFIX_CHAINS = _prefix_chains()


@dataclass(frozen=True)
class ProcliticTrim:
    """What Ctrl+T does to a span: its new start (the old one when it is kept) and why."""

    start: int
    reason: str


def _word_end(text: str, start: int) -> int:
    pos = start
    while pos < len(text) and (_is_arabic_letter(text[pos]) or _is_attached(text[pos])):
        pos += 1
    return pos


def _as_base(counts: WordCounts, word: str, kind: str) -> tuple[int, str]:
    """How often `word` occurs behind a proclitic that could not stand before its own
    first clitic `kind` (لبوتين: ل before ب), so `word` is a word itself; and one such form."""
    total, most, example = 0, 0, ""
    for chain, closed in _PREFIX_CHAINS:
        if kind == "article" or (kind == "preposition" and not closed):
            continue
        if chain.endswith("ل") and word.startswith("ل"):
            continue  # للطاقة is ل + الطاقة, not ل + لطاقة
        n = counts.count(chain + word)
        if n > most:
            most, example = n, chain + word
        total += n
    return total, example


def _whole_word_reason(counts: WordCounts, word: str, kind: str, rest: str, seen: int) -> str:
    """Why `word` is a word of its own rather than its clitic + `rest` (seen `seen` times);
    "" when nothing says so."""
    frequency = counts.count(word)
    as_base, example = _as_base(counts, word, kind)
    if as_base and frequency + as_base >= seen:
        return f"{word} takes clitics itself ({example}) and is more frequent than '{rest}'"
    # two letters are often a particle or a pronoun: لكن is not ل + كن, nor فقط ف + قط
    if len(fold(rest)) == 2 and frequency > _RATIO * seen + _SLACK:
        return f"{word} occurs {frequency} times, '{rest}' only {seen}"
    return ""


def _attested(counts: WordCounts, rest: str, letters_left: int, after_article: bool) -> str:
    """Why `rest` is a word ("'موسكو' occurs 25 times in the project"): it occurs on
    its own, or after ال when `after_article` (not for two letters: ال + two letters is
    rarely a noun), or its first alef carries a hamza; "" when nothing shows it."""
    # a bare alef after a clitic belongs to the word (كامل is not ك + أمل) unless the rest
    # is long enough not to be mistaken for a short hamzated word (باعمال: ب + أعمال)
    loose = letters_left > 3
    seen = counts.count(rest, loose)
    if seen:
        return f"'{rest}' occurs {_times(seen)} in the project"
    if after_article and letters_left > 2 and not rest.startswith(_ARTICLE):
        seen = counts.count(_ARTICLE + rest, loose)
        if seen:
            return f"'{rest}' occurs after ال {_times(seen)} in the project"
    if letters_left > 2 and rest[:1] in _HAMZA_ALEFS:
        # a clitic keeps the hamza of the word after it (وأضاف، لإيران); a stem rarely
        # has one there, and كأس or فأر leave too little to be offered
        return f"'{rest}' begins with a hamza on its alef, which marks the start of a word"
    return ""


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _press_chain(chain: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The parts one press may drop: the conjunction and preposition, with the article
    only where ل + ال is written لل (it cannot be kept); the article alone when the
    span begins with it."""
    if chain[:1] and chain[0][1] == "article":
        return chain[:1]
    kept, before = [], 0
    for n, kind in chain:
        if kind != "article" or n - before == 1:
            kept.append((n, kind))
        before = n
    return kept


@dataclass(frozen=True)
class _Word:
    """The Arabic word a span starts with: its text, letters' offsets and proclitics."""

    text: str
    end: int
    starts: list[int]
    chain: list[tuple[int, str]]

    def rest(self, n: int) -> str:
        """The word without its first `n` letters (their harakat go with them)."""
        return self.text[self.starts[n] : self.end] if n < len(self.starts) else ""

    def judge(self, counts: WordCounts, n: int) -> tuple[bool, str]:
        """Whether dropping the first `n` letters (a proclitic) leaves a word, and why."""
        rest = self.rest(n)
        peels_article = self.chain[0] == (2, "article")
        if peels_article and len(self.starts) - n < _MIN_ARTICLE_STEM:
            return False, f"'{rest}' is too short to be a word without ال"
        seen = _attested(counts, rest, len(self.starts) - n, not peels_article)
        if not seen:
            return False, f"'{rest}' does not occur in the project as a word"
        loose = len(self.starts) - n > 3
        total = counts.count(rest, loose)
        if not peels_article:
            total += counts.count(_ARTICLE + rest, loose)
        # every shorter reading must be a clitic too: وبكين is not و + ب + كين
        cuts = [0] + [m for m, _ in self.chain]
        for at, (_, first) in zip(cuts, self.chain, strict=False):
            if at >= n:
                break
            reason = _whole_word_reason(counts, self.rest(at), first, rest, total)
            if reason:
                return False, reason
        return True, seen


def trim_proclitic(text: str, start: int, end: int, counts: WordCounts) -> ProcliticTrim:
    """Drop the proclitic (و ف, then ب ل ك) at the start of text[start:end] when `counts`
    show the rest is a word and the whole is not one; keep the article (والصين → الصين)
    unless the span begins with it, then peel it only if the stem occurs without it."""
    allowed = set(proclitic_lengths(text, start, end, include_article=True))
    word_end = _word_end(text, start)
    starts = _letter_starts(text, start, word_end, word_end - start)
    chain = _press_chain(_chain("".join(text[pos] for pos in starts)))
    word = _Word(text, word_end, starts, chain)
    whole = text[start:word_end]
    reasons: list[tuple[str, str]] = []
    for n, kind in reversed(chain):
        if n >= len(starts) or starts[n] - start not in allowed:
            continue
        ok, why = word.judge(counts, n)
        if ok:
            return ProcliticTrim(starts[n], f"{whole} → {word.rest(n)}: {why}")
        reasons.append((kind, why))
    if not reasons:
        where = whole or "The span does not begin with an Arabic word"
        return ProcliticTrim(start, f"{where}: no proclitic (و ف ب ل ك ال) to drop")
    # the reading of the first clitic alone, unless ل + ال (لل) is there to read
    why = next((why for kind, why in reasons if kind == "article"), reasons[-1][1])
    return ProcliticTrim(start, f"{whole}: kept whole — {why}")
