"""Edit ▸ Labels…: add, rename, recolour, re-key, describe and retire labels, and import or
export the scheme file. Every change is a core label operation (the rules of `annotator
labels`), undoable on the project's stack; a refusal shows the core's message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.model import LABEL_KINDS, Label
from annotator.core.store.labels import load_scheme, new_label_colour, with_examples, write_scheme
from annotator.ui.label_bar import swatch
from annotator.ui.label_edits import AddLabel, ImportScheme, RetireLabel, UpdateLabel
from annotator.ui.label_text import examples_text, kind_name, parse_examples
from annotator.ui.plain_text import plain_label, window_title

if TYPE_CHECKING:
    from annotator.ui.session import Session

NAME, KEY, KIND, DESCRIPTION, EXAMPLES = range(5)


class LabelsDialog(QDialog):
    """The scheme as an editable table: name, key, description and examples are edited in
    place (F2 or a double click), the kind from a list, the colour from Colour…."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelsDialog")
        self.setWindowTitle(window_title(self.tr("Labels")))
        self.session = session
        self.store = session.store
        self._names: list[str] = []
        self._filling = False
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Label"),
                self.tr("Key"),
                self.tr("Kind"),
                self.tr("Description"),
                self.tr("Examples (separated by |)"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (NAME, KEY, KIND):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(EXAMPLES, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._on_item_changed)

        self.problem = plain_label()
        self.problem.setObjectName("labelsProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")

        stack = session.project_stack
        self.undo_action = stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.add_action = self._action(self.tr("&Add"), "Ins", self.add_label)
        self.retire_action = self._action(self.tr("&Retire"), "Del", self.retire_label)
        self.colour_action = self._action(self.tr("&Colour…"), "Ctrl+K", self.recolour)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

        buttons = QHBoxLayout()
        for action in (
            self.add_action,
            self.colour_action,
            self.retire_action,
            self.undo_action,
            self.redo_action,
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        for text, slot in (
            (self.tr("&Import scheme…"), lambda: self.import_scheme()),
            (self.tr("&Export scheme…"), lambda: self.export_scheme()),
            (self.tr("Close"), self.accept),
        ):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)

        hint = plain_label(
            self.tr(
                "F2 or a double click edits a cell; Ins adds a label, Del retires one "
                "(only while no span uses it). Every change is saved at once and can be undone."
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.resize(900, 520)
        session.operations.changed.connect(self._on_changed)
        self.refresh()
        self.table.setCurrentCell(0, NAME)

    def _action(self, text: str, key: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        return action

    # -- the table ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the scheme as stored (items are reused: an edit may be in progress)."""
        labels = self.store.labels.all()
        self._names = [label.name for label in labels]
        self._filling = True
        try:
            self.table.setRowCount(len(labels))
            for row, label in enumerate(labels):
                self._fill_row(row, label)
        finally:
            self._filling = False

    def _fill_row(self, row: int, label: Label) -> None:
        values = {
            NAME: label.name,
            KEY: label.shortcut or "",
            DESCRIPTION: label.description,
            EXAMPLES: examples_text(label),
        }
        for column, value in values.items():
            item = self.table.item(row, column)
            if item is None:
                item = QTableWidgetItem()
                self.table.setItem(row, column, item)
            if item.text() != value:
                item.setText(value)
        self.table.item(row, NAME).setIcon(swatch(label.colour))
        self.table.item(row, NAME).setToolTip(label.colour)
        kinds = self.table.cellWidget(row, KIND)
        if not isinstance(kinds, QComboBox):
            kinds = QComboBox()
            for kind in LABEL_KINDS:
                kinds.addItem(kind_name(kind), kind)
            kinds.currentIndexChanged.connect(lambda _i, box=kinds: self._on_kind(box))
            self.table.setCellWidget(row, KIND, kinds)
        kinds.blockSignals(True)
        kinds.setCurrentIndex(kinds.findData(label.kind))
        kinds.blockSignals(False)
        kinds.setProperty("row", row)

    def current_name(self) -> str | None:
        """The label of the selected row."""
        row = self.table.currentRow()
        return self._names[row] if 0 <= row < len(self._names) else None

    def select_label(self, name: str, column: int = NAME) -> None:
        if name in self._names:
            self.table.setCurrentCell(self._names.index(name), column)

    def _on_changed(self, changes: Changes) -> None:
        if changes.labels or changes.everything:
            current = self.current_name()
            self.refresh()
            if current is not None and current in self._names:
                self.select_label(current, max(self.table.currentColumn(), 0))

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, column = item.row(), item.column()
        name = self._names[row]
        text = item.text().strip()
        if column == NAME:
            self._update(
                name, self.tr("Rename {old} to {new}").format(old=name, new=text), name=text
            )
        elif column == KEY:
            self._update(name, self.tr("Key of {name}").format(name=name), shortcut=text or None)
        elif column == DESCRIPTION:
            self._update(name, self.tr("Describe {name}").format(name=name), description=text)
        elif column == EXAMPLES:
            label = self.store.labels.get(name)
            options = with_examples(label, parse_examples(text)).options
            self._update(name, self.tr("Examples of {name}").format(name=name), options=options)

    def _on_kind(self, box: QComboBox) -> None:
        name = self._names[box.property("row")]
        kind = box.currentData()
        self._update(name, self.tr("Kind of {name}").format(name=name), kind=kind)

    # -- operations --------------------------------------------------------------------
    def _run(self, build: Callable[[], object]) -> bool:
        self.problem.clear()
        return self.session.operations.apply(None, build, self._refused) is not None

    def _refused(self, message: str) -> None:
        self.problem.setText(message)
        self.refresh()  # the cell shows the stored value again

    def _update(self, label_name: str, text: str, /, **changes: object) -> bool:
        label = self.store.labels.get(label_name)
        if all(getattr(label, field) == value for field, value in changes.items()):
            return False  # nothing to change: no undo step
        return self._run(lambda: UpdateLabel(self.session, label_name, text, **changes))

    def add_label(self) -> str | None:
        """Add a label with a free name and the next colour, and start renaming it."""
        taken = set(self._names)
        name = next(
            candidate
            for n in range(1, len(taken) + 2)
            if (candidate := "NEW" if n == 1 else f"NEW_{n}") not in taken
        )
        label = Label(name, "entity", new_label_colour(len(taken)))
        if not self._run(lambda: AddLabel(self.session, label)):
            return None
        self.select_label(name)
        self.table.editItem(self.table.item(self.table.currentRow(), NAME))
        return name

    def retire_label(self) -> bool:
        """Take the selected label out of the scheme (refused while spans use it)."""
        name = self.current_name()
        return name is not None and self._run(lambda: RetireLabel(self.session, name))

    def recolour(self, colour: str | None = None) -> bool:
        """Give the selected label a colour (asked for in a colour dialog)."""
        name = self.current_name()
        if name is None:
            return False
        if colour is None:
            label = self.store.labels.get(name)
            dialog = QColorDialog(QColor(label.colour), self)
            dialog.setObjectName("labelColourDialog")
            dialog.setWindowTitle(window_title(self.tr("Colour of {name}").format(name=name)))
            if not dialog.exec():
                return False
            colour = dialog.currentColor().name()
        return self._update(name, self.tr("Recolour {name}").format(name=name), colour=colour)

    def import_scheme(self, path: str | Path | None = None) -> bool:
        """Add the labels of a scheme file that the project lacks."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import label scheme"), "", self.tr("Label scheme (*.json)")
            )
            if not path:
                return False
        try:
            labels = load_scheme(path)
        except AnnotatorError as exc:
            self.problem.setText(str(exc))
            return False
        if all(label.name in self._names for label in labels):
            self.problem.setText(
                self.tr("{file}: every label is in the project already").format(file=path)
            )
            return False
        return self._run(lambda: ImportScheme(self.session, labels, Path(path).name))

    def export_scheme(self, path: str | Path | None = None) -> bool:
        """Write the labels as a scheme file (`annotator labels import` reads it back)."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export label scheme"),
                "labels.json",
                self.tr("Label scheme (*.json)"),
            )
            if not path:
                return False
        try:
            write_scheme(self.store.labels.all(), path)
        except AnnotatorError as exc:
            self.problem.setText(str(exc))
            return False
        self.problem.setText(self.tr("Scheme written to {file}").format(file=path))
        return True


def open_labels_dialog(parent: QWidget, session: Session) -> LabelsDialog:
    """Show the labels dialog (one per window; raised if open)."""
    dialog = parent.findChild(LabelsDialog, "labelsDialog")
    if dialog is None:
        dialog = LabelsDialog(session, parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
