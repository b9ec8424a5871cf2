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
from typing import TYPE_CHECKING

from annotator.core.text.search import fold

if TYPE_CHECKING:
    from annotator.core.store.documents import Documents

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


class ProjectWordCounts:
    """The word counts of a project, for a key press: counted on first use from the newest
    documents, about `budget` characters of them (all of a project of a few thousand
    articles; a bounded first press in a larger one), then extended with the documents
    added since and with any older document the annotator opens. A stored text never
    changes, so nothing is ever counted twice."""

    def __init__(self, documents: Documents, budget: int = BUDGET_CHARACTERS) -> None:
        self._documents = documents
        self._budget = budget
        self._reset()

    def _reset(self) -> None:
        self._counts = WordCounts()
        self._last_id = 0  # the newest document counted
        self._oldest: int | None = None  # every id from here up to `_last_id` is counted
        self._older: set[int] = set()  # documents below `_oldest` counted when opened

    def current(self, document_id: int | None = None) -> WordCounts:
        """The counts, up to date with the documents stored now, `document_id`'s included."""
        last_id = self._documents.last_id()
        if last_id != self._last_id:
            if last_id < self._last_id:  # not an addition: count again
                self._reset()
            if self._oldest is None or not self._count_newer(self._last_id + 1, last_id):
                self._reset()
                self._count_newest(last_id)
            self._last_id = last_id
        oldest = self._oldest or 0
        if document_id is not None and document_id < oldest and document_id not in self._older:
            self._counts.add_texts([self._documents.text(document_id)])
            self._older.add(document_id)
        return self._counts

    def _count_newest(self, last_id: int) -> None:
        """Count documents from `last_id` back, until the budget of characters is spent."""
        texts: list[str] = []
        size = 0
        self._oldest = 0
        rows = self._documents.texts_in(1, last_id, newest_first=True)
        try:
            for doc_id, text in rows:
                if size >= self._budget:
                    self._oldest = doc_id + 1
                    break
                texts.append(text)
                size += len(text)
        finally:
            rows.close()  # ends the query at once when the budget stops it
        self._counts.add_texts(texts)

    def _count_newer(self, first_id: int, last_id: int) -> bool:
        """Count the documents from `first_id` to `last_id`; False (nothing counted) if they
        are more than the budget: counting the newest again costs the same and is bounded."""
        texts: list[str] = []
        size = 0
        rows = self._documents.texts_in(first_id, last_id)
        try:
            for _, text in rows:
                texts.append(text)
                size += len(text)
                if size > self._budget:
                    return False
        finally:
            rows.close()
        self._counts.add_texts(texts)
        return True
