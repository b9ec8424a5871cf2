"""Writing whole layers at once (a merge): checked by the same rules as the editor's single
edits (`rules`), stored with their own timestamps."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Span
from annotator.core.store.rules import check_relation, check_span
from annotator.core.store.sqlite_lib import Database

SpanKey = tuple[int, int, str]  # (start, end, label): unique within a layer
# (attributes as stored JSON, created_at, updated_at)
SpanStamps = tuple[str, str, str]
# (head key, child key, label, created_at)
RelationRow = tuple[SpanKey, SpanKey, str, str]


def insert_layer(
    db: Database,
    document_id: int,
    annotator_id: int,
    spans: Mapping[SpanKey, SpanStamps],
    relations: Sequence[RelationRow],
) -> None:
    """Store a layer's spans and relations on a document where that layer has none;
    ValidationError (nothing of it stored if the caller's transaction rolls back) for a
    span or relation the editor would refuse."""
    row = db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()
    if row is None:
        raise NotFoundError(f"no document with id {document_id}")
    text = row[0]
    kinds: dict[str, str] = dict(db.execute("SELECT name, kind FROM labels").fetchall())

    def kind_of(label: str) -> str:
        if label not in kinds:
            raise ValidationError(f"unknown label {label!r}")
        return kinds[label]

    for start, end, label in spans:
        try:
            check_span(kind_of(label), label, text, start, end)
        except ValidationError as exc:
            raise ValidationError(f"{label} {start}..{end}: {exc}") from exc
    if spans:
        db.conn.executemany(
            'INSERT INTO spans (document_id, annotator_id, label, start, "end", attributes, '
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (document_id, annotator_id, label, start, end, attributes, created, updated)
                for (start, end, label), (attributes, created, updated) in spans.items()
            ],
        )
    if not relations:
        return
    ids = {
        (start, end, label): span_id
        for span_id, label, start, end in db.execute(
            'SELECT id, label, start, "end" FROM spans WHERE document_id = ? AND annotator_id = ?',
            [document_id, annotator_id],
        )
    }

    def stored(key: SpanKey) -> Span:
        start, end, label = key
        return Span(ids[key], document_id, annotator_id, label, start, end)

    options = {
        name: json.loads(text)
        for name, text in db.execute("SELECT name, options FROM labels WHERE kind = 'relation'")
    }
    rows = []
    for head_key, child_key, label, created in relations:
        head, child = stored(head_key), stored(child_key)
        check_relation(head, child, label, kind_of, lambda name: options.get(name, {}))
        rows.append((document_id, annotator_id, head.id, child.id, label, created))
    db.conn.executemany(
        "INSERT INTO relations (document_id, annotator_id, head_id, child_id, label, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )


def delete_layer(db: Database, document_id: int, annotator_id: int) -> None:
    """Remove a layer's relations and spans from a document (its status stays)."""
    args = [document_id, annotator_id]
    db.execute("DELETE FROM relations WHERE document_id = ? AND annotator_id = ?", args)
    db.execute("DELETE FROM spans WHERE document_id = ? AND annotator_id = ?", args)


def put_status(
    db: Database, document_id: int, annotator_id: int, status: str, updated_at: str
) -> None:
    """Set a layer's status with its own timestamp (a merge keeps the source's)."""
    db.execute(
        "INSERT INTO doc_status (document_id, annotator_id, status, updated_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (document_id, annotator_id) "
        "DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
        [document_id, annotator_id, status, updated_at],
    )
