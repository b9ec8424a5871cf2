"""Writing whole layers at once (a merge): checked by the same rules as the editor's single
edits (`rules`), stored with their own timestamps."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Span
from annotator.core.store.rules import check_relation, check_span
from annotator.core.store.sqlite_lib import Database
from annotator.core.text.offsets import is_boundary

SpanKey = tuple[int, int, str]  # (start, end, label): unique within a layer
# (attributes as stored JSON, created_at, updated_at)
SpanStamps = tuple[str, str, str]
# (head key, child key, label, created_at)
RelationRow = tuple[SpanKey, SpanKey, str, str]


class LayerWriter:
    """Stores whole layers on documents where they have none, each span and relation
    checked by the editor's rules (`rules`): ValidationError, and nothing of it stored if
    the caller's transaction rolls back, for one the editor would refuse.

    Made for many layers in one transaction (a merge): the label scheme is read once, a
    document's text once for its consecutive layers, each span checked inline (the full
    check only says what is wrong), and span ids are given here (the caller being the only
    writer), so relations find their spans without reading them back.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self.kinds: dict[str, str] = dict(db.execute("SELECT name, kind FROM labels").fetchall())
        self.options = {
            name: json.loads(text)
            for name, text in db.execute("SELECT name, options FROM labels WHERE kind = 'relation'")
        }
        self._next_id: int = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM spans").fetchone()[0]
        self._document: tuple[int, str] | None = None

    def _kind_of(self, label: str) -> str:
        if label not in self.kinds:
            raise ValidationError(f"unknown label {label!r}")
        return self.kinds[label]

    def _text(self, document_id: int) -> str:
        if self._document is None or self._document[0] != document_id:
            row = self.db.execute(
                "SELECT text FROM documents WHERE id = ?", [document_id]
            ).fetchone()
            if row is None:
                raise NotFoundError(f"no document with id {document_id}")
            self._document = (document_id, row[0])
        return self._document[1]

    def insert(
        self,
        document_id: int,
        annotator_id: int,
        spans: Mapping[SpanKey, SpanStamps],
        relations: Sequence[RelationRow],
    ) -> None:
        """Store one layer's spans and relations (the document has none of that layer)."""
        text = self._text(document_id)
        length, kinds = len(text), self.kinds
        for start, end, label in spans:
            if not (  # check_span's rules, inline
                type(start) is int
                and type(end) is int
                and 0 <= start < end <= length
                and is_boundary(text, start)
                and is_boundary(text, end)
                and kinds.get(label, "relation") != "relation"
            ):
                try:
                    check_span(self._kind_of(label), label, text, start, end)
                except ValidationError as exc:
                    raise ValidationError(f"{label} {start}..{end}: {exc}") from exc
        first = self._next_id
        self._next_id += len(spans)
        if spans:
            self.db.conn.executemany(
                'INSERT INTO spans (id, document_id, annotator_id, label, start, "end", '
                "attributes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (span_id, document_id, annotator_id, label, start, end, *stamps)
                    for span_id, ((start, end, label), stamps) in enumerate(spans.items(), first)
                ],
            )
        if relations:
            ids = {key: span_id for span_id, key in enumerate(spans, first)}
            self._relations(document_id, annotator_id, ids, relations)

    def _relations(
        self,
        document_id: int,
        annotator_id: int,
        ids: Mapping[SpanKey, int],
        relations: Sequence[RelationRow],
    ) -> None:
        def stored(key: SpanKey) -> Span:
            start, end, label = key
            return Span(ids[key], document_id, annotator_id, label, start, end)

        rows = []
        for head_key, child_key, label, created in relations:
            head, child = stored(head_key), stored(child_key)
            check_relation(
                head, child, label, self._kind_of, lambda name: self.options.get(name, {})
            )
            rows.append((document_id, annotator_id, head.id, child.id, label, created))
        self.db.conn.executemany(
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
