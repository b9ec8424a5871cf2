"""The small dialog that asks for a skip's reason, a flag's reason and note, or a comment:
one line of text (Enter accepts), a reason to choose for a flag, and Remove when the
annotator's earlier skip or flag can be taken back."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from annotator.core.model import FLAG_REASONS
from annotator.core.store.notes import MAX_NOTE
from annotator.ui.plain_text import plain_label


def reason_text(reason: str) -> str:
    """A flag's reason as the interface says it."""
    words = {
        "unclear": QCoreApplication.translate("Notes", "Unclear"),
        "bad_text": QCoreApplication.translate("Notes", "Bad text"),
        "duplicate": QCoreApplication.translate("Notes", "Duplicate"),
        "other": QCoreApplication.translate("Notes", "Other"),
    }
    return words.get(reason, reason)


@dataclass(frozen=True)
class NoteAnswer:
    """What the dialog was told: remove the earlier note, or store this one."""

    text: str = ""
    reason: str = ""
    remove: bool = False


class NoteDialog(QDialog):
    """Asks for one note; `answer()` once accepted."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        prompt: str,
        *,
        reasons: bool = False,
        text: str = "",
        reason: str = "",
        removable: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("noteDialog")
        self._removed = False
        form = QFormLayout(self)
        form.addRow(plain_label(prompt))
        self.reason_box: QComboBox | None = None
        if reasons:
            self.reason_box = QComboBox(self)
            self.reason_box.setObjectName("flagReason")
            for value in FLAG_REASONS:
                self.reason_box.addItem(reason_text(value), value)
            self.reason_box.setCurrentIndex(max(self.reason_box.findData(reason), 0))
            form.addRow(self.tr("Reason:"), self.reason_box)
        self.text = QLineEdit(text, self)
        self.text.setObjectName("noteText")
        self.text.setMaxLength(MAX_NOTE)
        self.text.setMinimumWidth(360)
        form.addRow(self.tr("Note:") if reasons else self.tr("Text:"), self.text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        if removable:
            remove = buttons.addButton(
                self.tr("Remove"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            remove.setObjectName("removeNote")
            remove.clicked.connect(self._remove)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.text.setFocus()

    def _remove(self) -> None:
        self._removed = True
        self.accept()

    def answer(self) -> NoteAnswer:
        reason = self.reason_box.currentData() if self.reason_box is not None else ""
        return NoteAnswer(self.text.text(), reason, self._removed)
