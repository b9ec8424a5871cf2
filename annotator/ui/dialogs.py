"""Small dialogs: the annotator's name, a span's attributes, an edit that was not saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from annotator.core.model import GOLD_LAYER, Label, Span
from annotator.ui.plain_text import plain_label, window_title

if TYPE_CHECKING:
    from annotator.ui.session import Session

GOLD_IS_FOR_REVIEWERS = QT_TRANSLATE_NOOP(
    "Dialogs",
    "gold is the adjudicated layer, not an annotator; open the review window "
    "(File ▸ Review disagreements…) to edit it as a reviewer.",
)


def annotator_refusal(name: str, error: Exception) -> str:
    """Why a name cannot be worked under, in words for the window."""
    if name == GOLD_LAYER:
        return QCoreApplication.translate("Dialogs", GOLD_IS_FOR_REVIEWERS)
    return str(error)


def ask_annotator_name(
    parent: QWidget | None, known: list[str], current: str = "", problem: str = ""
) -> str | None:
    """Ask who is annotating (first start, or File ▸ Switch annotator); the gold layer is
    not offered (it is no one's name). `problem` says why the last answer was refused."""
    known = [name for name in known if name != GOLD_LAYER]
    prompt = QCoreApplication.translate(
        "Dialogs", "Your name (your annotations are kept in your own layer):"
    )
    name, ok = QInputDialog.getItem(
        parent,
        QCoreApplication.translate("Dialogs", "Annotator"),
        f"{problem}\n\n{prompt}" if problem else prompt,
        known or [current or ""],
        known.index(current) if current in known else 0,
        True,
    )
    name = name.strip()
    return name if ok and name else None


class AttributesDialog(QDialog):
    """Edit a span's attributes: the label's declared choices plus a free note."""

    def __init__(self, span: Span, label: Label, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title(self.tr("{label} attributes").format(label=label.name)))
        layout = QFormLayout(self)
        quote = plain_label(text if len(text) < 300 else text[:299] + "…")
        quote.setWordWrap(True)
        layout.addRow(quote)
        self._choices: dict[str, QComboBox] = {}
        declared = label.options.get("attributes", {})
        for name, values in declared.items():
            box = QComboBox()
            box.addItem("—", None)
            for value in values:
                box.addItem(str(value), value)
            current = span.attributes.get(name)
            if current is not None and box.findData(current) == -1:
                box.addItem(str(current), current)
            box.setCurrentIndex(max(0, box.findData(current)) if current is not None else 0)
            # addRow(str, widget) would make a rich-text label with a mnemonic buddy
            box.setAccessibleName(name)
            layout.addRow(plain_label(name), box)
            self._choices[name] = box
        self._note = QLineEdit(str(span.attributes.get("note", "")))
        self._note.setAccessibleName("note")
        layout.addRow(plain_label(self.tr("note")), self._note)
        self._others = {
            k: v for k, v in span.attributes.items() if k not in declared and k != "note"
        }
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def attributes(self) -> dict:
        """The attributes as edited (unset choices are left out)."""
        result = dict(self._others)
        for name, box in self._choices.items():
            if box.currentData() is not None:
                result[name] = box.currentData()
        if self._note.text().strip():
            result["note"] = self._note.text().strip()
        return result


def watch_failed_writes(window: QMainWindow, session: Session) -> None:
    """Make an edit that could not be saved plain to see in `window`: a box that says
    why and offers to try again; a failed undo or redo is reported the same way."""

    def ask_retry(problem: str) -> bool:
        title = QCoreApplication.translate("Dialogs", "Not saved")
        box = QMessageBox(QMessageBox.Icon.Warning, title, "", parent=window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            problem + "\n\n" + QCoreApplication.translate("Dialogs", "The edit was not made.")
        )
        box.setStandardButtons(QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Retry)
        return box.exec() == QMessageBox.StandardButton.Retry

    def tell(problem: str) -> None:
        window.statusBar().showMessage(problem, 10000)
        title = QCoreApplication.translate("Dialogs", "Not saved")
        box = QMessageBox(QMessageBox.Icon.Warning, title, "", parent=window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        again = QCoreApplication.translate(
            "Dialogs", "Nothing changed; press the key again to retry."
        )
        box.setText(f"{problem}\n\n{again}")
        box.exec()

    session.retry_prompt = ask_retry
    session.writeFailed.connect(tell)
