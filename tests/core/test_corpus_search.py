"""Corpus search through the trigram index gives exactly the documents a scan gives.

The reference is the definition: a document matches when the folded query is part of
its folded text or folded title. It is compared with `document_ids` for queries of every
length (1–2 characters scan, 3 and more ask the index), on the seed articles and on
generated text full of harakat, tatweel, alef forms and clitics.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from annotator.core.import_files import import_text_files
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.store.listing import document_ids
from annotator.core.store.schema import known_migrations
from annotator.core.text.search import fold

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
WORDS = ["بوتين", "موسكو", "الرئيس", "قال", "إن", "أمس", "القاهرة", "مصر", "Putin", "CAFÉ"]
CLITICS = ["", "", "ل", "و", "ب", "ال", "وال", "فـ"]
HARAKAT = ["", "", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u0670"]
VARIANTS = {"ا": "اأإآٱ", "ي": "يى", "ه": "هة"}


def dress(word: str, rng: random.Random) -> str:
    """The word as news text may write it: a clitic before it, harakat and tatweel inside,
    another alef/yeh/teh marbuta form, or upper case."""
    out = [rng.choice(CLITICS)]
    for ch in word:
        out.append(rng.choice(VARIANTS.get(ch, ch)))
        out.append(rng.choice(HARAKAT))
        if rng.random() < 0.1:
            out.append("\u0640")
    text = "".join(out)
    return text.upper() if rng.random() < 0.2 else text


def generated(count: int, seed: int = 7) -> list[NewDocument]:
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        text = " ".join(dress(rng.choice(WORDS), rng) for _ in range(rng.randint(3, 12)))
        text = f"{text} {n}."
        # every fourth title is not part of its text, and only its title holds a word
        title = dress(rng.choice(WORDS), rng) if n % 4 == 0 else text.split(" ")[0]
        docs.append(NewDocument(text=text, title=title))
    return docs


def queries(store: Store, rng: random.Random) -> list[str]:
    """Pieces of stored texts and titles of 1–12 characters, written another way, and
    a few that match nothing."""
    rows = store.db.execute("SELECT text, title FROM documents").fetchall()
    out = ["بُوتين", "لبوتين", "بوتين", "putin", "café", "قال إن", "«", "ـ", "zzz", "ا", "مص"]
    for _ in range(150):
        source = rng.choice(rng.choice(rows))
        size = rng.randint(1, 12)
        at = rng.randrange(max(1, len(source) - size))
        out.append(source[at : at + size])
    return out


def reference(store: Store, query: str) -> list[int]:
    needle = fold(query).strip()
    rows = store.db.execute("SELECT id, text, title FROM documents ORDER BY id")
    return [i for i, text, title in rows if needle in fold(text) or needle in fold(title)]


def assert_same_as_scan(store: Store, seed: int) -> int:
    checked = 0
    for query in queries(store, random.Random(seed)):
        if not fold(query).strip():
            continue
        assert document_ids(store, None, None, query) == reference(store, query), query
        checked += 1
    return checked


def test_seed_articles(store: Store):
    import_text_files(store, [SEEDS])
    assert assert_same_as_scan(store, 1) > 100


def test_generated_text_with_harakat_tatweel_alef_forms_and_clitics(store: Store):
    store.documents.add_many(generated(300))
    apart = store.db.execute("SELECT COUNT(*) FROM document_titles_apart").fetchone()[0]
    assert 0 < apart < 300  # both kinds of title are exercised
    assert assert_same_as_scan(store, 2) > 100
    assert len(document_ids(store, None, None, "بوتين")) > 50


def test_a_query_with_quotes_and_fts_syntax_is_text(store: Store):
    store.documents.add_many(
        [NewDocument('قال "بوتين" OR NEAR(x) * ^', "a"), NewDocument("بوتين", "b")]
    )
    for query in ['"بوتين"', "OR NEAR(", "x) * ^", '"', "* ^"]:
        assert document_ids(store, None, None, query) == reference(store, query), query


def test_documents_added_by_a_staged_import_are_found(store: Store, tmp_path: Path):
    (tmp_path / "a.txt").write_text("خبر عن بُوتِين في موسكو\n", encoding="utf-8")
    import_text_files(store, [tmp_path])
    assert document_ids(store, None, None, "لبوتين") == []
    assert document_ids(store, None, None, "بوتين") == store.documents.ids()


def test_the_migration_indexes_the_documents_of_an_older_project(tmp_path: Path):
    path = tmp_path / "old.db"
    with Store.open(path) as store:
        store.documents.add_many(generated(80, seed=3))
    conn = sqlite3.connect(path)  # back to how the project was before the index
    conn.execute("DROP TRIGGER documents_search_insert")
    conn.execute("DROP TABLE document_search")
    conn.execute("DROP TABLE document_titles_apart")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_document_search'")
    conn.commit()
    conn.close()
    assert "0004_document_search" in known_migrations()
    with Store.open(path) as store:
        assert store.db.execute("SELECT COUNT(*) FROM document_titles_apart").fetchone()[0] > 0
        assert assert_same_as_scan(store, 4) > 100


@pytest.mark.parametrize("query", ["بوتين", "ين م"])
def test_search_combines_with_the_status_filter(store: Store, query: str):
    ids = store.documents.add_many(generated(40, seed=5)).ids
    who = store.ensure_annotator("سارة").id
    for doc_id in ids[::3]:
        store.annotations.set_status(doc_id, who, "done")
    done = set(ids[::3])
    expected = [i for i in reference(store, query) if i in done]
    assert document_ids(store, who, "done", query) == expected
