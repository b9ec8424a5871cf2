"""The annotation window's menus and their keys. Every action is registered on the window
(so its key works wherever the focus is), which is also what the shortcut sheet lists.

A feature that adds actions adds them here or in its own module with `add_action`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from annotator.ui.appearance import add_dark_mode_action
from annotator.ui.i18n import LANGUAGE_NAMES, choose_language, current_language, interface_direction

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

Keys = str | QKeySequence.StandardKey | list[str] | None


def add_action(
    window: MainWindow,
    menu: QMenu,
    text: str,
    keys: Keys,
    slot: Callable[[], object],
    checkable: bool = False,
) -> QAction:
    """An action in `menu`, with its keys working anywhere in the window."""
    action = QAction(text, window)
    if keys:
        sequences = keys if isinstance(keys, list) else [keys]
        action.setShortcuts([QKeySequence(k) for k in sequences])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    menu.addAction(action)
    window.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    """File, Edit, View and Go, with the window's slots behind them."""
    bar = window.menuBar()
    bar.setLayoutDirection(interface_direction())
    file_menu = bar.addMenu(QCoreApplication.translate("Menus", "&File"))
    # a lambda: the action's `checked` argument is not a list of paths
    add_action(
        window,
        file_menu,
        QCoreApplication.translate("Menus", "&Import…"),
        QKeySequence.StandardKey.Open,
        lambda: window.import_files(),
    )
    add_action(
        window,
        file_menu,
        QCoreApplication.translate("Menus", "Import &folder…"),
        None,
        window.import_folder,
    )
    add_action(
        window,
        file_menu,
        QCoreApplication.translate("Menus", "&Export…"),
        "Ctrl+Shift+E",
        window.export_annotations,
    )
    file_menu.addSeparator()
    add_action(
        window,
        file_menu,
        QCoreApplication.translate("Menus", "&Merge annotators' projects…"),
        None,
        window.merge_projects,
    )
    add_action(
        window,
        file_menu,
        QCoreApplication.translate("Menus", "&Review disagreements…"),
        "Ctrl+Shift+R",
        window.open_review,
    )
    file_menu.addSeparator()
    add_action(
        window, file_menu, QCoreApplication.translate("Menus", "&Back up now"), None, window.back_up
    )
    add_action(
        window,
        file_menu,
        QCoreApplication.translate("Menus", "Switch &annotator…"),
        None,
        window.switch_annotator,
    )
    file_menu.addSeparator()
    add_action(
        window,
        file_menu,
        QCoreApplication.translate("Menus", "&Quit"),
        QKeySequence.StandardKey.Quit,
        window.close,
    )

    edit = bar.addMenu(QCoreApplication.translate("Menus", "&Edit"))
    undo = window.session.undo_group.createUndoAction(
        window, QCoreApplication.translate("Menus", "&Undo")
    )
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.session.undo_group.createRedoAction(
        window, QCoreApplication.translate("Menus", "&Redo")
    )
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    for action in (undo, redo):
        edit.addAction(action)
        window.addAction(action)
    edit.addSeparator()
    add_action(
        window,
        edit,
        QCoreApplication.translate("Menus", "&Delete span"),
        QKeySequence.StandardKey.Delete,
        window.delete_current,
    )
    add_action(
        window,
        edit,
        QCoreApplication.translate("Menus", "&Trim proclitic (و ف ب ل ك ال)"),
        "Ctrl+T",
        window.trim_clitic,
    )
    add_action(
        window,
        edit,
        QCoreApplication.translate("Menus", "Edit &attributes…"),
        "F2",
        window.edit_attributes,
    )
    add_action(
        window,
        edit,
        QCoreApplication.translate("Menus", "Extend end"),
        "Alt+Shift+Left",
        lambda: window.editor.move_edge("end", 1),
    )
    add_action(
        window,
        edit,
        QCoreApplication.translate("Menus", "Shrink end"),
        "Alt+Shift+Right",
        lambda: window.editor.move_edge("end", -1),
    )
    add_action(
        window,
        edit,
        QCoreApplication.translate("Menus", "Extend start"),
        "Ctrl+Alt+Shift+Right",
        lambda: window.editor.move_edge("start", -1),
    )
    add_action(
        window,
        edit,
        QCoreApplication.translate("Menus", "Shrink start"),
        "Ctrl+Alt+Shift+Left",
        lambda: window.editor.move_edge("start", 1),
    )
    add_action(
        window,
        edit,
        QCoreApplication.translate("Menus", "&Find…"),
        QKeySequence.StandardKey.Find,
        window.find_bar.open,
    )

    view = bar.addMenu(QCoreApplication.translate("Menus", "&View"))
    add_action(
        window,
        view,
        QCoreApplication.translate("Menus", "&Refresh (another window's edits)"),
        "F5",
        window.refresh,
    )
    add_action(
        window,
        view,
        QCoreApplication.translate("Menus", "Zoom &in"),
        ["Ctrl+=", "Ctrl++"],
        window.view.zoom_in,
    )
    add_action(
        window,
        view,
        QCoreApplication.translate("Menus", "Zoom &out"),
        "Ctrl+-",
        window.view.zoom_out,
    )
    window.exact_action = add_action(
        window,
        view,
        QCoreApplication.translate("Menus", "E&xact characters (no snapping to words)"),
        "Ctrl+E",
        lambda: None,
        True,
    )
    add_language_menu(window, view)
    add_dark_mode_action(window, view)

    go = bar.addMenu(QCoreApplication.translate("Menus", "&Go"))
    # Reading runs right to left: Alt+Left moves forward, Alt+Right back.
    add_action(
        window,
        go,
        QCoreApplication.translate("Menus", "&Next document"),
        ["Alt+Left", "Ctrl+PgDown"],
        window.next_document,
    )
    add_action(
        window,
        go,
        QCoreApplication.translate("Menus", "&Previous document"),
        ["Alt+Right", "Ctrl+PgUp"],
        window.previous_document,
    )
    add_action(
        window,
        go,
        QCoreApplication.translate("Menus", "Mark &done and go on"),
        ["Ctrl+Return", "Ctrl+Enter"],
        window.mark_done,
    )
    from annotator.ui.help_menu import install_help  # it imports add_action from here

    install_help(window, edit, view)


def add_language_menu(window: MainWindow, view: QMenu) -> None:
    """View ▸ Language: each language named in itself; the choice applies from the next start."""
    menu = view.addMenu(QCoreApplication.translate("Menus", "&Language"))
    group = QActionGroup(window)
    for code, name in LANGUAGE_NAMES.items():
        action = menu.addAction(name)
        action.setCheckable(True)
        action.setChecked(code == current_language())
        action.setData(code)
        group.addAction(action)
        action.triggered.connect(lambda _checked=False, c=code: choose_language(window, c))
