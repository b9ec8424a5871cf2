from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.text.offsets import (
    Utf16Map,
    check_span_bounds,
    codepoint_to_utf16,
    is_boundary,
    utf16_to_codepoint,
)

MIXED = "😀 محمد 👨‍👩‍👧 بُوتِين 𝐀b"


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_guide_example_emoji_then_arabic():
    text = "😀 محمد"
    umap = Utf16Map(text)
    assert len(text) == 6
    assert umap.utf16_length == 7
    assert umap.to_utf16(2) == 3
    assert umap.to_codepoint(3) == 2


def test_ascii_and_arabic_only_are_identity():
    for text in ("hello world", "قال بوتين: ”في مواجهة"):
        umap = Utf16Map(text)
        assert umap.utf16_length == len(text)
        assert all(umap.to_utf16(i) == i == umap.to_codepoint(i) for i in range(len(text) + 1))


def test_empty_text():
    umap = Utf16Map("")
    assert umap.to_utf16(0) == 0
    assert umap.to_codepoint(0) == 0
    with pytest.raises(ValueError):
        umap.to_utf16(1)


def test_conversion_matches_utf16_encoding():
    umap = Utf16Map(MIXED)
    for cp in range(len(MIXED) + 1):
        pos = utf16_len(MIXED[:cp])
        assert umap.to_utf16(cp) == pos
        assert umap.to_codepoint(pos) == cp


def test_position_inside_surrogate_pair():
    text = "a😀b"
    umap = Utf16Map(text)
    with pytest.raises(ValueError, match="surrogate"):
        umap.to_codepoint(2)
    assert umap.to_codepoint(2, snap="down") == 1
    assert umap.to_codepoint(2, snap="up") == 2
    assert umap.to_codepoint(3) == 2


def test_adjacent_astral_characters():
    text = "😀😀"
    umap = Utf16Map(text)
    assert [umap.to_utf16(i) for i in range(3)] == [0, 2, 4]
    assert umap.to_codepoint(1, snap="down") == 0
    assert umap.to_codepoint(3, snap="up") == 2
    assert umap.to_codepoint(4) == 2


@pytest.mark.parametrize("cp", [-1, 4])
def test_to_utf16_out_of_range(cp):
    with pytest.raises(ValueError, match="outside"):
        Utf16Map("a😀b").to_utf16(cp)


@pytest.mark.parametrize("pos", [-1, 5])
def test_to_codepoint_out_of_range(pos):
    with pytest.raises(ValueError, match="outside"):
        Utf16Map("a😀b").to_codepoint(pos, snap="down")


def test_one_off_helpers():
    assert codepoint_to_utf16("😀 محمد", 6) == 7
    assert utf16_to_codepoint("😀 محمد", 7) == 6
    assert utf16_to_codepoint("😀", 1, snap="up") == 1


@given(st.text(), st.data())
def test_round_trip_property(text, data):
    umap = Utf16Map(text)
    assert umap.utf16_length == utf16_len(text)
    cp = data.draw(st.integers(0, len(text)))
    pos = umap.to_utf16(cp)
    assert pos == utf16_len(text[:cp])
    assert umap.to_codepoint(pos) == cp


@given(st.text(), st.data())
def test_snap_property(text, data):
    umap = Utf16Map(text)
    pos = data.draw(st.integers(0, umap.utf16_length))
    down = umap.to_codepoint(pos, snap="down")
    up = umap.to_codepoint(pos, snap="up")
    assert umap.to_utf16(down) <= pos <= umap.to_utf16(up)
    assert up - down in (0, 1)


def test_boundaries_around_harakat():
    text = "بُوتِين"
    assert [i for i in range(len(text) + 1) if not is_boundary(text, i)] == [1, 4]


def test_boundaries_inside_emoji_zwj_sequence():
    text = "👨\u200d👩\u200d👧"
    assert is_boundary(text, 0)
    assert not any(is_boundary(text, i) for i in range(1, len(text)))
    assert is_boundary(text, len(text))


def test_variation_selector_and_shadda_are_not_boundaries():
    assert not is_boundary("❤\ufe0f", 1)
    assert not is_boundary("محمّد", 3)
    assert is_boundary("محمّد", 4)


def test_boundary_outside_text():
    assert not is_boundary("abc", -1)
    assert not is_boundary("abc", 4)
    assert is_boundary("abc", 3)
    assert is_boundary("", 0)


def test_boundary_rejects_split_surrogates():
    text = "a\ud83d\ude00b"
    assert not is_boundary(text, 2)
    assert is_boundary(text, 3)


def test_spacing_combining_mark_is_not_a_boundary():
    assert not is_boundary("\u0915\u093f", 1)


def test_emoji_skin_tone_is_not_a_boundary():
    assert not is_boundary("👍🏽", 1)


def test_check_span_bounds_accepts_valid_span():
    assert check_span_bounds("قال بوتين", 4, 9) is None
    assert check_span_bounds("بُوتِين", 0, 7) is None


@pytest.mark.parametrize(
    ("start", "end", "fragment"),
    [
        (True, 3, "whole numbers"),
        (0, 2.0, "whole numbers"),
        ("0", 2, "whole numbers"),
        (-1, 2, "outside"),
        (0, 8, "outside"),
        (3, 3, "empty or reversed"),
        (4, 2, "empty or reversed"),
        (0, 1, "inside a character"),
        (2, 4, "inside a character"),
    ],
)
def test_check_span_bounds_reasons(start, end, fragment):
    message = check_span_bounds("بُوتِين", start, end)
    assert message is not None
    assert fragment in message


@given(st.text(), st.integers(-2, 12), st.integers(-2, 12))
def test_check_span_bounds_agrees_with_is_boundary(text, start, end):
    valid = 0 <= start < end <= len(text) and is_boundary(text, start) and is_boundary(text, end)
    assert (check_span_bounds(text, start, end) is None) == valid
