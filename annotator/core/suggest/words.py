"""The text as words for the quote rules: tokens with folded forms, clitic-free stems,
sentence and paragraph limits, and the words hidden inside quotation marks.

Tokens come from `text.tokens.tokenize` run on a copy of the text whose quoted stretches
are blanked out, so no word inside a quotation is ever read as a speech verb or taken
as a speaker. Proclitics are found with `text.clitics`: و ف always (for a verb), ب ل ك
only where the document itself shows the rest is a word (`trim_proclitic`) or the rest
carries the article, so بوتين and لوكاشنكو keep their first letter.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from annotator.core.suggest.word_classes import ARTICLE
from annotator.core.text.clitics import proclitic_lengths, trim_proclitic
from annotator.core.text.search import fold
from annotator.core.text.tokens import tokenize
from annotator.core.text.word_counts import WordCounts

T = TypeVar("T")
# Tokens looked at on either side of a quotation (and in a sentence before it): a speech
# verb further away does not govern it, and a text that never ends a sentence costs no
# more than one that does.
WINDOW = 80
# one paragraph break: a run of line breaks, blank lines and spaces between them
_BREAK = re.compile(r"[\n\r\v\f\x85\u2028\u2029](?:\s*[\n\r\v\f\x85\u2028\u2029])*")
_SENTENCE_END = frozenset(".!?؟…")
_PRONOUNS = ("هما", "هم", "هن", "ها", "ه", "نا", "كم")


def _is_letters(ch: str) -> bool:
    return ch.isalpha()


_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")


def fold_marks_only(word: str) -> str:
    """`word` without harakat and tatweel, letters unchanged (أ stays أ)."""
    return _MARKS.sub("", word)


class Words:
    """Tokens of `text` with the given (start, end) stretches hidden."""

    def __init__(self, text: str, hidden: list[tuple[int, int]]) -> None:
        self.text = text
        pieces, at = [], 0
        for start, end in sorted(hidden):
            if start >= at:
                pieces += [text[at:start], " " * (end - start)]
                at = end
        pieces.append(text[at:])
        self.spans = tokenize("".join(pieces))  # hidden words are spaces: no tokens
        self.starts = [start for start, _ in self.spans]
        self.breaks = [m.start() for m in _BREAK.finditer(text)]
        self._folded: dict[str, str] = {}
        self._memo: dict[tuple[str, str], Any] = {}  # by word: words repeat in a text

    def __len__(self) -> int:
        return len(self.spans)

    def word(self, i: int) -> str:
        start, end = self.spans[i]
        return self.text[start:end]

    def folded(self, i: int) -> str:
        word = self.word(i)
        if word not in self._folded:
            self._folded[word] = fold(word)
        return self._folded[word]

    def is_word(self, i: int) -> bool:
        return _is_letters(self.text[self.spans[i][0]])

    def is_sentence_end(self, i: int) -> bool:
        return self.word(i) in _SENTENCE_END

    def first_at_or_after(self, pos: int) -> int:
        return bisect_left(self.starts, pos)

    def last_before(self, pos: int) -> int:
        """Index of the last token that starts before `pos` (-1 if none)."""
        return bisect_left(self.starts, pos) - 1

    def paragraph(self, pos: int) -> int:
        return bisect_right(self.breaks, pos)

    @cached_property
    def _sentences(self) -> tuple[list[int], list[int]]:
        """For each token, the first token of its sentence and one past its last: a
        sentence ends after . ! ? ؟ … or at a line break. One pass each way."""
        first, last = [0] * len(self), [0] * len(self)
        start, para = 0, -1
        for i, (pos, _) in enumerate(self.spans):
            here = self.paragraph(pos)
            if here != para:
                start, para = i, here
            first[i] = start
            if self.is_sentence_end(i):
                start = i + 1
        stop = len(self)
        for i in range(len(self) - 1, -1, -1):
            if self.is_sentence_end(i) or (i + 1 < len(self) and first[i + 1] == i + 1):
                stop = i + 1
            last[i] = stop
        return first, last

    def sentence_start(self, i: int, lo: int = 0) -> int:
        """First token of the sentence that token `i` is in (after the last . ! ? ؟ … or
        line break before it), and not before token `lo`."""
        if i >= len(self):
            i = len(self) - 1
            if i < 0 or self.is_sentence_end(i):
                return max(i + 1, lo)
        return max(self._sentences[0][i], lo)

    def sentence_end(self, i: int, hi: int | None = None) -> int:
        """One past the last token of the sentence token `i` is in (not past `hi`)."""
        hi = len(self) if hi is None else hi
        return min(self._sentences[1][i], hi) if i < len(self) else hi

    @cached_property
    def counts(self) -> WordCounts:
        counts = WordCounts()
        counts.add_texts([self.text])
        return counts

    def _conjunction_length(self, i: int) -> int:
        """Length of a leading و or ف that is a conjunction (the rest is attested)."""
        start, end = self.spans[i]
        if self.text[start] not in "وف":
            return 0
        lengths = proclitic_lengths(self.text, start, end)
        if not lengths:
            return 0
        if trim_proclitic(self.text, start, end, self.counts).start > start:
            return lengths[0]
        return 0

    def _definite(self, i: int) -> bool:
        """Whether the word (after a conjunction) carries the article ال, spelled with a
        bare alef: ألكسندر and إلى do not, whatever the search folding says."""
        start, end = self.spans[i]
        raw = fold_marks_only(self.text[start + self.conjunction_length(i) : end])
        return raw.startswith(ARTICLE) and len(raw) > 3

    def _verb_stems(self, i: int) -> tuple[str, ...]:
        """The folded word, without و/ف, and either without an object pronoun."""
        end = self.spans[i][1]
        word = self.folded(i)
        forms = [word]
        if word[:1] in "وف" and len(word) >= 3:
            forms.append(word[1:])
        return self._without_pronoun(forms, self.text[end - 1])

    def _noun_stems(self, i: int) -> tuple[str, ...]:
        """The folded word without each proclitic chain the letters allow (و ف ب ل ك),
        and without a possessive pronoun."""
        start, end = self.spans[i]
        forms = [self.folded(i)]
        for n in proclitic_lengths(self.text, start, end):
            forms.append(fold(self.text[start + n : end]))
        return self._without_pronoun(forms, self.text[end - 1])

    def _has_preposition(self, i: int, loose: bool = True) -> bool:
        """Whether the word starts with ب ل ك as a preposition (للوزير، لنظيره،
        ببيلاروس), judged by the document's own words; بوتين and لوكاشنكو do not.
        `loose` also takes a word ending in ة or ات for one (بصداقة), which a title
        such as رئيس بلدية must not."""
        start, end = self.spans[i]
        for n in proclitic_lengths(self.text, start, end, include_article=False):
            clitic = fold(self.text[start : start + n])
            if clitic[-1:] not in "بلك":
                continue
            rest = fold(self.text[start + n : end])
            article = rest.startswith(ARTICLE) and clitic[-1:] != "ك"  # كالوغا is a name
            if article or clitic.endswith("لل") or rest[:1] == clitic[-1:]:
                return True
            if loose and (self.text[end - 1] == "ة" or rest.endswith("ات")):
                return True  # بصداقة، لمحادثات: a name rarely ends so
            if trim_proclitic(self.text, start, end, self.counts).start >= start + n:
                return True
        return False

    def _cached(self, name: str, i: int, compute: Callable[[int], T]) -> T:
        key = (name, self.word(i))
        if key not in self._memo:
            self._memo[key] = compute(i)
        return self._memo[key]

    def conjunction_length(self, i: int) -> int:
        return self._cached("conjunction", i, self._conjunction_length)

    def verb_stems(self, i: int) -> tuple[str, ...]:
        return self._cached("verb", i, self._verb_stems)

    def noun_stems(self, i: int) -> tuple[str, ...]:
        return self._cached("noun", i, self._noun_stems)

    def definite(self, i: int) -> bool:
        return self._cached("definite", i, self._definite)

    def has_preposition(self, i: int, loose: bool = True) -> bool:
        name = "preposition" if loose else "strict preposition"
        return self._cached(name, i, lambda j: self._has_preposition(j, loose))

    @staticmethod
    def _without_pronoun(forms: list[str], last_char: str) -> tuple[str, ...]:
        out = list(dict.fromkeys(forms))
        if last_char == "ة":  # تابعة is not تابع + ه
            return tuple(out)
        for form in list(out):
            for pronoun in _PRONOUNS:
                if form.endswith(pronoun) and len(form) - len(pronoun) >= 2:
                    stem = form[: -len(pronoun)]
                    out.append(stem)
                    if stem.endswith("ت"):  # منصته: منصة + ه
                        out.append(stem[:-1] + "ه")
                    break
        return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class Around:
    """Token indices around one marked stretch: its opening mark, the first token after it,
    its sentence's first token, the bounds it is judged within; and its length in words."""

    opening: int
    after: int  # first token after the closing mark (or after the stretch)
    sentence: int
    lo: int
    hi: int
    size: int  # words in the stretch
