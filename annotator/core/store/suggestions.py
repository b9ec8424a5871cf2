"""Suggestions (tables `suggestions`, `suggestion_links`) and what annotators rejected
(`suggestion_rejections`).

A recipe's suggestions on a document are replaced whole each time it runs. An annotator
sees those made for everyone or for them, minus what they rejected and what their layer
already holds; a rejection is kept by label and offsets, so it outlives re-runs and is
data of its own (negative examples, counts in the report).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.changes import Changes, of_suggestions
from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Suggested, Suggestion
from annotator.core.store.database import now
from annotator.core.store.sqlite_lib import Database

_COLS = 'id, document_id, recipe, annotator_id, label, start, "end", confidence, note'
_SAME_LAYER = "(annotator_id IS NULL OR annotator_id = ?)"


@dataclass(frozen=True)
class Rejection:
    """A suggestion an annotator rejected: by what it said, not by its id."""

    document_id: int
    annotator_id: int
    label: str
    start: int
    end: int
    recipe: str
    rejected_at: str


class Suggestions:
    """Reads and writes the suggestion tables."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- writing ---------------------------------------------------------------------------
    def replace(
        self, document_id: int, recipe: str, annotator_id: int | None, suggested: Suggested
    ) -> Changes:
        """Store a recipe's suggestions on a document (for one annotator, or None for
        everyone) in place of its earlier ones, in one transaction."""
        return self.replace_many(recipe, annotator_id, [(document_id, suggested)])

    def replace_many(
        self,
        recipe: str,
        annotator_id: int | None,
        documents: Iterable[tuple[int, Suggested]],
    ) -> Changes:
        """`replace` for many documents in one transaction (a batch run)."""
        if not recipe or not isinstance(recipe, str):
            raise ValidationError("a recipe needs a name")
        touched: list[int] = []
        with self._db.atomic():
            for document_id, suggested in documents:
                self._replace_one(document_id, recipe, annotator_id, suggested)
                touched.append(document_id)
        return of_suggestions(touched)

    def _replace_one(
        self, document_id: int, recipe: str, annotator_id: int | None, suggested: Suggested
    ) -> None:
        row = self._db.execute(
            "SELECT length(text) FROM documents WHERE id = ?", [document_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {document_id}")
        size = row[0]
        labels = {name for (name,) in self._db.execute("SELECT name FROM labels")}
        self._db.execute(
            "DELETE FROM suggestions WHERE document_id = ? AND recipe = ? AND annotator_id IS ?",
            [document_id, recipe, annotator_id],
        )
        spans, links = suggested.spans, suggested.links
        for span in spans:
            if span.label not in labels:
                raise ValidationError(f"suggested label {span.label!r} is not in the project")
            if not 0 <= span.start < span.end <= size:
                raise ValidationError(
                    f"suggested span {span.start}–{span.end} is outside document {document_id} "
                    f"({size} characters)"
                )
        for link in links:
            if not (0 <= link.head < len(spans) and 0 <= link.child < len(spans)):
                raise ValidationError("a suggested link names a span that is not suggested")
            if link.label not in labels:
                raise ValidationError(f"suggested relation {link.label!r} is not in the project")
        if not spans:
            return
        # the ids SQLite would give one insert after another (max + 1, …), given up front so
        # that thousands of suggestions are one executemany: the write lock is held
        first = self._db.execute("SELECT coalesce(max(id), 0) + 1 FROM suggestions").fetchone()[0]
        stamp = now()
        self._db.conn.executemany(
            'INSERT INTO suggestions (id, document_id, recipe, annotator_id, label, start, "end", '
            "confidence, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    first + i,
                    document_id,
                    recipe,
                    annotator_id,
                    span.label,
                    span.start,
                    span.end,
                    min(1.0, max(0.0, float(span.confidence))),
                    span.note,
                    stamp,
                )
                for i, span in enumerate(spans)
            ],
        )
        self._db.conn.executemany(
            "INSERT OR IGNORE INTO suggestion_links (head_id, child_id, label) VALUES (?, ?, ?)",
            [(first + link.head, first + link.child, link.label) for link in links],
        )

    def reject(self, suggestion: Suggestion, layer_id: int) -> Changes:
        """Remember that this layer's annotator rejected what the suggestion says: it is
        not shown to them again, whichever recipe makes it, however often it runs."""
        s = suggestion
        with self._db.atomic():
            self._db.execute(
                "INSERT OR REPLACE INTO suggestion_rejections (document_id, annotator_id, label, "
                'start, "end", recipe, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
                [s.document_id, layer_id, s.label, s.start, s.end, s.recipe, now()],
            )
        return of_suggestions((s.document_id,))

    def unreject(self, suggestion: Suggestion, layer_id: int) -> Changes:
        """Forget a rejection (its undo), by what was rejected."""
        s = suggestion
        with self._db.atomic():
            self._db.execute(
                "DELETE FROM suggestion_rejections WHERE document_id = ? AND annotator_id = ? "
                'AND label = ? AND start = ? AND "end" = ?',
                [s.document_id, layer_id, s.label, s.start, s.end],
            )
        return of_suggestions((s.document_id,))

    def stored(self, document_id: int, recipe: str, annotator_id: int | None) -> list[Suggestion]:
        """What one run of a recipe stored on a document (for one annotator or everyone)."""
        rows = self._db.execute(
            f"SELECT {_COLS} FROM suggestions WHERE document_id = ? AND recipe = ? AND "
            "annotator_id IS ? ORDER BY id",
            [document_id, recipe, annotator_id],
        ).fetchall()
        return self._with_links(rows)

    def clear(self, recipe: str | None = None) -> tuple[int, Changes]:
        """Remove every stored suggestion (of one recipe); rejections stay. Returns how
        many were removed and what changed."""
        where, params = ("WHERE recipe = ?", [recipe]) if recipe else ("", [])
        with self._db.atomic():
            documents = [
                d
                for (d,) in self._db.execute(
                    f"SELECT DISTINCT document_id FROM suggestions {where}", params
                )
            ]
            removed = self._db.execute(f"DELETE FROM suggestions {where}", params).rowcount
        return removed, of_suggestions(documents)

    # -- reading ---------------------------------------------------------------------------
    def get(self, suggestion_id: int) -> Suggestion:
        """One stored suggestion with its links."""
        row = self._db.execute(
            f"SELECT {_COLS} FROM suggestions WHERE id = ?", [suggestion_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no suggestion with id {suggestion_id} (it may have been re-made)")
        return self._with_links([row])[0]

    def for_layer(self, document_id: int, layer_id: int) -> list[Suggestion]:
        """What an annotator is offered on a document, in reading order: suggestions made
        for everyone or for them, minus what they rejected and spans their layer holds
        (the same label and offsets); where recipes agree, the surest one."""
        rows = self._db.execute(
            f"SELECT {_COLS} FROM suggestions s WHERE document_id = ? AND {_SAME_LAYER} "
            "AND NOT EXISTS (SELECT 1 FROM suggestion_rejections r WHERE r.document_id = "
            "s.document_id AND r.annotator_id = ? AND r.label = s.label AND r.start = s.start "
            'AND r."end" = s."end") AND NOT EXISTS (SELECT 1 FROM spans a WHERE a.document_id '
            "= s.document_id AND a.annotator_id = ? AND a.label = s.label AND a.start = s.start "
            'AND a."end" = s."end") ORDER BY start, "end" DESC, confidence DESC, id',
            [document_id, layer_id, layer_id, layer_id],
        ).fetchall()
        seen: set[tuple[str, int, int]] = set()
        kept = []
        for row in rows:
            key = (row[4], row[5], row[6])
            if key not in seen:
                seen.add(key)
                kept.append(row)
        return self._with_links(kept)

    def _with_links(self, rows: list[tuple]) -> list[Suggestion]:
        links: dict[int, list[tuple[int, str]]] = {}
        ids = [row[0] for row in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for head, child, label in self._db.execute(
                f"SELECT head_id, child_id, label FROM suggestion_links WHERE head_id IN ({marks})"
                " ORDER BY head_id, child_id",
                chunk,
            ):
                links.setdefault(head, []).append((child, label))
        return [
            Suggestion(*row[:7], float(row[7]), row[8], tuple(links.get(row[0], ())))
            for row in rows
        ]

    def rejections(
        self, layer_id: int | None = None, document_id: int | None = None
    ) -> list[Rejection]:
        """Rejections, oldest first (of one annotator, on one document)."""
        where, params = [], []
        for column, value in (("annotator_id", layer_id), ("document_id", document_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._db.execute(
            'SELECT document_id, annotator_id, label, start, "end", recipe, rejected_at FROM '
            f"suggestion_rejections {clause} ORDER BY rejected_at, document_id, start",
            params,
        )
        return [Rejection(*row) for row in rows]

    def counts(self) -> dict[str, tuple[int, int]]:
        """Per recipe: (suggestions stored, rejections kept)."""
        out: dict[str, list[int]] = {}
        for recipe, n in self._db.execute("SELECT recipe, count(*) FROM suggestions GROUP BY 1"):
            out.setdefault(recipe, [0, 0])[0] = n
        for recipe, n in self._db.execute(
            "SELECT recipe, count(*) FROM suggestion_rejections GROUP BY 1"
        ):
            out.setdefault(recipe, [0, 0])[1] = n
        return {recipe: (a, b) for recipe, (a, b) in sorted(out.items())}
