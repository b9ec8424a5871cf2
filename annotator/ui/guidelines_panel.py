"""View ▸ Guidelines: the whole label scheme (colour, key, kind, description, examples)
and the project's guidelines document, in a panel beside the article.

The document is Markdown rendered as formatted text with HTML switched off, so markup in
the file shows literally; nothing it names (an image, a link) is ever loaded or opened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QPushButton,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.guidelines import guidelines, read_guidelines_file
from annotator.core.model import Label
from annotator.core.store.labels import label_examples
from annotator.ui.label_edits import SetGuidelines
from annotator.ui.label_text import kind_name
from annotator.ui.plain_text import plain_label

if TYPE_CHECKING:
    from annotator.ui.session import Session


class PlainMarkdownDocument(QTextDocument):
    """A document that renders Markdown without HTML and loads no resources."""

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        return None  # never a file, never the network: an image stays its alt text

    def set_markdown(self, text: str) -> None:
        self.setMarkdown(text, QTextDocument.MarkdownFeature.MarkdownNoHTML)


def markdown_view(text: str = "") -> QTextEdit:
    """A read-only view of Markdown `text` (links not followed, HTML shown literally)."""
    view = QTextEdit()
    view.setReadOnly(True)
    document = PlainMarkdownDocument(view)
    view.setDocument(document)
    view.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    document.set_markdown(text)
    return view


class SchemeView(QTextEdit):
    """Every label of the scheme as a short card: its name on its colour, kind and key,
    then its description and examples. Written with plain text inserts only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setDocument(PlainMarkdownDocument(self))
        self.labels: list[Label] = []

    def set_labels(self, labels: list[Label]) -> None:
        self.labels = list(labels)
        document = self.document()
        document.clear()
        cursor = QTextCursor(document)
        normal = QTextCharFormat()
        quiet = QTextCharFormat()
        quiet.setForeground(self.palette().placeholderText())
        for index, label in enumerate(labels):
            if index:
                cursor.insertBlock(_spaced_block(), normal)
            chip = QTextCharFormat()
            fill = QColor(label.colour)
            chip.setBackground(fill)
            chip.setForeground(QColor("#000000" if fill.lightnessF() >= 0.5 else "#ffffff"))
            chip.setFontWeight(QFont.Weight.Bold)
            cursor.insertText(f" {label.name} ", chip)
            details = kind_name(label.kind)
            if label.shortcut:
                details += " · " + self.tr("key {key}").format(key=label.shortcut)
            cursor.insertText(f"  {details}", quiet)
            if label.description:
                cursor.insertBlock(QTextBlockFormat(), normal)
                cursor.insertText(label.description, normal)
            examples = label_examples(label)
            if examples:
                cursor.insertBlock(QTextBlockFormat(), normal)
                cursor.insertText(self.tr("Examples:") + " ", quiet)
                cursor.insertText("، ".join(examples), normal)
        self.moveCursor(QTextCursor.MoveOperation.Start)


def _spaced_block() -> QTextBlockFormat:
    block = QTextBlockFormat()
    block.setTopMargin(10)
    return block


class GuidelinesPanel(QDockWidget):
    """The scheme and the guidelines document, refreshed when the labels change."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidelinesPanel")
        self.setWindowTitle(self.tr("Guidelines"))
        self.session = session
        self.store = session.store
        self.tabs = QTabWidget()
        self.scheme = SchemeView()
        self.document = markdown_view()
        self.problem = plain_label()
        self.problem.setWordWrap(True)
        store_file = QPushButton(self.tr("Store a Markdown file…"))
        store_file.clicked.connect(lambda: self.store_file())
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.document, 1)
        column.addWidget(self.problem)
        column.addWidget(store_file)
        self.tabs.addTab(self.scheme, self.tr("Labels"))
        self.tabs.addTab(page, self.tr("Document"))
        self.setWidget(self.tabs)
        self.reload()

    def reload(self) -> None:
        """Read the scheme and the document again."""
        self.scheme.set_labels(self.store.labels.all())
        self.show_document()

    def show_document(self) -> None:
        text = guidelines(self.store)
        if not text:
            text = self.tr(
                "No guidelines document in this project yet. Store one with the button "
                "below, or from the command line:"
            ) + ("\n\n    annotator guidelines FILE.md\n")
        document = self.document.document()
        assert isinstance(document, PlainMarkdownDocument)
        document.set_markdown(text)

    def store_file(self, path: str | Path | None = None) -> bool:
        """Keep a Markdown file (chosen in a dialog unless given) as the project's
        guidelines document: one undo step; a file that cannot be read changes nothing."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Guidelines document"), "", self.tr("Markdown (*.md *.txt)")
            )
            if not path:
                return False
        try:
            text = read_guidelines_file(path)
        except AnnotatorError as exc:
            self.problem.setText(str(exc))
            return False
        self.problem.clear()
        name = Path(path).name
        command = self.session.operations.apply(
            None,
            lambda: SetGuidelines(self.session, text, name, self.show_document),
            self.problem.setText,
        )
        self.show_document()
        return command is not None

    def apply_changes(self, changes: Changes) -> None:
        if changes.labels or changes.everything:
            self.reload()
