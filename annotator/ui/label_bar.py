"""The label bar: one chip per label, its key and name on the label's own colour, so a
colour can never be read as the neighbouring name. The chips wrap onto more rows when the
window is narrow; label keys work anywhere in the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QGuiApplication, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from annotator.core.model import Label
from annotator.ui.flow_layout import FlowLayout
from annotator.ui.label_text import label_summary
from annotator.ui.plain_text import action_text, tooltip
from annotator.ui.span_colours import readable_ink

# The colour is a validated "#rrggbb" (annotator.core.store.labels): safe inside a style sheet.
CHIP_STYLE = (
    "{kind} {{ background-color: {fill}; color: {ink}; border: 1px solid {edge};"
    " border-radius: 10px; padding: 3px 10px; }}"
    " {kind}:hover {{ border: 2px solid {edge}; padding: 2px 9px; }}"
    " {kind}:pressed {{ background-color: {edge}; }}"
)


def swatch(colour: str, size: int = 14) -> QIcon:
    """A small square icon of the label's colour, drawn at the screen's pixel ratio (sharp
    on a HiDPI screen)."""
    app = QGuiApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def chip_style(colour: str, kind: str = "QToolButton") -> str:
    """The style sheet of a chip (a `kind` widget) filled with `colour`, its text dark or
    light to be read."""
    fill = QColor(colour)
    ink = readable_ink(fill).name()  # black or white, whichever contrasts more
    return CHIP_STYLE.format(kind=kind, fill=fill.name(), ink=ink, edge=fill.darker(160).name())


class LabelBar(QWidget):
    """Label chips; `labelTriggered(name, exact)` fires on click or key.

    The plain key snaps the selection to whole words; Alt+key keeps the exact characters.
    """

    labelTriggered = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelBar")
        # The key shortcuts live on the window, which stays when the bar is laid out.
        self._owner = parent or self
        self._flow = FlowLayout(self)
        self._flow.setContentsMargins(6, 4, 6, 4)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._chips: dict[str, QToolButton] = {}
        self.shortcut_actions: list[QAction] = []

    def set_labels(self, labels: list[Label]) -> None:
        """Rebuild the chips and their shortcuts for this scheme."""
        for action in self.actions():
            self.removeAction(action)
        while (item := self._flow.takeAt(0)) is not None:
            if item.widget() is not None:
                item.widget().deleteLater()
        self._chips = {}
        for action in self.shortcut_actions:
            self._owner.removeAction(action)
        self.shortcut_actions = []
        for label in labels:
            key = label.shortcut
            text = f"{key}  {label.name}" if key else label.name
            action = QAction(action_text(text), self)
            action.setToolTip(tooltip(label_summary(label)))
            action.setData(label.name)
            action.triggered.connect(
                lambda _=False, n=label.name: self.labelTriggered.emit(n, False)
            )
            self.addAction(action)
            chip = QToolButton(self)
            chip.setDefaultAction(action)
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the article
            chip.setStyleSheet(chip_style(label.colour))
            self._flow.addWidget(chip)
            self._chips[label.name] = chip
            if not key:
                continue
            for exact, sequence in ((False, key), (True, f"Alt+{key}")):
                # named, so the shortcut sheet can list it
                named = self.tr("{name}, exact characters") if exact else "{name}"
                shortcut = QAction(action_text(named.format(name=label.name)), self._owner)
                shortcut.setShortcut(QKeySequence(sequence))
                shortcut.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.triggered.connect(
                    lambda _=False, n=label.name, e=exact: self.labelTriggered.emit(n, e)
                )
                self._owner.addAction(shortcut)
                self.shortcut_actions.append(shortcut)
        self.updateGeometry()

    def chip(self, name: str) -> QToolButton | None:
        """The chip of a label."""
        return self._chips.get(name)

    def widgetForAction(self, action: QAction) -> QToolButton | None:
        """The chip that shows `action` (as QToolBar.widgetForAction)."""
        return self._chips.get(action.data())
