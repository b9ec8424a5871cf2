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
from annotator.core.suggest.speech_verbs import DESCRIBING, FROM_WORDS, VERB_FORMS
from annotator.core.suggest.word_classes import (
    NAMING,
    NAMING_PREPOSITIONS,
    PERSON_HEADS,
    PERSON_NOUNS,
    STOP,
    THAT,
)
from annotator.core.suggest.words import Around, Words

NAME_WORDS = 4  # a name in marks is at most this long: «سي سي تي في»
_TITLE_WORDS = 6  # ... right after its noun: كتاب "…"
_BACK_OVER = 3  # words looked back for a naming noun: موقع التواصل الاجتماعي «…»
_PLATFORM_PREPOSITIONS = frozenset(("علي", "عبر", "في"))  # folded: على is علي
_SOURCE_WORDS = 3  # «رويترز»، «وكالة الأنباء الرسمية» after بحسب
_CLAUSE_AHEAD = 25  # words after a stretch where the reported clause's إن/أن may come
_TITLE_BACK = 3  # الأمين العام للائتلاف "…": words back to the title
_ADDRESS_VERBS = frozenset(("قال", "صرح", "تحدث"))  # تحدث إلى "رويترز": the addressee


def is_name(words: Words, ctx: Around, content: str, size: int) -> bool:
    """A name or term in marks: after a naming noun or لـ/مع, after "according to" or
    نقلا عن (a source's name), a hashtag or handle, or short Latin script."""
    if (size <= 2 and content.isascii()) or content[:1] in "#@":
        return True
    k = ctx.opening - 1
    if k < ctx.sentence:
        return False
    if size <= _SOURCE_WORDS and _inside_unquoted_speech(words, ctx, k):
        return True
    if not words.is_word(k):
        return False
    if size <= NAME_WORDS and words.folded(k) in NAMING_PREPOSITIONS:
        return True
    if size <= _SOURCE_WORDS and _after_source_word(words, k, ctx.sentence):
        return True
    if size <= _SOURCE_WORDS and _after_person(words, k, ctx.sentence):
        return True
    if size <= NAME_WORDS and _subject_of(words, ctx, k):
        return True
    if size <= _SOURCE_WORDS and _after_bare_preposition(words, k, ctx.sentence):
        return True
    if size <= _SOURCE_WORDS and _before_reported_clause(words, ctx):
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
    for j in range(k, max(lo, k - _TITLE_BACK) - 1, -1):
        if not words.is_word(j):
            return False
        word = words.folded(j)
        bare = word[2:] if word.startswith("ال") and len(word) > 4 else word
        if word in PERSON_NOUNS or bare in PERSON_HEADS or bare in PERSON_NOUNS:
            cue = cue_at(words, j - 1) if j - 1 >= lo else None
            return cue is None or cue[0] not in ("verb", "participle")
        if not (words.definite(j) or word.startswith("لل")):
            return False  # past الأمريكي، العام، للائتلاف to the title, no further
    return False


def _after_bare_preposition(words: Words, k: int, lo: int) -> bool:
    """المتعلق بـ"محمد علوش"، تحدثا إلى "رويترز": after a lone بـ with no verb of
    describing before it in the sentence (وصف الوضع بـ"…" are the describer's words), or
    after إلى/لـ following a verb of saying to someone, a name."""
    word = words.folded(k)
    if word == "ب":
        for j in range(k - 1, lo - 1, -1):
            cue = cue_at(words, j)
            if cue is not None and cue[1] in DESCRIBING:
                return False  # وصف زيلينسكي الوضع … بـ"الأولوية الثابتة": his words
        return True
    if word in ("الي", "ل") and k - 1 >= lo:
        cue = cue_at(words, k - 1)
        return cue is not None and cue[0] == "verb" and cue[1] in _ADDRESS_VERBS
    return False


def _before_reported_clause(words: Words, ctx: Around) -> bool:
    """وقال المصدر المقرب من "الورد" … إن …: a short stretch between a speech verb and
    the أن/إن clause it reports belongs to who speaks or where, not to what is said."""
    verb = None
    for j in range(ctx.opening - 1, ctx.sentence - 1, -1):
        if not words.is_word(j):
            continue
        if words.folded(j) in THAT:
            return False  # inside the reported clause already
        cue = cue_at(words, j)
        if cue is not None and cue[0] == "verb":
            verb = j
            break
    if verb is None:
        return False
    hi = min(ctx.hi, ctx.after + _CLAUSE_AHEAD)
    end = words.sentence_end(ctx.after, hi) if ctx.after < hi else ctx.after
    return any(words.is_word(j) and words.folded(j) in THAT for j in range(ctx.after, end))


def _inside_unquoted_speech(words: Words, ctx: Around, k: int) -> bool:
    """مسؤولون: “النظام السوري” قد يسقط: after a colon, a short stretch the sentence goes
    on from is a term inside words given without marks."""
    if words.word(k) not in (":", "\uff1a"):
        return False
    after = ctx.after
    return after < ctx.hi and words.is_word(after) and words.folded(after)[:1] not in "وف"


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
