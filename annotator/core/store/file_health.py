"""Is a project file healthy? Its header, size and SQLite's integrity check; and for a
damaged one, the one message a user gets (the latest backup and the command that restores
it) or the offer the window makes."""

from __future__ import annotations

import os
import shlex
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import SchemaError
from annotator.core.store.backup_files import (
    BEFORE_RESTORE,
    Backup,
    default_backup_dir,
    latest_backup,
)
from annotator.core.store.database import connect_reader, read_header
from annotator.core.store.location import resolve_project_path
from annotator.core.store.schema import check_compatible

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every project has; a backup without them is not a project of ours.
_PROJECT_TABLES = {"documents", "spans", "relations", "labels", "annotators", "settings"}


class DamagedProjectError(SchemaError):
    """The project file is damaged; the message says so and names the latest backup."""


@dataclass(frozen=True)
class RestoreOffer:
    """What the app shows when a project cannot be opened because its file is damaged:
    `message` (plain text, names the file and the backup) and the backup to restore."""

    db_path: Path
    problem: str
    backup: Backup
    message: str


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
    findings = (" ".join(str(row).split()) for row in rows[:3])  # a finding may span lines
    return "SQLite's integrity check fails: " + "; ".join(findings)


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
        conn = connect_reader(path)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            return None  # busy, not damaged: another process holds a long write
        return f"SQLite cannot open it: {exc}"
    except sqlite3.DatabaseError as exc:  # "malformed", "not a database"
        return f"SQLite cannot read it: {exc}"
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
