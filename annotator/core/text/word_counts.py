"""How often each Arabic word occurs in a project, for judging proclitics (clitics.py).

Words are counted under the search folding (search.py), except that the first letter of a
stem keeps apart a bare alef and a hamzated one (أ إ آ), at the start of a word or right
after the article: a clitic never drops that hamza (لأن، بإيران، للأمن), so كان cannot be
ك + أن, while a bare alef is still part of the word (كاتب، وافق) or of a wasl stem (باسم).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from annotator.core.text.search import fold

_LETTERS = "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc"
_MARKS = "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
WORD_RE = re.compile(f"[{_LETTERS}][{_LETTERS}{_MARKS}]*")
"""An Arabic word: letters with their harakat and tatweel."""

BUDGET_CHARACTERS = 8_000_000
"""Text counted for the first press: about 2,000 news articles, about a second."""

_HAMZA_ALEFS = frozenset("أإآ")
_HAMZA = "أ"  # the folded key's mark for a stem that starts with a hamzated alef
_ARTICLE = "ال"
_NO_MARKS = dict.fromkeys(
    cp
    for first, last in ((0x0610, 0x061A), (0x064B, 0x065F), (0x06D6, 0x06ED))
    for cp in range(first, last + 1)
) | {0x0640: None, 0x0670: None}


def _stem_alef_at(key: str) -> int | None:
    """Where a stem's first letter sits in a folded key: 0, or 2 after the article."""
    if key[:1] == "ا" and not key.startswith(_ARTICLE):
        return 0
    if key.startswith(_ARTICLE) and key[2:3] == "ا":
        return 2
    return None


def word_key(word: str) -> str:
    """The key a word is counted under: its search folding, with the stem's first alef
    marked when it carries a hamza."""
    key = fold(word)
    bare = word.translate(_NO_MARKS)
    if bare[:1] in _HAMZA_ALEFS:
        return _HAMZA + key[1:]
    if bare[2:3] in _HAMZA_ALEFS and bare.startswith(_ARTICLE):
        return key[:2] + _HAMZA + key[3:]
    return key


class WordCounts:
    """Word frequencies of a set of texts, grown one text at a time."""

    def __init__(self) -> None:
        self._keys: Counter[str] = Counter()
        self.texts = 0

    def add_texts(self, texts: Iterable[str]) -> None:
        """Count the words of more texts."""
        raw: Counter[str] = Counter()
        for text in texts:
            raw.update(text.split())  # far faster than a regex over the whole text
            self.texts += 1
        keys = self._keys
        findall = WORD_RE.findall
        for token, n in raw.items():
            for word in findall(token):
                keys[word_key(word)] += n

    def __len__(self) -> int:
        return len(self._keys)

    def count(self, word: str, any_alef: bool = False) -> int:
        """Occurrences of `word` as a whole word. A stem written with a hamza on its first
        alef also matches the bare spelling (writers often leave the hamza out); one
        written with a bare alef matches only bare ones, unless `any_alef`."""
        keys = self._keys
        key = word_key(word)
        n = keys.get(key, 0)
        at = _stem_alef_at(fold(word))
        if at is not None and (key[at] == _HAMZA or any_alef):
            other = "ا" if key[at] == _HAMZA else _HAMZA
            n += keys.get(key[:at] + other + key[at + 1 :], 0)
        return n
