"""The quote recipe's rules, each on short texts written for it (not from the seeds)."""

from __future__ import annotations

import pytest

from annotator.core.suggest.quotes import QuoteSuggestion, suggest_quotes


def quotes(text: str) -> dict[str, QuoteSuggestion]:
    """Suggestions by their text; every span slices the text exactly."""
    found = suggest_quotes(text)
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert not text[q.start].isspace() and not text[q.end - 1].isspace()
        assert "\n" not in text[q.start : q.end]
        assert 0 < q.confidence <= 1
        assert q.kind in ("full", "partial")
    return {text[q.start : q.end]: q for q in found}


def speaker(text: str, q: QuoteSuggestion) -> str | None:
    return text[q.speaker.start : q.speaker.end] if q.speaker else None


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("«", "»"), ("“", "”"), ('"', '"'), ("”", "”")],
    ids=["guillemets", "curly", "ascii", "closing-mark-both-sides"],
)
def test_every_mark_style(opening: str, closing: str):
    text = f"قال الوزير خالد منصور: {opening}سنبدأ العمل في المشروع الأسبوع المقبل{closing}."
    found = quotes(text)
    assert list(found) == ["سنبدأ العمل في المشروع الأسبوع المقبل"]
    q = found["سنبدأ العمل في المشروع الأسبوع المقبل"]
    assert q.kind == "full"
    assert speaker(text, q) == "الوزير خالد منصور"
    assert q.speaker.named and q.speaker.label == "PERSON"
    assert q.speaker_from == "verb_before"


def test_span_is_the_content_without_marks_or_inner_spaces():
    text = "وقال المدير: « الخطة جاهزة تماما للتنفيذ منذ أمس »."
    (q,) = suggest_quotes(text)
    assert text[q.start : q.end] == "الخطة جاهزة تماما للتنفيذ منذ أمس"
    assert text[q.start - 2 : q.start] == "« "


def test_nested_quotation_inside_a_quotation():
    text = 'وقالت المعلمة سعاد حسن: «قال لنا المدير "لن تغلق المدرسة أبوابها أبدا" ثم غادر».'
    found = quotes(text)
    outer = found['قال لنا المدير "لن تغلق المدرسة أبوابها أبدا" ثم غادر']
    inner = found["لن تغلق المدرسة أبوابها أبدا"]
    assert speaker(text, outer) == "المعلمة سعاد حسن"
    assert speaker(text, inner) == "المدير"
    assert outer.start < inner.start < inner.end < outer.end


def test_a_name_inside_a_quotation_is_not_a_nested_quotation():
    text = 'وقال المحلل: «ما نشرته صحيفة "الغد" عن الصفقة غير دقيق على الإطلاق».'
    assert "الغد" not in quotes(text)
    assert len(quotes(text)) == 1


def test_partial_quotes_inside_the_writers_sentence():
    text = 'وقالت النقابة إن الأجور الحالية "لا تكفي" وإن الإضراب سيستمر "حتى إشعار آخر".'
    found = quotes(text)
    assert found["لا تكفي"].kind == "partial"
    assert found["حتى إشعار آخر"].kind == "partial"
    assert speaker(text, found["لا تكفي"]) == "النقابة"
    assert speaker(text, found["حتى إشعار آخر"]) == "النقابة"


def test_one_word_quoted_from_a_speaker():
    text = 'وأكد قائد الشرطة وقوع "اشتباكات" قرب الحدود.'
    q = quotes(text)["اشتباكات"]
    assert q.kind == "partial"
    assert speaker(text, q) == "قائد الشرطة"
    assert q.confidence < 0.8  # one word is a weaker suggestion than a sentence


def test_speaker_after_the_quotation():
    text = "«الأسعار سترتفع مرة أخرى قبل نهاية العام»، قال الخبير الاقتصادي نبيل فهمي."
    q = quotes(text)["الأسعار سترتفع مرة أخرى قبل نهاية العام"]
    assert speaker(text, q) == "الخبير الاقتصادي نبيل فهمي"
    assert q.speaker_from == "verb_after"


def test_according_to_after_the_quotation():
    text = '"الطلب على القمح تضاعف هذا الموسم"، بحسب وزارة الزراعة.'
    q = quotes(text)["الطلب على القمح تضاعف هذا الموسم"]
    assert speaker(text, q) == "وزارة الزراعة"
    assert q.speaker.label == "ORG" and q.speaker.named


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("وقالت متحدثة باسم الشركة إن", "متحدثة باسم الشركة"),
        ("وقال مصدر في الحكومة إن", "مصدر في الحكومة"),
        ("وذكرت مصادر مطلعة أن", "مصادر مطلعة"),
        ("وأكد مسؤول أمني أن", "مسؤول أمني"),
    ],
)
def test_described_speaker_is_a_speaker_span(sentence: str, expected: str):
    text = f'{sentence} "المفاوضات ستستأنف الأسبوع المقبل في العاصمة".'
    (q,) = suggest_quotes(text)
    assert speaker(text, q) == expected
    assert q.speaker.label == "SPEAKER" and not q.speaker.named


def test_speaker_before_its_verb():
    text = 'لكن مصادر دبلوماسية قالت إن الاجتماع "لم يحقق أي تقدم يذكر".'
    q = quotes(text)["لم يحقق أي تقدم يذكر"]
    assert speaker(text, q) == "مصادر دبلوماسية"


def test_reported_from_speaker_not_the_agency():
    text = 'ونقلت وكالة الأنباء عن الوزير سالم قوله: "لن نتراجع عن قرارنا مهما حدث".'
    q = quotes(text)["لن نتراجع عن قرارنا مهما حدث"]
    assert speaker(text, q) == "الوزير سالم"
    assert q.speaker_from == "reported_from"


def test_pro_drop_verb_inherits_the_previous_speaker():
    text = (
        "قال رئيس البلدية كريم ناصر: «سنفتح الطريق خلال يومين».\n"
        "وأضاف: «الفرق تعمل ليلا ونهارا لإزالة الركام من الشوارع».\n"
        "وتابع أن الخسائر «كبيرة جدا»."
    )
    found = quotes(text)
    added = found["الفرق تعمل ليلا ونهارا لإزالة الركام من الشوارع"]
    assert speaker(text, added) == "رئيس البلدية كريم ناصر"
    assert added.speaker_from == "previous_quote"
    assert speaker(text, found["كبيرة جدا"]) == "رئيس البلدية كريم ناصر"


def test_pro_drop_inherits_a_reported_speaker_of_the_sentence_before():
    text = (
        "وحذرت الوزيرة ليلى عمر من موجة حر جديدة.\n"
        'وقالت "على الجميع البقاء في المنازل وقت الظهيرة وشرب الماء".'
    )
    q = quotes(text)["على الجميع البقاء في المنازل وقت الظهيرة وشرب الماء"]
    assert speaker(text, q) == "الوزيرة ليلى عمر"
    assert q.speaker_from == "previous_sentence"


@pytest.mark.parametrize(
    "text",
    [
        "وقال المتحدث في مقابلة مع قناة «الحدث» إن الوضع مستقر.",
        'ونشرت صحيفة "الوطن" تقريرا عن الفساد.',
        "كما ذكرت وكالة «أسوشيتد برس» في تقرير لها.",
        'وأطلق الجيش صاروخا من طراز "سكود" على المدينة.',
        'وأعلنت الحكومة انتهاء عملية "درع الشمال" العسكرية.',
        "وقال مسؤول لـ«الشرق الأوسط» إن المحادثات مستمرة.",
        "وكتب على حسابه في منصة «إكس» أن الاتفاق قريب.",
        "«العربي الجديد» (لندن)",
        '- "الأسعار" -',
        "وأظهرت الصور شعار «NATO» على الدبابات.",
    ],
)
def test_names_and_terms_in_marks_are_not_quotations(text: str):
    assert suggest_quotes(text) == []


def test_unbalanced_mark_never_spans_a_line_break():
    text = (
        'وقال الوزير: "سنعمل على حل المشكلة قريبا\n'
        'وفي سياق آخر، "ارتفعت" الأسعار.\nوانتهى الاجتماع.'
    )
    for q in suggest_quotes(text):
        assert "\n" not in text[q.start : q.end]
    assert "سنعمل على حل المشكلة قريبا" not in quotes(text)


def test_quotation_running_over_paragraphs_ends_with_its_paragraph():
    text = (
        "وقال الرئيس: «لقد مررنا بعام صعب على الجميع في كل المدن.\n\n"
        "«لكننا سنخرج من الأزمة أقوى مما كنا عليه في أي وقت مضى»."
    )
    found = quotes(text)
    first = found["لقد مررنا بعام صعب على الجميع في كل المدن."]
    second = found["لكننا سنخرج من الأزمة أقوى مما كنا عليه في أي وقت مضى"]
    assert speaker(text, first) == "الرئيس"
    assert speaker(text, second) == "الرئيس"


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "خبر بلا علامات اقتباس، ولا كلام منقول فيه.", "«»", '""""', "« »", "»«", "“"],
)
def test_no_marks_or_empty_marks_give_nothing(text: str):
    assert suggest_quotes(text) == []


def test_speaker_is_never_inside_a_quotation():
    text = (
        'قال "الرئيس قال إن الوزير سيستقيل" مصدر مطلع.\n'
        'وقال "وزير الخارجية" أحمد: "إن الرئيس قال: الوضع صعب جدا الآن".'
    )
    found = suggest_quotes(text)
    spans = [(q.start, q.end) for q in found]
    for q in found:
        if q.speaker:
            for s, e in spans:
                assert q.speaker.end <= s or e <= q.speaker.start


def test_quotation_marks_right_after_a_proclitic():
    text = 'ولفت الوزير إلى "إجراءات مشتركة" و"تبادل المعلومات" بين البلدين.'
    found = quotes(text)
    assert speaker(text, found["إجراءات مشتركة"]) == "الوزير"
    assert speaker(text, found["تبادل المعلومات"]) == "الوزير"


@pytest.mark.parametrize(
    ("text", "quote", "who"),
    [
        (
            'وقال الأمين العام للأمم المتحدة أنطونيو غوتيريش: "العالم يقف على حافة الهاوية".',
            "العالم يقف على حافة الهاوية",
            "الأمين العام للأمم المتحدة أنطونيو غوتيريش",
        ),
        (
            'من جانبه، اعتبر المحلل السياسي أحمد عبد الله أن "الانتخابات لن تغير شيئا".',
            "الانتخابات لن تغير شيئا",
            "المحلل السياسي أحمد عبد الله",
        ),
        (
            'وحذر صندوق النقد الدولي من أن الاقتصاد العالمي "يواجه مخاطر كبيرة".',
            "يواجه مخاطر كبيرة",
            "صندوق النقد الدولي",
        ),
        (
            'وأكد بيان صادر عن الرئاسة أن "الزيارة تأتي في إطار تعزيز العلاقات".',
            "الزيارة تأتي في إطار تعزيز العلاقات",
            "الرئاسة",
        ),
        (
            'وبحسب المرصد السوري لحقوق الإنسان، فإن "الغارات أسفرت عن سقوط عشرات القتلى".',
            "الغارات أسفرت عن سقوط عشرات القتلى",
            "المرصد السوري",
        ),
        (
            '"نحن مستعدون للحوار"، هذا ما قاله وزير الخارجية الإيراني.',
            "نحن مستعدون للحوار",
            "وزير الخارجية الإيراني",
        ),
        (
            'وانتقد الوزير ما وصفه بـ"التدخل السافر" في شؤون بلاده.',
            "التدخل السافر",
            "الوزير",
        ),
        (
            'وغرّد السفير الأمريكي قائلا: "نقف مع الشعب اللبناني".',
            "نقف مع الشعب اللبناني",
            "السفير الأمريكي",
        ),
        (
            '"لقد فقدنا كل شيء"، تقول أم محمد وهي تبكي أمام منزلها المدمر.',
            "لقد فقدنا كل شيء",
            "أم محمد",
        ),
        (
            'وردّ المتحدث باسم الحكومة قائلا إن الاتهامات "لا أساس لها من الصحة".',
            "لا أساس لها من الصحة",
            "المتحدث باسم الحكومة",
        ),
        (
            "«لا نريد حربا مع أحد»، قال مسؤول أمريكي طلب عدم الكشف عن اسمه.",
            "لا نريد حربا مع أحد",
            "مسؤول أمريكي",
        ),
        (
            'بوتين: "لن نتراجع عن أهدافنا في أوكرانيا"',
            "لن نتراجع عن أهدافنا في أوكرانيا",
            "بوتين",
        ),
        (
            'صدر عن وزير الداخلية والبلديات سمير حداد بيان جاء فيه: "لن نسمح بالفوضى في الشوارع".',
            "لن نسمح بالفوضى في الشوارع",
            "وزير الداخلية والبلديات سمير حداد",
        ),
        (
            'وتابع المتحدث الرسمي باسم رئاسة مجلس الوزراء: "الأسعار ستستقر قريبا جدا".',
            "الأسعار ستستقر قريبا جدا",
            "المتحدث الرسمي باسم رئاسة مجلس الوزراء",
        ),
        (
            'وذكر بيان للوزارة أن "الخدمات ستعود إلى طبيعتها خلال ساعات".',
            "الخدمات ستعود إلى طبيعتها خلال ساعات",
            "وزارة",
        ),
        (
            "أكد مدرب فريق النجوم الإسباني خوان بيريز أن الفوز مستحق.\n"
            'وقال: "لعبنا بذكاء في الشوط الثاني وحققنا ما أردناه".',
            "لعبنا بذكاء في الشوط الثاني وحققنا ما أردناه",
            "مدرب فريق النجوم الإسباني خوان بيريز",
        ),
        (
            'وقال شهود عيان لـ"العربي الجديد" إن القصف "لم يتوقف طوال الليل".',
            "لم يتوقف طوال الليل",
            "شهود عيان",
        ),
    ],
)
def test_speakers_of_common_news_patterns(text: str, quote: str, who: str):
    found = quotes(text)
    assert list(found) == [quote]
    assert speaker(text, found[quote]) == who


@pytest.mark.parametrize(
    "text",
    [
        'وأعلنت "حماس" مسؤوليتها عن الهجوم.',
        'ويرى مراقبون أن ما يسمى "صفقة القرن" انتهت.',
        'وأطلقت إسرائيل على العملية اسم "السيوف الحديدية".',
        'وكتب على منصته "تروث سوشيال" أن الاتفاق قريب.',
        'وكتب الوزير عبر حسابه على "تويتر" أن الحكومة ستعلن عن خطة جديدة.',
        'وذكرت الوكالة، نقلا عن "مصادر مطلعة"، أن الاجتماع تأجل.',
        'وأشارت التقارير إلى أن حلف "الناتو" يدرس إرسال قوات إضافية.',
        'وبحسب "رويترز"، فإن المفاوضات متعثرة.',
        "وأفادت وكالة الأنباء الرسمية «سانا» بأن القصف استهدف مواقع عسكرية.",
        'ولم يوضح البيان ما إذا كان "الاتفاق النهائي" سيوقع قريبا.',
        'وانتشر وسم "#لا_للحرب" على مواقع التواصل.',
        'وطالبت العائلة بكشف ملابسات مقتل الطالب "كريم يوسف".',
        'وأوضح أن الصورة نشرت في إحدى الصفحات على "فيسبوك" أمس.',
        'وقال خلال مداخلة ببرنامج "صباح الخير" عبر فضائية "النهار" إن الأسعار ستنخفض.',
        'وأكد الكاتب أن الرئيس الأمريكي "روزفلت" غير سياسة بلاده.',
        'ويقول السكان إن المدينة كانت في يد والي "الدولة" لسنوات.',
        'وقال المحتجون إنهم أضرموا النار في بلدية "ليون" ليلا.',
        'ونفى مصدر مقرب من "الائتلاف الوطني" أن تكون المفاوضات قد توقفت.',
        'وقالت مصادر في المنطقة المتعلقة بـ"سد النهضة" إن العمل مستمر.',
        'لكن مسؤولين تحدثا إلى "الغارديان" أكدا أن القرار لم يتخذ بعد.',
        'محللون: "الليرة" ستواصل التراجع هذا العام',
    ],
)
def test_names_after_a_verb_or_a_naming_word(text: str):
    assert suggest_quotes(text) == []


def test_a_feminine_noun_after_a_masculine_verb_is_its_object_not_its_speaker():
    text = (
        'وقال المتحدث سامر عيد: "لم نتلق أي طلب رسمي حتى الآن".\n'
        "وأكد المعلومات التي نشرتها الصحف عن الاجتماع.\n"
        'وقال: "سنعلن النتائج في مؤتمر صحفي قريبا جدا".'
    )
    q = quotes(text)["سنعلن النتائج في مؤتمر صحفي قريبا جدا"]
    assert speaker(text, q) == "المتحدث سامر عيد"


def test_a_name_once_is_a_name_everywhere_in_the_text():
    text = (
        'الوزارة تؤكد أن المدارس خالية من "الحصبة"\n'
        'وأكدت الوزارة أنها لم تسجل أي إصابة بمرض "الحصبة" في المدارس.'
    )
    assert suggest_quotes(text) == []


def test_speaker_of_a_sentence_that_opens_with_a_verb_not_listed():
    text = (
        "وكان أحد القراء قد أرسل سؤالا إلى الصحيفة، قال فيه: "
        '"هل ستعود الكهرباء قبل نهاية الأسبوع المقبل؟".'
    )
    q = quotes(text)["هل ستعود الكهرباء قبل نهاية الأسبوع المقبل؟"]
    assert speaker(text, q) == "أحد القراء"


def test_an_unlisted_verb_with_no_subject_inherits_the_last_speaker():
    text = (
        "كتب الوزير هشام زكي: ذكرت التقارير أن الخطة تأخرت.\n"
        'واستدرك: "لكننا سننجز المشروع في موعده المحدد".'
    )
    q = quotes(text)["لكننا سننجز المشروع في موعده المحدد"]
    assert speaker(text, q) == "الوزير هشام زكي"  # not التقارير, inside his own words
