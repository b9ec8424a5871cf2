"""The words that attribute speech: verbs, their participles, nouns and "according to".

Forms are written once per verb (past he/she/they, present he, the participle that opens
a clause: قال، قالت، قالوا، يقول، قائلا) and inflected here (dual, she/they in the
present, the feminine participle); they are matched under the search folding with the
proclitics و ف (and ب ل for nouns) and one object pronoun removed (words.py), so
وقالت، فيما قالوا، وأضافت، أسمياه، قوله، تصريحاته are found without being listed.
Verbs whose spelling is also a common noun in news (طالب student, علق suspended,
يعد is counted) are left out.
"""

from __future__ import annotations

from functools import lru_cache

from annotator.core.text.search import fold

# past (he), past (she), past (they), present (he), participle opening a clause or ""
_VERBS = (
    ("قال", "قالت", "قالوا", "يقول", "قائلا"),
    ("أضاف", "أضافت", "أضافوا", "يضيف", "مضيفا"),
    ("أكد", "أكدت", "أكدوا", "يؤكد", "مؤكدا"),
    ("أعلن", "أعلنت", "أعلنوا", "يعلن", "معلنا"),
    ("ذكر", "ذكرت", "ذكروا", "يذكر", ""),
    ("أشار", "أشارت", "أشاروا", "يشير", "مشيرا"),
    ("صرح", "صرحت", "صرحوا", "يصرح", "مصرحا"),
    ("أوضح", "أوضحت", "أوضحوا", "يوضح", "موضحا"),
    ("تابع", "تابعت", "تابعوا", "يتابع", "متابعا"),
    ("نقل", "نقلت", "نقلوا", "ينقل", "ناقلا"),
    ("أفاد", "أفادت", "أفادوا", "يفيد", "مفيدا"),
    ("كشف", "كشفت", "كشفوا", "يكشف", "كاشفا"),
    ("لفت", "لفتت", "لفتوا", "يلفت", "لافتا"),
    ("شدد", "شددت", "شددوا", "يشدد", "مشددا"),
    ("حذر", "حذرت", "حذروا", "يحذر", "محذرا"),
    ("اعتبر", "اعتبرت", "اعتبروا", "يعتبر", "معتبرا"),
    ("نفى", "نفت", "نفوا", "ينفي", "نافيا"),
    ("أبلغ", "أبلغت", "أبلغوا", "يبلغ", ""),
    ("وصف", "وصفت", "وصفوا", "يصف", "واصفا"),
    ("أسمى", "أسمت", "أسموا", "", ""),
    ("دعا", "دعت", "دعوا", "يدعو", "داعيا"),
    ("أعرب", "أعربت", "أعربوا", "يعرب", "معربا"),
    ("وعد", "وعدت", "وعدوا", "", "واعدا"),  # يعد is also "is counted as"
    ("أشاد", "أشادت", "أشادوا", "يشيد", "مشيدا"),
    ("حث", "حثت", "حثوا", "يحث", ""),
    ("اتهم", "اتهمت", "اتهموا", "يتهم", "متهما"),
    ("زعم", "زعمت", "زعموا", "يزعم", "زاعما"),
    ("اعترف", "اعترفت", "اعترفوا", "يعترف", "معترفا"),
    ("تساءل", "تساءلت", "تساءلوا", "يتساءل", "متسائلا"),
    ("أجاب", "أجابت", "أجابوا", "يجيب", "مجيبا"),
    ("أردف", "أردفت", "أردفوا", "يردف", "مردفا"),
    ("نوه", "نوهت", "نوهوا", "ينوه", "منوها"),
    ("هدد", "هددت", "هددوا", "يهدد", "مهددا"),
    ("انتقد", "انتقدت", "انتقدوا", "ينتقد", "منتقدا"),
    ("غرد", "غردت", "غردوا", "يغرد", "مغردا"),
    ("كتب", "كتبت", "كتبوا", "يكتب", ""),  # on a platform; the plural noun كتب rarely meets marks
    ("روى", "روت", "رووا", "يروي", ""),
    ("أورد", "أوردت", "أوردوا", "يورد", ""),
    ("تحدث", "تحدثت", "تحدثوا", "يتحدث", ""),
    ("استطرد", "استطردت", "استطردوا", "يستطرد", "مستطردا"),
    ("ختم", "ختمت", "ختموا", "يختم", "مختتما"),
)
FEMININE: set[str] = set()  # filled with the verb forms below
# verbs whose bare past is a common word: بيّن is also بين (between), عقّب also عقب
# (after); only their other forms are listed
_OTHER_FORMS = {"بين": ("بينت", "بينوا", "يبين", "مبينا", "مبينه"), "عقب": ("معقبا", "معقبه")}
# after لم: لم يقل، لم يشر، لم يضف (other hollow verbs' short forms are common words: يجب)
_JUSSIVE = ("يقل", "تقل", "يشر", "تشر", "يضف", "تضف")
# Nouns that carry speech: "in his statements", "quoting him", "the statement of the ministry"
_NOUNS = (
    "قول",
    "تصريح",
    "تصريحات",
    "بيان",
    "بيانات",
    "بيانين",
    "إعلان",
    "تأكيد",
    "تحذير",
    "خطاب",
    "مقابلة",
    "رسالة",
    "تغريدة",
    "منشور",
    "إحاطة",
    "كلمة",
    "تقرير",
    "دراسة",
)
# "according to X", before or after the quotation: بحسب X، وفق X، نقلا عن X
_ACCORDING = ("حسب", "بحسب", "حسبما", "وفق", "وفقا", "طبقا", "نقلا")
# verbs after which the speaker follows عن: نقل عن X (reported from X)
_FROM_VERBS = ("نقل",)


def _inflect(past: str, past_she: str, past_they: str, present: str) -> tuple[set[str], set[str]]:
    """(past forms, present forms), folded."""
    forms = {past, past_she, past_they, past + "ا", past_she + "ا"}
    now: set[str] = set()
    if present:
        stem = present[1:]
        plural = present + ("ن" if present.endswith("و") else "ون")
        now = {present, "ت" + stem, plural, present + "ان", "ت" + stem + "ان"}
        now |= {form for form in _JUSSIVE if form[1:] == stem.replace("و", "").replace("ي", "")}
    return {fold(f) for f in forms if f}, {fold(f) for f in now}


def _feminine(past_she: str, present: str) -> set[str]:
    """Forms whose subject is feminine: قالت، قالتا، تقول (not a masculine قال)."""
    forms = {past_she, past_she + "ا"}
    if present:
        forms |= {"ت" + present[1:], "ت" + present[1:] + "ان"}
    return {fold(form) for form in forms}


def _tables() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    verbs: dict[str, str] = {}
    participles: dict[str, str] = {}
    present_forms: set[str] = set()
    for past, she, they, present, participle in _VERBS:
        FEMININE.update(_feminine(she, present))
        lemma = fold(past)
        forms, now = _inflect(past, she, they, present)
        present_forms |= now - forms
        for form in forms | now:
            verbs.setdefault(form, lemma)
        if participle:
            folded = fold(participle)
            participles[folded] = lemma
            participles[folded[:-1] + "ه"] = lemma  # feminine: قائلة
    for lemma, others in _OTHER_FORMS.items():
        for form in others:
            table = participles if form.startswith("م") else verbs
            table[fold(form)] = lemma
    return verbs, participles, frozenset(present_forms)


VERB_FORMS, PARTICIPLES, PRESENT = _tables()
MASCULINE = frozenset(form for form in VERB_FORMS if form not in FEMININE)
SPEECH_NOUNS = frozenset(fold(noun) for noun in _NOUNS)
ACCORDING_TO = frozenset(fold(word) for word in _ACCORDING)
FROM_VERBS = frozenset(fold(verb) for verb in _FROM_VERBS)
# verbs (and their nouns) that give somebody's words after بـ: وصفه بـ"…"، اعتبره بـ
DESCRIBING = frozenset(fold(word) for word in ("وصف", "أسمى", "اعتبر"))
# verbs whose subject, then عن, then the source: ذكرت الشبكة عن المصدر أن…
REPORT_FROM = frozenset(fold(verb) for verb in ("ذكر", "روى", "أورد", "نقل"))
# words after which عن names a source: نقل عن، نقلا عن
FROM_WORDS = FROM_VERBS | {fold("نقلا")}


_EVERY = frozenset(VERB_FORMS) | frozenset(PARTICIPLES) | SPEECH_NOUNS | ACCORDING_TO
_PRONOUNS = ("هما", "هم", "ها", "ه")


@lru_cache(maxsize=65536)
def may_be_cue(folded: str) -> bool:
    """A quick test before `cue_kind`: could the folded word, less up to three leading
    letters (clitics) and a pronoun, be a speech word?"""
    for cut in range(4):
        tail = folded[cut:]
        if len(tail) < 2:
            return False
        if tail in _EVERY:
            return True
        for pronoun in _PRONOUNS:
            if tail.endswith(pronoun) and tail[: -len(pronoun)] in _EVERY:
                return True
    return False


def cue_kind(verb_stems: tuple[str, ...], noun_stems: tuple[str, ...]) -> tuple[str, str] | None:
    """("verb" | "participle" | "noun" | "according", lemma) for a word given its folded
    stems: as a verb (without و ف or an object pronoun; ب ل would turn بحث into حث) and
    as a noun (also without ب ل ك); None if it is not a speech word."""
    for stem in verb_stems:
        if stem in VERB_FORMS:
            return "verb", VERB_FORMS[stem]
        if stem in PARTICIPLES:
            return "participle", PARTICIPLES[stem]
    for stem in noun_stems:
        if stem in ACCORDING_TO:
            return "according", stem
        if stem in SPEECH_NOUNS:
            return "noun", stem
    return None
