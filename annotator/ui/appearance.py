"""Light or dark: the window follows the desktop's palette; View ▸ Dark mode forces a dark
one (Fusion style) for desktops that have none, kept in the user's settings.

Every view that paints its own colours (span backgrounds, arcs, badges) reads the palette
it is given, so a palette change from the desktop or from this switch restyles it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QApplication, QMenu

from annotator.ui.i18n import interface_settings
from annotator.ui.span_colours import dark_palette

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

DARK_KEY = "appearance/dark"
_desktop: list[tuple[str, QPalette]] = []  # the style and palette the desktop gave


def saved_dark() -> bool:
    """Whether the user chose View ▸ Dark mode."""
    value = interface_settings().value(DARK_KEY, False)
    return value in (True, "true", "1", 1)


def save_dark(dark: bool) -> None:
    settings = interface_settings()
    settings.setValue(DARK_KEY, dark)
    settings.sync()


def set_dark(dark: bool) -> None:
    """Use a dark palette in the Fusion style, or give the desktop's style and palette
    back."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if not _desktop:
        _desktop.append((app.style().name(), QPalette(app.palette())))
    if dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    else:
        style, palette = _desktop[0]
        app.setStyle(style)
        app.setPalette(palette)


def add_dark_mode_action(window: MainWindow, menu: QMenu) -> QAction:
    """View ▸ Dark mode, checked as the user left it (and applied now if it is)."""
    from annotator.ui.window_menus import add_action  # which builds the menus with this

    def toggled(dark: bool) -> None:
        set_dark(dark)
        save_dark(dark)

    action = add_action(
        window, menu, QCoreApplication.translate("Menus", "&Dark mode"), None, lambda: None, True
    )
    if saved_dark():
        action.setChecked(True)
        set_dark(True)
    action.toggled.connect(toggled)
    return action
