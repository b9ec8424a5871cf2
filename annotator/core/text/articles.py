"""Title, publication date, source and link of a scraped news article.

The text itself is never modified: these are read from it for the document list and
exports, and the whole article (noise included) stays annotatable.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

TITLE_MAX = 200
EDGE_LINES = 10
BYLINE_MAX_WORDS = 4

_DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_DATE_YMD = re.compile(rf"({_DIGIT}{{4}})([/-])({_DIGIT}{{1,2}})\2({_DIGIT}{{1,2}})")
_DATE_DMY = re.compile(rf"({_DIGIT}{{1,2}})([/-])({_DIGIT}{{1,2}})\2({_DIGIT}{{4}})")
_SOURCE = re.compile(r"المصدر\s*:\s*(.*)")
_URL = re.compile(r"https?://[^\s<>\"'«»“”]+")
_URL_TRAILING = ".,;:!?)]}،؛"
_LINK_WORDS = re.compile(r"المصدر|رابط|موقع|نقلا عن|نقلاً عن|source|link", re.IGNORECASE)
_BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@dataclass(frozen=True)
class ArticleInfo:
    """What was read from an article: title, ISO date, source name and extra metadata."""

    title: str
    published: str | None
    source: str | None
    meta: dict[str, str] = field(default_factory=dict)


def parse_article(text: str) -> ArticleInfo:
    """Read title, date (ISO), source and meta ("url", "byline") from an article's text.

    Only looks; never changes the text, so offsets into it stay valid.
    """
    lines = [clean for line in text.split("\n") if (clean := _clean(line))]
    edges = lines[:EDGE_LINES] + lines[-EDGE_LINES:]
    published = next((iso for line in edges if (iso := parse_date_line(line))), None)
    title_at = next((i for i, line in enumerate(lines) if parse_date_line(line) is None), None)
    title = _shorten(lines[title_at]) if title_at is not None else ""
    source_match = next((match for line in lines if (match := _SOURCE.match(line))), None)
    source_line = source_match.string if source_match else None
    source = (source_match.group(1).strip() or None) if source_match else None
    meta: dict[str, str] = {}
    url = _article_url(lines[-EDGE_LINES:], source_line)
    if url:
        meta["url"] = url
    if title_at is not None and (byline := _byline(lines, title_at)):
        meta["byline"] = byline
    return ArticleInfo(title, published, source, meta)


def parse_date_line(line: str) -> str | None:
    """ISO date (YYYY-MM-DD) if the line is only a date such as 2022/12/19 or ١٩-١٢-٢٠٢٢.

    Day-first for D/M/Y, as Arabic news writes it; impossible dates give None.
    """
    line = _clean(line)
    if not line[:1].isdigit():  # most lines: no need for the two patterns
        return None
    if match := _DATE_YMD.fullmatch(line):
        year, month, day = match.group(1, 3, 4)
    elif match := _DATE_DMY.fullmatch(line):
        day, month, year = match.group(1, 3, 4)
    else:
        return None
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _clean(line: str) -> str:
    return line.strip().strip(_BIDI_MARKS).strip()


def _shorten(title: str) -> str:
    if len(title) <= TITLE_MAX:
        return title
    return title[: TITLE_MAX - 1].rstrip() + "…"


def _article_url(tail: list[str], source_line: str | None) -> str | None:
    candidates = [*tail, source_line] if source_line else tail
    for line in reversed(candidates):
        urls = _URL.findall(line)
        if urls and _LINK_WORDS.search(_URL.sub(" ", line)):
            return urls[-1].rstrip(_URL_TRAILING)
    return None


def _byline(lines: list[str], title_at: int) -> str | None:
    """A short name-only line right after the title (and any date), before a paragraph."""
    after = [line for line in lines[title_at + 1 : title_at + 4] if parse_date_line(line) is None]
    if len(after) < 2:
        return None
    candidate, following = after[0], after[1]
    words = candidate.split()
    if not 1 <= len(words) <= BYLINE_MAX_WORDS or len(following.split()) <= BYLINE_MAX_WORDS:
        return None
    if not all(_is_word(word) for word in words) or _SOURCE.match(candidate):
        return None
    return " ".join(words)


def _is_word(word: str) -> bool:
    return word[0].isalpha() and all(
        ch.isalpha() or unicodedata.category(ch).startswith("M") for ch in word
    )
