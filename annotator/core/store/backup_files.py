"""Where a project's backups live and what they are called: `<project>.backups/`, one file
per backup named with the UTC time it was taken."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

BACKUPS_SUFFIX = ".backups"
DEFAULT_KEEP = 10  # backups kept when the project names no number
KEEP_SETTING = "backup.keep"  # the project setting that names it
BEFORE_RESTORE = ".before-restore-"

_STAMP = "%Y%m%dT%H%M%S.%fZ"
_STAMP_RE = r"\d{8}T\d{6}\.\d{6}Z"


@dataclass(frozen=True)
class Backup:
    """One backup file of a project."""

    path: Path
    created: datetime  # UTC, from the file name
    size: int

    @property
    def when(self) -> str:
        """The time it was taken, for people: "2026-11-21 10:02 UTC"."""
        return self.created.strftime("%Y-%m-%d %H:%M UTC")

    def describe(self) -> str:
        return f"{self.path} ({self.when})"


def stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime(_STAMP)


def default_backup_dir(db_path: str | os.PathLike[str]) -> Path:
    """`<project>.backups/` beside the project file."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + BACKUPS_SUFFIX)


def _name_parts(db_path: Path) -> tuple[str, str]:
    return db_path.stem or db_path.name, db_path.suffix or ".db"


def backup_file_name(db_path: str | os.PathLike[str], when: datetime) -> str:
    """`project-20261121T100203.123456Z.db` for `project.db` backed up at that time."""
    stem, suffix = _name_parts(Path(db_path))
    return f"{stem}-{stamp(when)}{suffix}"


def list_backups(
    db_path: str | os.PathLike[str], backup_dir: str | os.PathLike[str] | None = None
) -> list[Backup]:
    """The project's backups in `backup_dir` (default `<project>.backups/`), oldest first."""
    db_path = Path(db_path)
    folder = Path(backup_dir) if backup_dir is not None else default_backup_dir(db_path)
    stem, suffix = _name_parts(db_path)
    pattern = re.compile(rf"{re.escape(stem)}-({_STAMP_RE}){re.escape(suffix)}")
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if not match:
            continue
        try:
            size = entry.stat().st_size
            created = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
        except (OSError, ValueError):
            continue
        found.append(Backup(entry, created, size))
    return sorted(found, key=lambda b: (b.created, b.path.name))


def latest_backup(
    db_path: str | os.PathLike[str], backup_dir: str | os.PathLike[str] | None = None
) -> Backup | None:
    """The newest backup of the project, if there is one."""
    backups = list_backups(db_path, backup_dir)
    return backups[-1] if backups else None
