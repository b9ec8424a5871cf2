"""The spans panel: the document's spans and links in reading order."""

from __future__ import annotations

import html
import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from annotator.core.model import Label, Relation, Span
from annotator.ui.label_bar import swatch

SPAN_ID = Qt.ItemDataRole.UserRole
RELATION_ID = Qt.ItemDataRole.UserRole + 1
MAX_TEXT = 80


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def describe_attributes(attributes: dict) -> str:
    """Attributes as `key=value` pairs, plain text."""
    return ", ".join(
        f"{key}={value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}"
        for key, value in sorted(attributes.items())
    )


class SpansPanel(QTreeWidget):
    """Lists spans (label, text, attributes) with their links as child rows.

    `spanActivated(id)` on click or Enter. Delete is the window's action, which asks
    `current_relation_id()` to know whether a link row is meant.
    """

    spanActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(4)
        self.setHeaderLabels(["#", "Label", "Text", "Details"])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 34), (1, 96), (3, 90)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.currentItemChanged.connect(self._on_current)
        self.itemActivated.connect(lambda item, _col: self._on_current(item, None))

    def set_content(
        self, text: str, spans: list[Span], relations: list[Relation], labels: dict[str, Label]
    ) -> None:
        """Show these spans (already in reading order) and relations."""
        current = self.current_span_id()
        self.blockSignals(True)
        self.clear()
        by_id = {span.id: span for span in spans}
        number = {span.id: n for n, span in enumerate(spans, start=1)}
        items: dict[int, QTreeWidgetItem] = {}
        for span in spans:
            label = labels.get(span.label)
            snippet = text[span.start : span.end]
            item = QTreeWidgetItem(
                [
                    str(number[span.id]),
                    span.label,
                    _short(snippet),
                    describe_attributes(span.attributes),
                ]
            )
            item.setData(0, SPAN_ID, span.id)
            if label is not None:
                item.setIcon(1, swatch(label.colour))
            item.setToolTip(2, html.escape(snippet))
            self.addTopLevelItem(item)
            items[span.id] = item
        for rel in relations:
            head, child = by_id.get(rel.head_id), by_id.get(rel.child_id)
            if head is None or child is None:
                continue
            child_text = _short(text[child.start : child.end])
            row = QTreeWidgetItem(
                ["", rel.label, f"→ {child_text}", f"#{number[child.id]} {child.label}"]
            )
            row.setData(0, RELATION_ID, rel.id)
            row.setData(0, SPAN_ID, child.id)
            items[head.id].addChild(row)
            items[head.id].setExpanded(True)
        self.blockSignals(False)
        if current is not None and current in items:
            self.select_span(current)

    def current_relation_id(self) -> int | None:
        """Relation id of the selected row, when it is a link row."""
        item = self.currentItem()
        return (item.data(0, RELATION_ID) or None) if item is not None else None

    def current_span_id(self) -> int | None:
        """Span id of the selected row (for a link row: its target span)."""
        item = self.currentItem()
        return item.data(0, SPAN_ID) if item is not None else None

    def select_span(self, span_id: int) -> None:
        """Select a span's row without emitting spanActivated."""
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            if item.data(0, SPAN_ID) == span_id:
                self.blockSignals(True)
                self.setCurrentItem(item)
                self.blockSignals(False)
                self.scrollToItem(item)
                return

    def row_texts(self) -> list[list[str]]:
        """The visible text of every row, depth first (for tests and screen readers)."""
        rows = []
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            rows.append([item.text(c) for c in range(4)])
            rows.extend([item.child(k).text(c) for c in range(4)] for k in range(item.childCount()))
        return rows

    def _on_current(self, item: QTreeWidgetItem | None, _previous) -> None:
        if item is not None and item.data(0, SPAN_ID):
            self.spanActivated.emit(item.data(0, SPAN_ID))
