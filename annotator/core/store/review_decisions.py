"""The reviewers' decisions on candidates (table `review_decisions`): accepted or rejected,
by document and (start, end, label)."""

from __future__ import annotations

from annotator.core.store.database import now
from annotator.core.store.sqlite_lib import Database

Key = tuple[int, int, str]  # (start, end, label) of a candidate


class ReviewDecisions:
    """Reads and writes `review_decisions`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, document_id: int, key: Key) -> str | None:
        """The decision on one candidate, or None when none was taken."""
        start, end, label = key
        row = self._db.execute(
            "SELECT decision FROM review_decisions WHERE document_id = ? AND label = ? AND "
            'start = ? AND "end" = ?',
            [document_id, label, start, end],
        ).fetchone()
        return row[0] if row else None

    def in_document(self, document_id: int) -> dict[Key, str]:
        """Every decision taken in a document, by candidate."""
        rows = self._db.execute(
            'SELECT start, "end", label, decision FROM review_decisions WHERE document_id = ?',
            [document_id],
        )
        return {(start, end, label): decision for start, end, label, decision in rows}

    def record(self, document_id: int, key: Key, decision: str, reviewer_id: int) -> None:
        """Record (or replace) the decision on a candidate."""
        start, end, label = key
        self._db.execute(
            'INSERT INTO review_decisions (document_id, label, start, "end", decision, '
            "reviewer_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (document_id, "
            'label, start, "end") DO UPDATE SET decision = excluded.decision, '
            "reviewer_id = excluded.reviewer_id, decided_at = excluded.decided_at",
            [document_id, label, start, end, decision, reviewer_id, now()],
        )

    def clear(self, document_id: int, key: Key) -> None:
        """Forget the decision on a candidate."""
        start, end, label = key
        with self._db.atomic():
            self._db.execute(
                "DELETE FROM review_decisions WHERE document_id = ? AND label = ? AND "
                'start = ? AND "end" = ?',
                [document_id, label, start, end],
            )
