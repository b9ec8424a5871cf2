"""What an import adds is in the search index at once, and an import that fails leaves the
index as it was: documents reach the index by one statement per import (the cheap way to
fill a trigram index), inside the import's one transaction."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from annotator.core.import_files import import_files
from annotator.core.store import Store, staging
from annotator.core.store.documents import NewDocument
from annotator.core.store.listing import document_ids
from annotator.core.text.search import fold

WORDS = ["بوتين", "موسكو", "الرئيس", "قال", "إن", "أمس", "القاهرة", "مصر", "Putin"]


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        f"{' '.join(rng.choices(WORDS, k=rng.randint(4, 14)))} {seed}-{n}." for n in range(count)
    ]


def _write(folder: Path, texts: list[str]) -> Path:
    folder.mkdir()
    for n, text in enumerate(texts):
        (folder / f"{n:04}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def _scan(store: Store, query: str) -> list[int]:
    needle = fold(query)
    rows = store.db.execute("SELECT id, text, title FROM documents ORDER BY id")
    return [i for i, text, title in rows if needle in fold(text) or needle in fold(title)]


def _index_matches_documents(store: Store) -> None:
    """FTS5's own check of an external-content index against its table (raises if not)."""
    store.db.execute(
        "INSERT INTO document_search (document_search, rank) VALUES ('integrity-check', 1)"
    )


def _index_state(store: Store) -> list[tuple]:
    return store.db.execute("SELECT id, block FROM document_search_data ORDER BY id").fetchall()


@pytest.mark.parametrize("query", ["بوتين", "لقاهرة مص", "Putin", "ين م"])
def test_documents_of_two_imports_are_found_as_a_scan_finds_them(
    store: Store, tmp_path: Path, query: str
):
    import_files(store, [_write(tmp_path / "one", _texts(60, 1))])
    import_files(store, [_write(tmp_path / "two", _texts(60, 2) + _texts(5, 1))])
    assert store.documents.count() == 120
    _index_matches_documents(store)
    found = document_ids(store, None, None, query)
    assert found == _scan(store, query)
    assert len(found) > 10


def test_add_many_indexes_new_documents_once_in_input_order(store: Store):
    first = store.documents.add_many([NewDocument("قال بوتين أمس", "a")])
    result = store.documents.add_many(
        [NewDocument("موسكو", "b"), NewDocument("قال بوتين أمس", "a"), NewDocument("موسكو", "b")]
    )
    assert result.added == 1 and result.existing == 2
    assert result.ids[1] == first.ids[0] and result.ids[0] == result.ids[2] != first.ids[0]
    _index_matches_documents(store)
    assert document_ids(store, None, None, "موسكو") == [result.ids[0]]
    with store.transaction():  # twice in one transaction: the scratch table is gone again
        store.documents.add_many([NewDocument("مصر", "c")])
        store.documents.add_many([NewDocument("القاهرة", "d")])
    assert document_ids(store, None, None, "القاهرة") == [store.documents.last_id()]


def test_add_many_that_fails_midway_stores_and_indexes_nothing(store: Store):
    store.documents.add_many([NewDocument("قال بوتين أمس", "a")])
    before = _index_state(store)
    bad = NewDocument("موسكو مصر", "b", meta={"x": float("nan")})  # JSON refuses NaN
    with pytest.raises(ValueError):
        store.documents.add_many([NewDocument("القاهرة", "c"), bad])
    assert store.documents.count() == 1
    assert _index_state(store) == before
    _index_matches_documents(store)
    store.documents.add_many([NewDocument("القاهرة", "c")])  # and the next one works
    assert len(document_ids(store, None, None, "القاهرة")) == 1


def test_an_import_that_fails_after_adding_documents_leaves_project_and_index_as_they_were(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import_files(store, [_write(tmp_path / "one", _texts(30, 1))])
    before = (_index_state(store), store.documents.ids())
    real = staging._statements

    def failing_after_documents(touched: bool, first: int) -> list[tuple[str, str]]:
        return [*real(touched, first), ("spans", "SELECT no_such_function()")]

    monkeypatch.setattr(staging, "_statements", failing_after_documents)
    with pytest.raises(sqlite3.OperationalError):
        import_files(store, [_write(tmp_path / "two", _texts(30, 2))])
    assert (_index_state(store), store.documents.ids()) == before
    _index_matches_documents(store)
    assert document_ids(store, None, None, "بوتين") == _scan(store, "بوتين")
