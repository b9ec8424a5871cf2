"""Putting a backup in place of the project, without ever leaving the project missing.

The backup is checked first (integrity, a project this version can open): a bad backup
changes nothing. Then the restore takes SQLite's exclusive lock on the project, which
proves no other window or command has it open (it refuses and names them otherwise),
keeps the current content beside it (`<project>.before-restore-<time>`) and copies the
backup *into* the project file through SQLite's backup API. The file is never renamed
away: a crash at any point leaves either the old project or the restored one, never none,
because SQLite's rollback journal protects the copy like any other transaction.

A project too damaged for SQLite to lock is replaced by a link-and-rename instead: the
damaged file is first given its second name, and the restored one takes its place in one
atomic rename.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from annotator.core.errors import SchemaError
from annotator.core.store.backup import BackupError, fsync_dir, fsync_file
from annotator.core.store.backup_files import BEFORE_RESTORE, stamp
from annotator.core.store.database import connect
from annotator.core.store.file_health import check_is_project, header_problem, integrity_problem

# Files SQLite keeps beside a database: they belong to it and move with it.
SIDE_FILES = ("-wal", "-journal", "-shm")
# Waiting for another connection to let go before a restore: short, the answer is "close it".
RESTORE_LOCK_TIMEOUT_MS = 500


def _verify_backup(path: Path) -> None:
    """BackupError unless `path` is a healthy project this version can open."""
    problem = header_problem(path)
    if problem is None and path.stat().st_size == 0:
        problem = "it is empty"
    if problem:
        raise BackupError(f"{path}: not restored: {problem}")
    try:
        conn = connect(path, read_only=True)
        try:
            problem = integrity_problem(conn)
            if problem is None:
                check_is_project(conn, path)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        problem = f"SQLite cannot read it: {exc}"
    except SchemaError as exc:
        raise BackupError(f"not restored: {exc}") from exc
    if problem:
        raise BackupError(f"{path}: not restored: {problem}")


def holders(db_path: Path) -> list[str]:
    """Other processes that have the project (or its WAL) open, as "PID (command)";
    empty where /proc cannot tell (not Linux, or not permitted)."""
    wanted = {os.path.realpath(f"{db_path}{side}") for side in ("", "-wal", "-shm")}
    found = []
    with contextlib.suppress(OSError):
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                links = {os.readlink(fd) for fd in (entry / "fd").iterdir()}
                if links & wanted:
                    command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").strip()
                    found.append(f"{entry.name} ({command.decode(errors='replace')[:80]})")
            except OSError:
                continue
    return found


def _refusal(db_path: Path) -> BackupError:
    who = holders(db_path)
    which = f" (process {', '.join(who)})" if who else ""
    return BackupError(
        f"{db_path}: the project is open in another window or command{which}; "
        "close it and restore again"
    )


def _lock_exclusively(db_path: Path) -> sqlite3.Connection | None:
    """A connection holding SQLite's exclusive lock on the project, proving no other
    connection has it open; None when the file is too damaged for SQLite to lock.

    Leaving WAL mode needs every other connection closed and checkpoints the WAL into
    the file first, so what is kept of the replaced project has every committed edit."""
    conn = connect(db_path, timeout_ms=RESTORE_LOCK_TIMEOUT_MS, isolation_level=None)
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if mode != "delete":
            raise sqlite3.OperationalError("database is locked")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")  # the lock stays: exclusive locking mode keeps it
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise _refusal(db_path) from exc
        return None
    except sqlite3.DatabaseError:
        conn.close()
        return None


def _copy(source: sqlite3.Connection, target_path: Path) -> None:
    """A complete, synced, self-contained copy of `source` at `target_path`."""
    target = connect(target_path)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    fsync_file(target_path)


def restore_backup(
    db_path: str | os.PathLike[str], backup_path: str | os.PathLike[str]
) -> Path | None:
    """Put a backup in place of the project; returns where the replaced content was kept
    (`<project>.before-restore-<time>`), None if there was no project file.

    Refuses a bad backup, and refuses while another connection has the project open; at
    no moment is the project file missing (see the module docstring). The backup itself
    stays where it is.
    """
    db_path = Path(db_path)
    backup_path = Path(backup_path)
    if not backup_path.is_file():
        raise BackupError(f"{backup_path}: no such backup")
    if db_path.exists() and backup_path.resolve() == db_path.resolve():
        raise BackupError(f"{backup_path}: that is the project file itself")
    _verify_backup(backup_path)
    kept = db_path.with_name(f"{db_path.name}{BEFORE_RESTORE}{stamp(datetime.now(UTC))}")
    try:
        source = connect(backup_path, read_only=True)
        try:
            if not db_path.exists():
                _replace_file(source, db_path, None)
                return None
            lock = _lock_exclusively(db_path)
            if lock is None:  # too damaged to lock, so nothing can have it open
                _replace_file(source, db_path, kept)
                return kept
            try:
                _copy(lock, kept)
                # one transaction, synced by SQLite itself (synchronous=FULL): a crash
                # leaves the old content, and the file is never opened any other way
                source.backup(lock)
            finally:
                lock.close()
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{db_path}: restore failed ({exc}); the project is unchanged") from exc
    except OSError as exc:
        raise BackupError(f"{db_path}: restore failed ({exc.strerror or exc})") from exc
    return kept


def _replace_file(source: sqlite3.Connection, db_path: Path, kept: Path | None) -> None:
    """Write the backup beside the project, then rename it over the project in one step;
    the old file (if any) first gets its second name `kept`, with its side files."""
    incoming = db_path.with_name(f"{db_path.name}.restoring")
    try:
        _copy(source, incoming)
        if kept is not None:
            os.link(db_path, kept)
        for side in SIDE_FILES:
            leftover = Path(f"{db_path}{side}")
            if not leftover.exists():
                continue
            if side == "-shm" or kept is None:
                leftover.unlink()  # an index SQLite rebuilds; meaningless without its file
            else:
                os.replace(leftover, Path(f"{kept}{side}"))
        os.replace(incoming, db_path)
        fsync_dir(db_path.parent)
    finally:
        incoming.unlink(missing_ok=True)
