"""Skips, flags and comments moving between projects: read from a merge source, added to
the merge's snapshot, and copied from a staging project into the project.

Notes are never replaced by a merge, only added: a comment is added unless the same one
(author, anchor, text, time) is there already; a skip or flag replaces the author's own
only when it is newer. So merging a file again adds nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_FLAG_ROWS = "SELECT document_id, annotator_id, kind, reason, note, created_at FROM document_flags"
_COMMENT_ROWS = (
    'SELECT document_id, annotator_id, label, start, "end", text, created_at FROM comments'
)


@dataclass
class NoteRows:
    """A source project's notes, as rows of its own document and annotator ids."""

    flags: list[tuple[Any, ...]]
    comments: list[tuple[Any, ...]]


def read_note_rows(conn: sqlite3.Connection) -> NoteRows:
    """Every skip, flag and comment of a project (a merge source, inside its read
    transaction)."""
    return NoteRows(
        conn.execute(_FLAG_ROWS + " ORDER BY document_id, annotator_id, kind").fetchall(),
        conn.execute(_COMMENT_ROWS + " ORDER BY id").fetchall(),
    )


def add_note_rows(
    db: Any, rows: NoteRows, documents: Mapping[int, int], annotators: Mapping[int, int]
) -> int:
    """Add a source's notes to a project (`db`: its connection, inside a transaction),
    their ids mapped to this project's; returns how many were added or made newer."""
    before = db.conn.total_changes
    for doc, who, kind, reason, note, created in rows.flags:
        db.execute(
            "INSERT INTO document_flags (document_id, annotator_id, kind, reason, note, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (document_id, annotator_id, "
            "kind) DO UPDATE SET reason = excluded.reason, note = excluded.note, created_at = "
            "excluded.created_at WHERE excluded.created_at > document_flags.created_at",
            [documents[doc], annotators[who], kind, reason, note, created],
        )
    for doc, who, label, start, end, text, created in rows.comments:
        args = [documents[doc], annotators[who], label, start, end, text, created]
        db.execute(
            'INSERT INTO comments (document_id, annotator_id, label, start, "end", text, '
            "created_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE NOT EXISTS (SELECT 1 FROM "
            "comments WHERE document_id = ?1 AND annotator_id = ?2 AND label IS ?3 AND "
            'start IS ?4 AND "end" IS ?5 AND text = ?6 AND created_at = ?7)',
            args,
        )
    return db.conn.total_changes - before


def snapshot_notes(db: Any) -> None:
    """Remember the notes of a snapshot (`staging.staged_copy`), so that only what the
    operation added is copied back into the project."""
    db.execute("CREATE TABLE staged_flags_before AS " + _FLAG_ROWS)
    db.execute("CREATE TABLE staged_comments_before AS SELECT id FROM comments")


def note_statements(schema: str, touched: bool) -> Sequence[tuple[str, str]]:
    """The statements that copy a staging project's notes into the project (attached as
    `schema`; its ids mapped by temp.staged_documents and temp.staged_annotators). With
    `touched` (a snapshot), only notes the operation added or changed are copied."""
    new_flags = (
        f"(f.document_id, f.annotator_id, f.kind, f.created_at) NOT IN (SELECT document_id, "
        f"annotator_id, kind, created_at FROM {schema}.staged_flags_before)"
        if touched
        else "true"
    )
    new_comments = (
        f"c.id NOT IN (SELECT id FROM {schema}.staged_comments_before)" if touched else "true"
    )
    same_comment = (
        "m.document_id = d.mid AND m.annotator_id = a.mid AND m.label IS c.label AND "
        'm.start IS c.start AND m."end" IS c."end" AND m.text = c.text AND '
        "m.created_at = c.created_at"
    )
    return (
        (
            "flags",
            f"INSERT INTO main.document_flags (document_id, annotator_id, kind, reason, note, "
            f"created_at) SELECT d.mid, a.mid, f.kind, f.reason, f.note, f.created_at "
            f"FROM {schema}.document_flags f "
            f"JOIN temp.staged_documents d ON d.sid = f.document_id "
            f"JOIN temp.staged_annotators a ON a.sid = f.annotator_id WHERE {new_flags} "
            f"ON CONFLICT (document_id, annotator_id, kind) DO UPDATE SET reason = "
            f"excluded.reason, note = excluded.note, created_at = excluded.created_at "
            f"WHERE excluded.created_at > document_flags.created_at",
        ),
        (
            "comments",
            f'INSERT INTO main.comments (document_id, annotator_id, label, start, "end", text, '
            f'created_at) SELECT d.mid, a.mid, c.label, c.start, c."end", c.text, c.created_at '
            f"FROM {schema}.comments c JOIN temp.staged_documents d ON d.sid = c.document_id "
            f"JOIN temp.staged_annotators a ON a.sid = c.annotator_id WHERE {new_comments} "
            f"AND NOT EXISTS (SELECT 1 FROM main.comments m WHERE {same_comment}) ORDER BY c.id",
        ),
    )
