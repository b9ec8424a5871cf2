from __future__ import annotations

import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.text.normalize import PRESENTATION_FORMS, describe_rules, normalize_text

SEEDS = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))


def in_presentation_ranges(ch: str) -> bool:
    return 0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFE


def test_plain_seeds_are_unchanged_with_identity_map() -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        result = normalize_text(text)
        assert result.text is text
        assert not result.changed
        assert [result.map_offset(i) for i in range(0, len(text) + 1, 97)] == list(
            range(0, len(text) + 1, 97)
        )
        assert result.map_offset(len(text)) == len(text)


def test_bom_removed_everywhere() -> None:
    result = normalize_text("\ufeffقال\ufeff بوتين\ufeff")
    assert result.text == "قال بوتين"
    assert result.changed
    assert [result.map_offset(i) for i in range(13)] == [0, 0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 9]


def test_crlf_and_lone_cr_become_lf() -> None:
    result = normalize_text("أ\r\nب\rج\r\r\nد\n\r")
    assert result.text == "أ\nب\nج\n\nد\n\n"
    assert "\r" not in result.text


def test_offset_between_cr_and_lf_maps_to_the_lf() -> None:
    result = normalize_text("ab\r\ncd")
    assert result.text == "ab\ncd"
    assert result.map_offset(2) == 2
    assert result.map_offset(3) == 2
    assert result.map_offset(4) == 3
    assert result.map_offset(6) == 5


def test_lam_alef_ligature_expands_with_map() -> None:
    text = "قال \ufefb بد"
    result = normalize_text(text)
    assert result.text == "قال لا بد"
    assert len(result.text) == len(text) + 1
    assert result.map_offset(4) == 4
    assert result.map_offset(5) == 6
    assert result.map_offset(len(text)) == len(result.text)


def test_allah_ligature_expands_with_map() -> None:
    text = "بسم \ufdf2 ثم"
    result = normalize_text(text)
    assert result.text == "بسم الله ثم"
    assert result.map_offset(4) == 4
    assert result.map_offset(5) == 8
    assert result.text[result.map_offset(4) : result.map_offset(5)] == "الله"


def test_presentation_forms_of_a_word() -> None:
    assert normalize_text("\ufee3\ufea4\ufee4\ufeaa").text == "محمد"


@pytest.mark.parametrize("ch", ["\ufd3e", "\ufd3f", "\ufdd0", "\ufdef", "\ufe73", "\ufdfd"])
def test_presentation_range_chars_without_decomposition_stay(ch: str) -> None:
    text = f"{ch}نص{ch}"
    result = normalize_text(text)
    assert result.text == text
    assert not result.changed


def test_no_other_normalization() -> None:
    text = "e\u0301 ﬁ Ⅻ ＡＢ إ ـــ مُحَمَّد ١٢ 😀"
    assert normalize_text(text).text == text


def test_lone_surrogate_is_an_error_with_offset() -> None:
    with pytest.raises(ValueError, match="lone surrogate at offset 3"):
        normalize_text("قال\ud83d")
    with pytest.raises(ValueError, match="lone surrogate at offset 0"):
        normalize_text("\udc00\r\n")


def test_span_carried_through_crlf_and_ligatures() -> None:
    original = "\ufeffقال بوتين:\r\n\ufefb \ufdf2 أكبر\r\nوقال الكرملين إن\r\nموسكو"
    result = normalize_text(original)
    for word in ["بوتين", "الكرملين", "موسكو", "أكبر"]:
        start = original.index(word)
        end = start + len(word)
        assert result.text[result.map_offset(start) : result.map_offset(end)] == word
    start = original.index("\ufefb")
    end = original.index("أكبر") + len("أكبر")
    new = result.text[result.map_offset(start) : result.map_offset(end)]
    assert new == "لا الله أكبر"
    crossing = (original.index("إن"), original.index("موسكو") + 2)
    new_span = result.text[result.map_offset(crossing[0]) : result.map_offset(crossing[1])]
    assert new_span == "إن\nمو"


def test_map_offset_rejects_out_of_range() -> None:
    result = normalize_text("\ufefbب")
    assert result.map_offset(2) == 3
    with pytest.raises(ValueError):
        result.map_offset(3)
    with pytest.raises(ValueError):
        result.map_offset(-1)
    with pytest.raises(ValueError):
        normalize_text("ab").map_offset(3)


def test_describe_rules_mentions_each_rule() -> None:
    rules = describe_rules()
    for word in ["U+FEFF", "CRLF", "LF", "presentation", "NFKC", "surrogate"]:
        assert word in rules


def test_plain_article_takes_the_unchanged_path() -> None:
    text = SEEDS[-1].read_text(encoding="utf-8")[:4000]
    result = normalize_text(text)
    assert result.changed is False
    assert result.text is text
    assert [result.map_offset(i) for i in (0, 17, len(text))] == [0, 17, len(text)]


PIECES = st.one_of(
    st.characters(min_codepoint=0x0621, max_codepoint=0x0652),
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFDFF),
    st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFE),
    st.sampled_from(["\r", "\n", "\r\n", "\ufeff", " ", "😀", "👩‍👩‍👧", "a", "1", "\u200f"]),
)
TEXTS = st.lists(PIECES, max_size=60).map("".join)


def expected_piece(text: str, i: int) -> str:
    ch = text[i]
    if ch == "\r":
        return "" if text[i + 1 : i + 2] == "\n" else "\n"
    if ch == "\ufeff":
        return ""
    if in_presentation_ranges(ch):
        return unicodedata.normalize("NFKC", ch)
    return ch


@given(TEXTS)
def test_result_has_no_cr_bom_or_decomposable_forms(text: str) -> None:
    new = normalize_text(text).text
    assert "\r" not in new
    assert "\ufeff" not in new
    for ch in new:
        if in_presentation_ranges(ch):
            assert unicodedata.normalize("NFKC", ch) == ch


@given(TEXTS)
def test_map_is_monotonic_and_covers_the_text(text: str) -> None:
    result = normalize_text(text)
    mapped = [result.map_offset(i) for i in range(len(text) + 1)]
    assert mapped[0] == 0
    assert mapped[-1] == len(result.text)
    assert all(a <= b for a, b in pairwise(mapped))
    for i in range(len(text)):
        assert result.text[mapped[i] : mapped[i + 1]] == expected_piece(text, i)


@given(TEXTS)
def test_idempotent(text: str) -> None:
    once = normalize_text(text)
    twice = normalize_text(once.text)
    assert twice.text == once.text
    assert not twice.changed
    assert once.changed == (once.text != text)


def test_presentation_forms_table_matches_unicode() -> None:
    assert PRESENTATION_FORMS["\ufefb"] == "لا"
    assert PRESENTATION_FORMS["\ufdf2"] == "الله"
    assert "\ufd3e" not in PRESENTATION_FORMS
    assert all(in_presentation_ranges(ch) for ch in PRESENTATION_FORMS)
