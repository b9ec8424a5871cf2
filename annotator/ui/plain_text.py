"""Showing document and user strings literally in Qt widgets that might read markup.

Tooltips render rich text only when `Qt.mightBeRichText` guesses so: an escaped string
without a tag would show its entities (`O&#x27;Brien`). `tooltip` always hands Qt rich
text that displays the plain text exactly, and still wraps. Button and action texts take
`&` as a mnemonic marker; `action_text` doubles it. A QLabel reads markup unless told not
to, and one with a buddy takes `&` as a mnemonic: `plain_label` does neither. Window titles
drop "[*]" (the modified mark); `window_title` keeps it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


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
