"""Skips, flags and comments (tables `document_flags` and `comments`): what annotators say
about a document or a span beside their annotations, for the reviewer to read.

Every write is one transaction and returns the record (whose `.changes` names the
document) or the `Changes` itself. A span comment is anchored by the span's label and
offsets in its author's layer (see migration 0006), so it travels through merges and
exports without span ids.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.changes import Changes, in_document
from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import FLAG_KINDS, FLAG_REASONS, Comment, Flag, Span
from annotator.core.store.database import now
from annotator.core.store.sqlite_lib import Database

MAX_NOTE = 10_000  # characters of a comment or a flag's note
_FLAG_COLS = "document_id, annotator_id, kind, reason, note, created_at"
_COMMENT_COLS = 'id, document_id, annotator_id, text, label, start, "end", created_at'


def check_note(text: str, *, required: bool) -> str:
    """Free text of a comment, skip or flag: stripped, at most MAX_NOTE characters, no
    control characters but line breaks and tabs."""
    if not isinstance(text, str):
        raise ValidationError("a note must be text")
    text = text.strip()
    if required and not text:
        raise ValidationError("a comment cannot be empty")
    if len(text) > MAX_NOTE:
        raise ValidationError(f"a note is at most {MAX_NOTE} characters (this has {len(text)})")
    if any((ord(ch) < 32 and ch not in "\n\t") or ord(ch) == 127 for ch in text):
        raise ValidationError("a note cannot hold control characters")
    return text


def check_flag(kind: str, reason: str) -> None:
    """Refuse an unknown kind, or a reason that does not fit the kind."""
    if kind not in FLAG_KINDS:
        raise ValidationError(f"kind must be one of {', '.join(FLAG_KINDS)}")
    if kind == "flagged" and reason not in FLAG_REASONS:
        raise ValidationError(f"a flag's reason must be one of {', '.join(FLAG_REASONS)}")
    if kind == "skipped" and reason:
        raise ValidationError("a skip's reason is its note")


@dataclass(frozen=True)
class NoteCounts:
    """How many documents an annotator skipped and flagged, and comments they wrote."""

    skipped: int = 0
    flagged: int = 0
    comments: int = 0


class Notes:
    """Reads and writes skips, flags and comments."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- flags ---------------------------------------------------------------------------
    def flag(self, document_id: int, annotator_id: int, kind: str) -> Flag | None:
        """The annotator's skip or flag of a document, if any."""
        row = self._db.execute(
            f"SELECT {_FLAG_COLS} FROM document_flags WHERE document_id = ? AND "
            "annotator_id = ? AND kind = ?",
            [document_id, annotator_id, kind],
        ).fetchone()
        return Flag(*row) if row else None

    def flags(self, document_id: int, annotator_id: int | None = None) -> list[Flag]:
        """Skips and flags of a document (one annotator's, or everyone's), oldest first."""
        sql = f"SELECT {_FLAG_COLS} FROM document_flags WHERE document_id = ?"
        args: list[object] = [document_id]
        if annotator_id is not None:
            sql += " AND annotator_id = ?"
            args.append(annotator_id)
        return [Flag(*row) for row in self._db.execute(sql + " ORDER BY created_at", args)]

    def set_flag(
        self, document_id: int, annotator_id: int, kind: str, reason: str = "", note: str = ""
    ) -> Flag:
        """Skip or flag a document for an annotator (replacing their earlier one)."""
        check_flag(kind, reason)
        note = check_note(note, required=False)
        flag = Flag(document_id, annotator_id, kind, reason, note, now())
        with self._db.atomic():
            self._check_document_and_annotator(document_id, annotator_id)
            self._put_flag(flag)
        return flag

    def restore_flag(self, flag: Flag) -> Flag:
        """Put back a flag as it was (undo of a clear or a replacement)."""
        with self._db.atomic():
            self._check_document_and_annotator(flag.document_id, flag.annotator_id)
            self._put_flag(flag)
        return flag

    def _put_flag(self, flag: Flag) -> None:
        self._db.execute(
            f"INSERT INTO document_flags ({_FLAG_COLS}) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (document_id, annotator_id, kind) DO UPDATE SET reason = "
            "excluded.reason, note = excluded.note, created_at = excluded.created_at",
            [
                flag.document_id,
                flag.annotator_id,
                flag.kind,
                flag.reason,
                flag.note,
                flag.created_at,
            ],
        )

    def clear_flag(self, document_id: int, annotator_id: int, kind: str) -> Changes:
        """Take back an annotator's skip or flag of a document (nothing if none)."""
        check_flag(kind, "other" if kind == "flagged" else "")
        with self._db.atomic():
            self._db.execute(
                "DELETE FROM document_flags WHERE document_id = ? AND annotator_id = ? "
                "AND kind = ?",
                [document_id, annotator_id, kind],
            )
        return in_document(document_id, status=True)

    def flagged_ids(self, kind: str, annotator_id: int | None = None) -> set[int]:
        """Documents skipped or flagged (by this annotator, or by anyone)."""
        sql = "SELECT DISTINCT document_id FROM document_flags WHERE kind = ?"
        args: list[object] = [kind]
        if annotator_id is not None:
            sql += " AND annotator_id = ?"
            args.append(annotator_id)
        return {row[0] for row in self._db.execute(sql, args)}

    def commented_ids(self) -> set[int]:
        """Documents that carry a comment of anyone's."""
        return {row[0] for row in self._db.execute("SELECT DISTINCT document_id FROM comments")}

    # -- comments ----------------------------------------------------------------------------
    def add_comment(
        self, document_id: int, annotator_id: int, text: str, span: Span | None = None
    ) -> Comment:
        """A comment on a document, or on a span of the author's own layer."""
        text = check_note(text, required=True)
        label, start, end = (span.label, span.start, span.end) if span else (None, None, None)
        with self._db.atomic():
            self._check_document_and_annotator(document_id, annotator_id)
            if span is not None:
                if span.document_id != document_id or span.annotator_id != annotator_id:
                    raise ValidationError("a span comment is on a span of its author's layer")
                found = self._db.execute(
                    "SELECT 1 FROM spans WHERE document_id = ? AND annotator_id = ? AND label = ? "
                    'AND start = ? AND "end" = ?',
                    [document_id, annotator_id, label, start, end],
                ).fetchone()
                if found is None:
                    raise NotFoundError(f"no span {label} {start}..{end} to comment on")
            stamp = now()
            cursor = self._db.execute(
                'INSERT INTO comments (document_id, annotator_id, text, label, start, "end", '
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [document_id, annotator_id, text, label, start, end, stamp],
            )
        return Comment(cursor.lastrowid, document_id, annotator_id, text, label, start, end, stamp)

    def comment(self, comment_id: int) -> Comment:
        """The comment with this id; NotFoundError if there is none."""
        row = self._db.execute(
            f"SELECT {_COMMENT_COLS} FROM comments WHERE id = ?", [comment_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no comment with id {comment_id}")
        return Comment(*row)

    def delete_comment(self, comment_id: int) -> Comment:
        """Remove a comment; returns it for undo."""
        with self._db.atomic():
            comment = self.comment(comment_id)
            self._db.execute("DELETE FROM comments WHERE id = ?", [comment_id])
        return comment

    def restore_comment(self, comment: Comment) -> Comment:
        """Put back a deleted comment under its old id (undo)."""
        with self._db.atomic():
            self._check_document_and_annotator(comment.document_id, comment.annotator_id)
            try:
                self._db.execute(
                    f"INSERT INTO comments ({_COMMENT_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        comment.id,
                        comment.document_id,
                        comment.annotator_id,
                        comment.text,
                        comment.label,
                        comment.start,
                        comment.end,
                        comment.created_at,
                    ],
                )
            except sqlite3.IntegrityError as exc:
                raise ValidationError(f"comment {comment.id} exists already") from exc
        return comment

    def comments(self, document_id: int, annotator_id: int | None = None) -> list[Comment]:
        """Comments on a document and its spans (one author's, or everyone's), oldest
        first."""
        sql = f"SELECT {_COMMENT_COLS} FROM comments WHERE document_id = ?"
        args: list[object] = [document_id]
        if annotator_id is not None:
            sql += " AND annotator_id = ?"
            args.append(annotator_id)
        return [Comment(*row) for row in self._db.execute(sql + " ORDER BY created_at, id", args)]

    def on_spans(
        self, comments: Iterable[Comment], spans: Iterable[Span]
    ) -> dict[int, list[Comment]]:
        """Span id -> the comments anchored on it (same layer, label and offsets)."""
        by_key: dict[tuple, list[Comment]] = {}
        for comment in comments:
            if comment.on_span:
                key = (comment.annotator_id, comment.label, comment.start, comment.end)
                by_key.setdefault(key, []).append(comment)
        return {
            span.id: found
            for span in spans
            if (found := by_key.get((span.annotator_id, span.label, span.start, span.end)))
        }

    def every(self) -> tuple[list[Flag], list[Comment]]:
        """Every skip, flag and comment of the project (an export reads them once; they
        are few beside the documents)."""
        flags = [
            Flag(*row)
            for row in self._db.execute(
                f"SELECT {_FLAG_COLS} FROM document_flags ORDER BY document_id, created_at"
            )
        ]
        comments = [
            Comment(*row)
            for row in self._db.execute(
                f"SELECT {_COMMENT_COLS} FROM comments ORDER BY document_id, created_at, id"
            )
        ]
        return flags, comments

    # -- numbers ---------------------------------------------------------------------------
    def counts(self) -> dict[int, NoteCounts]:
        """Per annotator id: documents skipped, flagged, and comments written."""
        tally: dict[int, dict[str, int]] = {}
        for annotator_id, kind, count in self._db.execute(
            "SELECT annotator_id, kind, COUNT(*) FROM document_flags GROUP BY annotator_id, kind"
        ):
            tally.setdefault(annotator_id, {})[kind] = count
        for annotator_id, count in self._db.execute(
            "SELECT annotator_id, COUNT(*) FROM comments GROUP BY annotator_id"
        ):
            tally.setdefault(annotator_id, {})["comments"] = count
        return {who: NoteCounts(**counts) for who, counts in tally.items()}

    # -- checks ------------------------------------------------------------------------------
    def _check_document_and_annotator(self, document_id: int, annotator_id: int) -> None:
        if (
            self._db.execute("SELECT 1 FROM documents WHERE id = ?", [document_id]).fetchone()
            is None
        ):
            raise NotFoundError(f"no document with id {document_id}")
        if (
            self._db.execute("SELECT 1 FROM annotators WHERE id = ?", [annotator_id]).fetchone()
            is None
        ):
            raise NotFoundError(f"no annotator with id {annotator_id}")
