from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.text.articles import ArticleInfo, parse_article, parse_date_line

SEEDS = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))


def seed(prefix: str) -> str:
    (path,) = [p for p in SEEDS if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


def test_seed_000_title_only() -> None:
    info = parse_article(seed("000"))
    assert info == ArticleInfo(
        title="بوتين وشي يجريان محادثات بينما تقصف روسيا أوكرانيا مجددا",
        published=None,
        source=None,
        meta={},
    )


def test_seed_001_title_and_byline() -> None:
    info = parse_article(seed("001"))
    assert (
        info.title
        == "قال فلاديمير بوتين إنه مستعد للتفاوض بشأن أوكرانيا قبل لقائه مع الزعيم الصيني"
    )
    assert info.published is None
    assert info.source is None
    assert info.meta == {"byline": "فريق التحرير"}


def test_seed_002_source_line() -> None:
    info = parse_article(seed("002"))
    assert info.title.startswith("أعلن الرئيس الصيني شي جين بينغ الأربعاء أن الحفاظ")
    assert info.title.endswith("ميخائيل ميشوستين في بكين.")
    assert info.source == "الجزيرة"
    assert info.published is None
    assert info.meta == {}


def test_seed_003_date_title_and_url() -> None:
    info = parse_article(seed("003"))
    assert info.title == "بوتين يدعو إلى تعزيز العلاقات العسكرية مع بيلاروس بعد ساعات من قصف كييف"
    assert info.published == "2022-12-19"
    assert info.source is None
    assert info.meta == {"url": "https://almashhad-alduali.com/news19314.html"}


def test_seed_004_sentence_with_source_word_is_not_a_source() -> None:
    info = parse_article(seed("004"))
    assert (
        info.title
        == "بعد لقائه مستشار الأمن القومي الأميركي... وزير الخارجية الصيني يتوجه إلى روسيا"
    )
    assert info.source is None
    assert info.published is None
    assert "byline" not in info.meta


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_text_is_never_modified(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    copy = str(text)
    parse_article(text)
    assert text == copy


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("2022/12/19", "2022-12-19"),
        ("2022-12-19", "2022-12-19"),
        ("19/12/2022", "2022-12-19"),
        ("19-12-2022", "2022-12-19"),
        ("٢٠٢٢/١٢/١٩", "2022-12-19"),
        ("١٩/١٢/٢٠٢٢", "2022-12-19"),
        ("  2024/2/9 \u200f", "2024-02-09"),
        ("2024/02/29", "2024-02-29"),
        ("2023/02/29", None),
        ("2022/13/01", None),
        ("12/19/2022", None),
        ("2022/12-19", None),
        ("2022/12/19 10:30", None),
        ("نشر في 2022/12/19", None),
        ("20221219", None),
    ],
)
def test_date_lines(line: str, iso: str | None) -> None:
    assert parse_date_line(line) == iso


def test_date_at_the_end_is_found() -> None:
    body = "\n".join(f"فقرة رقم {i} من النص." for i in range(30))
    info = parse_article(f"عنوان الخبر\n{body}\n١٩-١٢-٢٠٢٢\n")
    assert info.published == "2022-12-19"
    assert info.title == "عنوان الخبر"


def test_date_in_the_middle_is_ignored() -> None:
    lines = [f"فقرة رقم {i} من النص." for i in range(30)]
    lines[15] = "2022/12/19"
    assert parse_article("عنوان\n" + "\n".join(lines)).published is None


def test_title_skips_blank_and_date_lines_and_crlf() -> None:
    info = parse_article("\r\n  \r\n2022-12-19\r\n  عنوان الخبر  \r\nنص الخبر هنا.\r\n")
    assert info.title == "عنوان الخبر"
    assert info.published == "2022-12-19"


def test_long_title_is_shortened() -> None:
    title = "كلمة " * 100
    info = parse_article(title + "\nنص")
    assert len(info.title) == 200
    assert info.title.endswith("…")
    assert title.startswith(info.title[:-1])


def test_title_of_exactly_200_chars_is_kept() -> None:
    title = "ب" * 200
    assert parse_article(title).title == title


def test_empty_text() -> None:
    assert parse_article("") == ArticleInfo("", None, None, {})
    assert parse_article("2022/12/19\n").title == ""


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("المصدر: الجزيرة", "الجزيرة"),
        ("المصدر : وكالات", "وكالات"),
        ("المصدر:رويترز  ", "رويترز"),
        ("\u200fالمصدر: وكالة الأنباء الفرنسية", "وكالة الأنباء الفرنسية"),
        ("وقال المصدر: «لا تعليق»", None),
        ("المصدر الأوكراني قال إن", None),
        ("المصدر:", None),
    ],
)
def test_source_lines(line: str, source: str | None) -> None:
    assert parse_article(f"عنوان\nنص الخبر.\n{line}\nخاتمة.").source == source


def test_url_on_a_source_line() -> None:
    text = "عنوان\nنص.\nالمصدر: https://example.com/a/1.html"
    info = parse_article(text)
    assert info.meta["url"] == "https://example.com/a/1.html"
    assert info.source == "https://example.com/a/1.html"


def test_url_without_a_source_word_is_ignored() -> None:
    assert "url" not in parse_article("عنوان\nشاهد https://example.com/video\n").meta


def test_url_trailing_punctuation_is_dropped() -> None:
    info = parse_article("عنوان\nنص.\nرابط الخبر: https://example.com/n/5.html.")
    assert info.meta["url"] == "https://example.com/n/5.html"


def test_byline_needs_a_paragraph_after_it() -> None:
    assert parse_article("عنوان الخبر\nفريق التحرير\nقصير").meta == {}
    info = parse_article("عنوان الخبر\n2022/12/19\nأحمد محمد\nقال الرئيس اليوم إن المحادثات بدأت.")
    assert info.meta == {"byline": "أحمد محمد"}
    assert info.published == "2022-12-19"


@pytest.mark.parametrize(
    "second",
    ["روسيا والصين في قمة بكين الطويلة", "TT 2", "(أ ب)", "المصدر: الجزيرة", "قال: نعم"],
)
def test_not_a_byline(second: str) -> None:
    text = f"عنوان الخبر\n{second}\nقال الرئيس اليوم إن المحادثات بدأت في العاصمة."
    assert "byline" not in parse_article(text).meta
