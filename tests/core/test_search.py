from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.text.offsets import check_span_bounds
from annotator.core.text.search import find_all, fold, fold_with_map

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
HARAKAT = "".join(chr(cp) for cp in range(0x064B, 0x0653)) + "\u0670"
ALPHABET = st.sampled_from(
    [
        *"ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآٱىةؤئ",
        *HARAKAT,
        *"\u0640\u0654 \n،",
        *"aBcDeZ0",
        *"😀👍\U0001f3fd\u200d",
    ]
)
RANDOM_TEXT = st.text(ALPHABET, max_size=60)


def matched(text: str, query: str) -> list[str]:
    return [text[s:e] for s, e in find_all(text, query)]


def test_fold_rules():
    assert fold("بُوتِينُ") == "بوتين"
    assert fold("بوتـــين") == "بوتين"
    assert fold("أحمد إحمد آحمد ٱحمد") == "احمد احمد احمد احمد"
    assert fold("مستشفى") == "مستشفي"
    assert fold("مدرسة") == "مدرسه"
    assert fold("القرآنٰ") == "القران"
    assert fold("COVID Évian") == "covid évian"


def test_fold_leaves_other_characters_alone():
    text = "ؤ ئ ء ، ؟ ٣ 3 😀 Ωμέγα Привет İ ß"
    assert fold(text) == text


def test_fold_lowercases_only_single_character_latin():
    assert fold("İ") == "İ"
    assert fold("Ǆ") == "ǆ"
    assert all(len(fold(chr(cp))) <= 1 for cp in range(0x10000) if not 0xD800 <= cp < 0xE000)


def test_fold_with_map_without_deletions_is_identity():
    folded, index = fold_with_map("قال Putin")
    assert folded == "قال putin"
    assert index == list(range(10))


def test_fold_with_map_points_back_to_letters():
    text = "بُوتِينُ"
    folded, index = fold_with_map(text)
    assert folded == "بوتين"
    assert index == [0, 2, 3, 5, 6, 8]
    assert [text[i] for i in index[:-1]] == list(folded)


def test_find_harakat_and_tatweel_variants():
    text = "قال بُوتِين إن بوتـين وبوتين"
    assert matched(text, "بوتين") == ["بُوتِين", "بوتـين", "بوتين"]


def test_match_extends_over_final_damma():
    text = "الرئيس بُوتِينُ قال"
    assert matched(text, "بوتين") == ["بُوتِينُ"]


def test_query_with_harakat_is_folded_too():
    assert matched("بوتين", "بُوتِين") == ["بوتين"]


@pytest.mark.parametrize("query", ["أحمد", "إحمد", "آحمد", "احمد"])
def test_alef_forms_match(query):
    text = "قال أحمد وإحمد وآحمد واحمد"
    assert matched(text, query) == ["أحمد", "إحمد", "آحمد", "احمد"]


def test_teh_marbuta_and_alef_maqsura():
    assert matched("ذهب إلى المدرسه", "مدرسة") == ["مدرسه"]
    assert matched("ذهب الى المدرسة", "إلى") == ["الى"]


def test_latin_is_case_insensitive():
    assert matched("COVID19 و covid", "Covid") == ["COVID", "covid"]


@pytest.mark.parametrize("query", ["", " ", "\u064e", "ـ ", " \u0651\n"])
def test_blank_query_finds_nothing(query):
    assert find_all("بوتين ـ  ", query) == []


def test_matches_do_not_overlap():
    assert find_all("ااااا", "اا") == [(0, 2), (2, 4)]


def test_match_never_cuts_a_character():
    assert find_all("ؤ", "و") == []
    assert find_all("و\u0654 و", "و") == [(3, 4)]
    assert find_all("👨\u200d👩", "👩") == []
    assert find_all("00\u0640\u0654", "00") == [(0, 2)]


def test_seed_matches_slice_the_original_text():
    text = SEEDS[0].read_text(encoding="utf-8")
    spans = find_all(text, "بوتين")
    assert len(spans) >= 5
    for start, end in spans:
        assert fold(text[start:end]) == "بوتين"
        assert check_span_bounds(text, start, end) is None
    assert len(find_all(text, "اوكرانيا")) == len(find_all(text, "أوكرانيا")) > 0


def test_seeds_fold_consistently():
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        folded, index = fold_with_map(text)
        assert folded == fold(text)
        assert len(index) == len(folded) + 1
        assert index[-1] == len(text)


@given(RANDOM_TEXT)
def test_fold_with_map_property(text):
    folded, index = fold_with_map(text)
    assert folded == fold(text) == "".join(fold(ch) for ch in text)
    assert len(index) == len(folded) + 1
    assert index[-1] == len(text)
    assert all(a < b for a, b in pairwise(index))
    assert all(fold(text[i]) == folded[k] for k, i in enumerate(index[:-1]))


@given(RANDOM_TEXT, st.text(ALPHABET, min_size=1, max_size=4))
def test_find_all_property(text, query):
    needle = fold(query)
    spans = find_all(text, query)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end
        assert fold(text[start:end]) == needle
        assert check_span_bounds(text, start, end) is None
        previous_end = end


@given(RANDOM_TEXT, st.integers(0, 60), st.integers(1, 5))
def test_find_all_finds_planted_substrings(text, at, size):
    at = min(at, len(text))
    query = text[at : at + size]
    if not fold(query).strip():
        return
    if check_span_bounds(text, at, at + len(query)) is not None:
        return
    assert find_all(text, query)
