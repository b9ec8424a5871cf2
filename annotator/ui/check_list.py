"""A list of names to tick, with All and None buttons: the export dialog's annotators and
labels. Item texts are plain text (a list item never reads markup)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.plain_text import plain_label

NAME_ROLE = Qt.ItemDataRole.UserRole
LIST_HEIGHT = 90  # at least about four rows, then it scrolls


class CheckList(QWidget):
    """A titled list of checkable names (value, shown text), all ticked at first."""

    def __init__(
        self, title: str, entries: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label(title))
        self.list = QListWidget()
        self.list.setMinimumHeight(LIST_HEIGHT)
        self.list.setAccessibleName(title)
        for value, shown in entries:
            item = QListWidgetItem(shown)
            item.setData(NAME_ROLE, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        for text, state in (
            (self.tr("All"), Qt.CheckState.Checked),
            (self.tr("None"), Qt.CheckState.Unchecked),
        ):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, state=state: self.set_all(state))
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

    def values(self) -> list[str]:
        """Every entry's value, in the list's order."""
        return [self.list.item(row).data(NAME_ROLE) for row in range(self.list.count())]

    def checked(self) -> list[str]:
        """The ticked entries' values, in the list's order."""
        return [
            self.list.item(row).data(NAME_ROLE)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, value: str, checked: bool) -> None:
        """Tick or untick the entry `value` (KeyError if there is none)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(NAME_ROLE) == value:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(value)

    def set_all(self, state: Qt.CheckState) -> None:
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(state)

    def selection(self) -> list[str] | None:
        """The ticked values as a filter: None when every entry is ticked (everything,
        as when a filter is not given on the command line)."""
        checked = self.checked()
        return None if len(checked) == self.list.count() else checked
