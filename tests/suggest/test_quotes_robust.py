"""Whatever the text, suggestions slice it exactly, stay inside a paragraph, keep the
speaker out of every quotation (but the one a nested quotation sits in), and come quickly
(no quadratic case)."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.suggest.quotes import suggest_quotes

PIECES = [
    "قال",
    "وقال",
    "وأضاف",
    "قالت",
    "الوزير",
    "بوتين",
    "مصادر",
    "في",
    "إن",
    "أن",
    "وكالة",
    "صحيفة",
    "عن",
    "بحسب",
    "الاثنين",
    "«",
    "»",
    "“",
    "”",
    '"',
    ":",
    "،",
    ".",
    "\n",
    "\n\n",
    " ",
    "لـ",
    "عبد",
    "x",
    "\u064e",
    "ـ",
    "(",
    ")",
]


def check(text: str) -> None:
    found = suggest_quotes(text)
    spans = [(q.start, q.end) for q in found]
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert "\n" not in text[q.start : q.end]
        assert text[q.start : q.end] == text[q.start : q.end].strip()
        if q.speaker:
            s = q.speaker
            assert 0 <= s.start < s.end <= len(text)
            # outside every quotation, except one its own quotation is nested in
            outside = [(a, b) for a, b in spans if not (a <= q.start and q.end <= b)]
            assert all(s.end <= a or b <= s.start for a, b in [*outside, (q.start, q.end)])
            assert s.label in ("PERSON", "ORG", "SPEAKER")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join))
def test_any_mix_of_words_and_marks(text: str):
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab قال«»“”":\n ،.'), max_size=200))
def test_any_characters(text: str):
    check(text)


def test_pathological_marks_are_fast():
    for text in (
        '"' * 100_000,
        "«" * 100_000,
        "»" * 100_000,
        "”" * 99_999,
        "قال: «" * 16_000,
        'وقال الوزير "نعم هذا صحيح" و' * 3_000,  # one sentence of 84,000 characters
        "وأضاف: «نعم» " * 2_000,  # a quotation every 13 characters
    ):
        started = time.perf_counter()
        check(text)
        assert time.perf_counter() - started < 5
