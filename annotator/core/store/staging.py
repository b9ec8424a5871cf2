"""Long imports without long locks: build in a private staging project, then add what it
holds to the project in one short transaction.

An import of thousands of articles spends seconds reading, decoding, normalizing and
validating. Done inside the project's write transaction, that would keep every other
writer (a window tagging, a second command) waiting, and make them fail after the busy
timeout. So the importer writes into a staging project first: a temporary file with the
project's labels and annotators, where every edit goes through the same validated core
calls as ever. Then `staged` attaches it and copies documents (by hash), annotators (by
name), spans, relations, statuses, skips, flags and comments into the project with a few
`INSERT … SELECT` statements in one transaction: all or nothing, and the write lock is
held only for that. The new documents go into the search index after it, a few hundred
per transaction (`Documents.index_pending`); search reads those not indexed yet.

What a staging project adds never replaces anything: a document stored already keeps its
id, a span or link present already is not doubled, and a status moves forward only
(`new` → `in_progress` → `done`; an import never takes a document back from done).

`staged_copy` is the same idea for an operation that must see the project (a merge
compares layers): it runs on a snapshot, and at the end the layers it changed replace
the project's in one short transaction, unless someone edited one of them meanwhile.

A staging folder (`.PROJECT.staging-…` beside the project) is removed when the operation
ends; one left by a process that was killed is removed a day later.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import AnnotatorError, WriteError
from annotator.core.store import Store
from annotator.core.store.database import connect
from annotator.core.store.notes_transfer import note_statements, snapshot_notes
from annotator.core.store.rejections_transfer import rejection_statements, snapshot_rejections
from annotator.core.store.schema import SEARCH_INDEX_FROM

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


_STALE_AFTER_S = 24 * 3600  # a staging folder this old belongs to no running process


def _sweep_stale(target: Path) -> None:
    for old in target.parent.glob(f".{target.name}.staging-*"):
        with contextlib.suppress(OSError):
            if time.time() - old.stat().st_mtime > _STALE_AFTER_S:
                shutil.rmtree(old, ignore_errors=True)


def _staging_folder(target: Path) -> tempfile.TemporaryDirectory:
    """A folder beside the project (same disk, so as much room as the project has), or
    the system's temporary folder when the project's folder is read-only."""
    _sweep_stale(target)
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
            _drop_triggers(staging_store.db)
            staging_store.db.path = target.path  # what a failed write names
            _copy_scheme_and_people(target, staging_store)
            stage = Staging(staging_store)
            yield stage
            staging_store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            staging_store.close()
        stage.applied = _apply(target, Path(folder) / "staging.db", touched=False)
    _index_what_was_added(target)


def _layer_filter(alias: str, touched: bool) -> str:
    """SQL condition: the staged row belongs to a layer the operation touched."""
    if not touched:
        return "true"
    return (
        f"EXISTS (SELECT 1 FROM {_SCHEMA}.staged_touched t WHERE t.document_id = "
        f"{alias}.document_id AND t.annotator_id = {alias}.annotator_id)"
    )


def _same_span(main: str, staged: str) -> str:
    """SQL condition: a project span is the staged one (same layer, label and extent)."""
    return (
        f"{main}.document_id = d.mid AND {main}.annotator_id = a.mid AND {main}.label = "
        f'{staged}.label AND {main}.start = {staged}.start AND {main}."end" = {staged}."end"'
    )


def _statements(touched: bool, first_new_document: int) -> list[tuple[str, str]]:
    """The statements that add a staging project to the project, in order: each copies
    one table family; temp tables map staging ids to project ids. With `touched`, only the
    layers the operation touched are copied, and they replace the project's."""
    spans, relations, statuses = (_layer_filter(a, touched) for a in ("s", "r", "s"))
    status_rule = (
        "true"
        if touched
        else "excluded.status = 'done' OR (excluded.status = 'in_progress' "
        "AND doc_status.status = 'new')"
    )
    layers = (
        f"SELECT d.mid, a.mid FROM {_SCHEMA}.staged_touched t "
        f"JOIN temp.staged_documents d ON d.sid = t.document_id "
        f"JOIN temp.staged_annotators a ON a.sid = t.annotator_id"
    )
    out = [
        (
            "labels",
            f"INSERT INTO main.labels (name, kind, colour, shortcut, description, position, "
            f"options) SELECT s.name, s.kind, s.colour, CASE WHEN s.shortcut IN (SELECT "
            f"shortcut FROM main.labels WHERE shortcut IS NOT NULL) THEN NULL ELSE s.shortcut "
            f"END, s.description, s.position, s.options FROM {_SCHEMA}.labels s "
            f"WHERE s.name NOT IN (SELECT name FROM main.labels) RETURNING name",
        ),
        (
            "annotators",
            # a reviewer named by an import into gold is promoted; no one is demoted
            f"INSERT INTO main.annotators (name, role, created_at) SELECT name, role, "
            f"created_at FROM {_SCHEMA}.annotators WHERE true ON CONFLICT (name) DO UPDATE "
            f"SET role = excluded.role WHERE excluded.role = 'reviewer'",
        ),
        (
            "defer search index",  # see Documents.index_pending, called after the apply
            f"INSERT OR IGNORE INTO main.settings (key, value) SELECT "
            f"'{SEARCH_INDEX_FROM}', COALESCE(MAX(id), 0) + 1 FROM main.documents",
        ),
        (
            "documents",
            f"INSERT INTO main.documents (text, title, source, published, meta, sha256, "
            f"search_text, imported_at) SELECT text, title, source, published, meta, sha256, "
            f"search_text, imported_at FROM {_SCHEMA}.documents WHERE id >= "
            f"{int(first_new_document)} ORDER BY id ON CONFLICT (sha256) DO NOTHING",
        ),
        (
            "map documents",
            "CREATE TEMP TABLE staged_documents (sid INTEGER PRIMARY KEY, mid INTEGER NOT NULL)",
        ),
        (
            "map documents",
            f"INSERT INTO temp.staged_documents SELECT s.id, m.id FROM {_SCHEMA}.documents s "
            f"JOIN main.documents m ON m.sha256 = s.sha256",
        ),
        (
            "map annotators",
            "CREATE TEMP TABLE staged_annotators (sid INTEGER PRIMARY KEY, mid INTEGER NOT NULL)",
        ),
        (
            "map annotators",
            f"INSERT INTO temp.staged_annotators SELECT s.id, m.id FROM {_SCHEMA}.annotators s "
            f"JOIN main.annotators m ON m.name = s.name",
        ),
    ]
    if touched:
        out += [
            ("check", ""),  # see _check_unchanged
            (
                "clear relations",
                f"DELETE FROM main.relations WHERE (document_id, annotator_id) IN ({layers})",
            ),
            (
                "clear spans",
                f"DELETE FROM main.spans WHERE (document_id, annotator_id) IN ({layers})",
            ),
            (
                "clear statuses",
                f"DELETE FROM main.doc_status WHERE (document_id, annotator_id) IN ({layers})",
            ),
        ]
    out += [
        (
            "spans",
            f'INSERT INTO main.spans (document_id, annotator_id, label, start, "end", '
            f"attributes, created_at, updated_at) SELECT d.mid, a.mid, s.label, s.start, "
            f's."end", s.attributes, s.created_at, s.updated_at FROM {_SCHEMA}.spans s '
            f"JOIN temp.staged_documents d ON d.sid = s.document_id "
            f"JOIN temp.staged_annotators a ON a.sid = s.annotator_id WHERE {spans} "
            f"ORDER BY s.id ON CONFLICT DO NOTHING",
        ),
        (
            "relations",
            f"INSERT INTO main.relations (document_id, annotator_id, head_id, child_id, label, "
            f"created_at) SELECT d.mid, a.mid, h.id, c.id, r.label, r.created_at "
            f"FROM {_SCHEMA}.relations r JOIN temp.staged_documents d ON d.sid = r.document_id "
            f"JOIN temp.staged_annotators a ON a.sid = r.annotator_id "
            f"JOIN {_SCHEMA}.spans hs ON hs.id = r.head_id "
            f"JOIN {_SCHEMA}.spans cs ON cs.id = r.child_id "
            f"JOIN main.spans h ON {_same_span('h', 'hs')} "
            f"JOIN main.spans c ON {_same_span('c', 'cs')} WHERE {relations} ORDER BY r.id "
            f"ON CONFLICT DO NOTHING",
        ),
        (
            "statuses",
            f"INSERT INTO main.doc_status (document_id, annotator_id, status, updated_at) "
            f"SELECT d.mid, a.mid, s.status, s.updated_at FROM {_SCHEMA}.doc_status s "
            f"JOIN temp.staged_documents d ON d.sid = s.document_id "
            f"JOIN temp.staged_annotators a ON a.sid = s.annotator_id WHERE {statuses} "
            f"ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status, "
            f"updated_at = excluded.updated_at WHERE {status_rule}",
        ),
    ]
    out += note_statements(_SCHEMA, touched)  # skips, flags, comments: added, never replaced
    out += rejection_statements(_SCHEMA, touched)  # rejected suggestions: added
    return out


# A layer's fingerprint: enough to tell that someone edited it (ids, times, counts).
_FINGERPRINT = """
    SELECT document_id, annotator_id, 'spans', COUNT(*), TOTAL(id), MAX(updated_at)
        FROM {schema}.spans WHERE {where} GROUP BY document_id, annotator_id
    UNION ALL
    SELECT document_id, annotator_id, 'relations', COUNT(*), TOTAL(id), MAX(created_at)
        FROM {schema}.relations WHERE {where} GROUP BY document_id, annotator_id
    UNION ALL
    SELECT document_id, annotator_id, 'status', 1, 0, status || updated_at
        FROM {schema}.doc_status WHERE {where}
"""


class ConcurrentEditError(AnnotatorError):
    """A layer an operation would replace was edited in the project meanwhile."""


def _check_unchanged(conn: sqlite3.Connection) -> None:
    """ConcurrentEditError if a layer the operation replaces was edited in the project
    after the snapshot the operation worked on (compared in staging ids)."""
    docs = {mid: sid for sid, mid in conn.execute("SELECT sid, mid FROM temp.staged_documents")}
    people = {mid: sid for sid, mid in conn.execute("SELECT sid, mid FROM temp.staged_annotators")}
    mapped = (
        f"(document_id, annotator_id) IN (SELECT d.mid, a.mid FROM {_SCHEMA}.staged_touched t "
        f"JOIN temp.staged_documents d ON d.sid = t.document_id "
        f"JOIN temp.staged_annotators a ON a.sid = t.annotator_id)"
    )
    now_rows = {
        (docs[doc], people[who], *rest)
        for doc, who, *rest in conn.execute(_FINGERPRINT.format(schema="main", where=mapped))
    }
    before = set(
        conn.execute(
            f"SELECT * FROM {_SCHEMA}.staged_before WHERE (document_id, annotator_id) IN "
            f"(SELECT document_id, annotator_id FROM {_SCHEMA}.staged_touched)"
        )
    )
    changed = {row[:2] for row in now_rows ^ before}
    if changed:
        doc, who = min(changed)
        title, name = conn.execute(
            f"SELECT d.title, a.name FROM {_SCHEMA}.documents d, {_SCHEMA}.annotators a "
            "WHERE d.id = ? AND a.id = ?",
            [doc, who],
        ).fetchone()
        raise ConcurrentEditError(
            f"{len(changed)} layer(s) changed in the project while this ran (first: the "
            f"layer of {name} on {title!r}); nothing was stored, run it again"
        )


def _note_touched_layers(db) -> None:
    """Which layers the operation changed: those whose fingerprint is not the snapshot's
    (spans or links added, removed or edited, a status set). No triggers: they doubled
    the cost of every insert."""
    db.execute("CREATE TABLE staged_after AS " + _FINGERPRINT.format(schema="main", where="true"))
    db.execute(
        "CREATE TABLE staged_touched (document_id INTEGER, annotator_id INTEGER, "
        "PRIMARY KEY (document_id, annotator_id)) WITHOUT ROWID"
    )
    db.execute(
        "INSERT INTO staged_touched SELECT document_id, annotator_id FROM "
        "(SELECT * FROM staged_after EXCEPT SELECT * FROM staged_before) UNION "
        "SELECT document_id, annotator_id FROM "
        "(SELECT * FROM staged_before EXCEPT SELECT * FROM staged_after)"
    )


def _drop_triggers(db) -> None:
    """A scratch copy keeps no derived index up to date (the search index): nobody
    searches it, and the project's own triggers index the documents copied into it."""
    triggers = db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for (name,) in triggers:
        db.execute(f'DROP TRIGGER "{name}"')


@contextlib.contextmanager
def staged_copy(target: Store, *, keep: bool = True) -> Iterator[Staging]:
    """A snapshot of `target` to run a long operation on (e.g. a merge); when the block
    ends without an error, every layer the operation touched replaces the project's in one
    short transaction, with new labels, annotators and documents. If one of those layers
    was edited in the project meanwhile, ConcurrentEditError and nothing is stored. With
    `keep` False (a dry run), nothing is stored."""
    with _staging_folder(target.path) as folder:
        path = Path(folder) / "staging.db"
        copy = connect(path)
        try:
            target.db.conn.backup(copy)  # a consistent snapshot; writers go on meanwhile
        finally:
            copy.close()
        staging_store = Store.open(path)
        try:
            db = staging_store.db
            db.execute("PRAGMA synchronous = OFF")  # a scratch file
            _drop_triggers(db)
            db.path = target.path  # what a failed write names
            first_new = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM documents").fetchone()[0]
            db.execute(
                "CREATE TABLE staged_before AS " + _FINGERPRINT.format(schema="main", where="true")
            )
            snapshot_notes(db)
            snapshot_rejections(db)
            stage = Staging(staging_store)
            yield stage
            if keep:
                with staging_store.transaction():
                    _note_touched_layers(db)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            staging_store.close()
        if keep:
            stage.applied = _apply(target, path, touched=True, first_new_document=first_new)
    if keep:
        _index_what_was_added(target)


def _index_what_was_added(target: Store) -> None:
    """Index the documents just added. What was added is stored whatever happens here: if
    a step cannot be written (the disk full, another writer too long), search keeps
    reading the documents not indexed and the next import or merge indexes them."""
    with contextlib.suppress(WriteError, sqlite3.OperationalError):
        target.documents.index_pending()


def _apply(
    target: Store, staging_path: Path, *, touched: bool, first_new_document: int = 1
) -> Applied:
    """Add the staging project's content to `target` in one transaction."""
    conn = target.db.conn
    applied = Applied()
    conn.execute(f"ATTACH DATABASE ? AS {_SCHEMA}", [str(staging_path)])
    try:
        with target.transaction():
            for name, sql in _statements(touched, first_new_document):
                before = conn.total_changes
                if name == "labels":
                    applied.labels_added = [row[0] for row in conn.execute(sql)]
                elif name == "check":
                    _check_unchanged(conn)
                else:
                    inserted = conn.execute(sql).rowcount  # rows of this table, not triggers'
                added = conn.total_changes - before
                if name == "documents":
                    applied.documents_added = inserted
                elif name == "spans":
                    applied.spans_added = added
                elif name == "relations":
                    applied.relations_added = added
            applied.document_ids = dict(conn.execute("SELECT sid, mid FROM temp.staged_documents"))
            applied.documents_existing = len(applied.document_ids) - applied.documents_added
            for table in ("staged_documents", "staged_annotators"):
                conn.execute(f"DROP TABLE temp.{table}")
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute(f"DETACH DATABASE {_SCHEMA}")
    return applied
