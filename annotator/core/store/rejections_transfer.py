"""Rejected suggestions moving between projects with a merge: read from the source, added
to the merge's snapshot, and copied from it into the project.

A rejection is data (what an annotator said is not there), so a reviewer's merged project
keeps every annotator's; one is never replaced, only added when the project lacks that
annotator's rejection of that label at those offsets. Merging a file again adds nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

_COLUMNS = 'document_id, annotator_id, label, start, "end", recipe, rejected_at'
_KEY = 'document_id, annotator_id, label, start, "end"'


def read_rejection_rows(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """Every rejection of a project (a merge source, inside its read transaction)."""
    return conn.execute(f"SELECT {_COLUMNS} FROM suggestion_rejections ORDER BY {_KEY}").fetchall()


def add_rejection_rows(
    db: Any,
    rows: Sequence[tuple[Any, ...]],
    documents: Mapping[int, int],
    annotators: Mapping[int, int],
) -> int:
    """Add a source's rejections to a project (`db`: its connection, inside a
    transaction), their ids mapped to this project's; returns how many were added."""
    before = db.conn.total_changes
    for doc, who, label, start, end, recipe, rejected_at in rows:
        db.execute(
            f"INSERT INTO suggestion_rejections ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            [documents[doc], annotators[who], label, start, end, recipe, rejected_at],
        )
    return db.conn.total_changes - before


def snapshot_rejections(db: Any) -> None:
    """Remember the rejections of a snapshot (`staging.staged_copy`), so that only those
    the operation added are copied back into the project."""
    db.execute(f"CREATE TABLE staged_rejections_before AS SELECT {_KEY} FROM suggestion_rejections")


def rejection_statements(schema: str, touched: bool) -> Sequence[tuple[str, str]]:
    """The statement that copies a staging project's rejections into the project
    (attached as `schema`; ids mapped by temp.staged_documents and temp.staged_annotators).
    With `touched` (a snapshot), only rejections the operation added are copied."""
    new = (
        f'(r.document_id, r.annotator_id, r.label, r.start, r."end") NOT IN '
        f"(SELECT {_KEY} FROM {schema}.staged_rejections_before)"
        if touched
        else "true"
    )
    return (
        (
            "rejections",
            f"INSERT INTO main.suggestion_rejections ({_COLUMNS}) SELECT d.mid, a.mid, "
            f'r.label, r.start, r."end", r.recipe, r.rejected_at '
            f"FROM {schema}.suggestion_rejections r "
            f"JOIN temp.staged_documents d ON d.sid = r.document_id "
            f"JOIN temp.staged_annotators a ON a.sid = r.annotator_id WHERE {new} "
            f"ON CONFLICT DO NOTHING",
        ),
    )
