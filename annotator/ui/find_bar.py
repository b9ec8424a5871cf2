"""Ctrl+F: find in the document or across the corpus, with Arabic search folding."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from annotator.core.text.search import find_all
from annotator.ui.plain_text import isolate


class FindBar(QWidget):
    """A search field. In the document it walks the matches; across the corpus it asks the
    document list to filter (`corpusSearch(query)`)."""

    matchSelected = Signal(int, int)  # code-point offsets in the open document
    corpusSearch = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Find — ignores harakat, tatweel, أ/إ/آ, ى, ة"))
        self.field.setClearButtonEnabled(True)
        self.corpus = QCheckBox(self.tr("All documents"))
        self.count = QLabel("")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        previous = QPushButton("◀")
        following = QPushButton("▶")
        layout.addWidget(self.field, 1)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(self.corpus)
        layout.addWidget(self.count)
        self.text = ""
        self.matches: list[tuple[int, int]] = []
        self.index = -1
        self.field.returnPressed.connect(self.next_match)
        self.field.textChanged.connect(self._search)
        following.clicked.connect(self.next_match)
        previous.clicked.connect(self.previous_match)
        self.corpus.toggled.connect(lambda _on: self._search(self.field.text()))

    def set_text(self, text: str) -> None:
        """The open document changed: search it again."""
        self.text = text
        if self.isVisible() and not self.corpus.isChecked():
            self._search(self.field.text())

    def open(self) -> None:
        """Show the bar and focus the field."""
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def _search(self, query: str) -> None:
        if self.corpus.isChecked():
            self.matches, self.index = [], -1
            self.count.setText("")
            self.corpusSearch.emit(query)
            return
        self.matches = find_all(self.text, query) if query.strip() else []
        self.index = -1
        found = self.tr("{count} found").format(count=len(self.matches))
        self.count.setText(found if query.strip() else "")
        if self.matches:
            self.next_match()

    def next_match(self) -> None:
        """Select the next match (wrapping)."""
        self._step(1)

    def previous_match(self) -> None:
        """Select the previous match (wrapping)."""
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self.matches:
            return
        self.index = (self.index + step) % len(self.matches)
        self.count.setText(isolate(f"{self.index + 1} / {len(self.matches)}"))
        self.matchSelected.emit(*self.matches[self.index])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            self.closed.emit()
            return
        super().keyPressEvent(event)
