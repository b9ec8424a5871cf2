"""Names and terms in quotation marks, which are not quotations.

«رويترز»، "كينجال"، «الشرق الأوسط»: a short stretch right after a noun that names things
(وكالة، صحيفة، صاروخ، عملية…, through the adjectives after it: صاروخها الجديد «…»،
موقع التواصل الاجتماعي «…»), after لـ or مع (قال لـ«…»), after "according to" or نقلا
عن (a source), after a platform (حسابه على «…»), right after a speech verb with its
sentence going on (وأعلنت "حماس" مسؤوليتها: the verb's subject), a hashtag or handle,
after the noun for a person with no speech verb before it (مقتل الطالب "…"), or a
short stretch in Latin script. Rules about the words around, not lists of names.
"""

from __future__ import annotations

from annotator.core.suggest.attribution import cue_at
from annotator.core.suggest.speech_verbs import FROM_WORDS, VERB_FORMS
from annotator.core.suggest.word_classes import (
    NAMING,
    NAMING_PREPOSITIONS,
    PERSON_HEADS,
    PERSON_NOUNS,
    STOP,
)
from annotator.core.suggest.words import Around, Words

NAME_WORDS = 4  # a name in marks is at most this long: «سي سي تي في»
_TITLE_WORDS = 6  # ... right after its noun: كتاب "…"
_BACK_OVER = 3  # words looked back for a naming noun: موقع التواصل الاجتماعي «…»
_PLATFORM_PREPOSITIONS = frozenset(("علي", "عبر", "في"))  # folded: على is علي
_SOURCE_WORDS = 3  # «رويترز»، «وكالة الأنباء الرسمية» after بحسب


def is_name(words: Words, ctx: Around, content: str, size: int) -> bool:
    """A name or term in marks: after a naming noun or لـ/مع, after "according to" or
    نقلا عن (a source's name), a hashtag or handle, or short Latin script."""
    if (size <= 2 and content.isascii()) or content[:1] in "#@":
        return True
    k = ctx.opening - 1
    if k < ctx.sentence or not words.is_word(k):
        return False
    if size <= NAME_WORDS and words.folded(k) in NAMING_PREPOSITIONS:
        return True
    if size <= _SOURCE_WORDS and _after_source_word(words, k, ctx.sentence):
        return True
    if size <= _SOURCE_WORDS and _after_person(words, k, ctx.sentence):
        return True
    if size <= NAME_WORDS and _subject_of(words, ctx, k):
        return True
    if size <= _TITLE_WORDS and _names(words, k):
        return True
    if size > NAME_WORDS:
        return False
    for j in range(k - 1, max(ctx.sentence, k - _BACK_OVER) - 1, -1):
        if not words.is_word(j) or words.folded(j + 1) in STOP:
            return False
        if _names(words, j):
            return True
    return False


def _after_source_word(words: Words, k: int, lo: int) -> bool:
    """بحسب «رويترز»، وفقا لـ"…"، نقلا عن «…»، حسابه على «إكس»: the name of a source
    or a platform right after the word that introduces it."""
    cue = cue_at(words, k)
    if cue is not None and cue[0] == "according":
        return True
    word = words.folded(k)
    if k - 1 < lo or not words.is_word(k - 1):
        return False
    before = cue_at(words, k - 1)
    if word == "عن" and before is not None and before[1] in FROM_WORDS:
        return True
    if word == "ل" and before is not None and before[0] == "according":
        return True  # وفقا لـ«…»
    return word in _PLATFORM_PREPOSITIONS and _names(words, k - 1)


def _after_person(words: Words, k: int, lo: int) -> bool:
    """مقتل الطالب "جوليو ريجيني"، الإعلامي «…»: a person's name after the noun for
    them; not after a speaker (وقال الوزير "لا تعليق")."""
    word = words.folded(k)
    if k - 1 >= lo and words.definite(k) and word.endswith(("ي", "يه")):
        k, word = k - 1, words.folded(k - 1)  # الرئيس الأمريكي «…»: past one adjective
    bare = word[2:] if word.startswith("ال") and len(word) > 4 else word
    if not (word in PERSON_NOUNS or bare in PERSON_HEADS or bare in PERSON_NOUNS):
        return False
    cue = cue_at(words, k - 1) if k - 1 >= lo else None
    return cue is None or cue[0] not in ("verb", "participle")


def _subject_of(words: Words, ctx: Around, k: int) -> bool:
    """وأعلنت "حماس" مسؤوليتها، وقالت «الجماعة» في بيان: a short stretch right after a
    speech verb, its sentence going on after it, is the verb's subject (a name)."""
    verb = words.folded(k)
    if verb not in VERB_FORMS and not (verb[:1] in "وف" and verb[1:] in VERB_FORMS):
        return False  # أسمياه ”…”: a verb with its object pronoun has its subject already
    after = ctx.after
    if after >= ctx.hi or not words.is_word(after) or words.folded(after) in ("و", "او"):
        return False
    return words.paragraph(words.spans[after][0]) == words.paragraph(words.spans[k][0])


def _names(words: Words, i: int) -> bool:
    """Whether word `i` is a naming noun, with or without clitics, article, pronoun."""
    return any(
        stem in NAMING or (stem.startswith("ال") and stem[2:] in NAMING)
        for stem in words.noun_stems(i)
    )
