"""Queries behind the document list: filtered ids, one page of row summaries, progress.

Pure SQL over the store's connection (no Qt), built so that a list of 100,000 documents
stays cheap: the filtered list is ids only, and the rows a view shows are read a page
at a time by id (the `doc_status` primary key and the `spans_order` index answer them).

Status is per annotator; a document without a `doc_status` row is "new". Searching uses
Arabic folding (`annotator.core.text.search.fold`) on both sides: the query, and the stored
`documents.search_text` (folded text, with a trigram index: `document_search`) or the
title, folded on the fly.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.errors import ValidationError
from annotator.core.model import FLAG_KINDS, STATUSES
from annotator.core.store import Store
from annotator.core.store.schema import SEARCH_INDEX_FROM
from annotator.core.text.search import fold

# The SQL name under which `fold` is registered on a store's connection.
_FOLD_SQL = "annotator_fold"


@dataclass(frozen=True)
class DocumentSummary:
    """One row of the document list, for one annotator."""

    id: int
    title: str
    status: str  # new / in_progress / done
    spans: int  # that annotator's span count in the document
    flags: frozenset[str] = frozenset()  # "skipped" / "flagged" by that annotator


def _register_fold(store: Store) -> None:
    # Idempotent: registering again replaces the same function on this connection.
    store.db.conn.create_function(_FOLD_SQL, 1, fold, deterministic=True)


# The shortest query the trigram index can answer; shorter ones scan every row.
TRIGRAM = 3


def _phrase(needle: str) -> str:
    """An FTS5 query string matching `needle` as a substring (one quoted phrase)."""
    return '"' + needle.replace('"', '""') + '"'


def _search_condition(needle: str) -> str:
    """SQL condition on `documents`: the folded text or title contains the needle.

    search_text is the folded text. A title that is part of its text (the usual case: the
    first line) needs no check of its own, since folding is character-local: fold(title)
    is then part of search_text; the other titles are listed in `document_titles_apart`.
    A needle of 3 characters or more asks the trigram index: its tokens are every 3
    characters of the folded text as they are (case_sensitive), so a phrase of the
    needle's trigrams is exactly a substring match, the documents a scan finds.
    """
    apart = f"SELECT document_id FROM document_titles_apart WHERE instr({_FOLD_SQL}(title), ?) > 0"
    if len(needle) < TRIGRAM:
        return f"(instr(search_text, ?) > 0 OR id IN ({apart}))"
    # documents an import has not put in the index yet (Documents.index_pending) are read
    pending = (
        "SELECT id FROM documents WHERE id >= (SELECT CAST(value AS INTEGER) FROM settings "
        f"WHERE key = '{SEARCH_INDEX_FROM}') AND instr(search_text, ?) > 0"
    )
    return (
        "id IN (SELECT rowid FROM document_search WHERE document_search MATCH ? "
        f"UNION {apart} UNION {pending})"
    )


def document_ids(
    store: Store,
    annotator_id: int | None,
    status: str | None = None,
    query: str | None = None,
) -> list[int]:
    """Ids of the documents matching the filters, in id (import) order.

    `status`: only documents with this status for the annotator (None: any; a document
    the annotator never touched is "new"), or that they "skipped" or "flagged". `query`:
    only documents whose title or text contains it, compared after Arabic folding
    (harakat, tatweel, alef/yeh/teh marbuta forms, Latin case); a blank query matches
    every document.
    """
    conditions: list[str] = []
    args: list[object] = []
    if status in FLAG_KINDS:  # skipped / flagged by the annotator (notes.py)
        conditions.append(
            "id IN (SELECT document_id FROM document_flags WHERE annotator_id = ? AND kind = ?)"
        )
        args += [annotator_id, status]
    elif status is not None:
        if status not in STATUSES:
            choices = ", ".join(STATUSES + FLAG_KINDS)
            raise ValidationError(f"status must be one of {choices}")
        if status == "new":
            conditions.append(
                "id NOT IN (SELECT document_id FROM doc_status "
                "WHERE annotator_id = ? AND status != 'new')"
            )
            args.append(annotator_id)
        else:
            conditions.append(
                "id IN (SELECT document_id FROM doc_status WHERE annotator_id = ? AND status = ?)"
            )
            args += [annotator_id, status]
    needle = fold(query).strip() if query else ""
    if needle:
        _register_fold(store)
        conditions.append(_search_condition(needle))
        args += [needle, needle] if len(needle) < TRIGRAM else [_phrase(needle), needle, needle]
    if not conditions:  # every id, in order, from the small index documents_in_order
        return [row[0] for row in store.db.execute("SELECT id FROM documents ORDER BY id")]
    # No ORDER BY under a filter: SQLite then takes the matching ids from the filter's
    # own tables and indexes, not a scan of every document in order; sorting them is cheap
    sql = "SELECT id FROM documents WHERE " + " AND ".join(conditions)
    return sorted(row[0] for row in store.db.execute(sql, args))


_SUMMARY_SQL = """
SELECT d.id, d.title, COALESCE(s.status, 'new'),
       (SELECT COUNT(*) FROM spans AS sp
         WHERE sp.document_id = d.id AND sp.annotator_id = ?1),
       (SELECT group_concat(kind) FROM document_flags AS f
         WHERE f.document_id = d.id AND f.annotator_id = ?1)
  FROM documents AS d
  LEFT JOIN doc_status AS s ON s.document_id = d.id AND s.annotator_id = ?1
 WHERE d.id IN (SELECT value FROM json_each(?2))
"""


def summaries(
    store: Store, annotator_id: int | None, ids: Sequence[int]
) -> dict[int, DocumentSummary]:
    """Title, status and span count of each of `ids` for the annotator, in one query.

    Meant for a page of a list (a few hundred ids). Ids that name no document are
    absent from the result.
    """
    if not ids:
        return {}
    wanted = json.dumps([int(doc_id) for doc_id in ids])
    return {
        row[0]: DocumentSummary(
            row[0], row[1], row[2], row[3], frozenset(row[4].split(",")) if row[4] else frozenset()
        )
        for row in store.db.execute(_SUMMARY_SQL, [annotator_id, wanted])
    }


def done_count(store: Store, annotator_id: int | None) -> int:
    """How many documents the annotator marked done (an index lookup)."""
    return store.db.execute(
        "SELECT COUNT(*) FROM doc_status WHERE annotator_id = ? AND status = 'done'",
        [annotator_id],
    ).fetchone()[0]


def progress(store: Store, annotator_id: int | None) -> tuple[int, int]:
    """(documents the annotator marked done, documents in the project)."""
    return done_count(store, annotator_id), store.documents.count()
