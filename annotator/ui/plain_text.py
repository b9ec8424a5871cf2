"""Showing document and user strings literally in Qt widgets that might read markup.

Tooltips render rich text only when `Qt.mightBeRichText` guesses so: an escaped string
without a tag would show its entities (`O&#x27;Brien`). `tooltip` always hands Qt rich
text that displays the plain text exactly, and still wraps. Button and action texts take
`&` as a mnemonic marker; `action_text` doubles it. A QLabel reads markup unless told not
to, and one with a buddy takes `&` as a mnemonic: `plain_label` does neither. Window titles
drop "[*]" (the modified mark); `window_title` keeps it. A name or number put into a
translated sentence is bidi-isolated by `isolate`, so neither an Arabic sentence nor a
name holding bidi controls (U+202E) can reorder the other.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QWidget

FSI, PDI = "\u2068", "\u2069"
# embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI); marks stay
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def tooltip(text: str) -> str:
    """A tooltip that shows `text` literally (line breaks kept)."""
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br/>") + "</p>"


def tooltip_lines(parts: list[str]) -> str:
    """Several literal texts in one tooltip, separated by a rule."""
    return "<hr/>".join(tooltip(part) for part in parts)


def action_text(text: str) -> str:
    """A button or menu text that shows `text` literally (no mnemonic)."""
    return text.replace("&", "&&")


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows `text` literally: no markup, no mnemonic (so no buddy)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def window_title(text: str) -> str:
    """A window title that shows `text` literally ("[*]" included)."""
    return text.replace("[*]", "[*][*]")


def isolate(value: object) -> str:
    """`value` (a name, file name, label or number) as text that keeps its own direction
    inside a sentence and cannot reorder it: its bidi controls dropped, then wrapped in
    FSI…PDI."""
    return FSI + _BIDI_CONTROLS.sub("", str(value)) + PDI


def shortcut_text(keys: QKeySequence) -> str:
    """A shortcut as the platform writes it ("Ctrl+Shift+E"), isolated so an Arabic
    sentence around it does not turn it into "E+Shift+Ctrl"."""
    return isolate(keys.toString(QKeySequence.SequenceFormat.NativeText))
