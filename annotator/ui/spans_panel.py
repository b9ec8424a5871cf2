"""The spans panel: the document's spans and links in reading order.

A lazy table model over the editor's lists: resetting it costs nothing per row, and the
view asks only for the rows it shows, so a document with 3,000 spans stays instant.
Each link is a row right under the span it starts from (a QUOTE, a CLAIM).
"""

from __future__ import annotations

import json
from collections import defaultdict

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QTableView, QWidget

from annotator.core.model import Label, Relation, Span
from annotator.ui.label_bar import swatch
from annotator.ui.plain_text import tooltip
from annotator.ui.tables import Index as _Index
from annotator.ui.tables import ReadOnlyTableModel, set_up_table

SPAN_ID = Qt.ItemDataRole.UserRole
RELATION_ID = Qt.ItemDataRole.UserRole + 1
MAX_TEXT = 80
HEADERS = ("#", "Label", "Text", "Details")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def describe_attributes(attributes: dict) -> str:
    """Attributes as `key=value` pairs, plain text."""
    return ", ".join(
        f"{key}={value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}"
        for key, value in sorted(attributes.items())
    )


class SpansModel(ReadOnlyTableModel):
    """Rows: every span in reading order, each followed by the links it starts."""

    HEADERS = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._text = ""
        self._rows: list[tuple[Span, Relation | None]] = []
        self._number: dict[int, int] = {}
        self._spans: dict[int, Span] = {}
        self._labels: dict[str, Label] = {}
        self._icons: dict[str, QIcon] = {}
        self._row_of_span: dict[int, int] = {}

    def set_content(
        self, text: str, spans: list[Span], relations: list[Relation], labels: dict[str, Label]
    ) -> None:
        """Show these spans (in reading order) and relations."""
        self.beginResetModel()
        self._text, self._labels = text, labels
        self._spans = {span.id: span for span in spans}
        self._number = {span.id: n for n, span in enumerate(spans, start=1)}
        starts: dict[int, list[Relation]] = defaultdict(list)
        for rel in relations:
            if rel.head_id in self._spans and rel.child_id in self._spans:
                starts[rel.head_id].append(rel)
        if not starts:  # the common case, and the cheap one for thousands of spans
            self._rows = [(span, None) for span in spans]
            self._row_of_span = {span.id: row for row, span in enumerate(spans)}
        else:
            self._rows, self._row_of_span = [], {}
            for span in spans:
                self._row_of_span[span.id] = len(self._rows)
                self._rows.append((span, None))
                if span.id in starts:
                    self._rows.extend((span, rel) for rel in starts[span.id])
        self.endResetModel()

    def row_of_span(self, span_id: int) -> int | None:
        """The row of a span (not of its links)."""
        return self._row_of_span.get(span_id)

    def row_total(self) -> int:
        return len(self._rows)

    def _icon(self, colour: str) -> QIcon:
        icon = self._icons.get(colour)
        if icon is None:
            icon = self._icons[colour] = swatch(colour)
        return icon

    def texts(self, row: int) -> list[str]:
        """The four cells of a row as plain strings."""
        span, rel = self._rows[row]
        if rel is None:
            return [
                str(self._number[span.id]),
                span.label,
                _short(self._text[span.start : span.end]),
                describe_attributes(span.attributes),
            ]
        child = self._spans[rel.child_id]
        return [
            "",
            rel.label,
            f"→ {_short(self._text[child.start : child.end])}",
            f"#{self._number[child.id]} {child.label}",
        ]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        span, rel = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts(index.row())[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 1 and rel is None:
            label = self._labels.get(span.label)
            return self._icon(label.colour) if label else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            shown = self._spans[rel.child_id] if rel else span
            return tooltip(self._text[shown.start : shown.end])
        if role == SPAN_ID:
            return rel.child_id if rel else span.id
        if role == RELATION_ID:
            return rel.id if rel else 0
        return None


class SpansPanel(QTableView):
    """The spans table. `spanActivated(id)` when a row is chosen (a link row: its target).

    Delete is the window's action, which asks `current_relation_id()` to know whether a
    link row is meant.
    """

    spanActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = SpansModel(self)
        self.setModel(self._model)
        set_up_table(self, stretch=2, widths={0: 34, 1: 96, 3: 90})
        self._quiet = False
        self.selectionModel().currentRowChanged.connect(self._on_current)
        self.activated.connect(lambda index: self._emit(index.row()))

    def set_content(
        self, text: str, spans: list[Span], relations: list[Relation], labels: dict[str, Label]
    ) -> None:
        """Show these spans (already in reading order) and relations; keep the selection."""
        current = self.current_span_id()
        self._quiet = True
        self._model.set_content(text, spans, relations, labels)
        self._quiet = False
        if current is not None:
            self.select_span(current)

    def current_span_id(self) -> int | None:
        """Span id of the selected row (for a link row: its target span)."""
        index = self.currentIndex()
        return index.data(SPAN_ID) if index.isValid() else None

    def current_relation_id(self) -> int | None:
        """Relation id of the selected row, when it is a link row."""
        index = self.currentIndex()
        return (index.data(RELATION_ID) or None) if index.isValid() else None

    def select_span(self, span_id: int) -> None:
        """Select a span's row without emitting spanActivated."""
        row = self._model.row_of_span(span_id)
        if row is not None:
            self.select_row(row, quiet=True)

    def select_row(self, row: int, quiet: bool = False) -> None:
        """Make a row current (emits spanActivated unless `quiet`)."""
        self._quiet = quiet
        self.setCurrentIndex(self._model.index(row, 0))
        self._quiet = False
        self.scrollTo(self._model.index(row, 0))

    def row_texts(self) -> list[list[str]]:
        """The visible text of every row (for tests and screen readers)."""
        return [self._model.texts(row) for row in range(self._model.rowCount())]

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._emit(current.row())

    def _emit(self, row: int) -> None:
        if not self._quiet:
            span_id = self._model.index(row, 0).data(SPAN_ID)
            if span_id:
                self.spanActivated.emit(span_id)
