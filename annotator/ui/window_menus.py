"""The annotation window's menus and their keys. Every action is registered on the window
(so its key works wherever the focus is), which is also what the shortcut sheet lists.

A feature that adds actions adds them here or in its own module with `add_action`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

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
    bar.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    file_menu = bar.addMenu("&File")
    # a lambda: the action's `checked` argument is not a list of paths
    add_action(
        window, file_menu, "&Import…", QKeySequence.StandardKey.Open, lambda: window.import_files()
    )
    add_action(window, file_menu, "Import &folder…", None, window.import_folder)
    add_action(window, file_menu, "&Export…", "Ctrl+Shift+E", window.export_annotations)
    file_menu.addSeparator()
    add_action(window, file_menu, "&Merge annotators' projects…", None, window.merge_projects)
    add_action(window, file_menu, "&Review disagreements…", "Ctrl+Shift+R", window.open_review)
    file_menu.addSeparator()
    add_action(window, file_menu, "&Back up now", None, window.back_up)
    add_action(window, file_menu, "Switch &annotator…", None, window.switch_annotator)
    file_menu.addSeparator()
    add_action(window, file_menu, "&Quit", QKeySequence.StandardKey.Quit, window.close)

    edit = bar.addMenu("&Edit")
    undo = window.session.undo_group.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.session.undo_group.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    for action in (undo, redo):
        edit.addAction(action)
        window.addAction(action)
    edit.addSeparator()
    add_action(window, edit, "&Delete span", QKeySequence.StandardKey.Delete, window.delete_current)
    add_action(window, edit, "&Trim proclitic (و ف ب ل ك ال)", "Ctrl+T", window.trim_clitic)
    add_action(window, edit, "Edit &attributes…", "F2", window.edit_attributes)
    add_action(
        window, edit, "Extend end", "Alt+Shift+Left", lambda: window.editor.move_edge("end", 1)
    )
    add_action(
        window, edit, "Shrink end", "Alt+Shift+Right", lambda: window.editor.move_edge("end", -1)
    )
    add_action(
        window,
        edit,
        "Extend start",
        "Ctrl+Alt+Shift+Right",
        lambda: window.editor.move_edge("start", -1),
    )
    add_action(
        window,
        edit,
        "Shrink start",
        "Ctrl+Alt+Shift+Left",
        lambda: window.editor.move_edge("start", 1),
    )
    add_action(window, edit, "&Find…", QKeySequence.StandardKey.Find, window.find_bar.open)

    view = bar.addMenu("&View")
    add_action(window, view, "&Refresh (another window's edits)", "F5", window.refresh)
    add_action(window, view, "Zoom &in", ["Ctrl+=", "Ctrl++"], window.view.zoom_in)
    add_action(window, view, "Zoom &out", "Ctrl+-", window.view.zoom_out)
    window.exact_action = add_action(
        window, view, "E&xact characters (no snapping to words)", "Ctrl+E", lambda: None, True
    )

    go = bar.addMenu("&Go")
    # Reading runs right to left: Alt+Left moves forward, Alt+Right back.
    add_action(window, go, "&Next document", ["Alt+Left", "Ctrl+PgDown"], window.next_document)
    add_action(
        window, go, "&Previous document", ["Alt+Right", "Ctrl+PgUp"], window.previous_document
    )
    add_action(window, go, "Mark &done and go on", ["Ctrl+Return", "Ctrl+Enter"], window.mark_done)
