"""Making backups of a project file, and keeping the newest few.

A backup is a consistent copy made through SQLite's online backup API (so a project
being edited by another window or command is copied as of one moment, never half a
transaction), checked with `PRAGMA quick_check` before it is kept, and named with the
UTC time it was taken:

    project.db
    project.db.backups/project-20261121T100203.123456Z.db    (the last N are kept)
    project.db.before-restore-20261121T101500.000000Z          (what a restore replaced)

`open_project` makes one automatically when it opens an existing project that changed
since the last backup (the project setting `backup.keep` says how many to keep; 0 turns
the automatic backup off). Their names and finding them are `backup_files`; checking a
file and the message for a damaged one, `file_health`; restoring a backup, `restore`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from annotator.core.errors import AnnotatorError, SchemaError
from annotator.core.store.backup_files import (
    DEFAULT_KEEP,
    KEEP_SETTING,
    backup_file_name,
    default_backup_dir,
    latest_backup,
    list_backups,
)
from annotator.core.store.database import connect_reader, is_open_here
from annotator.core.store.file_health import (
    DamagedProjectError,
    check_is_project,
    damage_message,
    file_problem,
    header_problem,
    integrity_problem,
)

log = logging.getLogger(__name__)


class BackupError(AnnotatorError):
    """A backup or restore could not be made (I/O, disk full, project open elsewhere)."""


# -- making backups ----------------------------------------------------------------------------


def fsync_file(path: Path) -> None:
    """Flush a file SQLite has finished writing (a new backup, a copy before it is
    renamed into place). Never a file this process has a connection to: closing the
    descriptor would drop SQLite's locks on it (see `database.read_header`)."""
    if is_open_here(path):
        raise RuntimeError(f"{path} is open in this process; SQLite syncs it itself")
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_value(value: str | int | None) -> int | None:
    try:
        keep = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return keep if keep >= 0 else None


def keep_setting(conn: sqlite3.Connection) -> int:
    """The project's `backup.keep` setting (DEFAULT_KEEP when unset or not a number)."""
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [KEEP_SETTING]).fetchone()
    except sqlite3.OperationalError:
        row = None
    keep = _keep_value(row[0]) if row else None
    return DEFAULT_KEEP if keep is None else keep


def rotate_backups(
    db_path: str | os.PathLike[str], keep: int, backup_dir: str | os.PathLike[str] | None = None
) -> list[Path]:
    """Delete all but the newest `keep` backups; returns the files deleted."""
    backups = list_backups(db_path, backup_dir)
    removed = []
    for old in backups[: max(len(backups) - max(keep, 1), 0)]:
        with contextlib.suppress(FileNotFoundError):  # another process rotated it
            old.path.unlink()
        removed.append(old.path)
    return removed


def _unique_target(folder: Path, db_path: Path, when: datetime) -> Path:
    target = folder / backup_file_name(db_path, when)
    while target.exists() or target.with_name(target.name + ".part").exists():
        when = when.replace(microsecond=(when.microsecond + 1) % 1_000_000)
        target = folder / backup_file_name(db_path, when)
    return target


def make_backup(
    db_path: str | os.PathLike[str],
    backup_dir: str | os.PathLike[str] | None = None,
    keep: int | None = None,
) -> Path:
    """Copy the project into `backup_dir` (default `<project>.backups/`) and keep the newest
    `keep` backups there (default: the project's `backup.keep` setting, else 10).

    The copy is one consistent snapshot even while another process writes (SQLite's
    online backup API), is checked with `PRAGMA quick_check`, and appears under its final
    name only when complete. A damaged project raises `DamagedProjectError` and leaves the
    existing backups alone; I/O trouble raises `BackupError`.
    """
    db_path = Path(db_path)
    if keep is not None and (isinstance(keep, bool) or not isinstance(keep, int) or keep < 1):
        raise BackupError(f"keep must be a whole number of at least 1, not {keep!r}")
    if not db_path.is_file():
        raise BackupError(f"{db_path}: no such project file")
    problem = header_problem(db_path)
    if problem is None and db_path.stat().st_size == 0:
        raise BackupError(f"{db_path}: the project file is empty; nothing to back up")
    if problem:
        raise DamagedProjectError(damage_message(db_path, problem))
    folder = Path(backup_dir) if backup_dir is not None else default_backup_dir(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"{folder}: cannot make the backup folder ({exc.strerror})") from exc
    target = _unique_target(folder, db_path, datetime.now(UTC))
    part = target.with_name(target.name + ".part")
    try:
        try:
            src = connect_reader(db_path)
        except sqlite3.OperationalError as exc:
            raise BackupError(f"{db_path}: cannot open the project to back it up ({exc})") from exc
        try:
            check_is_project(src, db_path)
            # a setting of 0 turns off the automatic backup, not the rotation
            wanted = keep if keep is not None else (keep_setting(src) or DEFAULT_KEEP)
            dst = sqlite3.connect(part)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
                problem = integrity_problem(dst, quick=True)
            finally:
                dst.close()
        finally:
            src.close()
        if problem:  # the copy's verdict, said as the project file's own (one message)
            raise DamagedProjectError(damage_message(db_path, file_problem(db_path) or problem))
        fsync_file(part)
        os.replace(part, target)
        fsync_dir(folder)
    except sqlite3.OperationalError as exc:
        part.unlink(missing_ok=True)
        raise BackupError(f"{db_path}: the backup failed ({exc}); nothing was replaced") from exc
    except sqlite3.DatabaseError as exc:
        part.unlink(missing_ok=True)
        raise DamagedProjectError(damage_message(db_path, f"SQLite cannot read it: {exc}")) from exc
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise BackupError(
            f"{target}: cannot write the backup ({exc.strerror or exc}); nothing was replaced"
        ) from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    rotate_backups(db_path, wanted, folder)
    return target


def last_change(db_path: str | os.PathLike[str]) -> float:
    """When the project last changed on disk: the newest of the file and its WAL (an
    empty WAL, as opening a project creates it, is no change)."""
    db_path = Path(db_path)
    times = [db_path.stat().st_mtime]
    with contextlib.suppress(OSError):
        wal = Path(f"{db_path}-wal").stat()
        if wal.st_size > 0:
            times.append(wal.st_mtime)
    return max(times)


def backup_is_current(db_path: str | os.PathLike[str]) -> bool:
    """True if the newest backup was taken after the project file last changed."""
    latest = latest_backup(db_path)
    return latest is not None and latest.created.timestamp() > last_change(db_path)


def auto_backup(db_path: str | os.PathLike[str], keep: int | None) -> Path | None:
    """The backup `open_project` makes: none when `keep` is 0 or the latest backup is
    newer than the project's last change. `DamagedProjectError` goes to the caller;
    other trouble (disk full, read-only folder) is logged and does not stop the work."""
    if keep == 0 or backup_is_current(db_path):
        return None
    try:
        return make_backup(db_path, keep=keep)
    except DamagedProjectError:
        raise
    except (BackupError, SchemaError) as exc:
        log.warning("annotator: automatic backup skipped: %s", exc)
        return None
