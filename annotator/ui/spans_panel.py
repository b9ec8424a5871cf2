"""The spans panel: the document's spans and links in reading order.

A lazy table model over the editor's lists: resetting it costs nothing per row, and the
view asks only for the rows it shows, so a document with 3,000 spans stays instant.
Each link is a row right under the span it starts from (a QUOTE, a CLAIM).
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping
from itertools import repeat
from operator import attrgetter

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, QTimer, Signal
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
_ID = attrgetter("id")
PATCH_LIMIT = 64  # above this many changed spans the table is laid out again
# After an edit the table repaints this long after the article, out of the key's frame:
# the label shows at once, the table a moment later (its repaint costs more than the
# article's).
PAINT_LATER_MS = 40
HEADERS = (
    QT_TRANSLATE_NOOP("Tables", "#"),
    QT_TRANSLATE_NOOP("Tables", "Label"),
    QT_TRANSLATE_NOOP("Tables", "Text"),
    QT_TRANSLATE_NOOP("Tables", "Details"),
)


def _order(span: Span) -> tuple[int, int, int]:
    return (span.start, -span.end, span.id)


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
        self._plain = True  # no link rows: row n shows span n + 1

    def set_content(
        self, text: str, spans: list[Span], relations: list[Relation], labels: dict[str, Label]
    ) -> None:
        """Show these spans (in reading order) and relations."""
        self.beginResetModel()
        self._text, self._labels = text, labels
        self._spans = dict(zip(map(_ID, spans), spans, strict=True))  # in C: 30,000 spans
        starts = self._links_by_head(relations)
        self._plain = not starts
        if self._plain:  # the common case: row n is span n + 1, found by bisection
            self._rows = list(zip(spans, repeat(None)))
            self._number, self._row_of_span = {}, {}
        else:
            self._number = {span.id: n for n, span in enumerate(spans, start=1)}
            self._rows, self._row_of_span = [], {}
            for span in spans:
                self._row_of_span[span.id] = len(self._rows)
                self._rows.append((span, None))
                if span.id in starts:
                    self._rows.extend((span, rel) for rel in starts[span.id])
        self.endResetModel()

    def _links_by_head(self, relations: list[Relation]) -> dict[int, list[Relation]]:
        starts: dict[int, list[Relation]] = defaultdict(list)
        for rel in relations:
            if rel.head_id in self._spans and rel.child_id in self._spans:
                starts[rel.head_id].append(rel)
        return starts

    def update(
        self,
        text: str,
        spans: list[Span],
        changed: Mapping[int, Span | None],
        relations: list[Relation],
        labels: dict[str, Label],
    ) -> None:
        """Show `spans` (reading order) after an edit that touched the spans `changed`
        (id -> the span now, or None when it is gone): rows are removed, inserted and
        renumbered, not reset. With links shown before or after, or a large change, the
        table is laid out again."""
        old = {span_id: self._spans.pop(span_id, None) for span_id in changed}
        self._spans.update((i, span) for i, span in changed.items() if span is not None)
        if (
            not self._plain
            or text != self._text
            or labels is not self._labels
            or len(changed) > PATCH_LIMIT
            or self._links_by_head(relations)
        ):
            self.set_content(text, spans, relations, labels)
            return
        first = len(self._rows)
        for span_id in changed:
            row = self._row_of(old[span_id])
            if row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
                first = min(first, row)
            span = changed[span_id]
            if span is not None:
                row = bisect_left(self._rows, _order(span), key=lambda r: _order(r[0]))
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.insert(row, (span, None))
                self.endInsertRows()
                first = min(first, row)
        if first < len(self._rows):  # the numbers of the rows below changed
            self.dataChanged.emit(self.index(first, 0), self.index(len(self._rows) - 1, 0))

    def _row_of(self, span: Span | None) -> int | None:
        """The row showing this very span, in a table without link rows."""
        if span is None:
            return None
        rows = self._rows
        row = bisect_left(rows, _order(span), key=lambda r: _order(r[0]))
        return row if row < len(rows) and rows[row][0].id == span.id else None

    def row_of_span(self, span_id: int) -> int | None:
        """The row of a span (not of its links)."""
        if not self._plain:
            return self._row_of_span.get(span_id)
        return self._row_of(self._spans.get(span_id))

    def row_total(self) -> int:
        return len(self._rows)

    def _icon(self, colour: str) -> QIcon:
        icon = self._icons.get(colour)
        if icon is None:
            icon = self._icons[colour] = swatch(colour)
        return icon

    def texts(self, row: int) -> list[str]:
        """The four cells of a row as plain strings."""
        return [self._cell(row, column) for column in range(len(HEADERS))]

    def _cell(self, row: int, column: int) -> str:
        span, rel = self._rows[row]
        if rel is None:
            if column == 0:
                return str(row + 1 if self._plain else self._number[span.id])
            if column == 1:
                return span.label
            if column == 2:
                return _short(self._text[span.start : span.end])
            return describe_attributes(span.attributes)
        child = self._spans[rel.child_id]
        if column == 0:
            return ""
        if column == 1:
            return rel.label
        if column == 2:
            return f"→ {_short(self._text[child.start : child.end])}"
        return f"#{self._number[child.id]} {child.label}"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        span, rel = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(index.row(), column)
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
        self._paint_later = QTimer(self)
        self._paint_later.setSingleShot(True)
        self._paint_later.setInterval(PAINT_LATER_MS)
        self._paint_later.timeout.connect(lambda: self.viewport().setUpdatesEnabled(True))
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

    def update_content(
        self,
        text: str,
        spans: list[Span],
        changed: Mapping[int, Span | None],
        relations: list[Relation],
        labels: dict[str, Label],
    ) -> None:
        """Like `set_content` after an edit that touched the spans `changed` (id -> the
        span now, or None when gone): only those rows change."""
        current = self.current_span_id()
        self._quiet = True
        self.viewport().setUpdatesEnabled(False)  # enabled again (and painted) a bit later
        self._paint_later.start()
        self._model.update(text, spans, changed, relations, labels)
        if current is not None and self._model.row_of_span(current) is None:
            self.selectionModel().clear()  # its row is gone: nothing current, as after a reset
        self._quiet = False
        if current is not None and current != self.current_span_id():
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
