"""Recipe "propagate": every name an annotator tagged (entity and speaker labels) is
suggested with the same label on its other occurrences, in its document and across the
project — matched under the search folding, whole words only, and behind a proclitic
(لبوتين → بوتين) where the Ctrl+T rule (`trim_proclitic`) would drop it.

Claims and quotations are not spread: they are statements, not names, and the same
sentence recurring elsewhere is rarely the same claim. `make` reads the layer once and
builds a dictionary from first folded word to the names that start with it, so each
document is one pass over its words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING, Any

from annotator.core.errors import ValidationError
from annotator.core.model import Document, Suggested, SuggestedSpan
from annotator.core.text.clitics import trim_proclitic
from annotator.core.text.offsets import is_boundary
from annotator.core.text.search import fold, fold_with_map

if TYPE_CHECKING:
    from annotator.core.store import Store
    from annotator.core.suggest.recipes import SuggestFn
    from annotator.core.text.word_counts import WordCounts

SPREAD_KINDS = ("entity", "speaker")
EXACT = 1.0  # the same words under the search folding
THROUGH_CLITIC = 0.9  # the same words behind a proclitic the project's texts allow to drop
MIN_LETTERS = 2  # a one-letter "name" would be suggested everywhere

# A word of folded text (folding has removed harakat and tatweel; other marks stay in it).
_WORD = re.compile(r"[\w\u0610-\u061a\u0653-\u065f\u06d6-\u06ed]+")
# Folded proclitic chains a name may stand behind: a conjunction, a preposition, or both.
_PROCLITICS = frozenset(c + p for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك")) - {""}
_LONGEST_PROCLITIC = 2

_Word = tuple[int, int, str]  # a word of the folded text: start, end, the word


@dataclass
class _Name:
    """A tagged name: its folded words, what stands between them, and how it was tagged."""

    words: tuple[str, ...]
    gaps: tuple[str, ...]
    labels: Counter[str] = field(default_factory=Counter)
    first_seen: dict[str, int] = field(default_factory=dict)  # label -> document id


def _words(folded: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A folded name's words and the stripped text between them ("" for a space)."""
    found = list(_WORD.finditer(folded))
    words = tuple(m.group() for m in found)
    gaps = tuple(folded[a.end() : b.start()].strip() for a, b in pairwise(found))
    return words, gaps


class _Layer:
    """One layer's spans of a document: by label, for "does a span of this label overlap
    here" (starts in order and the longest end reached so far), and their offsets."""

    def __init__(self, spans: list[tuple[str, int, int]]) -> None:
        self.places = {(start, end) for _, start, end in spans}
        by_label: dict[str, list[tuple[int, int]]] = {}
        for label, start, end in spans:
            by_label.setdefault(label, []).append((start, end))
        self._spans = {}
        for label, found in by_label.items():
            found.sort()
            ends = list(accumulate((end for _, end in found), max))
            self._spans[label] = ([start for start, _ in found], ends)

    def overlaps(self, label: str, start: int, end: int) -> bool:
        starts, ends = self._spans.get(label, ((), ()))
        before = bisect_left(starts, end)
        return before > 0 and ends[before - 1] > start


class Propagation:
    """The names of one layer and the matcher over them; `suggest` reads no store."""

    def __init__(self, tagged: list[tuple[int, str, int, int, str]], counts: WordCounts) -> None:
        names: dict[tuple[tuple[str, ...], tuple[str, ...]], _Name] = {}
        own: dict[int, list[tuple[str, int, int]]] = {}
        for document_id, label, start, end, text in tagged:
            own.setdefault(document_id, []).append((label, start, end))
            words, gaps = _words(fold(text))
            if not words or sum(map(len, words)) < MIN_LETTERS:
                continue
            name = names.setdefault((words, gaps), _Name(words, gaps))
            name.labels[label] += 1
            name.first_seen.setdefault(label, document_id)
        self._by_first: dict[str, list[_Name]] = {}
        for name in names.values():
            self._by_first.setdefault(name.words[0], []).append(name)
        for candidates in self._by_first.values():
            candidates.sort(key=lambda n: -len(n.words))  # the longest name wins
        self._own = {doc: _Layer(spans) for doc, spans in own.items()}
        self._counts = counts
        self._clitic_ok: dict[tuple[str, int], bool] = {}

    def __len__(self) -> int:
        return sum(map(len, self._by_first.values()))

    def suggest(self, document: Document) -> Suggested:
        """Suggestions on one document: each occurrence of a tagged name, once per label it
        was tagged with (confidence shared by how often), unless the layer already has a
        span of that label overlapping it, or a span of any label on the same words (the
        annotator chose that label there). At each word the longest name wins, the exact
        reading before one behind a proclitic; a reading with nothing left to offer gives
        way to the next one, and then to names starting at the next word."""
        out = Suggested()
        if not self._by_first:
            return out
        text = document.text
        own = self._own.get(document.id)
        folded, index = fold_with_map(text)
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
        at = 0
        while at < len(words):
            last = at
            for name, last, clitic in self._readings(text, folded, index, words, at):
                start = index[words[at][0] + len(clitic)]
                end = index[words[last][1]]
                while end > start and not is_boundary(text, end):
                    end -= 1
                if end <= start or not is_boundary(text, start):
                    continue
                made = self._offer(name, start, end, clitic, own)
                if made:
                    out.spans += made
                    break
            else:
                last = at
            at = last + 1
        return out

    def _offer(
        self, name: _Name, start: int, end: int, clitic: str, own: _Layer | None
    ) -> list[SuggestedSpan]:
        """The suggestions of one occurrence of a name: one per label it was tagged with."""
        if own is not None and (start, end) in own.places:
            return []
        total = sum(name.labels.values())
        base = THROUGH_CLITIC if clitic else EXACT
        return [
            SuggestedSpan(label, start, end, round(base * n / total, 3), _note(name, label, clitic))
            for label, n in name.labels.items()
            if own is None or not own.overlaps(label, start, end)
        ]

    def _readings(
        self, text: str, folded: str, index: list[int], words: list[_Word], at: int
    ) -> Iterator[tuple[_Name, int, str]]:
        """(name, its last word, proclitic left out) of each name starting at word `at`:
        the exact ones longest first, then those behind a proclitic Ctrl+T would drop."""
        word = words[at][2]
        yield from ((name, last, "") for name, last in self._matches(folded, words, at, word))
        for size in range(1, _LONGEST_PROCLITIC + 1):
            rest = word[size:]
            if word[:size] not in _PROCLITICS or rest not in self._by_first:
                continue
            found = list(self._matches(folded, words, at, rest))
            if found and self._drops(text, index, words[at], size):
                yield from ((name, last, word[:size]) for name, last in found)

    def _matches(
        self, folded: str, words: list[_Word], at: int, first: str
    ) -> Iterator[tuple[_Name, int]]:
        """The names starting with `first` at word `at`, longest first, and their last word."""
        for name in self._by_first.get(first, ()):
            last = at + len(name.words) - 1
            if last >= len(words):
                continue
            if all(
                words[at + k][2] == name.words[k]
                and _gap(folded, words[at + k - 1][1], words[at + k][0]) == name.gaps[k - 1]
                for k in range(1, len(name.words))
            ):
                yield name, last

    def _drops(self, text: str, index: list[int], word: _Word, size: int) -> bool:
        """Whether Ctrl+T would drop the first `size` letters of this word: the project's
        texts show the rest is a word and the whole is not one."""
        start, end, _ = word
        original = text[index[start] : index[end]]
        key = (original, size)
        if key not in self._clitic_ok:
            trim = trim_proclitic(original, 0, len(original), self._counts)
            self._clitic_ok[key] = trim.start == index[start + size] - index[start]
        return self._clitic_ok[key]


def _gap(folded: str, start: int, end: int) -> str | None:
    """The stripped text between two words of a name; None across a line break."""
    gap = folded[start:end]
    return None if "\n" in gap else gap.strip()


def _note(name: _Name, label: str, clitic: str) -> str:
    times = name.labels[label]
    more = f" ({times} times)" if times > 1 else ""
    behind = f"; here behind the proclitic {clitic}" if clitic else ""
    return f"as tagged {label} in document {name.first_seen[label]}{more}{behind}"


def make(store: Store, annotator_id: int | None, options: dict[str, Any]) -> SuggestFn:
    """The propagation recipe over one annotator's layer (entity and speaker labels)."""
    if annotator_id is None:
        raise ValidationError("propagation spreads one annotator's tags: name the annotator")
    labels = [label.name for label in store.labels.all() if label.kind in SPREAD_KINDS]
    tagged = [
        (span.document_id, span.label, span.start, span.end, text)
        for span, text in store.annotations.tagged_texts(annotator_id, labels)
    ]
    return Propagation(tagged, store.word_counts()).suggest
