"""Backups of a project file, a health check, and restoring a backup.

A backup is a consistent copy made through SQLite's online backup API (so a project
being edited by another window or command is copied as of one moment, never half a
transaction), checked with `PRAGMA quick_check` before it is kept, and named with the
UTC time it was taken:

    project.db
    project.db.backups/project-20261121T100203.123456Z.db    (the last N are kept)
    project.db.before-restore-20261121T101500.000000Z          (what a restore replaced)

`open_project` makes one automatically when it opens an existing project that changed
since the last backup (the project setting `backup.keep` says how many to keep; 0 turns
the automatic backup off). A damaged project file is reported by `check_project_file`
with the latest backup and the command that restores it.

Restoring a backup is `restore.py`. No Qt here: the UI calls `restore_offer` and
`restore_backup` (see `RestoreOffer`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shlex
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from annotator.core.errors import AnnotatorError, SchemaError
from annotator.core.store.database import connect, read_header
from annotator.core.store.location import resolve_project_path
from annotator.core.store.schema import check_compatible

log = logging.getLogger(__name__)

DEFAULT_KEEP = 10
KEEP_SETTING = "backup.keep"
BACKUPS_SUFFIX = ".backups"
BEFORE_RESTORE = ".before-restore-"
SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every project has; a backup without them is not a project of ours.
_PROJECT_TABLES = {"documents", "spans", "relations", "labels", "annotators", "settings"}

_STAMP = "%Y%m%dT%H%M%S.%fZ"
_STAMP_RE = r"\d{8}T\d{6}\.\d{6}Z"


class BackupError(AnnotatorError):
    """A backup or restore could not be made (I/O, disk full, project open elsewhere)."""


class DamagedProjectError(SchemaError):
    """The project file is damaged; the message says so and names the latest backup."""


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


@dataclass(frozen=True)
class RestoreOffer:
    """What the app shows when a project cannot be opened because its file is damaged:
    `message` (plain text, names the file and the backup) and the backup to restore."""

    db_path: Path
    problem: str
    backup: Backup
    message: str


# -- names ------------------------------------------------------------------------------------


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


# -- checks -----------------------------------------------------------------------------------


def _ro_connect(path: Path) -> sqlite3.Connection:
    return connect(path, read_only=True)


def header_problem(path: Path) -> str | None:
    """What is wrong with the file judged by its size and 100-byte header, if anything
    (nothing can be judged while this process has it open: see `read_header`)."""
    try:
        size = path.stat().st_size
        header = read_header(path)
    except OSError as exc:
        return f"cannot read it ({exc.strerror or exc})"
    if size == 0 or header is None:
        return None  # empty: a project not yet created; None: open, so SQLite reads it
    if not header.startswith(SQLITE_HEADER):
        return "it is not an SQLite database (overwritten, or another kind of file)"
    if len(header) < 100:
        return f"it is truncated ({size} bytes, shorter than an SQLite header)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "its header is damaged (impossible page size)"
    pages = int.from_bytes(header[28:32], "big")
    # the in-header page count is valid when the change counter matches "version valid for"
    if pages and header[24:28] == header[92:96] and size < pages * page_size:
        return f"it is truncated ({size:,} bytes of the {pages * page_size:,} it should have)"
    if size % page_size:
        return f"it is truncated or padded ({size:,} bytes is not a whole number of pages)"
    return None


def integrity_problem(conn: sqlite3.Connection, quick: bool = False) -> str | None:
    """None if SQLite's integrity (or quick) check passes, else its first findings."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = [row[0] for row in conn.execute(f"PRAGMA {pragma}(5)")]
    except sqlite3.OperationalError:
        raise  # busy, I/O, out of memory: not a verdict on the file
    except sqlite3.DatabaseError as exc:  # "malformed", "not a database"
        return f"SQLite cannot read it: {exc}"
    if rows == ["ok"]:
        return None
    return "SQLite's integrity check fails: " + "; ".join(str(row) for row in rows[:3])


def file_problem(db_path: str | os.PathLike[str]) -> str | None:
    """What is wrong with a project file (header, size, integrity), or None if healthy.

    A missing or empty file is not damaged (the project is created on first open). A file
    another version wrote, or a foreign SQLite file, is healthy here: opening refuses it
    with its own message.
    """
    path = Path(db_path)
    if not path.exists():
        return None
    problem = header_problem(path)
    if problem or path.stat().st_size == 0:
        return problem
    try:
        conn = _ro_connect(path)
    except sqlite3.Error as exc:
        return f"SQLite cannot open it: {exc}"
    try:
        return integrity_problem(conn)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            return None  # busy, not damaged: another process holds a long write
        return f"SQLite cannot read it: {exc}"
    finally:
        conn.close()


def _restore_command(db_path: Path) -> str:
    """The command that restores this project's latest backup."""
    try:
        chosen = resolve_project_path(None)[0].resolve()
    except Exception:  # no default location on this system
        chosen = None
    if chosen == db_path.resolve():
        return "annotator restore"
    return f"annotator --db {shlex.quote(str(db_path))} restore"


def damage_message(db_path: str | os.PathLike[str], problem: str) -> str:
    """The one message a user gets for a damaged project: the file, what is wrong, the
    latest backup and how to restore it."""
    db_path = Path(db_path)
    message = f"{db_path}: the project file is damaged: {problem}"
    backup = latest_backup(db_path)
    if backup is None:
        return (
            f"{message}; no backup of it was found in {default_backup_dir(db_path)}. "
            "Keep a copy of the file before trying to repair it."
        )
    return (
        f"{message}; the latest backup is {backup.describe()}: restore it with "
        f"`{_restore_command(db_path)}` (the damaged file is kept beside it)"
    )


def check_project_file(db_path: str | os.PathLike[str]) -> str | None:
    """None if the project file is healthy, else a message for the user that names the
    file, says what is wrong (not SQLite, truncated, integrity check fails) and offers the
    latest backup with the command that restores it."""
    problem = file_problem(db_path)
    return None if problem is None else damage_message(db_path, problem)


def restore_offer(db_path: str | os.PathLike[str]) -> RestoreOffer | None:
    """For the app when opening failed: a damaged file with a backup to offer, else None."""
    db_path = Path(db_path)
    problem = file_problem(db_path)
    if problem is None:
        return None
    backup = latest_backup(db_path)
    if backup is None:
        return None
    message = (
        f"The project file {db_path} is damaged: {problem}.\n\n"
        f"The latest backup was taken {backup.when}:\n{backup.path}\n\n"
        "Restore it? The damaged file is kept beside the project as "
        f"{db_path.name}{BEFORE_RESTORE}…"
    )
    return RestoreOffer(db_path, problem, backup, message)


def check_is_project(conn: sqlite3.Connection, path: Path) -> None:
    """SchemaError unless this is a project of ours this version can open (an unreadable
    file raises sqlite3.DatabaseError: damage, not a question of versions)."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    check_compatible(conn, str(path))
    missing = _PROJECT_TABLES - tables
    if missing:
        raise SchemaError(
            f"{path}: not an annotation project (no {', '.join(sorted(missing))} table)"
        )


# -- making backups ----------------------------------------------------------------------------


def fsync_file(path: Path) -> None:
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
            src = _ro_connect(db_path)
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
        if problem:
            raise DamagedProjectError(damage_message(db_path, problem))
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
