"""Opening a project database: compatibility check, pragmas, migrations.

WAL journal, foreign keys on, a busy timeout so a second process waits instead of
failing with "database is locked", and synchronous=FULL so that a commit that has
returned survives a crash or power loss.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from annotator.core.errors import SchemaError
from annotator.core.schema import check_compatible, migrate

BUSY_TIMEOUT_MS = 10_000


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
    """

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
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise


def _check_existing(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise SchemaError(f"{path}: not an SQLite database (damaged or another kind of file)")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
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
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    db = ProjectDatabase(conn)
    try:
        with db.ensure_autocommit_on():
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
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
