from __future__ import annotations

import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.text.offsets import is_boundary
from annotator.core.text.tokens import (
    snap_to_words,
    spaced_tokens,
    spaces_after,
    token_span,
    tokenize,
)

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
ALPHABET = st.sampled_from(
    [
        *"ابتجحدرسعفقكلمنهويءأإآةى",
        *"\u064e\u0650\u0651\u0652\u0670\u0640",
        *"aZk09٠٣۵.,/:٫٬-()،؛؟”“«»\"'’_",
        *" \n\t\u00a0",
        *"😀👨👩\u200d\ufe0f\u0301🇸🇦",
    ]
)
RANDOM_TEXT = st.text(ALPHABET, max_size=50)


def words(text: str, split_at: tuple[int, ...] = ()) -> list[str]:
    return [text[s:e] for s, e in tokenize(text, split_at)]


def cuts_character(text: str, pos: int) -> bool:
    return not is_boundary(text, pos) and not (text[pos - 1].isspace() or text[pos].isspace())


def assert_partition(text: str, tokens: list[tuple[int, int]]) -> None:
    pos = 0
    pieces = []
    for start, end in tokens:
        assert pos <= start < end
        gap = text[pos:start]
        assert gap.strip() == ""
        pieces += [gap, text[start:end]]
        assert not any(ch.isspace() for ch in text[start:end])
        assert not cuts_character(text, start)
        assert end == len(text) or not cuts_character(text, end)
        pos = end
    assert text[pos:].strip() == ""
    assert "".join(pieces) + text[pos:] == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال بوتين: ”في مواجهة", ["قال", "بوتين", ":", "”", "في", "مواجهة"]),
        ("(أ ب)-", ["(", "أ", "ب", ")", "-"]),
        ("2022/12/19", ["2022/12/19"]),
        ("play-circle 01:26", ["play", "-", "circle", "01:26"]),
        ("3.5 و1,254 و٣٫٥ ۱۲", ["3.5", "و", "1,254", "و", "٣٫٥", "۱۲"]),
        ("COVID19 كوفيد19", ["COVID19", "كوفيد", "19"]),
        ("2022/ 12.. 5,,6", ["2022", "/", "12", ".", ".", "5", ",", ",", "6"]),
        (
            "«الوضع»، “الصعب”؛ لماذا؟",
            ["«", "الوضع", "»", "،", "“", "الصعب", "”", "؛", "لماذا", "؟"],
        ),
        ("'it's' ‘ok’", ["'", "it", "'", "s", "'", "‘", "ok", "’"]),
        ("بوتينTT", ["بوتين", "TT"]),
        ("الـ 24 ساعة", ["الـ", "24", "ساعة"]),
    ],
)
def test_examples(text, expected):
    assert words(text) == expected


def test_harakat_and_tatweel_stay_in_the_word():
    assert words("بُوتِين") == ["بُوتِين"]
    assert words("مُحَمَّدٌ بوتـــين") == ["مُحَمَّدٌ", "بوتـــين"]


def test_emoji_sequences_are_one_token():
    family = "👨\u200d👩\u200d👧"
    assert words(f"{family} 👍🏽 ❤\ufe0f 🇸🇦🇪🇬") == [family, "👍🏽", "❤\ufe0f", "🇸🇦", "🇪🇬"]
    assert words(f"قال{family}!") == ["قال", family, "!"]


def test_marks_attach_to_the_previous_character():
    assert words("cafe\u0301 (\u064e") == ["cafe\u0301", "(\u064e"]
    assert words("\u064e\u064e x") == ["\u064e\u064e", "x"]


def test_lone_zwj_joins_what_follows():
    assert words("\u200d \u200dبوتين") == ["\u200d", "\u200dبوتين"]
    assert words("0\u200d\u200d: x") == ["0\u200d\u200d:", "x"]


def test_split_at_clitic():
    assert words("وموسكو", (1,)) == ["و", "موسكو"]
    text = "قال وبالصين ولبوتين"
    assert words(text, (5, 8, 13)) == ["قال", "و", "بال", "صين", "و", "لبوتين"]


def test_split_at_ignores_bad_offsets():
    text = "وَموسكو بُوتِين"
    assert words(text, (-3, 0, 1, 7, 8, 9, 12, 15, 99)) == ["وَموسكو", "بُوتِين"]
    assert words(text, (2,)) == ["وَ", "موسكو", "بُوتِين"]
    family = "👨\u200d👩"
    assert words(family, (1, 2)) == [family]


def test_split_at_several_cuts_in_one_token():
    assert words("وبالصين", (4, 1, 2, 1)) == ["و", "ب", "ال", "صين"]


def test_seeds_tokenize_without_spaces():
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        tokens = tokenize(text)
        assert_partition(text, tokens)
        assert "2022/12/19" in {text[s:e] for s, e in tokens} or "2022/12/19" not in text


def test_seed_quote():
    text = SEEDS[0].read_text(encoding="utf-8")
    at = text.index("قال بوتين:")
    assert words(text[at : at + 22]) == ["قال", "بوتين", ":", "”", "في", "مواجهة"]
    assert "(أ ب)-" in text


@given(RANDOM_TEXT)
def test_partition_property(text):
    tokens = tokenize(text)
    assert_partition(text, tokens)


@given(RANDOM_TEXT, st.lists(st.integers(-2, 52), max_size=6))
def test_split_at_property(text, offsets):
    plain = tokenize(text)
    tokens = tokenize(text, offsets)
    assert_partition(text, tokens)
    cuts = {pos for pos in offsets if is_boundary(text, pos) and any(s < pos < e for s, e in plain)}
    edges = {edge for token in tokens for edge in token}
    assert edges == {edge for token in plain for edge in token} | cuts


def test_snap_extends_to_word_edges():
    text = "قال الرئيس بوتين: ”في"
    assert snap_to_words(text, 6, 13) == (4, 16)
    assert snap_to_words(text, 3, 5) == (4, 10)
    assert snap_to_words(text, 11, 16) == (11, 16)
    assert snap_to_words(text, 12, 17) == (11, 17)
    assert snap_to_words(text, 0, len(text)) == (0, len(text))


def test_snap_never_cuts_a_mark():
    text = "بُوتِين"
    assert snap_to_words(text, 1, 2) == (0, 7)


def test_snap_whitespace_only_selection():
    text = "قال   بوتين"
    assert snap_to_words(text, 3, 6) == (3, 3)
    assert snap_to_words(text, 4, 4) == (4, 4)


def test_snap_clamps_out_of_range():
    assert snap_to_words("قال بوتين", -5, 99) == (0, 9)


@given(RANDOM_TEXT, st.integers(0, 50), st.integers(0, 50))
def test_snap_property(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    lo, hi = snap_to_words(text, start, end)
    if not text[start:end].strip():
        assert (lo, hi) == (start, start)
        return
    tokens = tokenize(text)
    assert token_span(tokens, lo, hi) is not None
    assert lo <= start + len(text[start:end]) - len(text[start:end].lstrip())
    assert hi >= end - len(text[start:end]) + len(text[start:end].rstrip())


def test_token_span():
    text = "قال الرئيس بوتين: ”في"
    tokens = tokenize(text)
    assert token_span(tokens, 4, 16) == (1, 2)
    assert token_span(tokens, 11, 17) == (2, 3)
    assert token_span(tokens, 0, 3) == (0, 0)
    assert token_span(tokens, 5, 16) is None
    assert token_span(tokens, 4, 15) is None
    assert token_span(tokens, 4, 4) is None
    assert token_span(tokens, 11, 10) is None
    assert token_span(tokens, 100, 200) is None
    assert token_span([], 0, 1) is None


def test_token_span_after_split():
    text = "وموسكو"
    assert token_span(tokenize(text), 1, 6) is None
    assert token_span(tokenize(text, (1,)), 1, 6) == (1, 1)


def spaced(text: str, starts=(), ends=()) -> list[tuple[str, bool]]:
    tokens = spaced_tokens(text, set(starts), set(ends))
    return [
        (text[s:e], ws) for (s, e), ws in zip(tokens, spaces_after(tokens, len(text)), strict=True)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # what spacy.blank("xx")(text) gives, token by token (text, whitespace_ != "")
        ("a\n\nb  c", [("a", False), ("\n\n", False), ("b", True), (" ", False), ("c", False)]),
        ("a \nb", [("a", True), ("\n", False), ("b", False)]),
        ("a\n b", [("a", False), ("\n ", False), ("b", False)]),
        (
            "a\t b \u00a0c",
            [("a", False), ("\t ", False), ("b", True), ("\u00a0", False), ("c", False)],
        ),
        ("  a  ", [("  ", False), ("a", True), (" ", False)]),
        ("a\n", [("a", False), ("\n", False)]),
        ("\u2029", [("\u2029", False)]),
        ("", []),
    ],
)
def test_spaced_tokens_follow_spacy(text, expected):
    assert spaced(text) == expected


def test_spaced_tokens_cut_whitespace_at_span_edges():
    text = "قال  \n\nبوتين"
    assert spaced(text, starts=[5]) == [
        ("قال", True),
        (" ", False),
        ("\n\n", False),
        ("بوتين", False),
    ]
    # a span that starts on the space after a word, or ends on it, keeps the space a token
    assert spaced("a b", starts=[1]) == [("a", False), (" ", False), ("b", False)]
    assert spaced("a b", ends=[2]) == [("a", False), (" ", False), ("b", False)]
    assert spaced("a b", starts=[2], ends=[1]) == [("a", True), ("b", False)]
    assert spaced("وموسكو بوتين", starts=[1]) == [("و", False), ("موسكو", True), ("بوتين", False)]


@given(
    RANDOM_TEXT, st.lists(st.integers(0, 50), max_size=4), st.lists(st.integers(0, 50), max_size=4)
)
def test_spaced_tokens_rebuild_the_text(text, starts, ends):
    starts = {pos for pos in starts if is_boundary(text, pos)}
    ends = {pos for pos in ends if is_boundary(text, pos)}
    tokens = spaced_tokens(text, starts, ends)
    spaces = spaces_after(tokens, len(text))
    rebuilt = "".join(
        text[s:e] + (" " if ws else "") for (s, e), ws in zip(tokens, spaces, strict=True)
    )
    assert rebuilt == text
    for (s, e), ws in zip(tokens, spaces, strict=True):
        assert s < e
        assert text[s:e].isspace() or not any(ch.isspace() for ch in text[s:e])
        assert not (ws and text[s:e].isspace())
    words_only = [(s, e) for s, e in tokens if not text[s:e].isspace()]
    assert words_only == tokenize(text, starts | ends)
    token_starts = {s for s, _ in tokens}
    token_ends = {e for _, e in tokens}
    assert all(left[1] <= right[0] for left, right in pairwise(tokens))
    assert spaces == [e not in token_starts and e != len(text) for _, e in tokens]
    assert starts - {len(text)} <= token_starts
    assert ends - {0} <= token_ends


def test_stored_mark_table_equals_a_fresh_scan():
    from annotator.core.text import attaching_marks, tokens

    assert unicodedata.unidata_version == attaching_marks.UNIDATA_VERSION
    assert tokens._attaching() == tokens.scan_attaching()


def test_a_table_for_another_unicode_version_is_not_used(monkeypatch):
    from annotator.core.text import attaching_marks, tokens

    monkeypatch.setattr(attaching_marks, "UNIDATA_VERSION", "0.0.0")
    monkeypatch.setattr(attaching_marks, "ATTACHING", ((0x41, 0x41),))
    assert tokens._attaching() == tokens.scan_attaching()
