"""The label bar: one button per label with its colour and key, always visible."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QToolBar, QWidget

from annotator.core.model import Label
from annotator.ui.plain_text import action_text, tooltip


def swatch(colour: str, size: int = 14) -> QIcon:
    """A small square icon of the label's colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class LabelBar(QToolBar):
    """Label buttons; `labelTriggered(name, exact)` fires on click or key.

    The plain key snaps the selection to whole words; Alt+key keeps the exact characters.
    """

    labelTriggered = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Labels", parent)
        self.setObjectName("labelBar")
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.shortcut_actions: list[QAction] = []

    def set_labels(self, labels: list[Label]) -> None:
        """Rebuild the buttons and their shortcuts for this scheme."""
        self.clear()
        owner = self.parentWidget() or self
        for action in self.shortcut_actions:
            owner.removeAction(action)
        self.shortcut_actions = []
        for label in labels:
            key = label.shortcut
            text = f"{key}  {label.name}" if key else label.name
            button = QAction(swatch(label.colour), action_text(text), self)
            button.setToolTip(tooltip(f"{label.name} ({label.kind}) {label.description}"))
            button.triggered.connect(
                lambda _=False, n=label.name: self.labelTriggered.emit(n, False)
            )
            button.setData(label.name)
            self.addAction(button)
            if not key:
                continue
            for exact, sequence in ((False, key), (True, f"Alt+{key}")):
                action = QAction(self)
                action.setShortcut(QKeySequence(sequence))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                action.triggered.connect(
                    lambda _=False, n=label.name, e=exact: self.labelTriggered.emit(n, e)
                )
                owner.addAction(action)
                self.shortcut_actions.append(action)

    def button_names(self) -> list[str]:
        """Label names in button order (for tests and accessibility)."""
        return [action.data() for action in self.actions() if action.data()]
