"""The document list as the annotator sees it: a search box, a status filter and the table
of documents, built around a `DocumentListModel` (document_list.py)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.core.store.listing import TRIGRAM, done_count, progress
from annotator.core.text.search import fold
from annotator.ui.document_list import (
    SPANS,
    STATUS,
    STATUS_CHOICES,
    STATUS_TEXT,
    TITLE,
    DocumentListModel,
    translated,
)
from annotator.ui.spans_panel import PAINT_LATER_MS


class DocumentListWidget(QWidget):
    """Search box, status filter and the table of documents, built around a model.

    `documentActivated(doc_id)` is emitted whenever the current row changes to another
    document, by keyboard, mouse or `select_document`. After a filter change the current
    document stays current if the filter keeps it (no second signal).
    """

    documentActivated = Signal(int)

    SEARCH_DELAY_MS = 300

    def __init__(self, model: DocumentListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._total: int | None = None
        self._emitted: int | None = None
        self._keep: int | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("documentSearch")
        self.search.setPlaceholderText(self.tr("Search…"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            self.tr(
                "Search titles and texts (harakat and letter forms ignored); "
                "from 3 letters as you type, shorter on Enter"
            )
        )

        self.status_box = QComboBox(self)
        self.status_box.setObjectName("documentStatusFilter")
        for text, status in STATUS_CHOICES:
            self.status_box.addItem(translated(text), status)
        at = self.status_box.findData(model.status_filter)
        self.status_box.setCurrentIndex(max(at, 0))
        self.search.setText(model.query)

        self.view = QTableView(self)
        self.view.setObjectName("documentTable")
        self.view.setModel(model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setCornerButtonEnabled(False)
        rows = self.view.verticalHeader()
        rows.setVisible(False)
        # fixed, uniform row heights: no per-row size hints over 100,000 rows
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        columns = self.view.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        for column, sample in (
            (STATUS, translated(STATUS_TEXT["in_progress"])),
            (SPANS, "Spans 0000"),
        ):
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            columns.resizeSection(column, metrics.horizontalAdvance(sample) + 24)

        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("documentProgress")
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.status_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.progress_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        # after an edit the row repaints a moment after the article, out of the key's
        # frame: its span count is a query over the whole layer (4 ms at 30,000 spans)
        self._paint_later = QTimer(self)
        self._paint_later.setSingleShot(True)
        self._paint_later.setInterval(PAINT_LATER_MS)
        self._paint_later.timeout.connect(lambda: self.view.viewport().setUpdatesEnabled(True))
        self.search.textChanged.connect(self._schedule_search)
        self.search.returnPressed.connect(self.apply_filter)
        self.status_box.currentIndexChanged.connect(self.apply_filter)

        model.modelAboutToBeReset.connect(self._remember_current)
        model.modelReset.connect(self._restore_current)
        model.modelReset.connect(self.refresh_progress)
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.refresh_progress()

    # -- public --------------------------------------------------------------------------
    def model(self) -> DocumentListModel:
        return self._model

    def current_id(self) -> int | None:
        """The id of the current document, or None."""
        index = self.view.currentIndex()
        return self._model.id_at(index.row()) if index.isValid() else None

    def select_document(self, doc_id: int) -> bool:
        """Make `doc_id` the current row and scroll to it; False if the filter hides it.

        Emits `documentActivated` if it was not the current document already.
        """
        row = self._model.row_of(doc_id)
        if row is None:
            return False
        index = self._model.index(row, TITLE)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        return True

    def current_row(self) -> int | None:
        """The current row, or None."""
        index = self.view.currentIndex()
        return index.row() if index.isValid() else None

    def row_count(self) -> int:
        """How many documents the filter shows."""
        return self._model.rowCount()

    def first_id(self) -> int | None:
        """The document in the first row, or None if the list is empty."""
        return self._model.id_at(0) if self._model.rowCount() else None

    def step(self, delta: int) -> bool:
        """Move the current row by `delta` (next: 1, previous: -1), emitting
        `documentActivated`; False at either end of the list (nothing moves). With no
        current row, 1 goes to the first row and -1 to the last."""
        count = self._model.rowCount()
        if not count or delta == 0:
            return False
        row = self.current_row()
        if row is None:
            target = 0 if delta > 0 else count - 1
        else:
            target = row + delta
            if not 0 <= target < count:
                return False
        return self.select_document(self._model.id_at(target))

    def set_query(self, query: str) -> None:
        """Search for `query` now (as if typed into the search box)."""
        with QSignalBlocker(self.search):
            self.search.setText(query)
        self.apply_filter()

    def apply_filter(self) -> None:
        """Apply the search text and status choice now (typing waits a moment first)."""
        self._search_timer.stop()
        status = self.status_box.currentData()
        query = self.search.text()
        if status == self._model.status_filter and query == self._model.query:
            return
        self.setCursor(Qt.CursorShape.BusyCursor)
        try:
            self._model.set_filter(status, query)
        finally:
            self.unsetCursor()

    def refresh_document(self, doc_id: int) -> None:
        """Repaint one document's row (after its spans or status changed) and the tally
        (the number of documents is the same: only the done count is asked again)."""
        self.view.viewport().setUpdatesEnabled(False)
        self._paint_later.start()
        self._model.refresh_document(doc_id)
        self.refresh_progress(recount=False)

    def reload(self) -> None:
        """Re-run the filter (after an import) and update the tally."""
        self._model.reload()

    def apply_changes(self, changes: Changes) -> None:
        """Follow an operation (`changed(Changes)`): re-run the filter when documents were
        added or anything may have changed, else repaint the rows it touched."""
        if changes.everything or changes.documents_added:
            self.reload()
            return
        for document_id in changes.documents:
            self.refresh_document(document_id)

    def set_annotator(self, annotator_id: int | None) -> None:
        """Show another annotator's statuses and counts."""
        self._model.set_annotator(annotator_id)

    def refresh_progress(self, recount: bool = True) -> None:
        """The "3 of 5 done · 2 shown" tally; `recount=False` keeps the document total."""
        if recount or self._total is None:
            done, self._total = progress(self._model.store, self._model.annotator_id)
        else:
            done = done_count(self._model.store, self._model.annotator_id)
        total = self._total
        shown = self._model.rowCount()
        text = self.tr("{done} of {total} done").format(done=done, total=total)
        if shown != total:
            text += " · " + self.tr("{shown} shown").format(shown=shown)
        self.progress_label.setText(text)

    # -- internals -----------------------------------------------------------------------
    def _schedule_search(self, text: str = "") -> None:
        """Search once typing pauses, from 3 letters on (folded): a shorter query has no
        trigram to ask the index for and reads every document (4 s at a million), so it
        waits for Enter. A blank one lists everything again."""
        self._search_timer.stop()
        if not 0 < len(fold(text).strip()) < TRIGRAM:
            self._search_timer.start()

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        doc_id = self._model.id_at(current.row())
        if doc_id != self._emitted:
            self._emitted = doc_id
            self.documentActivated.emit(doc_id)

    def _remember_current(self) -> None:
        self._keep = self.current_id()

    def _restore_current(self) -> None:
        keep, self._keep = self._keep, None
        row = self._model.row_of(keep) if keep is not None else None
        if row is None:
            return
        # the same document: `_current_row_changed` sees no change and stays quiet
        index = self._model.index(row, TITLE)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
