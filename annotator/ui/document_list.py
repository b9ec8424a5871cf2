"""The document list's model: a lazy table over filtered ids (document_list_widget.py
holds the search box, status filter and table built around it).

The model keeps only the filtered list of ids, in id order; the title, status
and span count of a row are read by id, a page at a time, when a view asks for them,
and kept in a bounded LRU cache. So a project of 100,000 documents costs a list of ints
plus a few thousand cached rows, whatever the user scrolls through (Anki's browser does
the same; `fetchMore` models are avoided, see GUIDE.md section 1).

Every string that comes from a document is plain text: the view paints DisplayRole as
text, and the tooltip (which Qt would render as rich text) is HTML-escaped.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from annotator.core.store import Store
from annotator.core.store.listing import (
    DocumentSummary,
    document_ids,
    summaries,
)
from annotator.ui.plain_text import tooltip

TITLE, STATUS, SPANS = range(3)
HEADERS = (
    QT_TRANSLATE_NOOP("DocumentList", "Title"),
    QT_TRANSLATE_NOOP("DocumentList", "Status"),
    QT_TRANSLATE_NOOP("DocumentList", "Spans"),
)

# A short word and a marker for each status, so status never rests on colour alone.
STATUS_TEXT = {
    "new": QT_TRANSLATE_NOOP("DocumentList", "new"),
    "in_progress": QT_TRANSLATE_NOOP("DocumentList", "… in progress"),
    "done": QT_TRANSLATE_NOOP("DocumentList", "✓ done"),
    # the annotator's skip and flag (store/notes.py), shown instead of / beside the status
    "skipped": QT_TRANSLATE_NOOP("DocumentList", "⤼ skipped"),
    "flagged": QT_TRANSLATE_NOOP("DocumentList", "⚑ flagged"),
}

# The filter choices of the status box: (shown text, status or None for all).
STATUS_CHOICES = (
    (QT_TRANSLATE_NOOP("DocumentList", "All"), None),
    (QT_TRANSLATE_NOOP("DocumentList", "New"), "new"),
    (QT_TRANSLATE_NOOP("DocumentList", "In progress"), "in_progress"),
    (QT_TRANSLATE_NOOP("DocumentList", "Done"), "done"),
    (QT_TRANSLATE_NOOP("DocumentList", "Skipped"), "skipped"),
    (QT_TRANSLATE_NOOP("DocumentList", "Flagged"), "flagged"),
)


def translated(text: str) -> str:
    return QCoreApplication.translate("DocumentList", text)


# Data role answering the document id of any cell of a row.
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _ALIGNMENT, DOC_ID_ROLE})
_SPANS_ALIGNMENT = Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class DocumentListModel(QAbstractTableModel):
    """Rows = the ids matching the current filter; row data loaded lazily by id.

    `rowCount()` is the full filtered count; `data()` loads the page of `page_size` ids
    around a row with one `listing.summaries` query and keeps at most `cache_size` rows.
    """

    def __init__(
        self,
        store: Store,
        annotator_id: int | None = None,
        parent=None,
        *,
        page_size: int = 100,
        cache_size: int = 4000,
    ) -> None:
        super().__init__(parent)
        if cache_size < page_size:
            raise ValueError("cache_size must hold at least one page")
        self._store = store
        self._annotator_id = annotator_id
        self._status: str | None = None
        self._query = ""
        self.page_size = page_size
        self.cache_size = cache_size
        self._ids: list[int] = []
        self._cache: OrderedDict[int, DocumentSummary] = OrderedDict()
        self.pages_loaded = 0  # number of summaries() queries made (for tests and benchmarks)
        self._headers = [translated(header) for header in HEADERS]
        self._status_text = {status: translated(text) for status, text in STATUS_TEXT.items()}
        self._load_ids()

    # -- state -----------------------------------------------------------------------
    @property
    def store(self) -> Store:
        return self._store

    @property
    def annotator_id(self) -> int | None:
        return self._annotator_id

    @property
    def status_filter(self) -> str | None:
        return self._status

    @property
    def query(self) -> str:
        return self._query

    def _load_ids(self) -> None:
        self._ids = document_ids(self._store, self._annotator_id, self._status, self._query)
        self._cache.clear()

    def _reset(self) -> None:
        self.beginResetModel()
        try:
            self._load_ids()
        finally:
            self.endResetModel()

    def set_annotator(self, annotator_id: int | None) -> None:
        """Show statuses and span counts of another annotator (resets the model)."""
        self._annotator_id = annotator_id
        self._reset()

    def set_filter(self, status: str | None, query: str = "") -> None:
        """Keep only documents with this status (None: all) whose title or text contains
        `query` under Arabic folding (blank: all). Resets the model."""
        self._status = status
        self._query = query or ""
        self._reset()

    def reload(self) -> None:
        """Run the current filter again (after an import, or edits of many documents)."""
        self._reset()

    def refresh_document(self, doc_id: int) -> None:
        """Forget the cached row of one document and repaint only that row.

        The row stays in the list even if the document no longer matches the status
        filter (the list does not jump under the user); `reload()` applies the filter.
        """
        self._cache.pop(doc_id, None)
        row = self.row_of(doc_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def row_of(self, doc_id: int) -> int | None:
        """The row showing this document, or None if the filter leaves it out (the ids are
        in id order: a bisection, where a map of a million ids took 0.5 s to build)."""
        ids = self._ids
        row = bisect_left(ids, doc_id)
        return row if row < len(ids) and ids[row] == doc_id else None

    def id_at(self, row: int) -> int:
        """The document id shown in `row`."""
        return self._ids[row]

    def ids(self) -> list[int]:
        """The filtered ids, in row order (a copy)."""
        return list(self._ids)

    def cached_rows(self) -> int:
        """How many row summaries are held in memory now."""
        return len(self._cache)

    def summary(self, row: int) -> DocumentSummary:
        """The row's title, status and span count (loaded with its page if needed)."""
        doc_id = self._ids[row]
        cached = self._cache.get(doc_id)
        if cached is not None:
            self._cache.move_to_end(doc_id)
            return cached
        self._load_page(row)
        return self._cache[doc_id]

    def _load_page(self, row: int) -> None:
        first = row - row % self.page_size
        page = [d for d in self._ids[first : first + self.page_size] if d not in self._cache]
        found = summaries(self._store, self._annotator_id, page)
        self.pages_loaded += 1
        for doc_id in page:
            # a document deleted meanwhile shows as an empty row until the next reload
            self._cache[doc_id] = found.get(doc_id) or DocumentSummary(doc_id, "", "new", 0)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    # -- Qt model interface -------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(HEADERS) else None
        return str(section + 1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        # A view asks ~8 roles per cell per paint: answer the unused ones first, cheaply.
        if role not in _ROLES or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._ids)) or not (0 <= column < len(HEADERS)):
            return None
        if role == _DISPLAY:
            item = self.summary(row)
            if column == TITLE:
                return item.title
            if column == STATUS:
                if item.flags:  # skipped replaces the status; a flag goes beside it
                    if "skipped" in item.flags:
                        return self._status_text["skipped"]
                    return self._status_text["flagged"] + " · " + self._status_text[item.status]
                return self._status_text.get(item.status, item.status)
            return str(item.spans)
        if role == _TOOLTIP:
            # tooltips render rich text: escape, so "<img src=…>" shows as typed
            return tooltip(self.summary(row).title) if column == TITLE else None
        if role == _ALIGNMENT:
            return _SPANS_ALIGNMENT if column == SPANS else None
        return self._ids[row]  # DOC_ID_ROLE

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags
