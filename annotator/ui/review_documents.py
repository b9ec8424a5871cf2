"""The reviewer's document list: most disputed first, with per-document agreement."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QTableView, QWidget

from annotator.core.store import Store
from annotator.core.team.agreement import document_agreement
from annotator.core.team.review import layer_names
from annotator.ui.plain_text import tooltip
from annotator.ui.review_notes import noted_ids, notes_summary
from annotator.ui.tables import Index as _Index
from annotator.ui.tables import ReadOnlyTableModel, set_up_table

HEADERS = (
    QT_TRANSLATE_NOOP("Tables", "Title"),
    QT_TRANSLATE_NOOP("Tables", "Agreement"),
    QT_TRANSLATE_NOOP("Tables", "Layers"),
    QT_TRANSLATE_NOOP("Tables", "Notes"),
)


class ReviewDocumentsModel(ReadOnlyTableModel):
    """Documents with at least one annotator layer or a note (a skip, flag or comment),
    sorted by agreement (lowest first; documents with a single layer, where agreement is
    undefined, last); `set_note_filter` keeps only those with a kind of note."""

    HEADERS = HEADERS

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.rows: list[tuple[int, float | None]] = []
        self._titles: dict[int, str] = {}
        self._layers: dict[int, int] = {}
        self._notes: dict[int, str] = {}
        self.note_filter: str | None = None
        self.reload()

    def set_note_filter(self, kind: str | None) -> None:
        """Only documents flagged, skipped, commented or with "any" note (None: all)."""
        self.note_filter = kind
        self.reload()

    def reload(self) -> None:
        """Compute agreement again (after a merge or import)."""
        scores = document_agreement(self.store)
        for doc in noted_ids(self.store, "any"):  # flagged without a layer: listed too
            scores.setdefault(doc, None)
        if self.note_filter is not None:
            keep = noted_ids(self.store, self.note_filter)
            scores = {doc: score for doc, score in scores.items() if doc in keep}
        self.beginResetModel()
        self.rows = sorted(
            scores.items(), key=lambda item: (item[1] is None, item[1] or 0, item[0])
        )
        self._titles.clear()
        self._layers.clear()
        self._notes.clear()
        self.endResetModel()

    def document_id(self, row: int) -> int:
        return self.rows[row][0]

    def row_of(self, document_id: int) -> int | None:
        return next((n for n, (doc, _) in enumerate(self.rows) if doc == document_id), None)

    def row_total(self) -> int:
        return len(self.rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        doc, score = self.rows[index.row()]
        if index.column() == 0:
            title = self._titles.get(doc)
            if title is None:
                title = self._titles[doc] = self.store.documents.get(doc).title
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(title)
            return title
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 1:
            return "—" if score is None else f"{score:.0%}"
        if index.column() == 3:
            if doc not in self._notes:
                self._notes[doc] = notes_summary(self.store, doc)
            return self._notes[doc]
        if doc not in self._layers:
            self._layers[doc] = len(layer_names(self.store, doc))
        return str(self._layers[doc])


class ReviewDocumentsView(QTableView):
    """The list; `documentChosen(id)` when the current row changes."""

    documentChosen = Signal(int)

    def __init__(self, model: ReviewDocumentsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.documents = model
        set_up_table(self, stretch=0, right_to_left=False)
        self.selectionModel().currentRowChanged.connect(
            lambda current, _prev: (
                current.isValid() and self.documentChosen.emit(model.document_id(current.row()))
            )
        )

    def select_document(self, document_id: int) -> bool:
        row = self.documents.row_of(document_id)
        if row is None:
            return False
        self.setCurrentIndex(self.documents.index(row, 0))
        return True

    def step(self, delta: int) -> None:
        row = self.currentIndex().row() + delta
        if 0 <= row < self.documents.rowCount():
            self.setCurrentIndex(self.documents.index(row, 0))
