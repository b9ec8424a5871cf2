"""The font used to show Arabic articles.

A Naskh face reads best for running Arabic news text; DejaVu Sans covers Arabic on every
machine we run on and is the fallback (GUIDE.md section 1).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

NASKH_FAMILIES = ("Noto Naskh Arabic", "Noto Naskh Arabic UI", "Amiri", "Scheherazade New")
FALLBACK_FAMILY = "DejaVu Sans"
DEFAULT_POINT_SIZE = 14
MIN_POINT_SIZE = 8
MAX_POINT_SIZE = 48
# A desktop's usual interface font; a larger one (a desktop set up for reading at a
# distance, or for poor sight) makes the article start larger in proportion.
SYSTEM_REFERENCE_POINTS = 10.0


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


def article_point_size() -> int:
    """The article's starting size: DEFAULT_POINT_SIZE, larger in proportion when the
    desktop's own font is larger than SYSTEM_REFERENCE_POINTS (never smaller: Arabic with
    its dots and marks needs the room)."""
    if QGuiApplication.instance() is None:
        return DEFAULT_POINT_SIZE
    system = QGuiApplication.font().pointSizeF()
    if system <= 0:  # a font set in pixels: take its size at the screen's resolution
        screen = QGuiApplication.primaryScreen()
        dpi = screen.logicalDotsPerInchY() if screen else 96.0
        system = QGuiApplication.font().pixelSize() * 72.0 / dpi
    scaled = round(DEFAULT_POINT_SIZE * system / SYSTEM_REFERENCE_POINTS)
    return clamp_point_size(max(DEFAULT_POINT_SIZE, scaled))


def arabic_font(point_size: int = DEFAULT_POINT_SIZE) -> QFont:
    """A font for Arabic article text at `point_size` (bounded to 8..48 pt)."""
    font = QFont(arabic_family())
    font.setPointSize(clamp_point_size(point_size))
    # Kerning and ligatures come from the font; never synthesise bold inside words.
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font
