"""Merging annotators' project files: matching, layers, conflicts, atomicity, refusals."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError, SchemaError
from annotator.core.formats.export_jsonl import export_jsonl
from annotator.core.formats.import_jsonl import import_jsonl
from annotator.core.formats.import_text import import_text_files
from annotator.core.model import Label
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument, text_hash
from annotator.core.store.schema import MIGRATION_SET, known_migrations
from annotator.core.team.merge import MergeError, merge_projects
from tests.conftest import SEEDS

LAILA, OMAR, SARA = "ليلى", "عمر", "سارة"
EXTRA = "نص إضافي لا يوجد إلا عند عمر، فيه اسم بوتين مرة واحدة.\n"
WORD = re.compile(r"[^\s،.:“”«»()\-]+")
OLD, OLDER, NEWER = (
    "2020-01-01T00:00:00.000000+00:00",
    "2019-01-01T00:00:00.000000+00:00",
    "2030-01-01T00:00:00.000000+00:00",
)


# -- building annotators' projects -------------------------------------------------------------


def annotate(store: Store, who: str, doc_index: int, shift: int = 0) -> int:
    """Mark a person, an organisation, a quote said by the person and a claim by the
    organisation (words chosen by `shift`), and set the document done. Returns the doc id."""
    me = store.ensure_annotator(who).id
    doc = store.documents.ids()[doc_index]
    words = [m.span() for m in WORD.finditer(store.documents.text(doc))]
    add = store.annotations.add_span
    person = add(doc, me, "PERSON", *words[1 + shift])
    org = add(doc, me, "ORG", *words[3 + shift])
    quote = add(doc, me, "QUOTE", words[5 + shift][0], words[8 + shift][1])
    claim = add(
        doc,
        me,
        "CLAIM",
        words[10 + shift][0],
        words[14 + shift][1],
        {"stance": "none", "checkworthy": "yes"},
    )
    store.annotations.add_relation(quote.id, person.id, "SAID_BY")
    store.annotations.add_relation(claim.id, org.id, "CLAIMED_BY")
    store.annotations.set_status(doc, me, "done")
    return doc


def make_project(path: Path, layers: list[tuple[str, int, int]], extra: bool = False) -> Path:
    """A project with the seeds (and the extra text) and the given (who, doc, shift) layers."""
    with Store.open(path) as store:
        import_text_files(store, [SEEDS])
        if extra:
            store.documents.add_many([NewDocument(EXTRA, "نص إضافي")])
        for who, doc_index, shift in layers:
            annotate(store, who, doc_index, shift)
    return path


@pytest.fixture
def laila(tmp_path: Path) -> Path:
    return make_project(tmp_path / "laila.db", [(LAILA, 0, 0), (LAILA, 1, 0)])


@pytest.fixture
def omar(tmp_path: Path) -> Path:
    path = make_project(tmp_path / "omar.db", [(OMAR, 1, 2), (OMAR, 2, 0)], extra=True)
    with Store.open(path) as store:  # a layer on the text only Omar has
        doc = store.documents.id_for_hash(text_hash(EXTRA))
        at = EXTRA.index("بوتين")
        store.annotations.add_span(doc, store.annotator_by_name(OMAR).id, "PERSON", at, at + 5)
    return path


@pytest.fixture
def sara(tmp_path: Path) -> Path:
    return make_project(tmp_path / "sara.db", [(SARA, 3, 1)])


@pytest.fixture
def team(tmp_path: Path):
    with Store.open(tmp_path / "team.db") as store:
        yield store


# -- looking at projects -----------------------------------------------------------------------


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, ids included."""
    tables = [
        row[0]
        for row in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not row[0].startswith("sqlite_")
    ]
    return {t: sorted(store.db.execute(f"SELECT * FROM [{t}]").fetchall()) for t in tables}


def layer(store: Store, sha: str, who: str) -> tuple[set, set, str | None]:
    """One layer without ids: spans (start, end, label, attributes), relations by span keys,
    status."""
    doc = store.documents.id_for_hash(sha)
    me = store.annotator_by_name(who).id
    spans = store.annotations.spans(doc, me)
    keys = {s.id: (s.start, s.end, s.label) for s in spans}
    relations = store.annotations.relations(doc, me)
    for rel in relations:  # relations point into the same layer of the same document
        assert rel.head_id in keys and rel.child_id in keys and rel.document_id == doc
    status = store.db.execute(
        "SELECT status FROM doc_status WHERE document_id = ? AND annotator_id = ?", [doc, me]
    ).fetchone()
    return (
        {(s.start, s.end, s.label, tuple(sorted(s.attributes.items()))) for s in spans},
        {(keys[r.head_id], keys[r.child_id], r.label) for r in relations},
        status[0] if status else None,
    )


def content(store: Store) -> dict:
    """Everything a merge promises, independent of ids: documents by hash, annotators,
    labels, and every layer."""
    layers = {}
    for sha, name in store.db.execute(
        "SELECT d.sha256, a.name FROM documents d JOIN annotators a "
        "WHERE EXISTS (SELECT 1 FROM spans s WHERE s.document_id = d.id "
        "AND s.annotator_id = a.id) OR EXISTS (SELECT 1 FROM doc_status t "
        "WHERE t.document_id = d.id AND t.annotator_id = a.id)"
    ):
        layers[(sha, name)] = layer(store, sha, name)
    return {
        "documents": sorted(
            store.db.execute("SELECT sha256, title, text, search_text, meta FROM documents")
        ),
        "annotators": sorted(store.db.execute("SELECT name, role FROM annotators")),
        "labels": sorted(store.db.execute("SELECT name, kind, colour FROM labels")),
        "layers": layers,
    }


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sha_of(path: Path, doc_index: int) -> str:
    with Store.open(path) as store:
        return store.documents.get(store.documents.ids()[doc_index]).sha256


def set_stamps(path: Path, who: str, sha: str, stamp: str) -> None:
    """Give every timestamp of one layer the value `stamp` (to decide which side is newer)."""
    with Store.open(path) as store:
        doc, me = store.documents.id_for_hash(sha), store.annotator_by_name(who).id
        args = [stamp, doc, me]
        for sql in (
            "UPDATE spans SET updated_at = ? WHERE document_id = ? AND annotator_id = ?",
            "UPDATE relations SET created_at = ? WHERE document_id = ? AND annotator_id = ?",
            "UPDATE doc_status SET updated_at = ? WHERE document_id = ? AND annotator_id = ?",
        ):
            store.db.execute(sql, args)
        store.db.conn.commit()


# -- copying -----------------------------------------------------------------------------------


def test_merge_copies_documents_annotators_and_layers(team: Store, laila: Path, omar: Path):
    report = merge_projects(team, [laila, omar])

    assert team.documents.count() == 6  # five seeds once, plus Omar's extra text
    hashes = [row[0] for row in team.db.execute("SELECT sha256 FROM documents")]
    assert len(set(hashes)) == 6
    for doc in team.documents.iter_all():
        assert doc.sha256 == text_hash(doc.text)
    assert {a.name: a.role for a in team.annotators()} == {LAILA: "annotator", OMAR: "annotator"}
    with Store.open(laila) as a, Store.open(omar) as b:
        expected = {**content(a)["layers"], **content(b)["layers"]}
        assert content(team)["layers"] == expected
        # search column and meta as an import would store them
        assert content(team)["documents"] == sorted(
            set(content(a)["documents"]) | set(content(b)["documents"])
        )

    assert report.documents_added == 6
    assert report.annotators_added == [LAILA, OMAR]
    assert report.labels_added == []
    assert report.spans_added == 4 * 4 + 1 and report.relations_added == 4 * 2
    assert report.layers_added == 4 + 1
    assert report.statuses_updated == 4 + 1  # a first span marks a document in progress
    assert report.conflicts == []
    first, second = report.sources
    assert (first.path, first.documents_added, first.spans_added) == (str(laila), 5, 8)
    assert (second.path, second.documents_added, second.spans_added) == (str(omar), 1, 9)
    assert "ليلى" in report.summary() and str(omar) in report.summary()


def test_relations_are_repointed_to_the_copied_spans(team: Store, laila: Path, omar: Path):
    merge_projects(team, [omar])  # Omar's rows take the low ids in the target
    merge_projects(team, [laila])
    me = team.annotator_by_name(LAILA).id
    rels = team.db.execute(
        "SELECT r.head_id, r.child_id, h.annotator_id, c.annotator_id, h.label, c.label "
        "FROM relations r JOIN spans h ON h.id = r.head_id JOIN spans c ON c.id = r.child_id "
        "WHERE r.annotator_id = ?",
        [me],
    ).fetchall()
    assert len(rels) == 4
    assert {(row[2], row[3]) for row in rels} == {(me, me)}
    assert {(row[4], row[5]) for row in rels} == {("QUOTE", "PERSON"), ("CLAIM", "ORG")}


def test_timestamps_are_copied_as_they_are(team: Store, laila: Path):
    merge_projects(team, [laila])
    with Store.open(laila) as source:
        theirs = sorted(
            source.db.execute('SELECT start, "end", label, created_at, updated_at FROM spans')
        )
    ours = sorted(team.db.execute('SELECT start, "end", label, created_at, updated_at FROM spans'))
    assert ours == theirs


def test_merging_again_adds_nothing(team: Store, laila: Path, omar: Path):
    merge_projects(team, [laila, omar])
    before = snapshot(team)
    again = merge_projects(team, [laila, omar, laila])
    assert not again.changed and again.conflicts == []
    assert snapshot(team) == before
    assert "nothing new" in again.summary()


def test_merge_order_does_not_matter(tmp_path: Path, laila: Path, omar: Path, sara: Path):
    with Store.open(tmp_path / "one.db") as one, Store.open(tmp_path / "two.db") as two:
        merge_projects(one, [laila, omar, sara])
        merge_projects(two, [sara, omar])
        merge_projects(two, [laila])
        assert content(one) == content(two)
        assert len(content(one)["layers"]) == 6


def test_a_copy_of_the_target_adds_nothing(tmp_path: Path, laila: Path):
    copy = tmp_path / "copy.db"
    shutil.copy(laila, copy)
    with Store.open(laila) as store:
        before = snapshot(store)
        report = merge_projects(store, [copy])
        assert not report.changed and report.conflicts == []
        assert snapshot(store) == before
        with pytest.raises(MergeError, match="the target project itself"):
            merge_projects(store, [laila])


def test_merge_into_an_annotators_project_keeps_its_layers(laila: Path, omar: Path):
    with Store.open(omar) as store:
        mine = content(store)["layers"]
        merge_projects(store, [laila])
        merged = content(store)["layers"]
    assert {k: v for k, v in merged.items() if k[1] == OMAR} == mine
    assert {k[1] for k in merged} == {LAILA, OMAR}


def test_sources_are_only_read(team: Store, laila: Path, omar: Path):
    before = {path: digest(path) for path in (laila, omar)}
    merge_projects(team, [laila, omar])
    assert {path: digest(path) for path in (laila, omar)} == before
    wal = laila.with_name(laila.name + "-wal")  # a read-only reader of a WAL file may
    assert not wal.exists() or wal.stat().st_size == 0  # leave an empty one, nothing more


def test_gold_layer_is_merged_as_gold(team: Store, tmp_path: Path):
    reviewer = make_project(tmp_path / "review.db", [])
    with Store.open(reviewer) as store:
        gold = store.gold_layer().id
        doc = store.documents.ids()[0]
        boss = store.ensure_annotator("rev", role="reviewer").id
        store.annotations.add_span(doc, gold, "PERSON", 0, 5, actor_id=boss)
    merge_projects(team, [reviewer])
    assert team.gold_layer().role == "reviewer"
    assert len(team.annotations.spans(team.documents.ids()[0], team.gold_layer().id)) == 1


# -- labels ------------------------------------------------------------------------------------


def test_labels_the_source_uses_are_added(team: Store, laila: Path):
    with Store.open(laila) as store:
        store.labels.add(Label("WEAPON", "entity", "#123456", "w", "سلاح"))
        store.labels.add(Label("VEHICLE", "entity", "#654321", "q"))
        store.labels.add(Label("UNUSED", "entity", "#111111", "u"))
        doc, me = store.documents.ids()[4], store.annotator_by_name(LAILA).id
        store.annotations.add_span(doc, me, "WEAPON", 0, 3)
        store.annotations.add_span(doc, me, "VEHICLE", 4, 8)
    team.labels.add(Label("BOAT", "entity", "#222222", "q"))  # "q" is taken here

    report = merge_projects(team, [laila])

    assert report.labels_added == ["WEAPON", "VEHICLE"]
    weapon, vehicle = team.labels.get("WEAPON"), team.labels.get("VEHICLE")
    assert (weapon.kind, weapon.colour, weapon.shortcut, weapon.description) == (
        "entity",
        "#123456",
        "w",
        "سلاح",
    )
    assert vehicle.shortcut is None  # its key belongs to BOAT in the target
    assert "UNUSED" not in team.labels.names()


def test_label_kind_clash_is_refused_and_nothing_is_merged(team: Store, laila: Path, sara: Path):
    with Store.open(laila) as store:
        store.labels.add(Label("WEAPON", "entity", "#123456"))
    team.labels.add(Label("WEAPON", "claim", "#123456"))
    before = snapshot(team)
    with pytest.raises(
        MergeError, match=r"laila\.db: label 'WEAPON' is of kind entity there"
    ) as err:
        merge_projects(team, [sara, laila])  # Sara's file is fine, but all or nothing
    assert isinstance(err.value, AnnotatorError)
    assert snapshot(team) == before


def test_relation_rules_of_the_target_are_checked(team: Store, laila: Path):
    team.labels.update("SAID_BY", options={"head": ["quote"], "child": ["speaker"]})
    before = snapshot(team)
    # the editor's own relation rule, named with the file, document and layer
    with pytest.raises(
        MergeError,
        match=r"laila\.db: document 1, layer of ليلى: SAID_BY: the child must be a speaker span, "
        r"not PERSON \(entity\); nothing was merged",
    ):
        merge_projects(team, [laila])
    assert snapshot(team) == before


# -- conflicts ---------------------------------------------------------------------------------


def _edit_laila(path: Path, doc_index: int) -> None:
    """Laila changes her layer: one span deleted (with its relation), one added."""
    with Store.open(path) as store:
        me = store.annotator_by_name(LAILA).id
        doc = store.documents.ids()[doc_index]
        org = next(s for s in store.annotations.spans(doc, me) if s.label == "ORG")
        store.annotations.delete_span(org.id)
        store.annotations.add_span(doc, me, "GPE", org.start, org.end)


def test_newer_source_layer_replaces_the_target_layer(team: Store, laila: Path, tmp_path: Path):
    merge_projects(team, [laila])
    sha = sha_of(laila, 0)
    set_stamps(team.path, LAILA, sha, OLD)
    _edit_laila(laila, 0)
    set_stamps(laila, LAILA, sha, NEWER)

    report = merge_projects(team, [laila])

    (conflict,) = report.layers_replaced
    assert report.layers_kept == []
    assert (conflict.annotator, conflict.winner) == (LAILA, "source")
    assert (conflict.spans_before, conflict.spans_after, conflict.source_spans) == (4, 4, 4)
    assert (conflict.relations_before, conflict.relations_after) == (2, 1)
    assert (conflict.target_last_edit, conflict.source_last_edit) == (OLD, NEWER)
    assert conflict.document_id == team.documents.id_for_hash(sha)
    assert conflict.title == team.documents.get(conflict.document_id).title
    assert report.spans_removed == 4 and report.spans_added == 4
    with Store.open(laila) as source:
        assert layer(team, sha, LAILA) == layer(source, sha, LAILA)
        assert layer(team, sha_of(laila, 1), LAILA) == layer(source, sha_of(laila, 1), LAILA)
    assert "replaced by" in report.summary() and LAILA in report.summary()
    assert not merge_projects(team, [laila]).changed  # and it has settled


def test_newer_target_layer_is_kept(team: Store, laila: Path):
    merge_projects(team, [laila])
    sha = sha_of(laila, 0)
    _edit_laila(laila, 0)
    set_stamps(laila, LAILA, sha, OLD)
    set_stamps(team.path, LAILA, sha, NEWER)
    before = snapshot(team)

    report = merge_projects(team, [laila])

    (conflict,) = report.layers_kept
    assert report.layers_replaced == [] and not report.changed
    assert (conflict.winner, conflict.spans_before, conflict.spans_after) == ("target", 4, 4)
    assert snapshot(team) == before
    assert "kept, edited later here" in report.summary()


def test_a_deletion_in_a_newer_source_is_merged(team: Store, laila: Path):
    """Deletions leave no timestamp: Laila's layer counts as newer only through her later
    edits (here she marks the document done again after deleting)."""
    merge_projects(team, [laila])
    sha = sha_of(laila, 1)
    set_stamps(team.path, LAILA, sha, OLD)
    set_stamps(laila, LAILA, sha, OLD)
    with Store.open(laila) as store:
        me, doc = store.annotator_by_name(LAILA).id, store.documents.id_for_hash(sha)
        quote = next(s for s in store.annotations.spans(doc, me) if s.label == "QUOTE")
        store.annotations.delete_span(quote.id)
        tie = merge_projects(team, [laila])  # same last edit: the target's layer stays
        assert [c.winner for c in tie.conflicts] == ["target"]
        assert "same last edit" in tie.summary()
        store.annotations.set_status(doc, me, "done")  # a later edit
        report = merge_projects(team, [laila])
        assert [c.winner for c in report.conflicts] == ["source"]
        assert layer(team, sha, LAILA) == layer(store, sha, LAILA)
        assert len(layer(team, sha, LAILA)[0]) == 3


def test_conflicting_layers_of_two_files_newest_wins_either_order(tmp_path: Path, laila: Path):
    """Laila worked on two machines: the file with the later edit wins, whatever the order."""
    other = tmp_path / "laila-laptop.db"
    shutil.copy(laila, other)
    sha = sha_of(laila, 0)
    _edit_laila(other, 0)
    set_stamps(laila, LAILA, sha, OLDER)
    set_stamps(other, LAILA, sha, NEWER)
    results = []
    for order in ([laila, other], [other, laila]):
        with Store.open(tmp_path / f"team{len(results)}.db") as team:
            merge_projects(team, order)
            results.append(layer(team, sha, LAILA))
    with Store.open(other) as newest:
        assert results == [layer(newest, sha, LAILA)] * 2


def test_status_keeps_the_newer_mark(team: Store, laila: Path):
    merge_projects(team, [laila])
    sha = sha_of(laila, 0)
    doc, me = team.documents.id_for_hash(sha), team.annotator_by_name(LAILA).id
    team.annotations.set_status(doc, me, "in_progress")  # newer here
    assert not merge_projects(team, [laila]).changed
    assert team.annotations.status(doc, me) == "in_progress"
    with Store.open(laila) as store:  # newer there
        there = store.documents.id_for_hash(sha)
        store.annotations.set_status(there, store.annotator_by_name(LAILA).id, "done")
    report = merge_projects(team, [laila])
    assert report.statuses_updated == 1 and report.conflicts == []
    assert team.annotations.status(doc, me) == "done"


# -- refusals and dry runs -----------------------------------------------------------------------


def test_source_from_a_newer_version_is_refused(team: Store, laila: Path, omar: Path):
    merge_projects(team, [omar])
    conn = sqlite3.connect(laila)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [MIGRATION_SET, "9999_from_the_future", "2030-01-01"],
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before, file_before = snapshot(team), digest(laila)
    with pytest.raises(SchemaError, match=r"laila\.db: this project was written by a newer"):
        merge_projects(team, [omar, laila])
    assert snapshot(team) == before
    assert digest(laila) == file_before


def test_files_that_are_not_projects_are_refused(team: Store, tmp_path: Path, laila: Path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    empty_db = tmp_path / "empty.db"
    sqlite3.connect(empty_db).execute("PRAGMA user_version = 1").connection.close()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 20)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    before = snapshot(team)
    for path, problem in (
        (other, "not an annotation project"),
        (empty_db, "not an annotation project"),
        (junk, "not an annotation project"),
        (empty, "not an annotation project"),
    ):
        with pytest.raises(SchemaError, match=re.escape(str(path)) + ": .*" + problem):
            merge_projects(team, [laila, path])
    with pytest.raises(MergeError, match=r"missing\.db: no such project file"):
        merge_projects(team, [laila, tmp_path / "missing.db"])
    assert snapshot(team) == before
    assert junk.read_bytes() == b"not a database" * 20


def test_dry_run_reports_and_changes_nothing(team: Store, laila: Path, omar: Path):
    before = snapshot(team)
    report = merge_projects(team, [laila, omar], dry_run=True)
    assert report.documents_added == 6 and report.spans_added == 17
    assert snapshot(team) == before
    assert "dry run" in report.summary()


# -- hand-off as JSONL ---------------------------------------------------------------------------


def test_jsonl_export_of_one_annotator_is_a_hand_off_bundle(tmp_path: Path, laila: Path):
    with Store.open(laila) as store:  # a second person's work must stay behind
        annotate(store, OMAR, 2)
    bundle = tmp_path / "laila.jsonl"
    with Store.open(laila) as source:
        export_jsonl(source, bundle, annotators=[LAILA])
        expected = {k: v for k, v in content(source)["layers"].items() if k[1] == LAILA}
        titles = sorted(source.db.execute("SELECT sha256, title FROM documents"))
    with Store.open(tmp_path / "elsewhere.db") as target:
        report = import_jsonl(target, bundle)
        assert report.spans_added == 8 and report.relations_added == 4
        assert [a.name for a in target.annotators()] == [LAILA]
        assert content(target)["layers"] == expected
        assert set(target.db.execute("SELECT sha256, title FROM documents")) <= set(titles)
        again = import_jsonl(target, bundle)
        assert again.spans_added == 0 and again.documents_added == 0


def test_a_source_of_an_older_version_is_read_through_an_upgraded_copy(team: Store, laila: Path):
    """A file made before the latest migrations: only the first one recorded, and none of
    the tables the later ones create."""
    first_tables = {"settings", "documents", "annotators", "labels", "spans", "relations"}
    first_tables |= {"doc_status", "_sqlite_migrations"}
    conn = sqlite3.connect(laila)
    later = [
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if row[0] not in first_tables and not row[0].startswith("sqlite_")
    ]
    for (trigger,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    ).fetchall():
        conn.execute(f"DROP TRIGGER [{trigger}]")
    virtual = {
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'")
    }
    for table in virtual:  # with it go its own tables (a search index's)
        conn.execute(f"DROP TABLE [{table}]")
    for table in later:
        if not any(table == v or table.startswith(f"{v}_") for v in virtual):
            conn.execute(f"DROP TABLE [{table}]")
    first_indexes = {"spans_layer", "relations_layer", "relations_child"}
    for (index,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall():
        if index not in first_indexes and not index.startswith("idx__sqlite_migrations"):
            conn.execute(f"DROP INDEX [{index}]")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name != ?", [known_migrations()[0]])
    conn.commit()
    conn.close()
    before = digest(laila)
    report = merge_projects(team, [laila])
    assert report.spans_added == 8 and report.relations_added == 4
    assert digest(laila) == before
    with Store.open(laila) as source:  # (now it is upgraded, by opening it)
        assert content(team)["layers"] == content(source)["layers"]


def test_broken_source_data_is_refused_with_the_file_name(team: Store, tmp_path: Path):
    both = make_project(tmp_path / "both.db", [(LAILA, 0, 0), (OMAR, 0, 2)])
    conn = sqlite3.connect(both)  # a relation from Laila's quote to Omar's person
    conn.execute(
        "UPDATE relations SET child_id = (SELECT s.id FROM spans s JOIN annotators a "
        "ON a.id = s.annotator_id WHERE a.name = ? AND s.label = 'PERSON') "
        "WHERE label = 'SAID_BY' AND annotator_id = (SELECT id FROM annotators WHERE name = ?)",
        [OMAR, LAILA],
    )
    conn.commit()
    conn.close()
    before = snapshot(team)
    with pytest.raises(MergeError, match=r"both\.db: document 1: relation \d+ links spans outside"):
        merge_projects(team, [both])
    assert snapshot(team) == before
