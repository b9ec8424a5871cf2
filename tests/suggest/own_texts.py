"""Three short news-like texts written for these tests (not from the seeds), with the
quotations and speakers a reader would mark, to check that the quote rules generalise.

Each expected stretch names its text; `gold()` turns them into offsets (a quotation is
the first occurrence of its text; its speaker the mention nearest to it).
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.fixtures.quotes_gold import GoldSpeaker, GoldStretch

HEALTH = """القاهرة - أعلنت وزارة الصحة المصرية، اليوم الأحد، ارتفاع عدد المصابين بالحمى في محافظة أسوان إلى 120 حالة.
وقال المتحدث باسم الوزارة حسام عبد الغفار في تصريحات لقناة «القاهرة الإخبارية» إن «الوضع تحت السيطرة ولا داعي للقلق».
وأضاف: «فرقنا تعمل على مدار الساعة، وقد أرسلنا أكثر من ثلاثين طبيبا إلى القرى المتضررة».
«لن نسمح بتكرار ما حدث في الصيف الماضي»، قالت وزيرة التضامن الاجتماعي في مؤتمر صحافي.
وذكرت صحيفة «الأهرام» أن الحكومة تدرس إعلان حالة الطوارئ في المحافظة.
من جهتها، قالت مصادر طبية في أسوان إن المستشفيات «مكتظة» وإن بعض المرضى نُقلوا إلى مدينة الأقصر.
وقال أحد السكان، ويدعى محمود علي: «قال لنا الطبيب "اغلوا الماء قبل شربه"، لكن الكهرباء مقطوعة منذ يومين».
"""  # noqa: E501

BEIRUT = """بيروت (رويترز) - نقلت وكالة الأنباء الوطنية عن رئيس الحكومة قوله إن "لبنان لن يكون ساحة لتصفية الحسابات".
وأوضح في بيان أن الحكومة "ستتخذ كل الإجراءات اللازمة" لحماية المدنيين.
في المقابل، اعتبر النائب سامي الجميل أن الحكومة ”عاجزة عن اتخاذ أي قرار”، مضيفا: ”نحن أمام مرحلة خطيرة جدا ولا أحد يتحمل المسؤولية”.
ونشر الجيش صورا لعملية "فجر الجرود" التي نفذها العام الماضي.
“الوضع الاقتصادي هو الأسوأ منذ الحرب الأهلية”، بحسب تقرير للبنك الدولي صدر الخميس.
الخبراء يقولون إن "الانهيار لم يصل إلى نهايته بعد".
"""  # noqa: E501

KHARTOUM = """الخرطوم - تتواصل الاشتباكات في العاصمة السودانية لليوم الخامس على التوالي.
وقالت الأمم المتحدة إن "أكثر من مليون شخص نزحوا من منازلهم منذ بداية القتال
ولم تعلن أي جهة مسؤوليتها عن قصف السوق المركزي.
- "هدنة إنسانية" -
وطالبت منظمات الإغاثة بهدنة فورية، فيما دعت الجامعة العربية الطرفين إلى "ضبط النفس والعودة إلى طاولة الحوار".
وتصف الحكومة قوات الدعم السريع بأنها "ميليشيا متمردة".
"نحن ننام على أصوات المدافع ونستيقظ عليها"، تقول فاطمة، وهي معلمة من حي الصحافة.
"""  # noqa: E501


@dataclass(frozen=True)
class Expected:
    """A marked stretch by its text: a quotation (kind, speaker) or a name (kind None)."""

    text: str
    kind: str | None = None
    speaker: str | None = None
    named: bool = True
    implicit: bool = False


EXPECTED: dict[str, tuple[str, list[Expected]]] = {
    "health": (
        HEALTH,
        [
            Expected("القاهرة الإخبارية"),
            Expected("الوضع تحت السيطرة ولا داعي للقلق", "full", "حسام عبد الغفار"),
            Expected("فرقنا تعمل على", "full", "حسام عبد الغفار", implicit=True),
            Expected("لن نسمح بتكرار", "full", "وزيرة التضامن الاجتماعي", named=False),
            Expected("الأهرام"),
            Expected("مكتظة", "partial", "مصادر طبية في أسوان", named=False),
            Expected("قال لنا الطبيب", "full", "أحد السكان", named=False),
            Expected("اغلوا الماء قبل شربه", "full", "الطبيب", named=False),
        ],
    ),
    "beirut": (
        BEIRUT,
        [
            Expected("لبنان لن يكون", "full", "رئيس الحكومة", named=False),
            Expected("ستتخذ كل الإجراءات اللازمة", "partial", "رئيس الحكومة", False, True),
            Expected("عاجزة عن اتخاذ أي قرار", "partial", "النائب سامي الجميل"),
            Expected("نحن أمام مرحلة", "full", "النائب سامي الجميل"),
            Expected("فجر الجرود"),
            Expected("الوضع الاقتصادي هو", "full", "بنك الدولي"),  # للبنك: لل dropped as by Ctrl+T
            Expected("الانهيار لم يصل", "full", "الخبراء", named=False),
        ],
    ),
    # the quotation left open at the end of its line is not listed: no span may cross it
    "khartoum": (
        KHARTOUM,
        [
            Expected("هدنة إنسانية"),
            Expected("ضبط النفس", "partial", "الجامعة العربية"),
            Expected("ميليشيا متمردة", "partial", "الحكومة"),
            Expected("نحن ننام", "full", "فاطمة"),
        ],
    ),
}


_CLOSING = {"«": "»", "“": "”", "”": "”", '"': '"'}


def _stretch_end(text: str, start: int) -> int:
    return text.index(_CLOSING[text[start - 1]], start)


def gold(name: str) -> tuple[str, list[GoldStretch]]:
    """The text and its expected stretches as offsets."""
    text, expected = EXPECTED[name]
    out = []
    for item in expected:
        start = text.index(item.text)
        end = _stretch_end(text, start)
        if item.kind is None:
            out.append(GoldStretch(start, end, "not"))
            continue
        speaker = None
        if item.speaker:
            places = [i for i in range(len(text)) if text.startswith(item.speaker, i)]
            at = min(places, key=lambda i: abs(i - start))
            speaker = GoldSpeaker(at, at + len(item.speaker), item.named, item.implicit)
        out.append(GoldStretch(start, end, "quote", item.kind, speaker))
    return text, out
