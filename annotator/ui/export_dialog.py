"""File ▸ Export: a dialog made from the format table (the writable formats, where each
writes — a file or a folder — and its settings), with the filters of `annotator export`:
annotators (gold included), labels, only documents marked done. The export then runs as a
background job (`io_dialogs.run_export`), and a box tells what was written and, line by
line, what the format could not carry. Every name from the project is shown as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.files.atomic_write import check_folder_target, check_target
from annotator.core.formats.registry import Format, writable
from annotator.core.layers import LayerFilter
from annotator.core.model import GOLD_LAYER
from annotator.core.store import Store
from annotator.ui.background_job import open_box
from annotator.ui.check_list import CheckList
from annotator.ui.format_settings import FormatSettings
from annotator.ui.i18n import interface_direction
from annotator.ui.io_dialogs import ExportOutcome, run_export
from annotator.ui.plain_text import isolate, plain_label, window_title
from annotator.ui.window_layout import fitted_size

DEFAULT_FORMAT = "jsonl"  # as `annotator export` without --format
GOLD_SHOWN = QT_TRANSLATE_NOOP("ExportDialog", "{gold} (the adjudicated layer)")
SETTINGS_WIDTH = 440  # the settings column; their explanations wrap inside it
DIALOG_SIZE = QSize(960, 640)  # at most: fits 1366×768 with a title bar and a panel


@dataclass
class ExportRequest:
    """What the dialog asks for: a format, where to write, which layers, its settings."""

    format_name: str
    path: Path
    layers: LayerFilter
    options: dict[str, Any]


def default_output(project: Path, fmt: Format) -> Path:
    """Beside the project: `<project>-<format>` with the format's first name ending (a
    folder has none), numbered so that it names nothing that exists yet."""
    suffix = fmt.suffixes[0] if fmt.output == "file" and fmt.suffixes else ""
    base = f"{project.stem}-{fmt.name}"
    candidate = project.with_name(base + suffix)
    number = 2
    while candidate.exists():
        candidate = project.with_name(f"{base}-{number}{suffix}")
        number += 1
    return candidate


class ExportDialog(QDialog):
    """Choose a format, an output, the layers and the format's settings; `request` holds
    the choice once the dialog was accepted (Export)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(window_title(self.tr("Export annotations")))
        # the dialog reads in the interface's direction, whatever the project's language
        self.setLayoutDirection(interface_direction())
        self.store = store
        self.request: ExportRequest | None = None
        self._formats = {fmt.name: fmt for fmt in writable()}
        self._default_path = ""

        layout = QVBoxLayout(self)
        top = QFormLayout()
        self.format_combo = QComboBox()
        self.format_combo.setObjectName("exportFormat")
        for fmt in self._formats.values():
            self.format_combo.addItem(fmt.title, fmt.name)
        top.addRow(plain_label(self.tr("Format")), self.format_combo)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("exportPath")
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self.choose_output)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(self.browse)
        self.where_label = plain_label(self.tr("Save to"))
        top.addRow(self.where_label, where)
        layout.addLayout(top)

        # two columns: which annotations on the left, the format's settings on the right
        columns = QHBoxLayout()
        which = QGroupBox(self.tr("Which annotations"))
        filters = QVBoxLayout(which)
        self.annotators = CheckList(self.tr("Annotators"), self._annotator_entries())
        self.labels = CheckList(self.tr("Labels"), self._label_entries())
        filters.addWidget(self.annotators)
        filters.addWidget(self.labels)
        self.done_only = QCheckBox(self.tr("Only documents marked done (by the layer's annotator)"))
        filters.addWidget(self.done_only)
        columns.addWidget(which)

        self.settings_box = QGroupBox(self.tr("Format settings"))
        self.settings = FormatSettings("export")
        self.settings.changed.connect(self._output_changed)
        self.settings_scroll = QScrollArea()
        self.settings_scroll.setWidgetResizable(True)
        self.settings_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.settings_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.settings_scroll.setWidget(self.settings)
        QVBoxLayout(self.settings_box).addWidget(self.settings_scroll)
        self.settings_box.setMinimumWidth(SETTINGS_WIDTH)
        columns.addWidget(self.settings_box, 1)
        layout.addLayout(columns)

        self.problem = plain_label()
        self.problem.setObjectName("exportProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        layout.addWidget(self.problem)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(self.tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.format_combo.currentIndexChanged.connect(lambda _i: self._format_changed())
        start = self.format_combo.findData(DEFAULT_FORMAT)
        self.format_combo.setCurrentIndex(max(start, 0))
        self._format_changed()
        self.resize(fitted_size(self.screen().availableGeometry(), DIALOG_SIZE, 0.95))

    # -- what is offered ------------------------------------------------------------------
    def _annotator_entries(self) -> list[tuple[str, str]]:
        names = [a.name for a in self.store.annotators()]
        people = [(name, name) for name in names if name != GOLD_LAYER]
        gold = self.tr(GOLD_SHOWN).format(gold=GOLD_LAYER)
        return people + ([(GOLD_LAYER, gold)] if GOLD_LAYER in names else [])

    def _label_entries(self) -> list[tuple[str, str]]:
        # the filter keeps spans by label; a relation goes with its two spans
        return [
            (label.name, label.name)
            for label in self.store.labels.all()
            if label.kind != "relation"
        ]

    @property
    def format(self) -> Format:
        return self._formats[self.format_combo.currentData()]

    def set_format(self, name: str) -> None:
        """Choose the format called `name` (as the combo box does)."""
        index = self.format_combo.findData(name)
        if index < 0:
            raise KeyError(name)
        self.format_combo.setCurrentIndex(index)

    def _format_changed(self) -> None:
        fmt = self.format
        self.settings.set_format(fmt)
        self.settings_box.setTitle(self.tr("{format}: settings").format(format=isolate(fmt.title)))
        self._output_changed()
        current = self.path_edit.text().strip()
        if not current or current == self._default_path:
            self._default_path = str(default_output(self.store.path, fmt))
            self.path_edit.setText(self._default_path)
        else:
            self.path_edit.setText(str(_fit_output(Path(current), fmt, self._formats.values())))
        self._say("")

    # -- where ---------------------------------------------------------------------------------
    @property
    def output_kind(self) -> str:
        """ "file" or "folder": what the chosen format writes with the settings shown."""
        return self.format.output_for(self.settings.values())

    def _output_changed(self) -> None:
        folder = self.output_kind == "folder"
        self.where_label.setText(self.tr("Save to folder") if folder else self.tr("Save to file"))

    def choose_output(self) -> None:
        """The Choose… button: a save dialog for the file or the new folder."""
        fmt = self.format
        if self.output_kind == "folder":
            caption, patterns = self.tr("Export to a new folder"), self.tr("Folder (*)")
        else:
            caption = self.tr("Export to a file")
            patterns = f"{fmt.title} ({' '.join('*' + s for s in fmt.suffixes) or '*'})"
            patterns += ";;" + self.tr("All files (*)")
        name, _ = QFileDialog.getSaveFileName(
            self,
            caption,
            self.path_edit.text(),
            patterns,
            options=QFileDialog.Option.DontConfirmOverwrite,  # asked on Export
        )
        if name:
            self.path_edit.setText(name)

    def output_path(self) -> Path:
        """The output as typed, with the format's name ending added to a bare file name."""
        path = Path(self.path_edit.text().strip()).expanduser()
        fmt = self.format
        if self.output_kind == "file" and not path.suffix and fmt.suffixes:
            path = path.with_suffix(fmt.suffixes[0])
        return path

    # -- checking and accepting --------------------------------------------------------------
    def _say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def build_request(self) -> ExportRequest | None:
        """The request the dialog shows, or None with the reason shown in the dialog: an
        empty output, one that cannot be written, a list with nothing ticked, a filter
        naming what the project no longer has."""
        if not self.path_edit.text().strip():
            return self._refuse(self.tr("Choose where to export."))
        fmt, path = self.format, self.output_path()
        for refusal, box in (
            (self.tr("Tick at least one annotator: this would export nothing."), self.annotators),
            (self.tr("Tick at least one label: this would export nothing."), self.labels),
        ):
            if box.values() and not box.checked():
                return self._refuse(refusal)
        layers = LayerFilter.of(
            self.annotators.selection(), self.labels.selection(), self.done_only.isChecked()
        )
        try:
            layers.check(self.store)
            if self.output_kind == "folder":
                check_folder_target(path)
            else:
                check_target(path)
        except AnnotatorError as exc:
            return self._refuse(str(exc))
        self._say("")
        return ExportRequest(fmt.name, path, layers, self.settings.values())

    def _refuse(self, problem: str) -> None:
        self._say(problem)
        return None

    def accept(self) -> None:
        request = self.build_request()
        if request is None:
            return
        if request.path.is_file() and not _replace(self, request.path):
            return
        self.request = request
        super().accept()


def _fit_output(path: Path, fmt: Format, formats: Any) -> Path:
    """A typed output moved to another format: the old format's name ending swapped for
    the new one's (dropped for a folder)."""
    endings = {suffix for other in formats for suffix in other.suffixes}
    if path.suffix.lower() not in endings:
        return path
    new = fmt.suffixes[0] if fmt.output == "file" and fmt.suffixes else ""
    return path.with_suffix(new)


def _replace(parent: QWidget, path: Path) -> bool:
    """Ask whether to replace an existing file."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("ExportDialog", "Replace the file?"),
        "",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    replace = QCoreApplication.translate("ExportDialog", "{path} exists already. Replace it?")
    box.setText(replace.format(path=isolate(path)))
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def report_text(outcome: ExportOutcome) -> str:
    """What the export wrote (the writer's report, as the command line prints it), where,
    then each thing its format could not carry, one a line."""
    written = QCoreApplication.translate("ExportDialog", "Written to {path}")
    text = f"{outcome.report[:1].upper()}{outcome.report[1:]}.\n"
    text += written.format(path=isolate(outcome.path))
    if outcome.notes:
        text += "\n\n"
        text += QCoreApplication.translate(
            "ExportDialog", "What this format could not carry, or changed:"
        )
        text += "\n"
        text += "\n".join(f"• {note}" for note in outcome.notes)
    return text


def show_report(parent: QWidget | None, outcome: ExportOutcome) -> QMessageBox:
    """The box after an export, opened without blocking (window-modal), plain text."""
    return open_box(
        parent,
        "exportReport",
        QMessageBox.Icon.Information,
        QCoreApplication.translate("ExportDialog", "Exported"),
        report_text(outcome),
    )


def run_request(parent: QWidget | None, project: Path, request: ExportRequest) -> ExportOutcome:
    """Run an accepted request in the background (progress, Cancel), then show the report
    (an error is shown by the job)."""
    outcome = run_export(
        parent,
        project,
        request.path,
        format_name=request.format_name,
        options=request.options,
        layers=request.layers,
    )
    assert outcome is not None
    if outcome.ok:
        show_report(parent, outcome)
    return outcome


def ask_export(parent: QWidget | None, store: Store) -> ExportOutcome | None:
    """File ▸ Export: the dialog, then the export; None if the dialog was cancelled."""
    dialog = ExportDialog(store, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.request is None:
            return None
        request = dialog.request
    finally:
        dialog.deleteLater()
    return run_request(parent, store.path, request)
