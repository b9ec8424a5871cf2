"""Spans, relations and per-annotator document status: every edit one transaction.

Every method validates in the core (bounds, boundaries, labels, layers) so that no
caller, UI or CLI or import, can store an annotation that breaks an export.

Layers: each span and relation belongs to one annotator's layer. Mutators take the
acting annotator (`actor_id`); an annotator may edit only their own layer, a reviewer
also the gold layer. `actor_id=None` means the layer's owner acts (imports, merges); the
gold layer has no owner, so every edit of it names a reviewer.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from annotator.core.changes import Changes, in_document
from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import GOLD_LAYER, STATUSES, Relation, Span
from annotator.core.store.database import dumps, now
from annotator.core.store.labels import Labels
from annotator.core.store.rules import check_relation, check_span
from annotator.core.store.sqlite_lib import Database

_SPAN_COLS = (
    'id, document_id, annotator_id, label, start, "end", attributes, created_at, updated_at'
)
_REL_COLS = "id, document_id, annotator_id, head_id, child_id, label, created_at"
GOLD_NEEDS_REVIEWER = (
    "the gold layer is written only by a reviewer: name one with --reviewer NAME "
    "(or edit gold in the review window)"
)


@dataclass(frozen=True)
class DeletedSpan:
    """What a span deletion removed, so that undo can put it back with the same ids."""

    span: Span
    relations: list[Relation]

    @property
    def changes(self) -> Changes:
        """What deleting (or restoring) the span and its relations changed."""
        return in_document(self.span.document_id, (self.span.id,), (r.id for r in self.relations))


def _span(row: tuple) -> Span:
    attributes = {} if row[6] == "{}" else json.loads(row[6])
    return Span(*row[:6], attributes, row[7], row[8])


_SPAN_FIELDS = tuple(Span.__dataclass_fields__)  # in the order of _SPAN_COLS
_new = object.__new__


def _spans(rows: Iterable[tuple]) -> list[Span]:
    """Spans from many rows of `_SPAN_COLS`, as `_span` makes them: filled field by field
    without the frozen dataclass's __init__, which was half the cost of reading a layer
    of 30,000 spans."""
    out = []
    for row in rows:
        span = _new(Span)
        fields = span.__dict__
        fields.update(zip(_SPAN_FIELDS, row, strict=True))
        fields["attributes"] = {} if row[6] == "{}" else json.loads(row[6])
        out.append(span)
    return out


def _relation(row: tuple) -> Relation:
    return Relation(*row)


def _check_attributes(attributes: Any) -> dict[str, Any]:
    if attributes is None:
        return {}
    if not isinstance(attributes, dict) or not all(isinstance(k, str) for k in attributes):
        raise ValidationError("span attributes must be an object with text keys")
    try:
        dumps(attributes)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"span attributes are not JSON data ({exc})") from exc
    except RecursionError as exc:
        raise ValidationError("span attributes are nested too deeply") from exc
    return attributes


class Annotations:
    """Spans and relations of every annotator's layer."""

    def __init__(self, db: Database, labels: Labels) -> None:
        self._db = db
        self._labels = labels

    # -- reading -----------------------------------------------------------------
    def span(self, span_id: int) -> Span:
        """The span with this id; NotFoundError if there is none."""
        row = self._db.execute(f"SELECT {_SPAN_COLS} FROM spans WHERE id = ?", [span_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no span with id {span_id}")
        return _span(row)

    def spans_by_id(self, span_ids: Iterable[int]) -> list[Span]:
        """The spans with these ids that exist (missing ids are left out)."""
        ids = list(span_ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return [
            _span(row)
            for row in self._db.execute(
                f"SELECT {_SPAN_COLS} FROM spans WHERE id IN ({marks}) ORDER BY id", ids
            )
        ]

    def spans(self, document_id: int, annotator_id: int | None = None) -> list[Span]:
        """Spans of a document (one layer, or all), in reading order."""
        sql = f"SELECT {_SPAN_COLS} FROM spans WHERE document_id = ?"
        args: list[Any] = [document_id]
        if annotator_id is not None:
            sql += " AND annotator_id = ?"
            args.append(annotator_id)
        sql += ' ORDER BY start, "end" DESC, id'
        return _spans(self._db.execute(sql, args))

    def span_with(
        self, document_id: int, annotator_id: int, label: str, start: int, end: int
    ) -> Span | None:
        """The layer's span of this label at exactly these offsets, if it has one."""
        row = self._db.execute(
            f"SELECT {_SPAN_COLS} FROM spans WHERE document_id = ? AND annotator_id = ? "
            'AND label = ? AND start = ? AND "end" = ?',
            [document_id, annotator_id, label, start, end],
        ).fetchone()
        return _span(row) if row else None

    def tagged_texts(self, annotator_id: int, labels: Iterable[str]) -> list[tuple[Span, str]]:
        """Every span of one layer with these labels, across the project, with its text
        (what the propagation recipe spreads); by document, then reading order."""
        names = sorted(set(labels))
        if not names:
            return []
        cols = ", ".join(f"s.{c.strip()}" for c in _SPAN_COLS.split(","))
        rows = self._db.execute(
            f'SELECT {cols}, substr(d.text, s.start + 1, s."end" - s.start) FROM spans s '
            "JOIN documents d ON d.id = s.document_id WHERE s.annotator_id = ? AND s.label IN "
            f'({", ".join("?" * len(names))}) ORDER BY s.document_id, s.start, s."end" DESC, s.id',
            [annotator_id, *names],
        )
        return [(_span(row[:9]), row[9]) for row in rows]

    def relation(self, relation_id: int) -> Relation:
        """The relation with this id; NotFoundError if there is none."""
        row = self._db.execute(
            f"SELECT {_REL_COLS} FROM relations WHERE id = ?", [relation_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no relation with id {relation_id}")
        return _relation(row)

    def relations(self, document_id: int, annotator_id: int | None = None) -> list[Relation]:
        """Relations of a document (one layer, or all), in creation order."""
        sql = f"SELECT {_REL_COLS} FROM relations WHERE document_id = ?"
        args: list[Any] = [document_id]
        if annotator_id is not None:
            sql += " AND annotator_id = ?"
            args.append(annotator_id)
        return [_relation(row) for row in self._db.execute(sql + " ORDER BY id", args)]

    # -- validation ----------------------------------------------------------------
    def _text(self, document_id: int) -> str:
        row = self._db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {document_id}")
        return row[0]

    def _check_span(self, document_id: int, annotator_id: int, label: str, start, end) -> None:
        if (
            self._db.execute("SELECT 1 FROM annotators WHERE id = ?", [annotator_id]).fetchone()
            is None
        ):
            raise NotFoundError(f"no annotator with id {annotator_id}")
        kind = self._label_kind(label)
        check_span(kind, label, self._text(document_id), start, end)

    def check_may_edit(self, actor_id: int | None, layer_id: int) -> None:
        """Refuse an edit of `layer_id` by `actor_id` unless it is theirs (or gold, for a
        reviewer); None acts as the layer's owner, which gold does not have."""
        if actor_id is None or actor_id == layer_id:
            gold = self._db.execute(
                "SELECT 1 FROM annotators WHERE id = ? AND name = ?", [layer_id, GOLD_LAYER]
            ).fetchone()
            if gold is not None:
                raise ValidationError(GOLD_NEEDS_REVIEWER)
            return
        rows = dict(
            (row[0], (row[1], row[2]))
            for row in self._db.execute(
                "SELECT id, name, role FROM annotators WHERE id IN (?, ?)", [actor_id, layer_id]
            )
        )
        if actor_id not in rows:
            raise NotFoundError(f"no annotator with id {actor_id}")
        if layer_id not in rows:
            raise NotFoundError(f"no annotator with id {layer_id}")
        actor_name, actor_role = rows[actor_id]
        layer_name = rows[layer_id][0]
        if layer_name == GOLD_LAYER and actor_role == "reviewer":
            return
        raise ValidationError(
            f"{actor_name} may not edit the layer of {layer_name}"
            + (" (only reviewers edit the gold layer)" if layer_name == GOLD_LAYER else "")
        )

    def _label_kind(self, label: str) -> str:
        row = self._db.execute("SELECT kind FROM labels WHERE name = ?", [label]).fetchone()
        if row is None:
            raise ValidationError(f"unknown label {label!r}")
        return row[0]

    # -- spans ---------------------------------------------------------------------
    def add_span(
        self,
        document_id: int,
        annotator_id: int,
        label: str,
        start: int,
        end: int,
        attributes: dict[str, Any] | None = None,
        *,
        actor_id: int | None = None,
    ) -> Span:
        """Store a new span in the layer of `annotator_id`, committed when this returns."""
        attributes = _check_attributes(attributes)
        with self._db.atomic():
            self._check_span(document_id, annotator_id, label, start, end)
            self.check_may_edit(actor_id, annotator_id)
            stamp = now()
            try:
                cursor = self._db.execute(
                    'INSERT INTO spans (document_id, annotator_id, label, start, "end", '
                    "attributes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [document_id, annotator_id, label, start, end, dumps(attributes), stamp, stamp],
                )
            except sqlite3.IntegrityError as exc:
                raise ValidationError(f"{label} {start}..{end} is marked already") from exc
            self._touch_status(document_id, annotator_id)
            return Span(
                cursor.lastrowid,
                document_id,
                annotator_id,
                label,
                start,
                end,
                attributes,
                stamp,
                stamp,
            )

    def update_span(
        self,
        span_id: int,
        *,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
        attributes: dict[str, Any] | None = None,
        actor_id: int | None = None,
    ) -> Span:
        """Change a span's label, edges or attributes; returns the new span."""
        with self._db.atomic():
            old = self.span(span_id)
            self.check_may_edit(actor_id, old.annotator_id)
            new_label = old.label if label is None else label
            new_start = old.start if start is None else start
            new_end = old.end if end is None else end
            new_attrs = old.attributes if attributes is None else _check_attributes(attributes)
            self._check_span(old.document_id, old.annotator_id, new_label, new_start, new_end)
            self._check_relations_fit(span_id, new_label)
            stamp = now()
            try:
                self._db.execute(
                    'UPDATE spans SET label = ?, start = ?, "end" = ?, attributes = ?, '
                    "updated_at = ? WHERE id = ?",
                    [new_label, new_start, new_end, dumps(new_attrs), stamp, span_id],
                )
            except sqlite3.IntegrityError as exc:
                raise ValidationError(
                    f"{new_label} {new_start}..{new_end} is marked already"
                ) from exc
            self._touch_status(old.document_id, old.annotator_id)
            return self.span(span_id)

    def delete_span(self, span_id: int, *, actor_id: int | None = None) -> DeletedSpan:
        """Delete a span and the relations that use it; returns them for undo."""
        with self._db.atomic():
            span = self.span(span_id)
            self.check_may_edit(actor_id, span.annotator_id)
            rels = [
                _relation(row)
                for row in self._db.execute(
                    f"SELECT {_REL_COLS} FROM relations WHERE head_id = ? OR child_id = ? "
                    "ORDER BY id",
                    [span_id, span_id],
                )
            ]
            self._db.execute("DELETE FROM spans WHERE id = ?", [span_id])
            return DeletedSpan(span, rels)

    def restore_span(self, deleted: DeletedSpan, *, actor_id: int | None = None) -> Span:
        """Put back a deleted span and its relations under their old ids (undo)."""
        span = deleted.span
        with self._db.atomic():
            self.check_may_edit(actor_id, span.annotator_id)
            self._check_span(span.document_id, span.annotator_id, span.label, span.start, span.end)
            self._db.execute(
                f"INSERT INTO spans ({_SPAN_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [*list(vars(span).values())[:6], dumps(span.attributes), span.created_at, now()],
            )
            for rel in deleted.relations:
                self.restore_relation(rel, actor_id=actor_id)
        return self.span(span.id)

    # -- relations -------------------------------------------------------------------
    def _check_relation(self, head: Span, child: Span, label: str) -> None:
        check_relation(
            head, child, label, self._label_kind, lambda name: self._labels.get(name).options
        )

    def _check_relations_fit(self, span_id: int, new_label: str) -> None:
        for rel in self._db.execute(
            f"SELECT {_REL_COLS} FROM relations WHERE head_id = ? OR child_id = ?",
            [span_id, span_id],
        ).fetchall():
            rel = _relation(rel)
            head, child = self.span(rel.head_id), self.span(rel.child_id)
            if head.id == span_id:
                head = Span(**{**vars(head), "label": new_label})
            else:
                child = Span(**{**vars(child), "label": new_label})
            self._check_relation(head, child, rel.label)

    def add_relation(
        self, head_id: int, child_id: int, label: str, *, actor_id: int | None = None
    ) -> Relation:
        """Link two spans of one layer (e.g. QUOTE -SAID_BY-> speaker)."""
        with self._db.atomic():
            head, child = self.span(head_id), self.span(child_id)
            self._check_relation(head, child, label)
            self.check_may_edit(actor_id, head.annotator_id)
            stamp = now()
            try:
                cursor = self._db.execute(
                    "INSERT INTO relations (document_id, annotator_id, head_id, child_id, label, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [head.document_id, head.annotator_id, head_id, child_id, label, stamp],
                )
            except sqlite3.IntegrityError as exc:
                raise ValidationError("these spans are linked already") from exc
            self._touch_status(head.document_id, head.annotator_id)
            return Relation(
                cursor.lastrowid,
                head.document_id,
                head.annotator_id,
                head_id,
                child_id,
                label,
                stamp,
            )

    def delete_relation(self, relation_id: int, *, actor_id: int | None = None) -> Relation:
        """Remove a relation; returns it for undo."""
        with self._db.atomic():
            rel = self.relation(relation_id)
            self.check_may_edit(actor_id, rel.annotator_id)
            self._db.execute("DELETE FROM relations WHERE id = ?", [relation_id])
            return rel

    def restore_relation(self, rel: Relation, *, actor_id: int | None = None) -> Relation:
        """Put back a deleted relation under its old id (undo)."""
        with self._db.atomic():
            self.check_may_edit(actor_id, rel.annotator_id)
            self._check_relation(self.span(rel.head_id), self.span(rel.child_id), rel.label)
            self._db.execute(
                f"INSERT INTO relations ({_REL_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                list(vars(rel).values()),
            )
        return rel

    # -- status ----------------------------------------------------------------------
    def _touch_status(self, document_id: int, annotator_id: int) -> None:
        self._db.execute(
            "INSERT INTO doc_status (document_id, annotator_id, status, updated_at) "
            "VALUES (?, ?, 'in_progress', ?) ON CONFLICT DO NOTHING",
            [document_id, annotator_id, now()],
        )

    def set_status(self, document_id: int, annotator_id: int, status: str) -> Changes:
        """Mark a document new / in_progress / done for one annotator."""
        if status not in STATUSES:
            raise ValidationError(f"status must be one of {', '.join(STATUSES)}")
        with self._db.atomic():
            self._text(document_id)
            self._db.execute(
                "INSERT INTO doc_status (document_id, annotator_id, status, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (document_id, annotator_id) "
                "DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
                [document_id, annotator_id, status, now()],
            )
        return in_document(document_id, status=True)

    def status(self, document_id: int, annotator_id: int) -> str:
        """The annotator's status for a document ("new" when never touched)."""
        row = self._db.execute(
            "SELECT status FROM doc_status WHERE document_id = ? AND annotator_id = ?",
            [document_id, annotator_id],
        ).fetchone()
        return row[0] if row else "new"
