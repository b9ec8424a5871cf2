"""View ▸ Guidelines: the whole label scheme (colour, key, kind, description, examples)
and the project's guidelines document, in a panel beside the article.

The document is Markdown rendered as formatted text with HTML switched off, so markup in
the file shows literally; nothing it names (an image, a link) is ever loaded or opened."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.core.guidelines import guidelines
from annotator.core.model import Label
from annotator.ui.label_bar import swatch
from annotator.ui.label_text import examples_text, kind_name

if TYPE_CHECKING:
    from annotator.core.store import Store


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


SCHEME_COLUMNS = ("name", "key", "kind", "description", "examples")


class SchemeTable(QTableWidget):
    """Every label of the scheme, one row each, plain text only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(SCHEME_COLUMNS), parent)
        self.setHorizontalHeaderLabels(
            [
                self.tr("Label"),
                self.tr("Key"),
                self.tr("Kind"),
                self.tr("Description"),
                self.tr("Examples"),
            ]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

    def set_labels(self, labels: list[Label]) -> None:
        self.setRowCount(len(labels))
        for row, label in enumerate(labels):
            values = (
                label.name,
                label.shortcut or "",
                kind_name(label.kind),
                label.description,
                examples_text(label),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setIcon(swatch(label.colour))
                    item.setData(Qt.ItemDataRole.UserRole, label.name)
                self.setItem(row, column, item)
        self.resizeRowsToContents()

    def row_texts(self) -> list[tuple[str, ...]]:
        """What each row shows (for tests)."""
        return [
            tuple(self.item(row, column).text() for column in range(self.columnCount()))
            for row in range(self.rowCount())
        ]


class GuidelinesPanel(QDockWidget):
    """The scheme and the guidelines document, refreshed when the labels change."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidelinesPanel")
        self.setWindowTitle(self.tr("Guidelines"))
        self.store = store
        self.tabs = QTabWidget()
        self.scheme = SchemeTable()
        self.document = markdown_view()
        self.tabs.addTab(self.scheme, self.tr("Labels"))
        self.tabs.addTab(self.document, self.tr("Document"))
        self.setWidget(self.tabs)
        self.reload()

    def reload(self) -> None:
        """Read the scheme and the document again."""
        self.scheme.set_labels(self.store.labels.all())
        text = guidelines(self.store)
        if not text:
            text = self.tr("No guidelines document in this project yet. Store one with:") + (
                "\n\n    annotator guidelines FILE.md\n"
            )
        document = self.document.document()
        assert isinstance(document, PlainMarkdownDocument)
        document.set_markdown(text)

    def apply_changes(self, changes: Changes) -> None:
        if changes.labels or changes.everything:
            self.reload()
