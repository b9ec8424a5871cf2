"""Long imports without long locks: build in a private staging project, then add what it
holds to the project in one short transaction.

An import of thousands of articles spends seconds reading, decoding, normalizing and
validating. Done inside the project's write transaction, that would keep every other
writer (a window tagging, a second command) waiting, and make them fail after the busy
timeout. So the importer writes into a staging project first: a temporary file with the
project's labels and annotators, where every edit goes through the same validated core
calls as ever. Then `staged` attaches it and copies documents (by hash), annotators (by
name), spans, relations and statuses into the project with a few `INSERT … SELECT`
statements in one transaction: all or nothing, and the write lock is held only for that.

What a staging project adds never replaces anything: a document stored already keeps its
id, a span or link present already is not doubled, and a status moves forward only
(`new` → `in_progress` → `done`; an import never takes a document back from done).
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.store import Store

_SCHEMA = "staged"


@dataclass
class Applied:
    """What a staged import really added to the project."""

    documents_added: int = 0
    documents_existing: int = 0
    spans_added: int = 0
    relations_added: int = 0
    labels_added: list[str] = field(default_factory=list)
    # staging document id -> project document id, for every staged document
    document_ids: dict[int, int] = field(default_factory=dict)


@dataclass
class Staging:
    """The staging project an import writes into; `applied` is set once it is added."""

    store: Store
    applied: Applied | None = None


def _staging_folder(target: Path) -> tempfile.TemporaryDirectory:
    """A folder beside the project (same disk, so as much room as the project has), or
    the system's temporary folder when the project's folder is read-only."""
    try:
        return tempfile.TemporaryDirectory(prefix=f".{target.name}.staging-", dir=target.parent)
    except OSError:
        return tempfile.TemporaryDirectory(prefix="annotator-staging-")


def _copy_scheme_and_people(target: Store, staging: Store) -> None:
    labels = target.db.execute(
        "SELECT name, kind, colour, shortcut, description, position, options FROM labels"
    ).fetchall()
    people = target.db.execute("SELECT id, name, role, created_at FROM annotators").fetchall()
    with staging.transaction():
        staging.db.execute("DELETE FROM labels")
        staging.db.conn.executemany("INSERT INTO labels VALUES (?, ?, ?, ?, ?, ?, ?)", labels)
        staging.db.conn.executemany("INSERT INTO annotators VALUES (?, ?, ?, ?)", people)


@contextlib.contextmanager
def staged(target: Store) -> Iterator[Staging]:
    """A staging project for `target`; when the block ends without an error, what was
    written into it is added to `target` in one short transaction (see the module
    docstring). An error anywhere leaves `target` as it was."""
    with _staging_folder(target.path) as folder:
        staging_store = Store.open(Path(folder) / "staging.db")
        try:
            staging_store.db.execute("PRAGMA synchronous = OFF")  # a scratch file
            _copy_scheme_and_people(target, staging_store)
            stage = Staging(staging_store)
            yield stage
            staging_store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            staging_store.close()
        stage.applied = _apply(target, Path(folder) / "staging.db")


# Each statement copies one table family; temp tables map staging ids to project ids.
_STATEMENTS = (
    (
        "labels",
        f"INSERT INTO main.labels (name, kind, colour, shortcut, description, position, "
        f"options) SELECT s.name, s.kind, s.colour, CASE WHEN s.shortcut IN (SELECT shortcut "
        f"FROM main.labels WHERE shortcut IS NOT NULL) THEN NULL ELSE s.shortcut END, "
        f"s.description, s.position, s.options FROM {_SCHEMA}.labels s "
        f"WHERE s.name NOT IN (SELECT name FROM main.labels) RETURNING name",
    ),
    (
        "annotators",
        f"INSERT INTO main.annotators (name, role, created_at) SELECT name, role, created_at "
        f"FROM {_SCHEMA}.annotators WHERE true ON CONFLICT (name) DO NOTHING",
    ),
    (
        "documents",
        f"INSERT INTO main.documents (text, title, source, published, meta, sha256, "
        f"search_text, imported_at) SELECT text, title, source, published, meta, sha256, "
        f"search_text, imported_at FROM {_SCHEMA}.documents WHERE true ORDER BY id "
        f"ON CONFLICT (sha256) DO NOTHING",
    ),
    (
        "maps",
        f"CREATE TEMP TABLE staged_documents AS SELECT s.id AS sid, m.id AS mid "
        f"FROM {_SCHEMA}.documents s JOIN main.documents m ON m.sha256 = s.sha256; "
        f"CREATE TEMP TABLE staged_annotators AS SELECT s.id AS sid, m.id AS mid "
        f"FROM {_SCHEMA}.annotators s JOIN main.annotators m ON m.name = s.name",
    ),
    (
        "spans",
        f'INSERT INTO main.spans (document_id, annotator_id, label, start, "end", attributes, '
        f'created_at, updated_at) SELECT d.mid, a.mid, s.label, s.start, s."end", '
        f"s.attributes, s.created_at, s.updated_at FROM {_SCHEMA}.spans s "
        f"JOIN temp.staged_documents d ON d.sid = s.document_id "
        f"JOIN temp.staged_annotators a ON a.sid = s.annotator_id WHERE true ORDER BY s.id "
        f"ON CONFLICT DO NOTHING",
    ),
    (
        "span map",
        f"CREATE TEMP TABLE staged_spans AS SELECT s.id AS sid, m.id AS mid "
        f"FROM {_SCHEMA}.spans s JOIN temp.staged_documents d ON d.sid = s.document_id "
        f"JOIN temp.staged_annotators a ON a.sid = s.annotator_id "
        f"JOIN main.spans m ON m.document_id = d.mid AND m.annotator_id = a.mid "
        f'AND m.label = s.label AND m.start = s.start AND m."end" = s."end"',
    ),
    (
        "relations",
        f"INSERT INTO main.relations (document_id, annotator_id, head_id, child_id, label, "
        f"created_at) SELECT d.mid, a.mid, h.mid, c.mid, r.label, r.created_at "
        f"FROM {_SCHEMA}.relations r JOIN temp.staged_documents d ON d.sid = r.document_id "
        f"JOIN temp.staged_annotators a ON a.sid = r.annotator_id "
        f"JOIN temp.staged_spans h ON h.sid = r.head_id "
        f"JOIN temp.staged_spans c ON c.sid = r.child_id WHERE true ORDER BY r.id "
        f"ON CONFLICT DO NOTHING",
    ),
    (
        "statuses",
        f"INSERT INTO main.doc_status (document_id, annotator_id, status, updated_at) "
        f"SELECT d.mid, a.mid, s.status, s.updated_at FROM {_SCHEMA}.doc_status s "
        f"JOIN temp.staged_documents d ON d.sid = s.document_id "
        f"JOIN temp.staged_annotators a ON a.sid = s.annotator_id WHERE true "
        f"ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status, "
        f"updated_at = excluded.updated_at WHERE excluded.status = 'done' "
        f"OR (excluded.status = 'in_progress' AND doc_status.status = 'new')",
    ),
)


def _apply(target: Store, staging_path: Path) -> Applied:
    """Add the staging project's content to `target` in one transaction."""
    conn = target.db.conn
    applied = Applied()
    conn.execute(f"ATTACH DATABASE ? AS {_SCHEMA}", [str(staging_path)])
    try:
        with target.transaction():
            for name, sql in _STATEMENTS:
                before = conn.total_changes
                if name == "labels":
                    applied.labels_added = [row[0] for row in conn.execute(sql)]
                    continue
                for statement in sql.split("; "):
                    conn.execute(statement)
                added = conn.total_changes - before
                if name == "documents":
                    applied.documents_added = added
                elif name == "spans":
                    applied.spans_added = added
                elif name == "relations":
                    applied.relations_added = added
            applied.document_ids = dict(conn.execute("SELECT sid, mid FROM temp.staged_documents"))
            applied.documents_existing = len(applied.document_ids) - applied.documents_added
            for table in ("staged_documents", "staged_annotators", "staged_spans"):
                conn.execute(f"DROP TABLE temp.{table}")
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute(f"DETACH DATABASE {_SCHEMA}")
    return applied
