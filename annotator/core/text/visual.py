"""Visual (reshaped, reordered) Arabic for targets that cannot shape text themselves.

GUIDE.md section 2: a terminal without bidi support or an image library without a shaper
needs presentation forms in display order. Qt widgets and matplotlib 3.11+ shape Arabic
themselves and must get logical text; this module is the only place that makes visual text.
"""

from __future__ import annotations

import re

import arabic_reshaper
from bidi import get_display

from annotator.core.text.normalize import PRESENTATION_FORM_RE

_VERSION = re.compile(r"\s*v?(\d+)\.(\d+)")


def to_visual(text: str) -> str:
    """Reshape Arabic into joined presentation forms and reorder each line for display.

    Works line by line so that line breaks and the order of lines stay as they are.
    """
    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))


def is_visual(text: str) -> bool:
    """True if the text contains Arabic presentation-form letters, i.e. it was reshaped.

    Characters of those blocks without a decomposition (ornate parentheses ﴾﴿) do not
    count: they occur in logical text. Used to assert the Qt path never gets visual text.
    """
    return PRESENTATION_FORM_RE.search(text) is not None


def matplotlib_shapes_arabic(version: str) -> bool:
    """True if this matplotlib version (e.g. "3.11.2", "3.10.0rc1") shapes Arabic itself.

    matplotlib 3.11 and later shape with libraqm, so reshaped text would render reversed.
    Raises ValueError for a string that does not start with MAJOR.MINOR.
    """
    match = _VERSION.match(version)
    if match is None:
        raise ValueError(f"not a matplotlib version: {version!r}")
    return (int(match.group(1)), int(match.group(2))) >= (3, 11)


def terminal_text(text: str, visual: bool) -> str:
    """Text to print on a terminal: visual when the terminal cannot shape, else unchanged."""
    return to_visual(text) if visual else text
