"""Reading another project file for a merge: opened read-only (an older one through an
upgraded temporary copy), then read in one read transaction."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from annotator.core.errors import MergeError, SchemaError
from annotator.core.model import Annotator, Label
from annotator.core.store.database import open_database, read_header, read_project
from annotator.core.store.documents import NewDocument
from annotator.core.store.notes_transfer import NoteRows, read_note_rows
from annotator.core.store.rejections_transfer import read_rejection_rows

# Rows of one document's layers: spans (document, annotator, id, label, start, end,
# attributes, created_at, updated_at), relations (document, annotator, id, head_id,
# child_id, label, created_at), statuses (document, annotator, status, updated_at).
LayerRows = tuple[list[Any], list[Any], list[Any]]

_SPAN_ROWS = (
    'SELECT document_id, annotator_id, id, label, start, "end", attributes, created_at, '
    "updated_at FROM spans"
)
_RELATION_ROWS = (
    "SELECT document_id, annotator_id, id, head_id, child_id, label, created_at FROM relations"
)
_STATUS_ROWS = "SELECT document_id, annotator_id, status, updated_at FROM doc_status"


@contextlib.contextmanager
def open_source(path: str | Path) -> Iterator[SourceProject]:
    """A project file to read without ever writing to it.

    A file written by a newer version, or that is not a project, raises `SchemaError`
    (naming the file). A project of an older version is copied to a temporary file and
    the copy brought up to date, so that the merge reads the schema it knows.
    """
    path = Path(path)
    conn, missing = _connect_read_only(path)
    try:
        if not missing:
            yield SourceProject(conn)
            return
        with tempfile.TemporaryDirectory(prefix="annotator-merge-") as folder:
            copy = Path(folder) / path.name
            upgraded = _upgraded_copy(conn, path, copy)
            conn.close()
            try:
                yield SourceProject(upgraded)
            finally:
                upgraded.close()
    finally:
        conn.close()


def _connect_read_only(path: Path) -> tuple[sqlite3.Connection, list[str]]:
    """A read-only connection to a project of ours, and the migrations it still lacks."""
    name = str(path)
    if not path.is_file():
        raise MergeError(f"{name}: no such project file")
    try:
        header = read_header(path, 16)
    except OSError as exc:
        raise MergeError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    if header is not None and header != b"SQLite format 3\x00":
        raise SchemaError(
            f"{name}: not an annotation project (not an SQLite database, empty or damaged)"
        )
    return read_project(path)


def _upgraded_copy(conn: sqlite3.Connection, path: Path, copy: Path) -> sqlite3.Connection:
    """Copy an older project (consistently, WAL included) and migrate the copy."""
    try:
        target = sqlite3.connect(copy)
        try:
            conn.backup(target)
        finally:
            target.close()
        db, _created = open_database(copy)
        db.close()
    except (sqlite3.Error, OSError) as exc:
        raise SchemaError(
            f"{path}: this project is of an older version and could not be brought up to "
            f"date for the merge ({exc}); the file was not changed"
        ) from exc
    return sqlite3.connect(copy)


class SourceProject:
    """The parts of a source project a merge reads. Call `begin` first: every read then
    sees the same state, even while the source's own application writes to it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def begin(self) -> None:
        """Start the read transaction."""
        self.conn.execute("BEGIN")

    def labels(self) -> list[Label]:
        """The label scheme, in the order of the label bar."""
        return [
            Label(name, kind, colour, shortcut, description or "", 0, json.loads(options))
            for name, kind, colour, shortcut, description, options in self.conn.execute(
                "SELECT name, kind, colour, shortcut, description, options FROM labels "
                "ORDER BY position, name"
            )
        ]

    def used_labels(self) -> set[str]:
        """Labels some span or relation uses."""
        return {
            row[0]
            for row in self.conn.execute(
                "SELECT DISTINCT label FROM spans UNION SELECT DISTINCT label FROM relations"
            )
        }

    def annotators(self) -> list[Annotator]:
        """Every annotator (gold included), by id."""
        return [
            Annotator(*row)
            for row in self.conn.execute("SELECT id, name, role FROM annotators ORDER BY id")
        ]

    def document_hashes(self) -> list[tuple[int, str]]:
        """(id, sha256) of every document, by id."""
        return self.conn.execute("SELECT id, sha256 FROM documents ORDER BY id").fetchall()

    def documents(self, ids: Sequence[int]) -> list[tuple[int, NewDocument]]:
        """(id, document) of these ids, by id."""
        rows = self.conn.execute(
            "SELECT id, text, title, source, published, meta FROM documents "
            f"WHERE id IN ({','.join('?' * len(ids))}) ORDER BY id",
            list(ids),
        )
        return [
            (doc_id, NewDocument(text, title, source, published, json.loads(meta)))
            for doc_id, text, title, source, published, meta in rows
        ]

    def note_rows(self) -> NoteRows:
        """Every skip, flag and comment, in the source's ids."""
        return read_note_rows(self.conn)

    def rejection_rows(self) -> list[tuple[Any, ...]]:
        """Every rejected suggestion, in the source's ids."""
        return read_rejection_rows(self.conn)

    def layer_rows(self) -> Iterator[tuple[int, LayerRows]]:
        """Per document (by id), the rows of its layers, each by annotator then id."""
        return _by_document(
            self.conn.execute(_SPAN_ROWS + " ORDER BY document_id, annotator_id, id"),
            self.conn.execute(_RELATION_ROWS + " ORDER BY document_id, annotator_id, id"),
            self.conn.execute(_STATUS_ROWS + " ORDER BY document_id, annotator_id"),
        )


def target_layer_rows(db: Any, document_id: int, annotator_ids: list[int]) -> LayerRows:
    """The rows of these annotators' layers on one document of the target (`db`: its
    connection), in the form `SourceProject.layer_rows` gives them."""
    which = f" WHERE document_id = ? AND annotator_id IN ({','.join('?' * len(annotator_ids))})"
    args = [document_id, *annotator_ids]
    return (
        db.execute(_SPAN_ROWS + which + " ORDER BY annotator_id, id", args).fetchall(),
        db.execute(_RELATION_ROWS + which + " ORDER BY annotator_id, id", args).fetchall(),
        db.execute(_STATUS_ROWS + which, args).fetchall(),
    )


def _by_document(*cursors: Iterable[Sequence[Any]]) -> Iterator[tuple[int, LayerRows]]:
    """Walk cursors ordered by document id (their first column) together: for each
    document, its rows of every cursor."""
    streams = [groupby(cursor, key=itemgetter(0)) for cursor in cursors]
    heads = [next(stream, None) for stream in streams]
    while any(head is not None for head in heads):
        doc = min(head[0] for head in heads if head is not None)
        groups: list[list[Any]] = []
        for index, head in enumerate(heads):
            if head is not None and head[0] == doc:
                groups.append(list(head[1]))
                heads[index] = next(streams[index], None)
            else:
                groups.append([])
        yield doc, (groups[0], groups[1], groups[2])
