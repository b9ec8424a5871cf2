"""The links of the current span, listed under the spans table: "SAID_BY → بوتين" for a
quote, "SAID_BY ← «…»" for its speaker. A row can be selected and deleted with Delete (the
window's action asks `focused_relation_id`); Enter or a double click goes to the other end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from annotator.core.model import Relation, Span
from annotator.ui.plain_text import isolate, plain_label, tooltip

if TYPE_CHECKING:
    from annotator.ui.editing import Editor

RELATION_ID = Qt.ItemDataRole.UserRole
OTHER_END = Qt.ItemDataRole.UserRole + 1
MAX_TEXT = 40
VISIBLE_ROWS = 4
LRI, PDI = "\u2066", "\u2069"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def link_row(relation: str, arrow: str, text: str) -> str:
    """ "SAID_BY → بوتين" laid out left to right whatever the window's direction, the
    span's words isolated inside it, so the arrow always points from head to child."""
    return f"{LRI}{relation} {arrow} {isolate(_short(text))}{PDI}"


class SpanLinks(QWidget):
    """A title and a short list: the links that start or end at the current span.

    `spanActivated(id)` when a row is activated: the span at the link's other end.
    """

    spanActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = plain_label()
        self.list = QListWidget(self)
        self.list.setObjectName("spanLinks")
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        self._editor: Editor | None = None
        self.show_links("", None, [])

    def follow(self, editor: Editor) -> None:
        """List the links of `editor`'s current span, kept up to date as it changes."""
        self._editor = editor
        editor.currentSpanChanged.connect(lambda _span_id: self.refresh())
        editor.contentChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Read the current span and its links from the editor again."""
        editor = self._editor
        if editor is None:
            return
        span = editor.span(editor.current_span_id)
        if span is None:
            self.show_links(editor.text, None, [])
            return
        self.show_links(editor.text, span.id, editor.relations, editor.span)

    def show_links(
        self,
        text: str,
        span_id: int | None,
        relations: list[Relation],
        span_of: Callable[[int], Span | None] | None = None,
    ) -> None:
        """Show the links of span `span_id` among `relations`; `span_of(id)` gives a span."""
        selected = self.focused_relation_id(any_focus=True)
        self.list.clear()
        mine = [r for r in relations if span_id in (r.head_id, r.child_id)] if span_id else []
        for rel in mine:
            outgoing = rel.head_id == span_id
            other = span_of(rel.child_id if outgoing else rel.head_id) if span_of else None
            if other is None:
                continue
            words = text[other.start : other.end]
            item = QListWidgetItem(link_row(rel.label, "→" if outgoing else "←", words))
            item.setData(RELATION_ID, rel.id)
            item.setData(OTHER_END, other.id)
            item.setToolTip(tooltip(f"{other.label}: {words}"))
            self.list.addItem(item)
            if rel.id == selected:
                self.list.setCurrentItem(item)
        count = self.list.count()
        if span_id is None:
            self.title.setText(self.tr("Links: click a span"))
        elif count:
            self.title.setText(self.tr("Links of this span (%n)", "", count))
        else:
            self.title.setText(self.tr("Links of this span: none"))
        self.list.setVisible(count > 0)
        if count:  # as tall as its rows, up to VISIBLE_ROWS
            rows = min(count, VISIBLE_ROWS)
            self.list.setFixedHeight(
                rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth() + 2
            )

    def row_texts(self) -> list[str]:
        """The rows as shown (for tests and screen readers), without bidi controls."""
        strip = str.maketrans("", "", "\u2066\u2067\u2068\u2069")
        return [self.list.item(i).text().translate(strip) for i in range(self.list.count())]

    def focused_relation_id(self, any_focus: bool = False) -> int | None:
        """The link selected in the list when the list has the keyboard focus (what
        Delete removes); with `any_focus`, whether or not it has."""
        item = self.list.currentItem()
        if item is None or not (any_focus or self.list.hasFocus()):
            return None
        return item.data(RELATION_ID) or None

    def _activated(self, item: QListWidgetItem) -> None:
        other = item.data(OTHER_END)
        if other:
            self.spanActivated.emit(other)


def with_links(panel: QWidget, links: SpanLinks) -> QWidget:
    """The spans table with the current span's links under it, as one pane."""
    pane = QWidget()
    column = QVBoxLayout(pane)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(panel, 1)
    column.addWidget(links)
    return pane
