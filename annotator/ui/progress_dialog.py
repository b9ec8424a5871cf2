"""View ▸ Progress…: per annotator, documents done / in progress / skipped / flagged out of
the project's, comments, and spans per label, read from the store when opened (and by
`reload`). Annotators with no work yet are left out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.store import Store
from annotator.core.store.progress import AnnotatorProgress, annotator_progress
from annotator.ui.plain_text import isolate, plain_label


def _has_work(person: AnnotatorProgress) -> bool:
    counts = (person.done, person.in_progress, person.skipped, person.flagged, person.comments)
    return any(counts) or bool(person.spans_per_label)


class ProgressDialog(QDialog):
    """A table, one row per annotator, a bar of their done documents in each row."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self.setWindowTitle(self.tr("Progress"))
        self.store = store
        self.people: list[AnnotatorProgress] = []
        self.total = 0
        self.summary = plain_label()
        self.table = QTableWidget(self)
        self.table.setObjectName("progressTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.table, 1)
        column.addWidget(buttons)
        self.resize(900, 360)
        self.reload()

    def reload(self) -> None:
        """Read the numbers again."""
        # those with nothing yet (a reviewer who never annotated, gold before review) left out
        self.people = [p for p in annotator_progress(self.store.db) if _has_work(p)]
        self.total = self.store.documents.count()
        labels = sorted({label for p in self.people for label in p.spans_per_label})
        headers = [
            self.tr("Annotator"),
            self.tr("Done"),
            self.tr("In progress"),
            self.tr("Skipped"),
            self.tr("Flagged"),
            self.tr("Comments"),
            self.tr("Spans"),
            *labels,
        ]
        table = self.table
        table.clear()
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setRowCount(len(self.people))
        for row, person in enumerate(self.people):
            table.setItem(row, 0, QTableWidgetItem(person.name))
            table.setCellWidget(row, 1, self._bar(person.done))
            numbers = (person.in_progress, person.skipped, person.flagged, person.comments)
            numbers += (person.spans, *(person.spans_per_label.get(label, 0) for label in labels))
            for column, value in enumerate(numbers, start=2):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        table.setColumnWidth(1, 150)
        text = self.tr("{documents} documents in the project · {people} annotators")
        self.summary.setText(text.format(documents=isolate(self.total), people=len(self.people)))

    def _bar(self, done: int) -> QProgressBar:
        bar = QProgressBar()
        bar.setRange(0, max(self.total, 1))
        bar.setValue(min(done, max(self.total, 1)))
        bar.setFormat(self.tr("%v of %m"))  # Qt fills in done and the document count
        bar.setTextVisible(True)
        return bar

    def cell(self, row: int, column: int) -> str:
        """The text a cell shows (the bar's for the done column)."""
        if column == 1:
            return self.table.cellWidget(row, 1).text()
        return self.table.item(row, column).text()


def show_progress(parent: QWidget, store: Store) -> ProgressDialog:
    """Open the progress dialog (not modal: it stays open beside the work)."""
    dialog = ProgressDialog(store, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    parent.progress_dialog = dialog
    return dialog
