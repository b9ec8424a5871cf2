"""Numbered schema migrations, recorded in the database by sqlite-utils' `Migrations`.

A database that records a migration this version does not know comes from a newer
version of the tool: it is refused before anything is written to it.
"""

from __future__ import annotations

import contextlib
import sqlite3

from annotator.core.errors import SchemaError
from annotator.core.store.sqlite_lib import Database, Migrations

MIGRATION_SET = "annotator"
# settings key: the first document id not yet in the search index (absent: all are in it)
SEARCH_INDEX_FROM = "search_index_from"
migrations = Migrations(MIGRATION_SET)


def _run(db: Database, script: str) -> None:
    """Run DDL statements one by one (executescript would commit the migration's
    transaction first, so a crash could leave a step half applied)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL,
            title TEXT NOT NULL,
            source TEXT,
            published TEXT,
            meta TEXT NOT NULL DEFAULT '{}',
            sha256 TEXT NOT NULL UNIQUE,
            search_text TEXT NOT NULL,
            imported_at TEXT NOT NULL
        );
        CREATE TABLE annotators (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('annotator', 'reviewer')),
            created_at TEXT NOT NULL
        );
        CREATE TABLE labels (
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL
                CHECK (kind IN ('entity', 'claim', 'quote', 'speaker', 'relation')),
            colour TEXT NOT NULL,
            shortcut TEXT UNIQUE,
            description TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            options TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE spans (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL,
            attributes TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (start < "end"),
            UNIQUE (document_id, annotator_id, label, start, "end")
        );
        CREATE INDEX spans_layer ON spans (document_id, annotator_id);
        CREATE TABLE relations (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            head_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            child_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
            created_at TEXT NOT NULL,
            CHECK (head_id != child_id),
            UNIQUE (head_id, child_id, label)
        );
        CREATE INDEX relations_layer ON relations (document_id, annotator_id);
        CREATE INDEX relations_child ON relations (child_id);
        CREATE TABLE doc_status (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'done')),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (document_id, annotator_id)
        );
        """,
    )


@migrations(name="0002_review_decisions")
def _review_decisions(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE review_decisions (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
            reviewer_id INTEGER NOT NULL REFERENCES annotators(id),
            decided_at TEXT NOT NULL,
            PRIMARY KEY (document_id, label, start, "end")
        );
        """,
    )


@migrations(name="0003_status_by_annotator")
def _status_by_annotator(db: Database) -> None:
    # the status tally and filters ask per annotator; the primary key starts by document
    _run(db, "CREATE INDEX doc_status_annotator ON doc_status (annotator_id, status)")


@migrations(name="0004_document_search")
def _document_search(db: Database) -> None:
    # Substring search over the folded text without reading every row: a trigram index
    # over documents.search_text (external content, so the text is not stored twice).
    # Titles that are not part of their text are few and listed apart, folded when
    # searched. Documents are never changed or removed, so insert triggers keep both.
    _run(
        db,
        """
        CREATE VIRTUAL TABLE document_search USING fts5(
            search_text, content = 'documents', content_rowid = 'id',
            tokenize = 'trigram case_sensitive 1'
        );
        INSERT INTO document_search (document_search) VALUES ('rebuild');
        CREATE TABLE document_titles_apart (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            title TEXT NOT NULL
        );
        INSERT INTO document_titles_apart
            SELECT id, title FROM documents WHERE instr(text, title) = 0;
        """,
    )
    db.execute(  # one statement: its body's semicolons must not split it
        """
        CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
            INSERT INTO document_search (rowid, search_text) VALUES (new.id, new.search_text);
            INSERT INTO document_titles_apart
                SELECT new.id, new.title WHERE instr(new.text, new.title) = 0;
        END
        """
    )


@migrations(name="0005_suggestions")
def _suggestions(db: Database) -> None:
    # Suggestions are not annotations: their own tables, so that no export, agreement or
    # merge that reads spans can take one for an annotator's work. A rejection is kept by
    # what was rejected (label and offsets), not by suggestion id: recipes run again.
    _run(
        db,
        """
        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            recipe TEXT NOT NULL,
            annotator_id INTEGER REFERENCES annotators(id),
            label TEXT NOT NULL,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL,
            confidence REAL NOT NULL DEFAULT 1.0,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK (start < "end")
        );
        CREATE INDEX suggestions_document ON suggestions (document_id, recipe);
        CREATE TABLE suggestion_links (
            head_id INTEGER NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
            child_id INTEGER NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            PRIMARY KEY (head_id, child_id, label)
        );
        CREATE INDEX suggestion_links_child ON suggestion_links (child_id);
        CREATE TABLE suggestion_rejections (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            recipe TEXT NOT NULL,
            rejected_at TEXT NOT NULL,
            PRIMARY KEY (document_id, annotator_id, label, start, "end")
        );
        """,
    )


@migrations(name="0006_flags_and_comments")
def _flags_and_comments(db: Database) -> None:
    # Beside doc_status, not in it: a skip or a flag is a note about a document, not a
    # stage of work (a document can be done and flagged), and no reader of doc_status
    # has to learn new statuses. A span comment is anchored by what it is on (the
    # author's span: label and offsets, unique in a layer), not by span id: ids change
    # in a merge and a deleted span's id can be taken again; the trigger below keeps the
    # anchor on the span when the span is relabelled, resized or its label renamed.
    _run(
        db,
        """
        CREATE TABLE document_flags (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            kind TEXT NOT NULL CHECK (kind IN ('skipped', 'flagged')),
            reason TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            PRIMARY KEY (document_id, annotator_id, kind)
        );
        CREATE INDEX document_flags_annotator ON document_flags (annotator_id, kind);
        CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            label TEXT,
            start INTEGER,
            "end" INTEGER,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            CHECK ((label IS NULL) = (start IS NULL) AND (start IS NULL) = ("end" IS NULL))
        );
        CREATE INDEX comments_document ON comments (document_id, annotator_id);
        """,
    )
    db.execute(  # one statement: its body's semicolon must not split it
        """
        CREATE TRIGGER spans_move_comments AFTER UPDATE OF label, start, "end" ON spans
        BEGIN
            UPDATE comments SET label = new.label, start = new.start, "end" = new."end"
             WHERE document_id = old.document_id AND annotator_id = old.annotator_id
               AND label = old.label AND start = old.start AND "end" = old."end";
        END
        """
    )


@migrations(name="0008_span_order")
def _span_order(db: Database) -> None:
    # A layer is read in reading order (start, longest first): an index in that order
    # hands the rows over sorted instead of sorting 30,000 of them at each opening. It
    # starts with the layer, so it also answers what spans_layer answered.
    _run(
        db,
        """
        CREATE INDEX spans_order ON spans (document_id, annotator_id, start, "end" DESC, id);
        DROP INDEX IF EXISTS spans_layer
        """,
    )


@migrations(name="0009_search_index_in_steps")
def _search_index_in_steps(db: Database) -> None:
    # An import adds its documents in one transaction; indexing them there held the
    # project's write lock for 14 s at 10,000 articles, past other writers' busy timeout.
    # So an import sets `search_index_from` (the first document not indexed), the trigger
    # then leaves new documents alone, and the import indexes them in short transactions
    # after its own (`Documents.index_pending`); search scans those not indexed yet.
    db.execute("DROP TRIGGER documents_search_insert")
    db.execute(  # one statement: its body's semicolons must not split it
        f"""
        CREATE TRIGGER documents_search_insert AFTER INSERT ON documents
        WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = '{SEARCH_INDEX_FROM}') BEGIN
            INSERT INTO document_search (rowid, search_text) VALUES (new.id, new.search_text);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER documents_titles_apart_insert AFTER INSERT ON documents BEGIN
            INSERT INTO document_titles_apart
                SELECT new.id, new.title WHERE instr(new.text, new.title) = 0;
        END
        """
    )


@migrations(name="0010_documents_in_order")
def _documents_in_order(db: Database) -> None:
    # The document list reads every id in id order. Without this index SQLite scans the
    # smallest covering one, the sha256 index (72 bytes a row), and the ids then need a
    # sort: 0.81 s at a million documents, against 0.32 s from this one in order.
    db.execute("CREATE INDEX documents_in_order ON documents (id)")


def _wrap(conn: sqlite3.Connection) -> Database:
    """A connection as sqlite-utils wants it, changing nothing on it."""
    return Database(conn, recursive_triggers=False, execute_plugins=False)


def known_migrations() -> list[str]:
    """Names of the migrations this version can apply, in order (those an empty
    database lacks)."""
    with contextlib.closing(sqlite3.connect(":memory:")) as empty:
        return [m.name for m in migrations.pending(_wrap(empty))]


def check_compatible(conn: sqlite3.Connection, path: str) -> None:
    """Refuse a database that is not a project of ours or comes from a newer version.

    Reads only; raises `SchemaError` with a message that names the file.
    """
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.DatabaseError as exc:
        raise SchemaError(f"{path}: not an SQLite database or damaged ({exc})") from exc
    if not tables:
        return
    if Migrations.migrations_table not in tables:
        raise SchemaError(
            f"{path}: this SQLite file is not an annotation project (no migration record); "
            "refusing to change it"
        )
    known = set(known_migrations())
    unknown = [m.name for m in migrations.applied(_wrap(conn)) if m.name not in known]
    if unknown:
        raise SchemaError(
            f"{path}: this project was written by a newer version of the annotator "
            f"(schema steps {', '.join(unknown)} are unknown to this version); "
            "update the application to open it. The file was not changed."
        )


def pending_migrations(conn: sqlite3.Connection) -> list[str]:
    """Migrations this version knows that the database has not had yet (all of them for
    an empty database). Reads only."""
    return [m.name for m in migrations.pending(_wrap(conn))]


def migrate(db: Database) -> None:
    """Apply pending migrations, each in its own transaction."""
    migrations.apply(db)
