"""WebAnno TSV 3.3 escaping, as its specification and INCEpTION define it.

Feature values escape `\\ [ ] | _ -> ; * TAB LF` with a backslash (TAB and LF as `\\t`,
`\\n`); `#Text=` lines escape the backslash, TAB, CR, FF, BS (as `\\t \\r \\f \\b`) and
other control characters (a backslash before the character itself). Each is one pass, so
an escape never rewrites another.
"""

from __future__ import annotations

import re

FORMAT_LINE = "#FORMAT=WebAnno TSV 3.3"
SPAN_PREFIX, RELATION_PREFIX, CHAIN_PREFIX = "#T_SP=", "#T_RL=", "#T_CH="
BASE_TYPE = "BT_"
TEXT_PREFIX, SENTENCE_ID_PREFIX = "#Text=", "#Sentence.id="
NULL_COLUMN, NULL_VALUE = "_", "*"

_VALUE_ESCAPES = {"\\": "\\\\", "[": "\\[", "]": "\\]", "|": "\\|", "_": "\\_"}
_VALUE_ESCAPES.update({"->": "\\->", ";": "\\;", "\t": "\\t", "\n": "\\n", "*": "\\*"})
_VALUE_SPECIAL = re.compile(r"->|[\\\[\]|_;\t\n*]")
_VALUE_ESCAPED = re.compile(r"\\(->|[\\\[\]|_;tn*])")
_VALUE_PLAIN = {"t": "\t", "n": "\n"}

_TEXT_NAMED = {"\t": "t", "\n": "n", "\f": "f", "\r": "r", "\b": "b", "\\": "\\"}
_TEXT_SPECIAL = re.compile("[\x00-\x0a\x0c-\x1f\\\\]")  # VT stays, as in INCEpTION
_TEXT_ESCAPED = re.compile("\\\\([tnfrb\\\\]|[\x00-\x07\x0e-\x1f])")
_TEXT_PLAIN = {v: k for k, v in _TEXT_NAMED.items()}

# `|` between stacked values and `;` between slot values, unless escaped
STACK_SPLIT = re.compile(r"(?<!\\)\|")


def escape_value(value: str) -> str:
    """A feature value as a TSV column holds it."""
    return _VALUE_SPECIAL.sub(lambda m: _VALUE_ESCAPES[m.group()], value)


def unescape_value(value: str) -> str:
    """The feature value a TSV column holds."""
    return _VALUE_ESCAPED.sub(lambda m: _VALUE_PLAIN.get(m.group(1), m.group(1)), value)


def escape_text(line: str) -> str:
    """One line of sentence text as a `#Text=` line holds it."""

    def one(match: re.Match[str]) -> str:
        char = match.group()
        return "\\" + _TEXT_NAMED.get(char, char)

    return _TEXT_SPECIAL.sub(one, line)


def unescape_text(line: str) -> str:
    """The sentence text a `#Text=` line holds."""
    return _TEXT_ESCAPED.sub(lambda m: _TEXT_PLAIN.get(m.group(1), m.group(1)), line)


def split_reference(value: str) -> tuple[str, str | None]:
    """(value, what is in its trailing `[...]`), the bracket unless escaped."""
    if value.endswith("]") and not value.endswith("\\]"):
        head, bracket, inner = value[:-1].rpartition("[")
        if bracket:
            return head, inner
    return value, None
