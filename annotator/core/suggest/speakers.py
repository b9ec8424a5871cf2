"""Who speaks: the noun phrase beside a speech verb, named or described.

A speaker after its verb (وقال وزير الخارجية أنتوني بلينكن) or before it (مصادر في
البرتغال قالت، الصين، التي وعدت); after عن for نقل عن; after a speech noun (تصريحات
شي، بيان وزارة الدفاع). A phrase headed by a described person (متحدث باسم الوزارة،
رئيس الوزراء الروسي) is a SPEAKER unless a name follows it (الرئيس الأوكراني فولوديمير
زيلينسكي: PERSON); an institution with its complement (وزارة الدفاع الروسية) is an ORG,
alone (الوزارة) a SPEAKER; any other run of words is a name (PERSON, or ORG when it
carries the article: الكرملين، البيت الأبيض). The span is the whole phrase, as PARC 3.0
marks a source.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.suggest.speech_verbs import cue_kind
from annotator.core.suggest.word_classes import (
    ADJECTIVES,
    INSTITUTION_HEADS,
    NAME_LINKS,
    OBJECTS,
    OCCASIONS,
    PERSON_HEADS,
    PERSON_NOUNS,
    RELATIVES,
    SOURCE_HEADS,
    STOP,
    TIME,
)
from annotator.core.suggest.words import Words

_MAX_NAME = 3  # words of a name after a title: شي جين بينغ
_MAX_PHRASE = 7
_MAX_DEFINITE = 2  # a name with the article: البيت الأبيض، الجامعة العربية (then objects)
_MAX_GAP = 3  # words between a subject and its verb: الصين وروسيا حليفتان استراتيجيتان تصفان
_CONSTRUCT_PLACES = frozenset(("بلديه", "مدينه", "منطقه", "مقاطعه", "ولايه", "اقليم", "محافظه"))


@dataclass(frozen=True)
class Phrase:
    """Tokens first..last (inclusive) of a speaker phrase."""

    first: int
    last: int
    named: bool
    label: str  # PERSON | ORG | SPEAKER
    skip: int = 0  # leading characters left out: لل of للبنك, as Ctrl+T drops them


def _plain(words: Words, i: int) -> str:
    """The folded word, its conjunction و/ف left out when the rest is attested."""
    n = words.conjunction_length(i)
    return words.folded(i)[n:] if n else words.folded(i)


def _is_stop(words: Words, i: int) -> bool:
    word = _plain(words, i)
    if not words.is_word(i) or word in STOP or word in TIME:
        return True
    if word[:1] in "وف" and (word[1:] in STOP or word[1:] in TIME):  # ولم، فإن
        return True
    if cue_kind(words.verb_stems(i), ()) is not None:
        return True
    return words.has_preposition(i)


def _name_like(words: Words, i: int, definite: bool) -> bool:
    """A word that can continue a name: not a particle, time word, speech word, title,
    nor a noun with a pronoun (حليفه)."""
    if _is_stop(words, i):
        return False
    word = _bare(_plain(words, i))
    if word in PERSON_HEADS or word in INSTITUTION_HEADS:
        return False
    if cue_kind((), words.noun_stems(i)) is not None or words.word(i).endswith("ه"):
        return False
    return words.definite(i) == definite


def _adjacent(words: Words, i: int, j: int) -> bool:
    """Tokens i and j follow each other with only spaces between (no line break)."""
    between = words.text[words.spans[i][1] : words.spans[j][0]]
    return j == i + 1 and between.strip() == "" and "\n" not in between


def noun_phrase(words: Words, i: int, hi: int) -> Phrase | None:
    """The speaker phrase starting at token `i` (before token `hi`), or None."""
    while i < hi and words.is_word(i) and (_plain(words, i) in TIME or words.folded(i) in OBJECTS):
        i += 1
    if i >= hi or _is_stop(words, i) or _possessed(words, i):
        return None
    head = _bare(_plain(words, i))
    if cue_kind((), words.noun_stems(i)) and cue_kind(words.verb_stems(i), ()) is None:
        # بيان وزارة الدفاع، تصريحات شي، بيان صادر عن الرئاسة: the noun's complement
        for j in range(i + 1, min(hi, i + 3)):
            if words.is_word(j) and words.folded(j) in ("عن", "من"):
                return noun_phrase(words, j + 1, hi)
        if i + 1 < hi and _adjacent(words, i, i + 1):
            if words.folded(i + 1).startswith("لل"):  # تقرير للبنك الدولي: بنك الدولي
                phrase = _name(words, i + 1, hi, definite=True)
                return Phrase(phrase.first, phrase.last, True, "ORG", 2) if phrase else None
            return noun_phrase(words, i + 1, hi)
        return None
    if head in PERSON_HEADS or head in INSTITUTION_HEADS or head in PERSON_NOUNS:
        return _described(words, i, hi, head not in INSTITUTION_HEADS)
    return _name(words, i, hi)


def _possessed(words: Words, i: int) -> bool:
    """حديثه، منزلها: a noun with a possessive pronoun is not a speaker's first word."""
    word = words.word(i)
    return len(word) >= 4 and word.endswith(("ه", "ها", "هم", "هما")) and not words.definite(i)


def _bare(word: str) -> str:
    """A folded word without its article, for the head lists: الطبيب → طبيب."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def _heads(word: str) -> bool:
    word = _bare(word)
    return word in PERSON_HEADS or word in INSTITUTION_HEADS or word in _CONSTRUCT_PLACES


def _described(words: Words, i: int, hi: int, person: bool) -> Phrase:
    """A title or an institution with its complements (رئيس بلدية كييف، وزارة الدفاع
    الروسية، متحدث باسم الوزارة), then the name that may follow it."""
    last = i
    construct = not words.definite(i)  # رئيس, not الرئيس: a complement follows
    genitive = False  # after للأمم: one definite word of any kind (المتحدة)
    j = i + 1
    while j < hi and j - i < _MAX_PHRASE and _adjacent(words, j - 1, j) and words.is_word(j):
        word = _plain(words, j)
        if word in TIME or word in RELATIVES:
            break
        nxt = j + 1 < hi and _adjacent(words, j, j + 1)
        source = _bare(_plain(words, i)) in SOURCE_HEADS
        joined = word == "باسم" or (word == "في" and source and not _speech_or_time(words, j + 1))
        if joined and nxt:  # متحدث باسم الوزارة، مصادر في البرتغال، باسم رئاسة مجلس…
            last, j, construct = j + 1, j + 2, not words.definite(j + 1)
            continue
        if word in STOP or cue_kind(words.verb_stems(j), words.noun_stems(j)) is not None:
            break  # a speech verb or noun (عن مصادر قولها) ends the description
        definite = words.definite(j)
        if words.folded(j).startswith("وال") and len(word) > 5:  # وزير الخارجية والمغتربين
            last, construct, genitive = j, False, False
        elif word.startswith("لل") or (definite and (construct or genitive or _adjective(word))):
            # الوزراء، الروسي، للأمم المتحدة; not: الرئيس الاتفاق
            last, construct, genitive = j, False, word.startswith("لل")
        elif construct and not words.has_preposition(j, loose=False):
            # بلدية takes a complement, كييف none; فريق one with the article (فريق الشباب)
            last, construct, genitive = j, _heads(word), not _heads(word)
        else:
            break
        j += 1
    name_end = last
    k = last + 1
    if not person or (not words.definite(last) and _adjective(_plain(words, last))):
        k = hi  # مسؤول أمريكي, مصادر طبية: no name after an indefinite one, nor a ministry
    while k < hi and k - last <= _MAX_NAME and _adjacent(words, k - 1, k):
        linked = k > last + 1 and words.definite(k) and _family(words, k)
        if not (_name_like(words, k, definite=False) or linked) or _prepositional(words, k, hi):
            break
        name_end = k
        k += 1
    if name_end > last:
        return Phrase(i, name_end, True, "PERSON")
    if not person and last > i:
        return Phrase(i, last, True, "ORG")
    return Phrase(i, last, False, "SPEAKER")


def _prepositional(words: Words, k: int, hi: int) -> bool:
    """لحقوق الإنسان، بقطاع غزة: a word in ل/ب/ك before a definite one opens a
    prepositional phrase, not a name."""
    word = _plain(words, k)
    nxt = k + 1
    return (
        word[:1] in "لبك"
        and nxt < hi
        and _adjacent(words, k, nxt)
        and words.definite(nxt)
        and _plain(words, nxt) not in TIME | RELATIVES
    )


def _family(words: Words, k: int) -> bool:
    """A definite word that goes on a name: after عبد/أبو (عبد الله), or a family name
    in ي (فايز الدويري، سعد الحريري)."""
    word = _plain(words, k)
    if _plain(words, k - 1) in NAME_LINKS:
        return True
    return word.endswith("ي") and not _is_stop(words, k) and _bare(word) not in PERSON_HEADS


def _adjective(word: str) -> bool:
    """A definite word that can follow a definite one: a nisba (الروسي، الأوكرانية) or a
    common adjective of titles (السابق، العام)."""
    return word.endswith(("ي", "يه", "يون", "يين", "يان")) or word in ADJECTIVES


def _speech_or_time(words: Words, i: int) -> bool:
    """في بيان، في مقابلة، في اليوم: not the place a described speaker is from."""
    if i >= len(words) or not words.is_word(i):
        return True
    word = _plain(words, i)
    return word in TIME or word in OCCASIONS or cue_kind((), words.noun_stems(i)) is not None


def _name(words: Words, i: int, hi: int, definite: bool | None = None) -> Phrase | None:
    if not words.word(i)[:1].isalpha():
        return None
    definite = words.definite(i) if definite is None else definite
    longest = _MAX_DEFINITE if definite else _MAX_PHRASE
    last = i
    j = i + 1
    while j < hi and j - i < longest and _adjacent(words, j - 1, j):
        conjoined = words.conjunction_length(j) == 1 and words.folded(j)[:1] == "و"
        linked = _plain(words, j - 1) in NAME_LINKS and words.definite(j)  # عبد الغفار
        if _name_like(words, j, definite) or linked or (conjoined and not _is_stop(words, j)):
            last = j
            j += 1
            continue
        break
    if definite:  # المعلمة سعاد حسن: a title the lists do not hold, then a name
        k = last + 1
        while k < hi and k - last <= _MAX_NAME and _adjacent(words, k - 1, k):
            if not _name_like(words, k, definite=False) or _prepositional(words, k, hi):
                break
            k += 1
        if k > last + 1:
            return Phrase(i, k - 1, True, "PERSON")
    return Phrase(i, last, True, "ORG" if definite else "PERSON")


def subject_after(words: Words, verb: int, hi: int) -> Phrase | None:
    """The subject right after a speech verb (adverbs of time skipped)."""
    return noun_phrase(words, verb + 1, hi)


def subject_before(words: Words, verb: int, lo: int) -> Phrase | None:
    """A subject before its verb in the same clause: مصادر في البرتغال قالت، روسيا تعلن،
    الصين، التي وعدت. The clause starts after the last comma or the sentence start."""
    k = verb - 1
    if k >= lo and _plain(words, k) in RELATIVES:
        k -= 1
        if k >= lo and not words.is_word(k):
            k -= 1
    if k < lo or not words.is_word(k):
        return None  # وردا على سؤال، قال: the comma closes what came before
    start = k
    while start - 1 >= lo and words.is_word(start - 1) and _adjacent(words, start - 1, start):
        start -= 1
        if k - start > _MAX_PHRASE + _MAX_GAP:
            return None  # a long clause: its subject is not right before the verb
    while start <= k and _plain(words, start) in STOP | TIME:
        start += 1
    if start > k:
        return None
    phrase = noun_phrase(words, start, k + 1)
    if phrase is None or k - phrase.last > _MAX_GAP:
        return None
    return phrase


def after_from(words: Words, verb: int, hi: int) -> Phrase | None:
    """نقل … عن X: the phrase after the first عن within a few words of the verb."""
    for j in range(verb + 1, min(hi, verb + 10)):
        if words.is_word(j) and words.folded(j) == "عن":
            return noun_phrase(words, j + 1, hi)
    return None
