"""What an import adds is found by search at once, and an import that fails leaves the
index as it was. An import's documents go into the index after its transaction, a few
hundred per transaction (so other writers never wait for a whole import's index), and
search reads those not indexed yet; documents added outside an import are indexed as
they come, by one statement per call."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import WriteError
from annotator.core.import_files import import_files
from annotator.core.store import Store, staging
from annotator.core.store.documents import Documents, NewDocument
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


def _pending_from(store: Store) -> int | None:
    row = store.db.execute("SELECT value FROM settings WHERE key = 'search_index_from'").fetchone()
    return int(row[0]) if row else None


def _indexed(store: Store) -> int:
    return store.db.execute("SELECT COUNT(*) FROM document_search_docsize").fetchone()[0]


def test_the_import_transaction_leaves_indexing_to_short_steps_after_it(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import_files(store, [_write(tmp_path / "one", _texts(20, 1))])
    assert _pending_from(store) is None and _indexed(store) == 20
    seen: list[tuple[int | None, int]] = []
    monkeypatch.setattr(  # what the index holds when the import's transaction is over
        Documents, "index_pending", lambda self, *a, **k: seen.append((_pending_from(store), 0))
    )
    import_files(store, [_write(tmp_path / "two", _texts(45, 2))])
    assert seen == [(21, 0)] and _indexed(store) == 20  # nothing indexed in the transaction
    for query in ("بوتين", "موسكو إن", "2-44."):  # found all the same, by reading them
        assert document_ids(store, None, None, query) == _scan(store, query)
    assert 65 in document_ids(store, None, None, "2-44.")
    monkeypatch.undo()

    assert store.documents.index_pending(step=10, steps=2) == 20  # as if stopped midway
    assert _pending_from(store) == 41 and _indexed(store) == 40
    assert document_ids(store, None, None, "بوتين") == _scan(store, "بوتين")
    store.documents.add_many([NewDocument("خبر عن بوتين وحده", "x")])  # waits its turn too
    assert _pending_from(store) == 41
    assert store.documents.index_pending(step=10) == 26
    assert _pending_from(store) is None and _indexed(store) == 66
    _index_matches_documents(store)
    for query in ("بوتين", "موسكو إن", "2-44.", "وحده"):
        assert document_ids(store, None, None, query) == _scan(store, query)
    store.documents.add_many([NewDocument("القاهرة تقول", "y")])  # indexed as it comes again
    assert _indexed(store) == 67


def test_a_merge_indexes_what_it_adds_after_its_transaction(store: Store, tmp_path: Path):
    other = tmp_path / "other.db"
    with Store.open(other) as source:
        import_files(source, [_write(tmp_path / "texts", _texts(30, 5))])
    from annotator.core.team.merge import merge_projects

    merge_projects(store, [other])
    assert store.documents.count() == 30 and _pending_from(store) is None
    _index_matches_documents(store)
    assert document_ids(store, None, None, "5-29.") == [store.documents.last_id()]


def test_an_import_whose_indexing_cannot_be_written_is_still_stored_and_found(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    def disk_full(self, *args, **kwargs):
        raise WriteError(f"{store.path}: the disk is full; nothing was saved")

    monkeypatch.setattr(Documents, "index_pending", disk_full)
    result = import_files(store, [_write(tmp_path / "one", _texts(25, 3))])
    assert result.documents_added == 25 == store.documents.count()
    assert _pending_from(store) == 1 and _indexed(store) == 0
    assert document_ids(store, None, None, "3-24.") == [25]
    monkeypatch.undo()
    import_files(store, [_write(tmp_path / "two", _texts(5, 4))])  # indexes both imports
    assert _pending_from(store) is None and _indexed(store) == 30
    _index_matches_documents(store)
