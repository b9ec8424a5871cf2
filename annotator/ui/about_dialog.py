"""Help ▸ About: the version, which project file is open, where the data and settings
folders are, and the Qt, PySide and Python versions (all shown as plain text, selectable
for a bug report)."""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from annotator import __version__
from annotator.core.store.backup_files import default_backup_dir
from annotator.core.store.location import default_project_path
from annotator.ui.plain_text import plain_label, window_title
from annotator.ui.window_layout import layout_settings


@dataclass(frozen=True)
class AboutFacts:
    """What the About box says."""

    version: str
    project: Path
    backups: Path
    data_folder: Path
    settings_file: str
    qt: str
    pyside: str
    python: str


def about_facts(project: Path) -> AboutFacts:
    """The facts for a window that has `project` open."""
    return AboutFacts(
        version=__version__,
        project=project.resolve(),
        backups=default_backup_dir(project.resolve()),
        data_folder=default_project_path().parent,
        settings_file=layout_settings().fileName(),
        qt=qVersion(),
        pyside=PySide6.__version__,
        python=f"{platform.python_version()} ({sys.implementation.name})",
    )


class AboutDialog(QDialog):
    """The About box."""

    def __init__(self, project: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(window_title(self.tr("About Arabic News Annotator")))
        facts = self.facts = about_facts(project)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, str] = {}
        for key, name, value in (
            ("version", self.tr("Version"), facts.version),
            ("project", self.tr("Project file"), str(facts.project)),
            ("backups", self.tr("Backups"), str(facts.backups)),
            ("data", self.tr("Data folder"), str(facts.data_folder)),
            ("settings", self.tr("Window settings"), facts.settings_file),
            ("qt", self.tr("Qt"), facts.qt),
            ("pyside", self.tr("PySide"), facts.pyside),
            ("python", self.tr("Python"), facts.python),
        ):
            shown = plain_label(value)
            shown.setObjectName(f"about_{key}")
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            # paths and versions read left to right in an Arabic window too
            shown.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            shown.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            form.addRow(plain_label(name), shown)
            self.values[key] = value
        heading = plain_label(
            self.tr("Arabic News Annotator: entities, claims and quotations with their speakers.")
        )
        heading.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())
