"""Backups the window takes itself: File ▸ Back up now, and the one taken just before an
import or a merge, which Ctrl+Z cannot take back (restoring that backup can)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.store.backup import make_backup
from annotator.ui.background_job import show_error
from annotator.ui.plain_text import isolate


def backup_now(parent: QWidget, project: Path, what: str) -> Path | None:
    """A backup of the project as it is now; None (and the reason shown) if none could be
    made, in which case the `what` that was to follow must not run."""
    try:
        return make_backup(project)
    except AnnotatorError as exc:
        if what == "backup":
            show_error(parent, QCoreApplication.translate("Backup", "Backup failed"), str(exc))
            return None
        if what == "import":
            title = QCoreApplication.translate("Backup", "No import")
        else:
            title = QCoreApplication.translate("Backup", "No merge")
        message = QCoreApplication.translate(
            "Backup", "Nothing changed: no backup could be made ({problem})."
        )
        show_error(parent, title, message.format(problem=exc))
        return None


def not_undoable(backup: Path) -> str:
    """What to say after an operation that Ctrl+Z cannot take back."""
    message = QCoreApplication.translate(
        "Backup",
        "{undo} cannot undo this; the backup taken just before it, {name}, can ({command}).",
    )
    return message.format(
        undo=isolate("Ctrl+Z"), name=isolate(backup.name), command=isolate("annotator restore")
    )
