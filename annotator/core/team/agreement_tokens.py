"""The tokens of a long text, as `text.tokens.tokenize` finds them, mostly in numpy.

Most words of Arabic news are Arabic letters and marks, with punctuation attached. For a
whitespace-delimited word made only of Arabic letters (`tokens._ARABIC`), attaching marks
of the BMP and other BMP punctuation (not a letter, digit, "_", mark or ZWJ), beginning
with a letter or punctuation, the tokenizer's rules come to this: a token starts at each
punctuation character and at each letter whose nearest preceding non-mark character in
the word is not a letter; marks stay with the token before them. Those words are cut by
array operations on the code points; every other word (digits, Latin, ZWJ, emoji, a
leading mark …) goes through the tokenizer's own pattern. A test compares the two on
random texts of every kind of character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import chain
from typing import Any

from annotator.core.text.tokens import _ARABIC, _MARKS, _TOKEN

SPACE, LETTER, MARK, PUNCT, OTHER = range(5)


@cache
def _classes() -> Any:
    """The class of every code point (see the module docstring)."""
    import numpy as np

    letter = re.compile(f"[{_ARABIC}]")
    table = np.full(0x110000, OTHER, dtype=np.uint8)
    for cp in range(0x10000):
        char = chr(cp)
        if char.isspace():
            table[cp] = SPACE
        elif letter.match(char):
            table[cp] = LETTER
        elif not (char.isalnum() or char == "_" or char == "\u200d" or 0xD800 <= cp < 0xE000):
            table[cp] = PUNCT
    table[[cp for cp in _MARKS if cp < 0x10000]] = MARK
    return table


def fast_tokens(np: Any, text: str) -> tuple[Any, Any]:
    """Starts and ends (arrays) of the tokens of `text`, equal to `tokenize(text)`."""
    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # a lone surrogate: the tokenizer alone
        return _by_pattern(np, text, [(0, len(text))])
    kind = _classes()[codes]
    n = len(kind)
    edge = np.diff((kind != SPACE).view(np.int8), prepend=0, append=0)
    word_starts = np.flatnonzero(edge == 1)
    word_ends = np.flatnonzero(edge == -1)
    # slow words: those that hold an OTHER character or begin with a mark
    slow = kind[word_starts] == MARK
    slow[np.searchsorted(word_starts, np.flatnonzero(kind == OTHER), side="right") - 1] = True
    # a token at each PUNCT, and at each LETTER whose previous non-mark is no LETTER
    unmarked = np.flatnonzero(kind != MARK)
    kinds = kind[unmarked]
    previous = np.empty_like(kinds)
    previous[:1] = SPACE
    previous[1:] = kinds[:-1]
    starts = unmarked[(kinds == PUNCT) | ((kinds == LETTER) & (previous != LETTER))]
    word = np.searchsorted(word_starts, starts, side="right") - 1
    fast = ~slow[word]
    starts, word = starts[fast], word[fast]
    # a token ends where the next one starts, or at the end of its word
    ends = np.empty(len(starts), dtype=np.int64)
    if len(starts):
        ends[:-1] = starts[1:]
        ends[-1] = n
        ends = np.minimum(ends, word_ends[word])
    if not slow.any():
        return starts, ends
    slow_words = zip(word_starts[slow].tolist(), word_ends[slow].tolist(), strict=True)
    other_starts, other_ends = _by_pattern(np, text, slow_words)
    all_starts = np.concatenate([starts, other_starts])
    order = np.argsort(all_starts, kind="stable")
    return all_starts[order], np.concatenate([ends, other_ends])[order]


def _by_pattern(np: Any, text: str, stretches: Iterable[tuple[int, int]]) -> tuple[Any, Any]:
    """The tokenizer's pattern run over these stretches of `text` (whole words)."""
    found = [
        match.span() for start, end in stretches for match in _TOKEN.finditer(text, start, end)
    ]
    bounds = np.fromiter(chain.from_iterable(found), dtype=np.int64, count=2 * len(found))
    return bounds[0::2], bounds[1::2]
