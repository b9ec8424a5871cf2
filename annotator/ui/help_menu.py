"""The Help menu (the shortcut sheet, About) and the scheme's own entries in the other
menus: Edit ▸ Labels… and View ▸ Guidelines. Their windows load when first opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMenu

from annotator.ui.window_menus import add_action

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

SHEET_KEYS = ["F1", "?"]


def install_help(window: MainWindow, edit: QMenu, view: QMenu) -> None:
    """Add Edit ▸ Labels…, View ▸ Guidelines and the Help menu to the window."""
    edit.addSeparator()
    add_action(
        window,
        edit,
        QCoreApplication.translate("HelpMenu", "&Labels…"),
        None,
        lambda: open_labels(window),
    )
    stack = window.session.project_stack
    for action in (
        stack.createUndoAction(
            window, QCoreApplication.translate("HelpMenu", "Undo scheme change:")
        ),
        stack.createRedoAction(
            window, QCoreApplication.translate("HelpMenu", "Redo scheme change:")
        ),
    ):
        edit.addAction(action)
    window.guidelines_action = add_action(
        window,
        view,
        QCoreApplication.translate("HelpMenu", "&Guidelines"),
        "Ctrl+Shift+G",
        lambda: toggle_guidelines(window),
        True,
    )
    menu = window.menuBar().addMenu(QCoreApplication.translate("HelpMenu", "&Help"))
    window.shortcut_sheet_action = add_action(
        window,
        menu,
        QCoreApplication.translate("HelpMenu", "&Keyboard shortcuts"),
        SHEET_KEYS,
        lambda: show_shortcut_sheet(window),
    )
    add_action(
        window,
        menu,
        QCoreApplication.translate("HelpMenu", "&About"),
        None,
        lambda: show_about(window),
    )


def show_shortcut_sheet(window: MainWindow) -> None:
    """Open (or raise) the shortcut sheet, read afresh from the window's actions."""
    from annotator.ui.shortcut_sheet import ShortcutSheet

    sheet = window.findChild(ShortcutSheet, "shortcutSheet")
    if sheet is None:
        sheet = ShortcutSheet(window)
    else:
        sheet.refresh()
    sheet.show()
    sheet.raise_()
    sheet.activateWindow()


def show_about(window: MainWindow) -> None:
    """Open the About box (not blocking the window)."""
    from annotator.ui.about_dialog import AboutDialog

    dialog = AboutDialog(window.store.path, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def open_labels(window: MainWindow) -> None:
    from annotator.ui.labels_dialog import open_labels_dialog

    open_labels_dialog(window, window.session)


def toggle_guidelines(window: MainWindow) -> None:
    """Show or hide the Guidelines panel (made the first time it is shown)."""
    from annotator.ui.guidelines_panel import GuidelinesPanel

    panel = window.findChild(GuidelinesPanel, "guidelinesPanel")
    if panel is None:
        panel = GuidelinesPanel(window.session, window)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, panel)
        window.resizeDocks([panel], [max(360, window.width() // 4)], Qt.Orientation.Horizontal)
        window.session.operations.changed.connect(panel.apply_changes)
        panel.visibilityChanged.connect(
            lambda shown: window.guidelines_action.setChecked(shown or panel.isVisible())
        )
    panel.setVisible(window.guidelines_action.isChecked())
    if panel.isVisible():
        panel.reload()
