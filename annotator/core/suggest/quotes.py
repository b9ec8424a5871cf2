"""Recipe "quotes and speakers": quotations suggested from the text alone, by rules.

`suggest_quotes(text)` pairs the quotation marks of each paragraph (quote_marks.py) and
keeps the stretches that are somebody's words, with their speaker when one can be found.

What is a quotation: a stretch with a speech cue in its sentence before it (a speech
verb, its participle, a speech noun, "according to", a colon) or just after it (…»، قال
X), or one that reads as a sentence by itself (five words or more). What is not: a name
or term in marks (names_in_marks.py) and the same words in marks anywhere else in the
text, and a short stretch with no cue (a heading, a byline, a scare-quoted word). A
denied speech verb (لم يوضح) is no cue.

Spans: a quotation span is its content between the marks, without the marks and the
spaces just inside them (as QUOTE spans are drawn in this project, and as PARC 3.0 marks
*content*); offsets are code points into `text`, end exclusive. Kind "full" is a whole
clause or more of somebody's words; "partial" a fragment inside the writer's sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.core.suggest.attribution import (
    Attributions,
    Found,
    Speaker,
    cue_at,
    earlier_in_sentence,
    explicit_subject,
    has_conjunction,
    negated,
    opening_verb_subject,
    phrase_after_noun,
    sentence_subject,
    to_speaker,
)
from annotator.core.suggest.names_in_marks import NAME_WORDS, is_name
from annotator.core.suggest.quote_marks import MarkedStretch, marked_stretches
from annotator.core.suggest.speakers import noun_phrase, subject_before
from annotator.core.suggest.word_classes import STOP, THAT
from annotator.core.suggest.words import WINDOW, Around, Words
from annotator.core.text.search import fold

__all__ = ["QuoteSuggestion", "Speaker", "suggest_quotes"]

_WORD = re.compile(r"\w+")
_SENTENCE_WORDS = 5  # a stretch this long reads as somebody's sentence even with no cue
_OBJECT_WORDS = 3
_LOOK_AHEAD = 4  # words after a quotation where its verb may stand: «…»، هذا ما قاله X
_PRONOUN_ENDS = ("ه", "ها", "هم", "هما")


@dataclass(frozen=True)
class QuoteSuggestion:
    """A suggested quotation: `text[start:end]` is its content. `speaker_from` says how
    its speaker was found (verb_before, verb_after, reported_from, statement_of,
    according_to, colon, same_sentence, previous_quote, previous_sentence), None when
    there is no speaker."""

    start: int
    end: int
    kind: str  # "full" | "partial"
    confidence: float
    speaker: Speaker | None = None
    speaker_from: str | None = None


def suggest_quotes(text: str) -> list[QuoteSuggestion]:
    """Quotations of `text` with their speakers, in text order; [] when it has no marks."""
    stretches = marked_stretches(text)
    if not stretches:
        return []
    top = [s for s in stretches if s.depth == 0]
    words = Words(text, [(s.open_at + 1, _stop(s)) for s in top])
    attributions = Attributions(words)
    names = _names_anywhere(words, top)
    out: list[QuoteSuggestion] = []
    for stretch in top:
        found = _judge(words, stretch, attributions, (0, len(words)), names)
        if found:
            out.append(found)
    inner = [s for s in stretches if s.depth > 0]
    if inner:
        out.extend(_nested(text, stretches, inner))
    out.sort(key=lambda q: (q.start, q.end))
    return out


def _nested(
    text: str, stretches: list[MarkedStretch], inner: list[MarkedStretch]
) -> list[QuoteSuggestion]:
    """Quotations inside quotations, judged within the words of the one around them."""
    words = Words(text, [(s.open_at + 1, _stop(s)) for s in inner])
    attributions = Attributions(words)
    out = []
    for stretch in inner:
        outer = stretches[stretch.outer] if stretch.outer is not None else stretch
        lo = words.first_at_or_after(outer.start)
        hi = words.first_at_or_after(_stop(outer))
        found = _judge(words, stretch, attributions, (lo, hi), set())
        if found and found.speaker_from not in ("previous_quote", "previous_sentence"):
            out.append(found)
    return out


def _stop(stretch: MarkedStretch) -> int:
    return stretch.paragraph_end if stretch.close_at is None else stretch.close_at


def _around(words: Words, stretch: MarkedStretch, lo: int, hi: int) -> Around | None:
    size = len(_WORD.findall(words.text[stretch.start : stretch.end]))
    if size == 0:
        return None
    opening = words.first_at_or_after(stretch.open_at)
    after = words.first_at_or_after(_stop(stretch) + 1)
    sentence = words.sentence_start(opening, max(lo, opening - WINDOW))
    return Around(opening, after, sentence, lo, min(hi, after + WINDOW), size)


def _names_anywhere(words: Words, stretches: list[MarkedStretch]) -> set[str]:
    """The (folded) names in marks of the document: بفيروس "كورونا" makes every other
    "كورونا" of the text a name too, whatever stands before it."""
    names = set()
    for stretch in stretches:
        ctx = _around(words, stretch, 0, len(words))
        content = words.text[stretch.start : stretch.end]
        if ctx and ctx.size <= NAME_WORDS and is_name(words, ctx, content, ctx.size):
            names.add(fold(content))
    return names


def _judge(
    words: Words,
    stretch: MarkedStretch,
    attributions: Attributions,
    bounds: tuple[int, int],
    names: set[str],
) -> QuoteSuggestion | None:
    ctx = _around(words, stretch, *bounds)
    if ctx is None:
        return None
    content, size = words.text[stretch.start : stretch.end], ctx.size
    if is_name(words, ctx, content, size) or (size <= NAME_WORDS and fold(content) in names):
        return None
    cue, found = _cue_before(words, ctx, attributions)
    if cue is None:
        cue, found = _cue_after(words, ctx, attributions)
    if cue is None and size < _SENTENCE_WORDS:
        return None
    if cue is None and found is None:
        found = _continuing(words, ctx, attributions)
    kind = _kind(words, ctx, stretch, found)
    suggestion = QuoteSuggestion(
        stretch.start,
        stretch.end,
        kind,
        _confidence(cue, size, found is not None),
        found.speaker if found else None,
        found.source if found else None,
    )
    if found:
        attributions.add_quote(Found(found.speaker, found.source, stretch.open_at))
    return suggestion


def _cue_before(
    words: Words, ctx: Around, attributions: Attributions
) -> tuple[str | None, Found | None]:
    """The nearest speech cue before the stretch in its sentence, and its speaker."""
    colon = ctx.opening - 1 >= ctx.sentence and words.word(ctx.opening - 1) in (":", "\uff1a")
    nearest_noun = None
    for j in range(ctx.opening - 1, ctx.sentence - 1, -1):
        cue = cue_at(words, j)
        if cue is None or negated(words, j, ctx.sentence):
            continue
        kind = cue[0]
        if kind == "verb":
            return "verb", _verb_speaker(words, j, ctx, attributions)
        if kind == "participle":
            found = earlier_in_sentence(words, j, ctx.sentence) or opening_verb_subject(
                words, ctx.sentence, j
            )
            return "verb", found or attributions.previous(ctx.sentence)
        if nearest_noun is None:
            nearest_noun = (j, kind)
    if nearest_noun is not None:
        return "noun", _noun_speaker(words, nearest_noun, ctx, attributions)
    if colon:
        phrase = subject_before(words, ctx.opening - 1, ctx.sentence)
        if phrase and not _unlisted_verb_alone(words, ctx):  # بوتين: «…», not واستدرك: «…»
            return "colon", Found(to_speaker(words, phrase), "colon", 0)
        return "colon", attributions.previous(ctx.sentence)
    return None, None


def _verb_speaker(words: Words, verb: int, ctx: Around, attributions: Attributions) -> Found | None:
    # a short stretch is the object of the word before it (وقوع «اشتباكات»), never the
    # end of its speaker's name
    end = ctx.opening - 1 if ctx.size <= _OBJECT_WORDS else ctx.opening
    found = explicit_subject(words, verb, ctx.sentence, max(end, verb + 1))
    if found:
        return Found(to_speaker(words, found[0]), found[1], words.spans[verb][0])
    same = earlier_in_sentence(words, verb, ctx.sentence)  # وأبلغ بوتين … وأشاد
    if same is None and not has_conjunction(words, verb):  # وكان X قد وجه سؤالا، قال فيه
        same = opening_verb_subject(words, ctx.sentence, verb)
    return same or attributions.previous(ctx.sentence)


def _noun_speaker(
    words: Words, noun: tuple[int, str], ctx: Around, attributions: Attributions
) -> Found | None:
    j, kind = noun
    folded = words.folded(j)
    if kind == "noun" and not folded.endswith(_PRONOUN_ENDS):
        phrase = phrase_after_noun(words, j, ctx.opening)
        if phrase:
            return Found(to_speaker(words, phrase), "statement_of", words.spans[j][0])
    if kind == "according":
        phrase = noun_phrase(words, j + 1, ctx.opening)
        if phrase:
            return Found(to_speaker(words, phrase), "according_to", words.spans[j][0])
    same = earlier_in_sentence(words, j, ctx.sentence)
    if same:
        return same
    if folded.endswith(_PRONOUN_ENDS):  # إعلانها: the sentence's own subject
        phrase = subject_before(words, j, ctx.sentence) or sentence_subject(words, ctx.sentence, j)
        if phrase:
            return Found(to_speaker(words, phrase), "same_sentence", words.spans[j][0])
    return attributions.previous(ctx.sentence)


def _cue_after(
    words: Words, ctx: Around, attributions: Attributions
) -> tuple[str | None, Found | None]:
    """«…»، قال X / "…"، بحسب X / «…»، هذا ما قاله X: a cue within a few words after
    the closing mark, in the same sentence."""
    first = ctx.after
    while first < ctx.hi and first < ctx.after + 2 and not words.is_word(first):
        if words.is_sentence_end(first):
            return None, None
        first += 1
    paragraph = words.paragraph(words.spans[ctx.opening][0])
    cue, j = None, first
    for j in range(first, min(ctx.hi, first + _LOOK_AHEAD)):
        if not words.is_word(j) or words.paragraph(words.spans[j][0]) != paragraph:
            return None, None
        cue = cue_at(words, j)
        if cue is not None:
            break
    if cue is None or cue[0] not in ("verb", "according"):
        return None, None
    end = words.sentence_end(j, ctx.hi)
    phrase = (
        noun_phrase(words, j + 1, end)
        if cue[0] == "according"
        else (explicit_subject(words, j, j, end) or (None,))[0]
    )
    if phrase:
        return "after", Found(to_speaker(words, phrase), "verb_after", words.spans[j][0])
    return "after", attributions.previous(ctx.sentence)


def _continuing(words: Words, ctx: Around, attributions: Attributions) -> Found | None:
    """A sentence-like stretch with no cue: the speaker of the quotation just before it,
    in this paragraph or the one before (a quotation that runs on); or, after a verb the
    lexicon lacks with no subject (وبيّن أن «…»، وأردف: «…»), the last speaker."""
    found = attributions.previous(ctx.sentence)
    if found is not None and _unlisted_verb_alone(words, ctx):
        return found
    if found is None or found.source != "previous_quote":
        return None
    here = words.paragraph(words.spans[ctx.opening][0])
    if here - words.paragraph(found.position) > 1:
        return None
    return found


def _unlisted_verb_alone(words: Words, ctx: Around) -> bool:
    """The sentence is و/ف + one word, then أن/إن or a colon, then the stretch."""
    first = ctx.sentence
    if ctx.opening - first not in (2, 3) or not words.is_word(first):
        return False
    if words.folded(first)[:1] not in "وف":
        return False
    between = [
        words.folded(j) if words.is_word(j) else words.word(j)
        for j in range(first + 1, ctx.opening)
    ]
    return between in (["ان"], [":"], ["،"], ["ان", "،"])


def _kind(words: Words, ctx: Around, stretch: MarkedStretch, found: Found | None) -> str:
    """Full: the stretch is the whole reported clause; partial: a fragment of it."""
    size = ctx.size
    if stretch.close_at is None:
        return "full"
    continues = (
        ctx.after < ctx.hi
        and words.is_word(ctx.after)
        and words.paragraph(words.spans[ctx.after][0]) == words.paragraph(stretch.open_at)
        and words.folded(ctx.after)[:1] not in "وف"
        and cue_at(words, ctx.after) is None
    )
    if continues:
        return "partial"
    before = ctx.opening - 1
    if before < ctx.sentence:
        return "full" if size >= 3 else "partial"
    if words.word(before) in (":", "\uff1a"):
        return "full"
    if not words.is_word(before):
        return "full" if size >= _SENTENCE_WORDS else "partial"
    previous = words.folded(before)
    if previous in THAT:
        return "full" if size >= _SENTENCE_WORDS else "partial"
    if previous in STOP or words.has_preposition(before):
        return "partial"  # إلى «…»، بـ"…"، للحوار «…»
    if found and found.source == "verb_before" and found.speaker.end == words.spans[before][1]:
        return "full"  # قال لنا الطبيب "…": the words right after the verb and its subject
    for j in range(before - 1, ctx.sentence - 1, -1):
        if words.is_word(j) and words.folded(j) in THAT:
            return "partial"  # قال إن العلاقات «…»: the subject is the writer's
        if cue_at(words, j):
            break
    return "full" if size >= _SENTENCE_WORDS else "partial"


def _confidence(cue: str | None, size: int, has_speaker: bool) -> float:
    score = {"verb": 0.8, "colon": 0.8, "after": 0.75, "noun": 0.65}.get(cue or "", 0.5)
    if size >= 4:
        score += 0.1
    elif size == 1:
        score -= 0.15
    if has_speaker:
        score += 0.05
    return round(min(max(score, 0.3), 0.97), 2)
