"""Resolving the speaker of a speech cue: beside its verb, earlier in the sentence, or
inherited from the sentences before (pro-drop: وأضاف: «…» with no subject)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from annotator.core.suggest.speakers import (
    Phrase,
    after_from,
    noun_phrase,
    subject_after,
    subject_before,
)
from annotator.core.suggest.speech_verbs import (
    FROM_VERBS,
    MASCULINE,
    PRESENT,
    REPORT_FROM,
    cue_kind,
    may_be_cue,
)
from annotator.core.suggest.word_classes import NEGATIONS, RELATIVES, STOP, TIME
from annotator.core.suggest.words import WINDOW, Words

_SENTENCES_BACK = 6
_VERBS_BACK = 3
_ISSUED_BACK = 9  # words from a statement back to عن: صدر عن وزير … بوحبيب بيان
_PARAGRAPHS_BACK = 3


@dataclass(frozen=True)
class Speaker:
    """A speaker span: PERSON or ORG when named, SPEAKER when described."""

    start: int
    end: int
    label: str
    named: bool


@dataclass(frozen=True)
class Found:
    """A speaker and where it came from (shown on hover): verb_before, verb_after,
    reported_from, statement_of, according_to, colon, same_sentence, previous_quote,
    previous_sentence."""

    speaker: Speaker
    source: str
    position: int  # offset of the cue or quotation it belongs to


def to_speaker(words: Words, phrase: Phrase) -> Speaker:
    start = words.spans[phrase.first][0] + (phrase.skip or words.conjunction_length(phrase.first))
    return Speaker(start, words.spans[phrase.last][1], phrase.label, phrase.named)


def cue_at(words: Words, i: int) -> tuple[str, str] | None:
    if not words.is_word(i) or not may_be_cue(words.folded(i)):
        return None
    return cue_kind(words.verb_stems(i), words.noun_stems(i))


def has_conjunction(words: Words, i: int) -> bool:
    """وقال، فأضاف: a conjunction before a speech verb; not the و of وصف، وصفه."""
    folded = words.folded(i)
    if folded[:1] not in "وف":
        return False
    whole = [s for s in words.verb_stems(i) if s == folded or not s.startswith(folded[1:])]
    if cue_kind(tuple(s for s in whole if s[:1] == folded[:1]), ()) is not None:
        return False
    return cue_kind(words.verb_stems(i)[1:], ()) is not None


def explicit_subject(words: Words, verb: int, lo: int, hi: int) -> tuple[Phrase, str] | None:
    """The subject written beside verb `verb` (tokens lo..hi bound its sentence)."""
    cue = cue_kind(words.verb_stems(verb), ())
    if cue and cue[1] in FROM_VERBS:
        phrase = after_from(words, verb, hi)
        if phrase:
            return phrase, "reported_from"
    before = None if has_conjunction(words, verb) else subject_before(words, verb, lo)
    if before and words.verb_stems(verb)[-1] in PRESENT:
        return before, "verb_before"  # روسيا تعلن: a present verb mostly follows its subject
    phrase = subject_after(words, verb, hi)
    if phrase and cue and cue[1] in REPORT_FROM and _is_word(words, phrase.last + 1, "عن"):
        source = noun_phrase(words, phrase.last + 2, hi)  # ذكرت الشبكة عن المصدر
        if source:
            return source, "reported_from"
    if phrase and not _disagrees(words, verb, phrase):
        return phrase, "verb_before"
    if before:
        return before, "verb_before"
    return None


def _is_word(words: Words, i: int, folded: str) -> bool:
    return i < len(words) and words.is_word(i) and words.folded(i) == folded


def _disagrees(words: Words, verb: int, phrase: Phrase) -> bool:
    """وأكد المعلومات…: a masculine verb before a feminine definite noun (…ة، …ات) has
    that noun for its object, not its subject (which would make it أكدت)."""
    if not any(stem in MASCULINE for stem in words.verb_stems(verb)[:2]):
        return False
    head = verb + 1  # the word in the subject's place (بيان in وأكد بيان صادر عن الرئاسة)
    while head < phrase.first and words.is_word(head) and words.folded(head) in TIME:
        head += 1
    return words.definite(head) and words.word(head).endswith(("ة", "ات"))


def earlier_in_sentence(words: Words, before: int, lo: int) -> Found | None:
    """The subject of the nearest earlier speech verb of the sentence with one written
    (of the last few verbs: a verb further back speaks of something else)."""
    verbs = 0
    for j in range(before - 1, lo - 1, -1):
        cue = cue_at(words, j)
        if not cue or cue[0] != "verb":
            continue
        verbs += 1
        if verbs > _VERBS_BACK:
            break
        if j - 1 >= lo and words.folded(j - 1) in RELATIVES:
            continue  # تصريحات شي التي نقلها التلفزيون: a relative clause's own subject
        found = explicit_subject(words, j, lo, before)
        if found:
            return Found(to_speaker(words, found[0]), "same_sentence", words.spans[j][0])
    return None


class Attributions:
    """Speakers met so far, for quotations whose verb has no subject of its own."""

    def __init__(self, words: Words) -> None:
        self.words = words
        self.quotes: list[Found] = []  # resolved speakers of suggested quotations, in order
        self.positions: list[int] = []

    def add_quote(self, found: Found) -> None:
        self.quotes.append(found)
        self.positions.append(found.position)

    def previous(self, sentence_first: int) -> Found | None:
        """The last speaker of the nearest sentence before token `sentence_first` that has
        one: a suggested quotation's, or the subject of a speech verb."""
        words = self.words
        end = sentence_first
        if end <= 0 or end > len(words):
            return None
        para = words.paragraph(words.spans[end - 1][0])
        for _ in range(_SENTENCES_BACK):
            if end <= 0:
                return None
            start = words.sentence_start(end - 1)
            if para - words.paragraph(words.spans[start][0]) > _PARAGRAPHS_BACK:
                return None
            best = self._in_sentence(start, end)
            if best:
                return best
            end = start
        return None

    def _in_sentence(self, start: int, end: int) -> Found | None:
        words = self.words
        start = max(start, end - WINDOW)  # the end of a long sentence is what is near
        lo, hi = words.spans[start][0], words.spans[end - 1][1]
        best: Found | None = None
        for j in range(start, end):
            if best is not None and words.word(j) == ":":
                break  # كتب X: ذكرت الأخبار…: what follows the colon is X's own words
            cue = cue_at(words, j)
            if cue and cue[0] == "verb":
                found = explicit_subject(words, j, start, end)
                if found:
                    spoken = to_speaker(words, found[0])
                    best = Found(spoken, "previous_sentence", words.spans[j][0])
        k = bisect_right(self.positions, hi) - 1  # the last quotation up to the sentence end
        if k >= 0 and self.quotes[k].position >= lo:
            quote = self.quotes[k]
            if best is None or quote.position > best.position:
                best = Found(quote.speaker, "previous_quote", quote.position)
        return best


def phrase_after_noun(words: Words, noun: int, hi: int) -> Phrase | None:
    """تصريحات شي، بيان الخارجية الصينية، بيانين منفصلين عن البيت الأبيض; or before
    it: صدر عن وزير الخارجية بيان."""
    for j in range(noun + 1, min(hi, noun + 3)):
        if words.is_word(j) and words.folded(j) in ("عن", "من"):
            return noun_phrase(words, j + 1, hi)
    phrase = noun_phrase(words, noun + 1, hi)
    if phrase:
        return phrase
    for j in range(noun - 1, max(-1, noun - _ISSUED_BACK), -1):
        if words.is_word(j) and words.folded(j) == "عن":
            return noun_phrase(words, j + 1, noun)
        if not words.is_word(j):
            break
    return None


def negated(words: Words, i: int, lo: int) -> bool:
    """لم يوضح، لن يعلن، لا يقول: a speech verb denied says nothing."""
    if i - 1 < lo or not words.is_word(i - 1):
        return False
    word = words.folded(i - 1)
    return word in NEGATIONS or (word[:1] in "وف" and word[1:] in NEGATIONS)


def opening_verb_subject(words: Words, lo: int, hi: int) -> Found | None:
    """وردّ المتحدث باسم الحكومة قائلا: a sentence opening with و + a verb the lexicon
    does not hold; its subject follows it."""
    if lo >= hi or not words.is_word(lo) or words.folded(lo)[:1] not in "وف":
        return None
    if words.folded(lo)[1:] in STOP:
        return None  # وفي سلسلة تغريدات: not a verb
    phrase = noun_phrase(words, lo + 1, hi)
    if phrase is None:
        return None
    return Found(to_speaker(words, phrase), "same_sentence", words.spans[lo][0])


def sentence_subject(words: Words, lo: int, hi: int) -> Phrase | None:
    """The noun phrase a sentence opens with (لكن الصين ظلت…), particles skipped."""
    j = lo
    while j < hi and (not words.is_word(j) or words.folded(j) in STOP):
        j += 1
    return noun_phrase(words, j, hi) if j < hi else None
