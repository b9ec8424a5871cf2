"""The reviewer's table of candidates: who marked what, and what gold says about it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QTableView, QWidget

from annotator.core.team.review import Candidate, RelationCandidate
from annotator.ui.plain_text import tooltip
from annotator.ui.tables import Index as _Index
from annotator.ui.tables import ReadOnlyTableModel, set_up_table

Item = Candidate | RelationCandidate

HEADERS = (
    QT_TRANSLATE_NOOP("Tables", "Agreement"),
    QT_TRANSLATE_NOOP("Tables", "Label"),
    QT_TRANSLATE_NOOP("Tables", "Text"),
    QT_TRANSLATE_NOOP("Tables", "Marked by"),
    QT_TRANSLATE_NOOP("Tables", "Gold"),
)
AGREEMENT_COLOURS = {"all": "#8fd18f", "some": "#f2c46d", "one": "#ef8f8f"}


def agreement_marker(candidate: Candidate) -> str:
    """A marker that does not rely on colour: ●●○ 2/3 (filled dots = annotators who marked)."""
    total = max(candidate.of, len(candidate.annotators))
    filled = len(candidate.annotators)
    return "●" * filled + "○" * (total - filled) + f" {filled}/{total}"


def gold_marker(candidate: Candidate) -> str:
    """✓ in gold, ✗ rejected, blank otherwise."""
    if candidate.gold_id is not None:
        return QCoreApplication.translate("Review", "✓ gold")
    if candidate.decision == "rejected":
        return QCoreApplication.translate("Review", "✗ rejected")
    return ""


class CandidatesModel(ReadOnlyTableModel):
    """One row per candidate, in reading order."""

    HEADERS = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ""
        self.candidates: list[Item] = []
        self.of = 0

    def set_candidates(self, text: str, candidates: list[Item], of: int) -> None:
        """Span candidates then relation candidates; `of` annotators worked on the text."""
        self.beginResetModel()
        self.text, self.candidates, self.of = text, candidates, of
        self.endResetModel()

    def _snippet(self, start: int, end: int, size: int = 60) -> str:
        snippet = " ".join(self.text[start:end].split())
        return snippet if len(snippet) <= size else snippet[: size - 1] + "…"

    def row_total(self) -> int:
        return len(self.candidates)

    def texts(self, row: int) -> list[str]:
        """The cells of a row as plain strings."""
        cand = self.candidates[row]
        if isinstance(cand, RelationCandidate):
            filled = len(cand.annotators)
            total = max(self.of, filled)
            return [
                "●" * filled + "○" * (total - filled) + f" {filled}/{total}",
                cand.label,
                f"{self._snippet(*cand.head[:2], 25)} → {self._snippet(*cand.child[:2], 25)}",
                ", ".join(cand.annotators) or "—",
                QCoreApplication.translate("Review", "✓ gold") if cand.in_gold else "",
            ]
        return [
            agreement_marker(cand),
            cand.label,
            self._snippet(cand.start, cand.end),
            ", ".join(cand.annotators) or "—",
            gold_marker(cand),
        ]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cand = self.candidates[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts(index.row())[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            start, end = (
                (cand.head[0], cand.child[1])
                if isinstance(cand, RelationCandidate)
                else (cand.start, cand.end)
            )
            return tooltip(self.text[min(start, end) : max(start, end)])
        return None


class CandidatesPanel(QTableView):
    """The candidates table; `candidateChosen(row)` when the current row changes."""

    candidateChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = CandidatesModel(self)
        self.setModel(self.table)
        set_up_table(self, stretch=2, widths={0: 80, 1: 80, 3: 110, 4: 80})
        self.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.candidateChosen.emit(current.row())
        )

    def set_candidates(self, text: str, candidates: list[Item], of: int) -> None:
        """Show these candidates; keep the same row selected when there still is one."""
        row = self.currentIndex().row()
        self.table.set_candidates(text, candidates, of)
        if 0 <= row < len(candidates):
            self.blockSignals(True)
            self.setCurrentIndex(self.table.index(row, 0))
            self.blockSignals(False)

    def current(self) -> Item | None:
        """The selected candidate."""
        row = self.currentIndex().row()
        return self.table.candidates[row] if 0 <= row < len(self.table.candidates) else None

    def select_row(self, row: int) -> None:
        self.setCurrentIndex(self.table.index(row, 0))

    def row_texts(self) -> list[list[str]]:
        return [self.table.texts(r) for r in range(self.table.rowCount())]
