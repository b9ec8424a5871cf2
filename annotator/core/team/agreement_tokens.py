"""The tokens of a long text, as `text.tokens.tokenize` finds them, mostly in numpy.

Most words of Arabic news are Arabic letters and marks, with punctuation and numbers
attached. For a whitespace-delimited word made only of Arabic letters (`tokens._ARABIC`),
attaching marks of the BMP, the tokenizer's digits and other BMP punctuation (not a
letter, digit, "_", mark or ZWJ), that neither begins with a mark nor holds a number
separator between two digits, the tokenizer's rules come to this: a token starts at each
punctuation character, at each letter whose nearest preceding non-mark character is not
a letter, and at each digit whose nearest preceding non-mark is not a digit; marks stay
with the token before them. Those words are cut by
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

SPACE, LETTER, MARK, PUNCT, OTHER, DIGIT, SEPARATOR = range(7)
_DIGITS = "0123456789\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669" + "".join(
    chr(cp) for cp in range(0x06F0, 0x06FA)
)
_SEPARATORS = ".,\u066b\u066c/:"  # inside a number: 1,000 3.5 12:30 1/2 are one token


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
    table[[ord(c) for c in _DIGITS]] = DIGIT
    table[[ord(c) for c in _SEPARATORS]] = SEPARATOR
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
    # slow words: those that hold an OTHER character, begin with a mark, or hold a
    # separator between digits (a number with parts)
    slow = kind[word_starts] == MARK
    slow[np.searchsorted(word_starts, np.flatnonzero(kind == OTHER), side="right") - 1] = True
    unmarked = np.flatnonzero(kind != MARK)
    kinds = kind[unmarked]
    previous = np.empty_like(kinds)
    previous[:1] = SPACE
    previous[1:] = kinds[:-1]  # the nearest non-mark before each non-mark
    at = np.flatnonzero((kinds == SEPARATOR) & (previous == DIGIT))
    at = unmarked[at]
    at = at[at + 1 < n]
    at = at[kind[at + 1] == DIGIT]
    slow[np.searchsorted(word_starts, at, side="right") - 1] = True
    # a token at each PUNCT and SEPARATOR, at each LETTER whose previous non-mark is no
    # LETTER, at each DIGIT whose previous non-mark is no DIGIT
    starts = unmarked[
        (kinds == PUNCT)
        | (kinds == SEPARATOR)
        | ((kinds == LETTER) & (previous != LETTER))
        | ((kinds == DIGIT) & (previous != DIGIT))
    ]
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
