"""Span backgrounds that stay readable in the desktop's light or dark palette.

A label's colour is strong; under the text it is washed into the view's background. How
much is chosen per palette so the text over it keeps a WCAG contrast ratio of at least 4.5
(a light wash under black text, a dark one under light text); where no wash can, the text
over that span gets black or white ink instead of the palette's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QBrush, QColor, QPalette, QTextCharFormat

MIN_CONTRAST = 4.5  # WCAG AA for body text
WASH = 80 / 255  # how much of the label's colour the background takes at most
WASH_STEP = 0.02
MIN_WASH = 0.12  # below this the label's colour can no longer be told apart


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """WCAG relative luminance of an opaque colour (0 black .. 1 white)."""
    r, g, b = colour.redF(), colour.greenF(), colour.blueF()
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two opaque colours (1 .. 21)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def blend(base: QColor, colour: QColor, amount: float) -> QColor:
    """`colour` laid over `base` with opacity `amount`, as an opaque colour."""
    keep = 1.0 - amount
    return QColor.fromRgbF(
        base.redF() * keep + colour.redF() * amount,
        base.greenF() * keep + colour.greenF() * amount,
        base.blueF() * keep + colour.blueF() * amount,
    )


def readable_ink(fill: QColor) -> QColor:
    """Black or white, whichever reads better on `fill`."""
    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    return black if contrast_ratio(black, fill) >= contrast_ratio(white, fill) else white


def is_dark(palette: QPalette) -> bool:
    """Whether a palette is a dark one (light text on a dark background)."""
    return luminance(palette.color(QPalette.ColorRole.Base)) < luminance(
        palette.color(QPalette.ColorRole.Text)
    )


@dataclass
class SpanLook:
    """Span backgrounds (and, where needed, their ink) for one palette's base and text
    colours. `format(colour)` is what the view's highlighter sets."""

    base: QColor
    text: QColor
    _formats: dict[str, QTextCharFormat] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, palette: QPalette) -> SpanLook:
        return cls(
            QColor(palette.color(QPalette.ColorRole.Base)),
            QColor(palette.color(QPalette.ColorRole.Text)),
        )

    def fits(self, palette: QPalette) -> bool:
        """Whether this look was made for `palette`'s colours."""
        return (
            palette.color(QPalette.ColorRole.Base) == self.base
            and palette.color(QPalette.ColorRole.Text) == self.text
        )

    def colours(self, colour: str) -> tuple[QColor, QColor]:
        """(background, ink) of a span of this label colour: the strongest wash up to
        WASH whose contrast with the palette's text is at least MIN_CONTRAST; failing
        that, the weakest wash with black or white ink."""
        label = QColor(colour)
        amount = WASH
        while amount >= MIN_WASH:
            fill = blend(self.base, label, amount)
            if contrast_ratio(self.text, fill) >= MIN_CONTRAST:
                return fill, self.text
            amount -= WASH_STEP
        fill = blend(self.base, label, MIN_WASH)
        return fill, readable_ink(fill)

    def format(self, colour: str) -> QTextCharFormat:
        """A character format with the span's background (and ink when the palette's
        text would not read on it); never weight or font."""
        fmt = self._formats.get(colour)
        if fmt is None:
            fill, ink = self.colours(colour)
            fmt = QTextCharFormat()
            fmt.setBackground(QBrush(fill))
            if ink != self.text:
                fmt.setForeground(QBrush(ink))
            self._formats[colour] = fmt
        return fmt


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style (View ▸ Dark mode, and the tests)."""
    palette = QPalette()
    role = QPalette.ColorRole
    for name, value in (
        (role.Window, "#2b2b2b"),
        (role.WindowText, "#e8e8e8"),
        (role.Base, "#1e1e1e"),
        (role.AlternateBase, "#262626"),
        (role.ToolTipBase, "#333333"),
        (role.ToolTipText, "#f0f0f0"),
        (role.PlaceholderText, "#8c8c8c"),
        (role.Text, "#e8e8e8"),
        (role.Button, "#333333"),
        (role.ButtonText, "#e8e8e8"),
        (role.BrightText, "#ff6e6e"),
        (role.Link, "#6cb4ff"),
        (role.Highlight, "#2f65ca"),
        (role.HighlightedText, "#ffffff"),
        (role.Mid, "#3c3c3c"),
        (role.Dark, "#151515"),
        (role.Light, "#4a4a4a"),
        (role.Shadow, "#000000"),
    ):
        palette.setColor(name, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for name in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, name, QColor("#7a7a7a"))
    return palette
