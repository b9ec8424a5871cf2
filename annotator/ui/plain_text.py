"""Showing document and user strings literally in Qt widgets that might read markup.

Tooltips render rich text only when `Qt.mightBeRichText` guesses so: an escaped string
without a tag would show its entities (`O&#x27;Brien`). `tooltip` always hands Qt rich
text that displays the plain text exactly, and still wraps. Button and action texts take
`&` as a mnemonic marker; `action_text` doubles it.
"""

from __future__ import annotations

import html


def tooltip(text: str) -> str:
    """A tooltip that shows `text` literally (line breaks kept)."""
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br/>") + "</p>"


def tooltip_lines(parts: list[str]) -> str:
    """Several literal texts in one tooltip, separated by a rule."""
    return "<hr/>".join(tooltip(part) for part in parts)


def action_text(text: str) -> str:
    """A button or menu text that shows `text` literally (no mnemonic)."""
    return text.replace("&", "&&")
