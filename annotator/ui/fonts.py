"""The font used to show Arabic articles.

A Naskh face reads best for running Arabic news text; DejaVu Sans covers Arabic on every
machine we run on and is the fallback (GUIDE.md section 1).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

NASKH_FAMILIES = ("Noto Naskh Arabic", "Noto Naskh Arabic UI", "Amiri", "Scheherazade New")
FALLBACK_FAMILY = "DejaVu Sans"
DEFAULT_POINT_SIZE = 14
MIN_POINT_SIZE = 8
MAX_POINT_SIZE = 48


def arabic_families() -> list[str]:
    """Installed font families that declare Arabic support."""
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.Arabic))


def arabic_family() -> str:
    """The preferred installed family for Arabic text."""
    families = arabic_families()
    for family in (*NASKH_FAMILIES, FALLBACK_FAMILY):
        if family in families:
            return family
    return families[0] if families else FALLBACK_FAMILY


def clamp_point_size(point_size: int) -> int:
    return max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, int(point_size)))


def arabic_font(point_size: int = DEFAULT_POINT_SIZE) -> QFont:
    """A font for Arabic article text at `point_size` (bounded to 8..48 pt)."""
    font = QFont(arabic_family())
    font.setPointSize(clamp_point_size(point_size))
    # Kerning and ligatures come from the font; never synthesise bold inside words.
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font
