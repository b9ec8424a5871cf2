"""Which convention a Label Studio region's `start`/`end` count in.

Label Studio's front end is JavaScript, whose strings count UTF-16 code units; versions
before its 2022 fix stored those (an emoji counts twice), later ones store code points.
A task does not say which, so a region is read in the convention that reproduces its
`value.text`: code points first, then UTF-16 (converted by `text.offsets.Utf16Map`, the
one place conversions live). Label Studio may also save `value.text` with its spaces
collapsed or its line breaks written as `\\n`; that is accepted when nothing matches
exactly. Without `value.text` the offsets are read as code points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.core.text.offsets import Utf16Map

CODE_POINTS = "code points"
UTF16 = "UTF-16"


@dataclass(frozen=True)
class RegionOffsets:
    """A region's code-point offsets, and the convention its file gave them in."""

    start: int
    end: int
    convention: str


class TaskText:
    """One task's text, with its UTF-16 map built only when a region needs it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._map: Utf16Map | None = None

    @property
    def utf16(self) -> Utf16Map:
        if self._map is None:
            self._map = Utf16Map(self.text)
        return self._map


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_SPACES = re.compile(r"\s+")


def _loose(text: str) -> str:
    """Text as Label Studio may save it: `\\n` written out, spaces collapsed, trimmed."""
    return _SPACES.sub(" ", text.replace("\\n", "\n")).strip()


def _shown(text: str | None, why: str = "outside the text") -> str:
    if text is None:
        return f"nothing: {why}"
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _slice_utf16(task: TaskText, start: int, end: int) -> tuple[int, int] | None:
    """Code-point offsets of UTF-16 positions start..end; None if outside the text or
    inside a surrogate pair."""
    if not 0 <= start < end <= task.utf16.utf16_length:
        return None
    try:
        return task.utf16.to_codepoint(start), task.utf16.to_codepoint(end)
    except ValueError:
        return None


def _utf16_problem(task: TaskText, start: int, end: int) -> str:
    if start >= 0 and end <= task.utf16.utf16_length:
        return "splits an emoji's surrogate pair"
    return "outside the text"


def resolve(task: TaskText, start: object, end: object, value_text: object) -> RegionOffsets:
    """The code-point offsets of a region (see the module docstring); ValueError saying
    why when the offsets are not whole numbers, lie outside the text, or reproduce
    `value_text` in neither convention."""
    if not _whole(start) or not _whole(end):
        raise ValueError(f"start {start!r} and end {end!r} must be whole numbers")
    assert isinstance(start, int) and isinstance(end, int)
    if start >= end:
        raise ValueError(f"offsets {start}..{end} are empty or reversed")
    text = task.text
    points = (start, end) if end <= len(text) and start >= 0 else None
    units = _slice_utf16(task, start, end) if start >= 0 else None
    if points is None and units is None:
        raise ValueError(
            f"offsets {start}..{end} lie outside the text (length {len(text)} code points, "
            f"{task.utf16.utf16_length} UTF-16 units)"
        )
    if value_text is None:
        if points is None:
            raise ValueError(
                f"offsets {start}..{end} lie outside the text (length {len(text)} code "
                "points) and the region has no value.text to try UTF-16 with"
            )
        return RegionOffsets(start, end, CODE_POINTS)
    if not isinstance(value_text, str):
        raise ValueError(f"value.text must be text, not {type(value_text).__name__}")
    candidates = [(CODE_POINTS, points), (UTF16, units)]
    found = {name: text[pair[0] : pair[1]] for name, pair in candidates if pair is not None}
    for same in (str.__eq__, lambda a, b: _loose(a) == _loose(b)):
        for name, pair in candidates:
            if pair is not None and same(found[name], value_text):
                return RegionOffsets(pair[0], pair[1], name)
    raise ValueError(
        f"value.text {_shown(value_text)} is not what offsets {start}..{end} cover, "
        f"neither in code points ({_shown(found.get(CODE_POINTS))}) nor in UTF-16 units "
        f"({_shown(found.get(UTF16), _utf16_problem(task, start, end))})"
    )
