"""Opening a project database: compatibility check, pragmas, migrations.

WAL journal, foreign keys on, a busy timeout so a second process waits instead of
failing with "database is locked", and synchronous=FULL so that a commit that has
returned survives a crash or power loss.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotator.core.errors import SchemaError, WriteError
from annotator.core.store.schema import check_compatible, migrate, pending_migrations
from annotator.core.store.sqlite_lib import Database

BUSY_TIMEOUT_MS = 10_000
# The store's names for SQLite's errors, for callers that must tell them apart (a damaged
# file from a busy one) without talking to SQLite themselves.
DatabaseError = sqlite3.DatabaseError
OperationalError = sqlite3.OperationalError
SQLiteError = sqlite3.Error


def now() -> str:
    """Current UTC time as ISO 8601 with microseconds; sorts as text."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def dumps(value: Any) -> str:
    """JSON for a stored column: UTF-8 text, stable key order."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)


class ProjectDatabase(Database):
    """sqlite-utils' Database whose transactions start with BEGIN IMMEDIATE.

    A deferred BEGIN takes the write lock only at the first write; if another process
    committed since this transaction's first read, that write fails at once with
    SQLITE_BUSY_SNAPSHOT and the busy timeout cannot help. Taking the lock up front makes
    a second writer wait its turn instead.

    Opened with `execute_plugins=False`, as the migrations' Database is: the project's SQL
    does not depend on which sqlite-utils plugins happen to be installed, and looking for
    them scans every installed package's entry points on each open.
    """

    path: Path | None = None  # the project file, for messages

    @contextlib.contextmanager
    def atomic(self) -> Iterator[ProjectDatabase]:
        if self.conn.in_transaction:
            savepoint = f"sp_{secrets.token_hex(8)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise
        except sqlite3.OperationalError as exc:
            problem = write_problem(exc)
            if problem is None:
                raise
            raise WriteError(f"{self.path or 'the project'}: {problem}") from exc


# SQLite's words for a write that could not be made, and what to tell the user.
_WRITE_PROBLEMS = (
    ("locked", "the project is busy: another program is writing to it; nothing was saved"),
    ("busy", "the project is busy: another program is writing to it; nothing was saved"),
    ("full", "the disk is full; nothing was saved"),
    ("readonly", "the project file or its folder is read-only; nothing was saved"),
    ("read-only", "the project file or its folder is read-only; nothing was saved"),
    ("disk i/o", "the disk could not be written (I/O error); nothing was saved"),
    ("unable to open", "the project's files cannot be opened for writing; nothing was saved"),
)


def write_problem(exc: sqlite3.OperationalError) -> str | None:
    """What a failed write means for the user (busy, disk full, read-only, I/O), or None
    when the error is not about writing (then it is a bug, and stays one)."""
    words = str(exc).lower()
    return next((problem for key, problem in _WRITE_PROBLEMS if key in words), None)


# -- connections ----------------------------------------------------------------------
# Why the project file is never read with plain file I/O while it is open: on POSIX,
# closing *any* descriptor of a file drops *every* lock the process holds on it, SQLite's
# included (SQLite's "How To Corrupt An SQLite Database File", section 2.2). The next
# process to close the project then believes it is the last one, checkpoints and deletes
# the WAL under the open connection, and acknowledged edits are lost. So every connection
# to a project file is made by `connect`, which counts it, and the one plain read of a
# database file (`read_header`) gives nothing while this process has a connection to it.

_OPEN: Counter[str] = Counter()
_OPEN_LOCK = threading.Lock()


def _key(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(path)


class _CountedConnection(sqlite3.Connection):
    """A connection that counts as open (see `is_open_here`) until it is closed."""

    _counted_as: str | None = None

    def close(self) -> None:
        try:
            super().close()
        finally:
            key, self._counted_as = self._counted_as, None
            if key is not None:
                _release(key)


def _release(key: str) -> None:
    with _OPEN_LOCK:
        _OPEN[key] -= 1
        if _OPEN[key] <= 0:
            del _OPEN[key]


def connect(
    path: str | os.PathLike[str],
    *,
    read_only: bool = False,
    immutable: bool = False,
    timeout_ms: int = BUSY_TIMEOUT_MS,
    isolation_level: str | None = "",
) -> sqlite3.Connection:
    """The one way to connect to a database file: counted, with a busy timeout.
    `immutable` reads a file nobody can be writing (SQLite then takes no locks)."""
    key = _key(path)
    with _OPEN_LOCK:  # counted before it opens: no header read can race the open
        _OPEN[key] += 1
    try:
        target, uri = str(path), False
        if read_only or immutable:
            query = "mode=ro&immutable=1" if immutable else "mode=ro"
            target, uri = f"{Path(path).resolve().as_uri()}?{query}", True
        conn = sqlite3.connect(
            target,
            uri=uri,
            timeout=timeout_ms / 1000,
            isolation_level=isolation_level,
            factory=_CountedConnection,
        )
    except BaseException:
        _release(key)
        raise
    conn._counted_as = key
    try:
        conn.execute(f"PRAGMA busy_timeout = {timeout_ms}")
    except BaseException:
        conn.close()
        raise
    return conn


def is_open_here(path: str | os.PathLike[str]) -> bool:
    """True while this process holds a connection to the database file at `path`."""
    with _OPEN_LOCK:
        return _key(path) in _OPEN


def read_header(path: str | os.PathLike[str], size: int = 100) -> bytes | None:
    """The first `size` bytes of a database file with plain file I/O, or None while this
    process has a connection to it (reading would drop its locks; SQLite vouches then)."""
    with _OPEN_LOCK:  # held while reading: no connection opens (or closes) meanwhile
        if _key(path) in _OPEN:
            return None
        with open(path, "rb") as handle:
            return handle.read(size)


def _check_existing(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    header = read_header(path, 16)
    if header is not None and header != b"SQLite format 3\x00":
        raise SchemaError(f"{path}: not an SQLite database (damaged or another kind of file)")
    conn = connect(path, read_only=True)
    try:
        check_compatible(conn, str(path))
    finally:
        conn.close()


def open_database(path: str | Path) -> tuple[ProjectDatabase, bool]:
    """Open (creating if needed) and migrate a project; returns (db, created).

    A newer or foreign database is refused before anything is written.
    """
    path = Path(path)
    _check_existing(path)
    created = not path.exists() or path.stat().st_size == 0
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path)
    db = ProjectDatabase(conn, execute_plugins=False)
    db.path = path
    try:
        with db.ensure_autocommit_on():
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        migrate(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise SchemaError(f"{path}: cannot open the project database ({exc})") from exc
    except BaseException:
        conn.close()
        raise
    return db, created


def connect_reader(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A read-only connection to an existing database file. In a folder this user may
    not write, SQLite cannot make a WAL project's index file (-shm): there the file is
    read as it stands, since nobody can be writing it either."""
    conn = connect(path, read_only=True)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if os.access(Path(path).parent, os.W_OK):
            raise
    return connect(path, immutable=True)


def read_project(path: Path) -> tuple[sqlite3.Connection, list[str]]:
    """A read-only connection to an existing project of ours, and the migrations it
    still lacks; SchemaError for a file written by a newer version, for an SQLite file
    that is not a project, or for one SQLite cannot read."""
    conn = connect_reader(path)
    try:
        check_compatible(conn, str(path))  # newer version, or an SQLite file of something else
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'").fetchone():
            raise SchemaError(f"{path}: this SQLite file is not an annotation project (empty)")
        return conn, pending_migrations(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise SchemaError(f"{path}: cannot read the project database ({exc})") from exc
    except BaseException:
        conn.close()
        raise


def open_read_only(path: str | os.PathLike[str]) -> ProjectDatabase:
    """Open an existing project for reading only: nothing is written, not even a
    journal, so it works on a read-only file or folder. A project this version would
    first have to upgrade is refused with a message that says how."""
    path = Path(path)
    if not path.is_file():
        raise SchemaError(f"{path}: no project there (reading commands do not create one)")
    conn, missing = read_project(path)
    if missing:
        conn.close()
        raise SchemaError(
            f"{path}: this project was written by an older version; open it once in the "
            "window or with a writing command (such as `annotator import`) to bring it up "
            "to date"
        )
    db = ProjectDatabase(conn, execute_plugins=False)
    db.path = path
    return db


class ExternalChanges:
    """Whether another connection (a second window, a command, an import thread) has
    committed to the project since the last `check()`: SQLite's `PRAGMA data_version`,
    which ignores this connection's own commits. For a Refresh when the window regains
    focus; the check is one cheap query."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._seen = self._version()

    def _version(self) -> int:
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def check(self) -> bool:
        """True (once) if someone else committed since the last check."""
        version = self._version()
        changed, self._seen = version != self._seen, version
        return changed
