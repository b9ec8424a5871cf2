"""File ▸ Import's settings, asked after annotation files were chosen: the command line's
`--annotator`, `--create-labels` and (for a reviewer) `--reviewer`, and the import
settings of each chosen file's format (`format_settings`, from the format table). It says
which format each file was recognised as. Nothing is asked for articles alone (`.txt`
files or a folder of them). Every name is shown as plain text."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.formats.input_kinds import plan_imports
from annotator.core.formats.registry import Format
from annotator.core.formats.store_parsed import DEFAULT_ANNOTATOR
from annotator.core.model import GOLD_LAYER, Annotator
from annotator.core.store import Store
from annotator.ui.format_settings import FormatSettings
from annotator.ui.i18n import interface_direction
from annotator.ui.import_formats import SHOWN_NAMES, ImportChoice
from annotator.ui.plain_text import action_text, isolate, plain_label, tooltip, window_title

ARTICLES = QT_TRANSLATE_NOOP("ImportSettings", "articles (.txt)")
NAME_WIDTH = 300  # a file name longer than this (pixels) is shortened in the middle
DIALOG_WIDTH = 560


@dataclass
class ImportSettings:
    """What File ▸ Import passes to `import_files`: the layer of annotations that name no
    annotator (None: "imported"), whether to add missing labels, the reviewer who writes
    the gold layer (None: gold is refused), and the formats' own settings by `dest`."""

    annotator: str | None = None
    create_labels: bool = False
    reviewer: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def arguments(self) -> dict[str, Any]:
        """These settings as `io_dialogs.import_job`'s arguments."""
        return {
            "annotator": self.annotator,
            "create_labels": self.create_labels,
            "reviewer": self.reviewer,
            "extra": dict(self.extra),
        }


def recognised(choice: ImportChoice) -> list[tuple[Path, Format | None]] | None:
    """Each chosen path with the format it will be read in (None: articles), as the
    import will sort them; None when the import itself will refuse the choice (it then
    shows its own error, naming the file)."""
    try:
        plan = plan_imports(choice.paths, choice.format_name)
    except AnnotatorError:
        return None
    formats = dict(plan.annotations)
    return [(path, formats.get(path)) for path in choice.paths]


class ImportSettingsDialog(QDialog):
    """The settings of one import of annotation files; `settings()` reads them."""

    def __init__(
        self,
        files: list[tuple[Path, Format | None]],
        store: Store,
        who: Annotator,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importSettings")
        self.setWindowTitle(window_title(self.tr("Import settings")))
        self.setLayoutDirection(interface_direction())
        self.who = who
        layout = QVBoxLayout(self)

        self.files = self._file_list(files)
        recognised_box = QGroupBox(self.tr("Files, and the format each is read in"))
        QVBoxLayout(recognised_box).addWidget(self.files)
        layout.addWidget(recognised_box)

        layers = QGroupBox(self.tr("Layers and labels"))
        form = QFormLayout(layers)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.annotator = QComboBox()
        self.annotator.setObjectName("importAnnotator")
        self.annotator.setEditable(True)
        self.annotator.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        names = [a.name for a in store.annotators() if a.name != GOLD_LAYER]
        for name in dict.fromkeys([who.name, *names, DEFAULT_ANNOTATOR]):
            self.annotator.addItem(name)
        self.annotator.setCurrentIndex(0)  # the person at the window: their own layer
        self.annotator.lineEdit().setPlaceholderText(DEFAULT_ANNOTATOR)
        layer = self.tr("Layer for annotations that name no annotator")
        self.annotator.setAccessibleName(layer)
        form.addRow(plain_label(layer), self.annotator)
        form.addRow(_explanation(self.tr("Files that name their annotators keep those layers.")))
        self.create_labels = QCheckBox(self.tr("Add labels the files use that the project lacks"))
        self.create_labels.setObjectName("importCreateLabels")
        form.addRow(self.create_labels)
        form.addRow(_explanation(self.tr("Unticked, a file using such a label is refused whole.")))
        as_reviewer = self.tr("Write the gold layer as reviewer {name}").format(
            name=isolate(who.name)
        )
        self.reviewer = QCheckBox(action_text(as_reviewer))
        self.reviewer.setObjectName("importAsReviewer")
        if who.role == "reviewer":
            form.addRow(self.reviewer)
            form.addRow(_explanation(self.tr("Unticked, a file with a gold layer is refused.")))
        else:
            self.reviewer.hide()
        layout.addWidget(layers)

        self.format_settings: list[FormatSettings] = []
        for fmt in dict.fromkeys(fmt for _path, fmt in files if fmt is not None):
            if not any(o.direction == "import" for o in fmt.options):
                continue  # nothing to set: its name in the list above is enough
            box = QGroupBox(self.tr("{format}: settings").format(format=isolate(fmt.title)))
            settings = FormatSettings("import")
            settings.set_format(fmt)
            QVBoxLayout(box).addWidget(settings)
            self.format_settings.append(settings)
            layout.addWidget(box)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(DIALOG_WIDTH)
        # the wrapped explanations make Qt's height for this width too small (the fields
        # were squeezed): the height of the narrower size hint is enough for every row
        self.resize(DIALOG_WIDTH, self.sizeHint().height())

    def _file_list(self, files: list[tuple[Path, Format | None]]) -> QLabel:
        """One line per file, "name: format", the names shortened to fit."""
        metrics = self.fontMetrics()
        articles = self.tr(ARTICLES)
        lines = [
            f"{metrics.elidedText(path.name, Qt.TextElideMode.ElideMiddle, NAME_WIDTH)}: "
            f"{fmt.title if fmt is not None else articles}"
            for path, fmt in files[:SHOWN_NAMES]
        ]
        if len(files) > SHOWN_NAMES:
            lines.append(self.tr("… and {count} more").format(count=len(files) - SHOWN_NAMES))
        label = plain_label("\n".join(lines))
        label.setObjectName("importRecognised")
        label.setWordWrap(True)
        label.setToolTip(tooltip("\n".join(str(path) for path, _fmt in files[:SHOWN_NAMES])))
        return label

    def settings(self) -> ImportSettings:
        """What the dialog shows now."""
        extra: dict[str, Any] = {}
        for shown in self.format_settings:
            extra.update(shown.values())
        as_reviewer = self.who.role == "reviewer" and self.reviewer.isChecked()
        return ImportSettings(
            annotator=self.annotator.currentText().strip() or None,
            create_labels=self.create_labels.isChecked(),
            reviewer=self.who.name if as_reviewer else None,
            extra=extra,
        )


def _explanation(text: str) -> QLabel:
    label = plain_label(text)
    label.setWordWrap(True)
    label.setEnabled(False)  # greyed: an explanation, not a control
    return label


def ask_import_settings(
    parent: QWidget | None, store: Store, who: Annotator, choice: ImportChoice
) -> ImportSettings | None:
    """The settings of File ▸ Import: asked in a dialog when annotation files are among
    the chosen paths; for articles alone (or a choice the import will refuse) the window's
    defaults, unasked: the layer of `who`, no new labels. None if the user cancelled."""
    files = recognised(choice)
    if files is None or all(fmt is None for _path, fmt in files):
        return ImportSettings(annotator=who.name)
    dialog = ImportSettingsDialog(files, store, who, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.settings()
    finally:
        dialog.deleteLater()
