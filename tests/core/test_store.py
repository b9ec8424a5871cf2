"""The store: schema, migrations, pragmas and the validation of every edit."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import InputError, NotFoundError, SchemaError, ValidationError
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.store.listing import document_ids, done_count
from annotator.core.store.schema import MIGRATION_SET, known_migrations

TEXT = "قال بوتين: ”نحن مستعدون“ في موسكو 😀 ومُحمد"


def _doc(store: Store, text: str = TEXT) -> int:
    return store.documents.add_many([NewDocument(text=text, title="t")]).ids[0]


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_project_has_migrations_scheme_and_pragmas(store: Store):
    applied = [
        row[0]
        for row in store.db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        )
    ]
    assert applied == known_migrations()
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    names = [label.name for label in store.labels.all()]
    for required in ("PERSON", "ORG", "GPE", "LOC", "DATE", "CLAIM", "QUOTE", "SPEAKER"):
        assert required in names
    keys = [label.shortcut for label in store.labels.all() if label.kind != "relation"]
    assert keys[:9] == [str(n) for n in range(1, 10)]


def test_reopening_applies_nothing_and_keeps_data(tmp_path: Path):
    path = tmp_path / "p.db"
    with Store.open(path) as store:
        doc = _doc(store)
        who = store.ensure_annotator("سارة").id
        span = store.annotations.add_span(doc, who, "PERSON", 4, 9)
    with Store.open(path) as again:
        assert not again.created
        assert again.annotations.span(span.id) == span


def test_newer_schema_is_refused_and_file_unchanged(tmp_path: Path):
    path = tmp_path / "p.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [MIGRATION_SET, "9999_from_the_future", "2030-01-01"],
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _file_digest(path)
    with pytest.raises(SchemaError, match="newer version"):
        Store.open(path)
    assert _file_digest(path) == before


def test_foreign_sqlite_file_and_garbage_are_refused(tmp_path: Path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaError, match="not an annotation project"):
        Store.open(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 10)
    with pytest.raises(SchemaError, match="not an SQLite database"):
        Store.open(junk)
    assert junk.read_bytes() == b"this is not a database at all" * 10


def test_documents_are_idempotent_by_text_hash(store: Store):
    first = store.documents.add_many([NewDocument(TEXT, "a"), NewDocument("نص آخر", "b")])
    again = store.documents.add_many([NewDocument(TEXT, "changed title")])
    assert first.added == 2 and again.added == 0 and again.existing == 1
    assert again.ids[0] == first.ids[0]
    assert store.documents.count() == 2
    assert store.documents.get(first.ids[0]).title == "a"


def test_span_validation(store: Store):
    doc = _doc(store)
    who = store.ensure_annotator("a").id
    mark = TEXT.index("ُ")  # damma on مُحمد
    cases = [
        ((doc, who, "PERSON", -1, 3), "outside"),
        ((doc, who, "PERSON", 3, 3), "empty"),
        ((doc, who, "PERSON", 5, 2), "reversed"),
        ((doc, who, "PERSON", 0, len(TEXT) + 1), "outside"),
        ((doc, who, "PERSON", mark, mark + 3), "combining mark"),
        ((doc, who, "NOPE", 0, 3), "unknown label"),
        ((doc, who, "SAID_BY", 0, 3), "relation label"),
        ((doc, who, "PERSON", True, 3), "whole numbers"),
    ]
    for args, message in cases:
        with pytest.raises(ValidationError, match=message):
            store.annotations.add_span(*args)
    with pytest.raises(NotFoundError):
        store.annotations.add_span(doc + 99, who, "PERSON", 0, 3)
    with pytest.raises(NotFoundError):
        store.annotations.add_span(doc, who + 99, "PERSON", 0, 3)
    assert store.annotations.spans(doc) == []


def test_span_after_emoji_is_stored_in_code_points(store: Store):
    doc = _doc(store)
    who = store.ensure_annotator("a").id
    start = TEXT.index("ومُحمد")
    span = store.annotations.add_span(doc, who, "PERSON", start + 1, len(TEXT))
    assert TEXT[span.start : span.end] == "مُحمد"


def test_update_delete_restore_round_trip(store: Store):
    doc = _doc(store)
    who = store.ensure_annotator("a").id
    quote = store.annotations.add_span(doc, who, "QUOTE", 12, 24)
    speaker = store.annotations.add_span(doc, who, "PERSON", 4, 9, {"note": "<b>x</b>"})
    link = store.annotations.add_relation(quote.id, speaker.id, "SAID_BY")
    moved = store.annotations.update_span(speaker.id, start=4, end=10)
    assert (moved.start, moved.end) == (4, 10) and moved.attributes == {"note": "<b>x</b>"}
    deleted = store.annotations.delete_span(speaker.id)
    assert deleted.relations == [link]
    assert store.annotations.relations(doc) == []
    store.annotations.restore_span(deleted)
    assert store.annotations.relations(doc) == [link]
    assert store.annotations.span(speaker.id).end == 10


def test_duplicate_span_is_refused(store: Store):
    doc = _doc(store)
    who = store.ensure_annotator("a").id
    store.annotations.add_span(doc, who, "PERSON", 4, 9)
    with pytest.raises(ValidationError, match="already"):
        store.annotations.add_span(doc, who, "PERSON", 4, 9)
    other = store.ensure_annotator("b").id
    store.annotations.add_span(doc, other, "PERSON", 4, 9)  # another layer is fine


def test_relation_rules(store: Store):
    doc = _doc(store)
    a = store.ensure_annotator("a").id
    b = store.ensure_annotator("b").id
    quote = store.annotations.add_span(doc, a, "QUOTE", 12, 24)
    person_a = store.annotations.add_span(doc, a, "PERSON", 4, 9)
    person_b = store.annotations.add_span(doc, b, "PERSON", 4, 9)
    place = store.annotations.add_span(doc, a, "GPE", 28, 33)
    other_doc = _doc(store, "نص آخر عن بوتين")
    elsewhere = store.annotations.add_span(other_doc, a, "PERSON", 10, 15)
    with pytest.raises(ValidationError, match="same annotator"):
        store.annotations.add_relation(quote.id, person_b.id, "SAID_BY")
    with pytest.raises(ValidationError, match="same document"):
        store.annotations.add_relation(quote.id, elsewhere.id, "SAID_BY")
    with pytest.raises(ValidationError, match="head must be a quote"):
        store.annotations.add_relation(person_a.id, quote.id, "SAID_BY")
    with pytest.raises(ValidationError, match="not a relation label"):
        store.annotations.add_relation(quote.id, person_a.id, "PERSON")
    link = store.annotations.add_relation(quote.id, person_a.id, "SAID_BY")
    with pytest.raises(ValidationError, match="linked already"):
        store.annotations.add_relation(quote.id, person_a.id, "SAID_BY")
    # a GPE may speak too (entity kind), but relabelling the quote would break the link
    store.annotations.add_relation(quote.id, place.id, "SAID_BY")
    with pytest.raises(ValidationError, match="head must be a quote"):
        store.annotations.update_span(quote.id, label="PERSON")
    assert store.annotations.relation(link.id) == link


def test_status_and_first_edit_marks_in_progress(store: Store):
    doc = _doc(store)
    who = store.ensure_annotator("a").id
    assert store.annotations.status(doc, who) == "new"
    store.annotations.add_span(doc, who, "PERSON", 4, 9)
    assert store.annotations.status(doc, who) == "in_progress"
    store.annotations.set_status(doc, who, "done")
    assert store.annotations.status(doc, who) == "done"
    assert document_ids(store, who, status="done") == [doc]
    assert done_count(store, who) == 1
    with pytest.raises(ValidationError):
        store.annotations.set_status(doc, who, "finished")


def test_failed_edit_leaves_nothing(store: Store):
    doc = _doc(store)
    who = store.ensure_annotator("a").id
    with pytest.raises(ValidationError), store.transaction():
        store.annotations.add_span(doc, who, "PERSON", 4, 9)
        store.annotations.add_span(doc, who, "PERSON", 4, 9)
    assert store.annotations.spans(doc) == []


def test_labels_edit_rename_and_remove(store: Store):
    doc = _doc(store)
    who = store.ensure_annotator("a").id
    span = store.annotations.add_span(doc, who, "PERSON", 4, 9)
    store.labels.update("PERSON", name="PER", colour="#112233")
    assert store.annotations.span(span.id).label == "PER"
    with pytest.raises(ValidationError, match="used by 1"):
        store.labels.remove("PER")
    with pytest.raises(ValidationError, match="taken"):
        store.labels.update("ORG", shortcut="1")
    store.labels.remove("EVENT")
    assert "EVENT" not in store.labels.names()


def test_annotator_names_are_checked_and_kept_literally(store: Store):
    odd = "<b>Ali</b> 100% _x_ 'quote\" ; DROP TABLE spans; --"
    assert store.ensure_annotator(odd).name == odd
    assert store.ensure_annotator(odd).id == store.annotator_by_name(odd).id
    with pytest.raises(ValidationError):
        store.ensure_annotator("bad\x00name")
    with pytest.raises(ValidationError):
        store.ensure_annotator("   ")


def test_layers_belong_to_their_annotator_and_gold_to_reviewers(store: Store):
    doc = _doc(store)
    ali = store.ensure_annotator("علي").id
    mona = store.ensure_annotator("منى").id
    boss = store.ensure_annotator("rev", role="reviewer").id
    gold = store.gold_layer().id
    span = store.annotations.add_span(doc, ali, "PERSON", 4, 9)
    quote = store.annotations.add_span(doc, ali, "QUOTE", 12, 24)
    refused = [
        lambda: store.annotations.add_span(doc, ali, "GPE", 28, 33, actor_id=mona),
        lambda: store.annotations.update_span(span.id, label="ORG", actor_id=mona),
        lambda: store.annotations.delete_span(span.id, actor_id=boss),
        lambda: store.annotations.add_relation(quote.id, span.id, "SAID_BY", actor_id=mona),
        lambda: store.annotations.add_span(doc, gold, "PERSON", 4, 9, actor_id=ali),
    ]
    for attempt in refused:
        with pytest.raises(ValidationError, match="may not edit"):
            attempt()
    assert store.annotations.span(span.id).label == "PERSON"
    link = store.annotations.add_relation(quote.id, span.id, "SAID_BY", actor_id=ali)
    with pytest.raises(ValidationError, match="may not edit"):
        store.annotations.delete_relation(link.id, actor_id=mona)
    gold_span = store.annotations.add_span(doc, gold, "PERSON", 4, 9, actor_id=boss)
    store.annotations.update_span(gold_span.id, label="ORG", actor_id=boss)
    with pytest.raises(ValidationError, match="adjudicated layer"):
        store.ensure_annotator("gold")
    assert store.set_role("منى", "reviewer").role == "reviewer"


def test_a_bad_scheme_leaves_no_project_file(tmp_path: Path):
    scheme = tmp_path / "scheme.json"
    scheme.write_text('{"labels": [{"name": "X", "kind": "entity", "colour": "red"}]}')
    target = tmp_path / "new.db"
    with pytest.raises(InputError, match="colour"):
        Store.open(target, scheme=scheme)
    assert not target.exists()
    with Store.open(target) as store:  # and a later open gets the default scheme
        assert "PERSON" in store.labels.names()
