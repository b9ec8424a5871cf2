"""Documents: stored once, normalized text that never changes, identified by its hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import NotFoundError
from annotator.core.model import Document
from annotator.core.store.database import dumps, now
from annotator.core.store.schema import SEARCH_INDEX_FROM
from annotator.core.store.sqlite_lib import Database
from annotator.core.text.search import fold

DOCUMENT_COLUMNS = "id, text, title, source, published, meta, sha256, imported_at"
_COLUMNS = "text, title, source, published, meta, sha256, search_text, imported_at"
_NEW = "documents_to_add"  # add_many's scratch table
# Documents indexed per transaction after an import: ~0.3 s of the write lock for news
# articles of 4,000 characters.
INDEX_STEP = 500


@dataclass(frozen=True)
class NewDocument:
    """A document about to be stored; `text` must already be normalized."""

    text: str
    title: str
    source: str | None = None
    published: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AddResult:
    """Ids of the documents an import stored, in input order, and which were new."""

    ids: list[int]
    added: int
    existing: int


def text_hash(text: str) -> str:
    """The identity of a document: SHA-256 of its UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_from_row(row: tuple) -> Document:
    """A document from a row of `DOCUMENT_COLUMNS`."""
    doc_id, text, title, source, published, meta, sha, imported = row
    return Document(doc_id, text, title, source, published, json.loads(meta), sha, imported)


class Documents:
    """The project's documents, kept in the `documents` table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add_many(self, documents: Iterable[NewDocument]) -> AddResult:
        """Store documents in one transaction; a text stored already is not stored again."""
        stamp = now()
        conn = self._db.conn
        hashes: list[str] = []

        def rows():
            for doc in documents:
                sha = text_hash(doc.text)
                hashes.append(sha)
                yield (
                    doc.text,
                    doc.title,
                    doc.source,
                    doc.published,
                    dumps(doc.meta),
                    sha,
                    fold(doc.text),
                    stamp,
                )

        with self._db.atomic():
            # Rows go to a scratch table first and into `documents` by one statement: the
            # search index's insert trigger then runs within one statement, which costs a
            # third of running it once per row with executemany.
            conn.execute(f"CREATE TEMP TABLE {_NEW} ({_COLUMNS})")
            conn.executemany(f"INSERT INTO temp.{_NEW} VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows())
            added = conn.execute(
                f"INSERT INTO documents ({_COLUMNS}) SELECT {_COLUMNS} FROM temp.{_NEW} "
                "ORDER BY rowid ON CONFLICT (sha256) DO NOTHING"
            ).rowcount  # this table's rows only: the search index's are not counted
            conn.execute(f"DROP TABLE temp.{_NEW}")
            id_of: dict[str, int] = {}
            unique = list(dict.fromkeys(hashes))
            for at in range(0, len(unique), 500):
                chunk = unique[at : at + 500]
                marks = ",".join("?" * len(chunk))
                id_of.update(
                    (sha, doc_id)
                    for doc_id, sha in conn.execute(
                        f"SELECT id, sha256 FROM documents WHERE sha256 IN ({marks})", chunk
                    )
                )
        ids = [id_of[sha] for sha in hashes]
        return AddResult(ids=ids, added=added, existing=len(ids) - added)

    def index_pending(self, step: int = INDEX_STEP, steps: int | None = None) -> int:
        """Put the documents an import left out of the search index into it, `step` at a
        time, each step its own short transaction (other writers wait at most for one),
        all of them or `steps` steps; how many were indexed. Search finds them meanwhile
        by reading them."""
        done = 0
        while steps is None or steps > 0:
            steps = None if steps is None else steps - 1
            with self._db.atomic():
                row = self._db.execute(
                    "SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?",
                    [SEARCH_INDEX_FROM],
                ).fetchone()
                if row is None:
                    return done
                first, last = row[0], self.last_id()
                upto = min(last, first + step - 1)
                self._db.execute(
                    "INSERT INTO document_search (rowid, search_text) "
                    "SELECT id, search_text FROM documents WHERE id BETWEEN ? AND ?",
                    [first, upto],
                )
                done += max(0, upto - first + 1)  # ids have no gaps: nothing is removed
                if upto >= last:
                    self._db.execute("DELETE FROM settings WHERE key = ?", [SEARCH_INDEX_FROM])
                else:
                    self._db.execute(
                        "UPDATE settings SET value = ? WHERE key = ?", [upto + 1, SEARCH_INDEX_FROM]
                    )
        return done

    def get(self, doc_id: int) -> Document:
        """The document with this id; NotFoundError if there is none."""
        row = self._db.execute(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", [doc_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {doc_id}")
        return document_from_row(row)

    def text(self, doc_id: int) -> str:
        """Just the text of a document (cheaper than `get`)."""
        row = self._db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {doc_id}")
        return row[0]

    def field(self, ids: Iterable[int], column: str) -> dict[int, str]:
        """One column ("text" or "title") of many documents, fetched in chunks."""
        if column not in ("text", "title"):
            raise ValueError(f"no document column {column!r} to fetch")
        ids = list(ids)
        found: dict[int, str] = {}
        for at in range(0, len(ids), 500):
            chunk = ids[at : at + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                self._db.execute(
                    f"SELECT id, {column} FROM documents WHERE id IN ({marks})", chunk
                ).fetchall()
            )
        return found

    def id_for_hash(self, sha256: str) -> int | None:
        """Id of the document whose text has this hash, if stored."""
        row = self._db.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else None

    def ids_by_hash(self) -> dict[str, int]:
        """Every document's id by the hash of its text (a merge matches documents so)."""
        return dict(self._db.execute("SELECT sha256, id FROM documents").fetchall())

    def ids(self) -> list[int]:
        """All document ids in import order."""
        return [row[0] for row in self._db.execute("SELECT id FROM documents ORDER BY id")]

    def count(self) -> int:
        """How many documents the project holds."""
        return self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def last_id(self) -> int:
        """The highest document id (0 when there is none): it grows with every import,
        and documents are never removed."""
        return self._db.execute("SELECT MAX(id) FROM documents").fetchone()[0] or 0

    def texts_in(
        self, first_id: int, last_id: int, newest_first: bool = False
    ) -> Iterator[tuple[int, str]]:
        """(id, text) of the documents with ids from `first_id` to `last_id`, in id order
        or the last imported first."""
        order = "DESC" if newest_first else "ASC"
        yield from self._db.conn.execute(
            f"SELECT id, text FROM documents WHERE id BETWEEN ? AND ? ORDER BY id {order}",
            [first_id, last_id],
        )

    def iter_all(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
        """Documents one at a time (constant memory), in id order or the order given."""
        if ids is None:
            cursor = self._db.conn.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY id")
            for row in cursor:
                yield document_from_row(row)
        else:
            for doc_id in ids:
                yield self.get(doc_id)
