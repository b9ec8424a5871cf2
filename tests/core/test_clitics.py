from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.clitics import proclitic_lengths, strip_proclitic
from annotator.core.tokens import tokenize

SEED = next((Path(__file__).resolve().parents[2] / "seeds").glob("000_*.txt"))


def lengths(word: str, include_article: bool = False) -> list[int]:
    return proclitic_lengths(word, 0, len(word), include_article)


@pytest.mark.parametrize(
    ("word", "without_article", "with_article"),
    [
        ("وموسكو", [1], [1]),
        ("لبوتين", [1], [1]),
        ("بالصين", [1], [1, 3]),
        ("وبالصين", [1, 2], [1, 2, 4]),
        ("للأمم", [1], [1, 2]),
        ("والزعيم", [1], [1, 3]),
        ("فالحرب", [1], [1, 3]),
        ("كالعادة", [1], [1, 3]),
        ("وللطاقة", [1, 2], [1, 2, 3]),
        ("الصين", [], [2]),
        ("روسيا", [], []),
        ("و", [], []),
        ("وب", [], []),
        ("ولد", [1], [1]),
        ("بال", [1], [1]),
        ("", [], []),
    ],
)
def test_examples(word, without_article, with_article):
    assert lengths(word) == without_article
    assert lengths(word, include_article=True) == with_article


def test_no_second_conjunction_or_preposition():
    assert lengths("ووسط") == [1]
    assert lengths("ببلدة") == [1]
    assert lengths("لال", include_article=True) == [1]


def test_harakat_belong_to_the_clitic():
    assert lengths("وَموسكو") == [2]
    assert lengths("وَبِالصِّينِ", include_article=True) == [2, 4, 6]
    assert lengths("وـموسكو") == [2]


def test_remainder_must_be_two_letters_of_the_same_word():
    assert lengths("و موسكو") == []
    assert lengths("بـا") == []
    assert lengths("لبوتين، والزعيم") == [1]
    assert lengths("ل") == []
    assert lengths("Wموسكو") == []


def test_offsets_are_relative_to_start_and_bounded_by_end():
    text = "قال بوتين والزعيم الصيني"
    start = text.index("والزعيم")
    assert proclitic_lengths(text, start, start + 7, include_article=True) == [1, 3]
    assert proclitic_lengths(text, start, start + 4, include_article=True) == [1]
    assert proclitic_lengths(text, start, start + 3, include_article=True) == [1]
    assert proclitic_lengths(text, start, start + 2, include_article=True) == []


def test_bad_bounds_raise():
    with pytest.raises(ValueError):
        proclitic_lengths("وموسكو", 3, 2)
    with pytest.raises(ValueError):
        proclitic_lengths("وموسكو", 0, 7)


def test_strip_longest_candidate():
    text = "زار وبالصين"
    assert strip_proclitic(text, 4, 11) == 6
    assert strip_proclitic(text, 4, 11, include_article=True) == 8
    assert strip_proclitic("روسيا", 0, 5) == 0
    assert strip_proclitic("بوتين", 0, 5) == 1


def seed_tokens() -> dict[str, tuple[int, int]]:
    text = SEED.read_text(encoding="utf-8")
    return {text[s:e]: (s, e) for s, e in tokenize(text)}


def test_seed_words():
    text = SEED.read_text(encoding="utf-8")
    tokens = seed_tokens()
    expected = {
        "والزعيم": ([1], [1, 3], "الزعيم", "زعيم"),
        "وخاركيف": ([1], [1], "خاركيف", "خاركيف"),
        "لروسيا": ([1], [1], "روسيا", "روسيا"),
        "بالطائرات": ([1], [1, 3], "الطائرات", "طائرات"),
        "والصين": ([1], [1, 3], "الصين", "صين"),
        "للطاقة": ([1], [1, 2], "لطاقة", "طاقة"),
        "لكليتشكو": ([1], [1], "كليتشكو", "كليتشكو"),
    }
    for word, (plain, with_article, rest, rest_with_article) in expected.items():
        start, end = tokens[word]
        assert proclitic_lengths(text, start, end) == plain
        assert proclitic_lengths(text, start, end, include_article=True) == with_article
        assert text[strip_proclitic(text, start, end) : end] == rest
        assert text[strip_proclitic(text, start, end, True) : end] == rest_with_article


def test_seed_names_without_clitic_get_no_offer_except_ambiguous_letters():
    text = SEED.read_text(encoding="utf-8")
    tokens = seed_tokens()
    assert proclitic_lengths(text, *tokens["روسيا"]) == []
    assert proclitic_lengths(text, *tokens["أوكرانيا"]) == []
    assert proclitic_lengths(text, *tokens["بوتين"]) == [1]


def test_seed_ambiguous_chain_offers_every_reading():
    text = SEED.read_text(encoding="utf-8")
    start, end = seed_tokens()["فبوتين"]
    assert proclitic_lengths(text, start, end) == [1, 2]
    assert text[start + 1 : end] == "بوتين"


def test_seed_split_then_match_token():
    text = SEED.read_text(encoding="utf-8")
    start, end = seed_tokens()["والزعيم"]
    cut = strip_proclitic(text, start, end)
    assert (start, cut) in tokenize(text, [cut])
    assert (cut, end) in tokenize(text, [cut])
