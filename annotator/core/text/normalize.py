"""The one-time normalization applied to text at import, with a map of old to new offsets.

Stored text is normalized once, before any span exists, and never changes afterwards.
The offset map carries spans of imported annotations (JSONL) through the change.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field


def _presentation_forms() -> dict[str, str]:
    forms = {}
    for block in (range(0xFB50, 0xFE00), range(0xFE70, 0xFEFF)):
        for cp in block:
            ch = chr(cp)
            nfkc = unicodedata.normalize("NFKC", ch)
            if nfkc != ch:
                forms[ch] = nfkc
    return forms


PRESENTATION_FORMS: dict[str, str] = _presentation_forms()
"""Each Arabic presentation form that has a compatibility decomposition, mapped to its NFKC."""

PRESENTATION_FORM_RE = re.compile("[" + "".join(PRESENTATION_FORMS) + "]")
_CHANGE_RE = re.compile("[\r\ufeff\ud800-\udfff" + "".join(PRESENTATION_FORMS) + "]")


@dataclass(frozen=True)
class Normalized:
    """Normalized text, whether it differs from the input, and the offset map.

    The map is stored as sorted change points: `_points[k]` is the first original offset
    after the k-th changed character and `_shifts[k]` the total length change up to it.
    """

    text: str
    changed: bool
    _source_length: int | None = field(default=None, repr=False)
    _points: tuple[int, ...] = field(default=(), repr=False)
    _shifts: tuple[int, ...] = field(default=(), repr=False)

    def map_offset(self, old: int) -> int:
        """Map a code-point offset in the original text to the normalized text.

        A removed character (BOM, the CR of a CRLF) maps to the position of what
        followed it, so a span (s, e) becomes (map(s), map(e)) and keeps its letters.
        """
        source_length = len(self.text) if self._source_length is None else self._source_length
        if not 0 <= old <= source_length:
            raise ValueError(f"offset {old} outside the original text (0..{source_length})")
        k = bisect_right(self._points, old)
        return old + self._shifts[k - 1] if k else old


def normalize_text(text: str) -> Normalized:
    """Apply the import normalization (see `describe_rules`) and build the offset map.

    Raises ValueError("lone surrogate at offset N") for a lone surrogate, which the
    caller reports as an InputError with file and line.
    """
    if _CHANGE_RE.search(text) is None:
        return Normalized(text, False)
    pieces: list[str] = []
    points: list[int] = []
    shifts: list[int] = []
    shift = 0
    last = 0
    for match in _CHANGE_RE.finditer(text):
        i = match.start()
        ch = match.group()
        if ch == "\r":
            new = "" if text.startswith("\n", i + 1) else "\n"
        elif ch == "\ufeff":
            new = ""
        elif "\ud800" <= ch <= "\udfff":
            raise ValueError(f"lone surrogate at offset {i}")
        else:
            new = PRESENTATION_FORMS[ch]
        pieces.append(text[last:i])
        pieces.append(new)
        last = i + 1
        if len(new) != 1:
            shift += len(new) - 1
            points.append(i + 1)
            shifts.append(shift)
    pieces.append(text[last:])
    result = "".join(pieces)
    return Normalized(result, result != text, len(text), tuple(points), tuple(shifts))


def describe_rules() -> str:
    """A short English description of the import normalization, for the README and --help."""
    return (
        "Text is normalized once at import, before any annotation exists, and never "
        "changes afterwards: every U+FEFF (byte-order mark) is removed; CRLF and lone CR "
        "line ends become LF; Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFE, "
        "typical of PDF copy-paste) are replaced by their NFKC compatibility decomposition, "
        "so U+FEFB becomes two letters and U+FDF2 four. Nothing else is changed: no NFC or "
        "NFKC of the whole text, no removal of diacritics or tatweel. A lone surrogate is "
        "an error. Offsets of imported spans are carried through these changes."
    )
