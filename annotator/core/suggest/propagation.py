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
from annotator.core.text.word_counts import WordCounts

if TYPE_CHECKING:
    from annotator.core.store import Store
    from annotator.core.suggest.recipes import SuggestFn

SPREAD_KINDS = ("entity", "speaker")
EXACT = 1.0  # the same words under the search folding
THROUGH_CLITIC = 0.9  # the same words behind a proclitic the project's texts allow to drop
MIN_LETTERS = 2  # a one-letter "name" would be suggested everywhere

# A word of folded text (folding has removed harakat and tatweel; other marks stay in it).
_WORD = re.compile(r"[\w\u0610-\u061a\u0653-\u065f\u06d6-\u06ed]+")
# Folded proclitic chains a name may stand behind: a conjunction, a preposition, or both.
_PROCLITICS = frozenset(c + p for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك")) - {""}
_LONGEST_PROCLITIC = 2
# Tanween marks a word indefinite, which a name is not: روسياً is "Russian", not Russia.
_TANWEEN = frozenset("\u064b\u064c\u064d")


@dataclass
class _Name:
    """A tagged name: its folded words, what stands between them, and how it was tagged."""

    words: tuple[str, ...]
    gaps: tuple[str, ...]
    labels: Counter[str] = field(default_factory=Counter)
    first_seen: dict[str, int] = field(default_factory=dict)  # label -> document id
    tanween: bool = False  # tagged once with tanween: it may carry one


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
            name.tanween = name.tanween or not _TANWEEN.isdisjoint(text)
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
        annotator chose that label there), or the words carry tanween the name never had.
        At each word the longest name wins, the exact reading before one behind a
        proclitic; a reading with nothing left to offer gives way to the next one, and
        then to names starting at the next word."""
        out = Suggested()
        if not self._by_first:
            return out
        page = _Page(document.text)
        own = self._own.get(document.id)
        first = self._by_first
        words = page.words
        starts = [
            at
            for at, word in enumerate(words)
            if word in first or word[1:] in first or word[2:] in first
        ]
        free = 0  # the first word not inside a name suggested already
        for at in starts:
            if at < free:
                continue
            for name, last, clitic in self._readings(page, at):
                start, end = page.offsets(at, last, len(clitic))
                if end <= start:
                    continue
                made = self._offer(name, page.text, start, end, clitic, own)
                if made:
                    out.spans += made
                    free = last + 1
                    break
        return out

    def _offer(
        self, name: _Name, text: str, start: int, end: int, clitic: str, own: _Layer | None
    ) -> list[SuggestedSpan]:
        """The suggestions of one occurrence of a name: one per label it was tagged with."""
        if own is not None and (start, end) in own.places:
            return []
        if not name.tanween and not _TANWEEN.isdisjoint(text[start:end]):
            return []
        total = sum(name.labels.values())
        base = THROUGH_CLITIC if clitic else EXACT
        return [
            SuggestedSpan(label, start, end, round(base * n / total, 3), _note(name, label, clitic))
            for label, n in name.labels.items()
            if own is None or not own.overlaps(label, start, end)
        ]

    def _readings(self, page: _Page, at: int) -> Iterator[tuple[_Name, int, str]]:
        """(name, its last word, proclitic left out) of each name starting at word `at`:
        the exact ones longest first, then those behind a proclitic Ctrl+T would drop."""
        word = page.words[at]
        yield from ((name, last, "") for name, last in self._matches(page, at, word))
        for size in range(1, _LONGEST_PROCLITIC + 1):
            rest = word[size:]
            if word[:size] not in _PROCLITICS or rest not in self._by_first:
                continue
            found = list(self._matches(page, at, rest))
            if found and self._drops(page, at, size):
                yield from ((name, last, word[:size]) for name, last in found)

    def _matches(self, page: _Page, at: int, first: str) -> Iterator[tuple[_Name, int]]:
        """The names starting with `first` at word `at`, longest first, and their last word."""
        words = page.words
        for name in self._by_first.get(first, ()):
            last = at + len(name.words) - 1
            if last >= len(words):
                continue
            if all(
                words[at + k] == name.words[k] and page.gap(at + k) == name.gaps[k - 1]
                for k in range(1, len(name.words))
            ):
                yield name, last

    def _drops(self, page: _Page, at: int, size: int) -> bool:
        """Whether Ctrl+T would drop the first `size` letters of word `at`: the project's
        texts show the rest is a word and the whole is not one."""
        start, end = page.offsets(at, at, 0)
        original = page.text[start:end]
        key = (original, size)
        if key not in self._clitic_ok:
            trim = trim_proclitic(original, 0, len(original), self._counts)
            self._clitic_ok[key] = trim.start == page.offsets(at, at, size)[0] - start
        return self._clitic_ok[key]


class _Page:
    """A document's text folded for matching, its words, and the way back to offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self._index = fold_with_map(text)
        self._found = list(_WORD.finditer(self.folded))
        self.words = [m.group() for m in self._found]

    def offsets(self, first: int, last: int, skip: int) -> tuple[int, int]:
        """The stored text's offsets of words `first`..`last`, less `skip` folded letters
        at the start (a proclitic); harakat after the last letter are the word's, and an
        end that would cut a character is moved back ((0, 0) when nothing is left)."""
        text, index = self.text, self._index
        start = index[self._found[first].start() + skip]
        end = index[self._found[last].end()]
        while end > start and not is_boundary(text, end):
            end -= 1
        if not is_boundary(text, start):
            return 0, 0
        return start, end

    def gap(self, at: int) -> str | None:
        """What stands between word `at` and the one before it, stripped; None across a
        line break (a name never runs on into the next paragraph)."""
        gap = self.folded[self._found[at - 1].end() : self._found[at].start()]
        return None if "\n" in gap else gap.strip()


def _note(name: _Name, label: str, clitic: str) -> str:
    times = name.labels[label]
    more = f" ({times} times)" if times > 1 else ""
    behind = f"; here behind the proclitic {clitic}" if clitic else ""
    return f"as tagged {label} in document {name.first_seen[label]}{more}{behind}"


def make(store: Store, annotator_id: int | None, options: dict[str, Any]) -> SuggestFn:
    """The propagation recipe over one annotator's layer (entity and speaker labels); the
    project's word counts (for proclitics) are read only when something is tagged."""
    if annotator_id is None:
        raise ValidationError("propagation spreads one annotator's tags: name the annotator")
    labels = [label.name for label in store.labels.all() if label.kind in SPREAD_KINDS]
    tagged = [
        (span.document_id, span.label, span.start, span.end, text)
        for span, text in store.annotations.tagged_texts(annotator_id, labels)
    ]
    return Propagation(tagged, _word_counts(store) if tagged else WordCounts()).suggest


# The last project's word counts, by its path and its documents (last id, how many): the
# window makes the recipe again after each edit, each time on a connection of its own,
# and counting a project of 2,000 articles takes about half a second.
_counted: dict[str, tuple[tuple[int, int], WordCounts]] = {}


def _word_counts(store: Store) -> WordCounts:
    """`store.word_counts()`, kept while the project holds the same documents (a stored
    text never changes)."""
    path = str(store.path.resolve())
    key = (store.documents.last_id(), store.documents.count())
    kept = _counted.get(path)
    if kept is not None and kept[0] == key:
        return kept[1]
    counts = store.word_counts()
    _counted.clear()
    _counted[path] = (key, counts)
    return counts
