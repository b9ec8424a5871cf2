"""The keyboard-shortcut sheet (F1, ?): every action registered on the window that has a
key, read from the actions themselves when the sheet opens, so it cannot drift from the
code. Grouped by the menu that holds the action; the label keys form their own group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.plain_text import window_title

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

# Keys stay left-to-right inside right-to-left text (a list of them is not reordered).
LRI, PDI = "\u2066", "\u2069"


@dataclass(frozen=True)
class ShortcutEntry:
    """One line of the sheet: the group (menu), what the action does, its keys."""

    group: str
    text: str
    keys: tuple[str, ...]


def strip_mnemonic(text: str) -> str:
    """A menu text without its mnemonic marks ("&Find…" → "Find…", "R&&D" → "R&D")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def key_texts(action: QAction) -> tuple[str, ...]:
    """The action's keys, as the platform writes them."""
    return tuple(
        sequence.toString(QKeySequence.SequenceFormat.NativeText)
        for sequence in action.shortcuts()
        if not sequence.isEmpty()
    )


def _menus(window: MainWindow) -> list[QMenu]:
    """The menu bar's menus and their submenus, in the order they are shown."""
    found: list[QMenu] = []

    def walk(actions: list[QAction]) -> None:
        for action in actions:
            menu = action.menu()
            if isinstance(menu, QMenu):
                found.append(menu)
                walk(menu.actions())

    walk(window.menuBar().actions())
    return found


def shortcut_entries(
    window: MainWindow, labels_group: str, other_group: str
) -> list[ShortcutEntry]:
    """Every action of the window with a key: those in a menu under the menu's title, in
    menu order; then the label bar's keys under `labels_group`; then any others."""
    registered = [action for action in window.actions() if key_texts(action)]
    wanted = set(registered)
    entries: list[ShortcutEntry] = []
    seen: set[QAction] = set()
    for menu in _menus(window):
        group = strip_mnemonic(menu.title())
        for action in menu.actions():
            if action in wanted and action not in seen:
                seen.add(action)
                entries.append(ShortcutEntry(group, _action_name(action), key_texts(action)))
    label_keys = set(window.label_bar.shortcut_actions)
    for group, pick in ((labels_group, True), (other_group, False)):
        for action in registered:
            if action not in seen and (action in label_keys) == pick:
                seen.add(action)
                entries.append(ShortcutEntry(group, _action_name(action), key_texts(action)))
    return entries


def _action_name(action: QAction) -> str:
    return strip_mnemonic(action.text()) or action.toolTip() or action.objectName()


class ShortcutSheet(QDialog):
    """The sheet: a two-column list (command, keys) under one heading per menu."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("shortcutSheet")
        self._window = window
        self.setWindowTitle(window_title(self.tr("Keyboard shortcuts")))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(620, 640)
        self.refresh()

    def entries(self) -> list[ShortcutEntry]:
        """What the sheet lists, read from the window's actions now."""
        return shortcut_entries(self._window, self.tr("Labels"), self.tr("Other"))

    def refresh(self) -> None:
        """Read the window's actions again (labels may have new keys)."""
        self.tree.clear()
        headings: dict[str, QTreeWidgetItem] = {}
        for entry in self.entries():
            heading = headings.get(entry.group)
            if heading is None:
                heading = QTreeWidgetItem(self.tree, [entry.group])
                font = heading.font(0)
                font.setBold(True)
                heading.setFont(0, font)
                heading.setFirstColumnSpanned(True)
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
                headings[entry.group] = heading
            keys = ",  ".join(f"{LRI}{key}{PDI}" for key in entry.keys)
            item = QTreeWidgetItem(heading, [entry.text, keys])
            item.setData(0, Qt.ItemDataRole.UserRole, entry)
        self.tree.expandAll()

    def listed(self) -> list[ShortcutEntry]:
        """The entries the tree shows now (for tests and checks)."""
        shown = []
        for top in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(top)
            for row in range(heading.childCount()):
                shown.append(heading.child(row).data(0, Qt.ItemDataRole.UserRole))
        return shown
