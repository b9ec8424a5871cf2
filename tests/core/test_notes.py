"""Skips, flags and comments: stored, listed, counted, merged, exported and imported back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.formats.export_jsonl import export_jsonl, iter_records
from annotator.core.formats.import_jsonl import import_jsonl
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.store.listing import document_ids, summaries
from annotator.core.team.merge import merge_projects

TEXTS = ("قال الوزير محمد إن الاجتماع مهم.", "أعلنت الشركة أرباحا كبيرة هذا العام.", "نص ثالث.")


def project(path: Path) -> tuple[Store, list[int]]:
    store = Store.open(path)
    ids = store.documents.add_many(NewDocument(t, t[:10]) for t in TEXTS).ids
    return store, ids


@pytest.fixture
def made(tmp_path: Path):
    store, ids = project(tmp_path / "p.db")
    with store:
        yield store, ids, store.ensure_annotator("mona").id


def test_a_flag_replaces_the_annotators_earlier_one_and_clears(made):
    store, ids, mona = made
    first = store.notes.set_flag(ids[0], mona, "flagged", "unclear", "what is meant?")
    assert store.notes.flag(ids[0], mona, "flagged") == first
    second = store.notes.set_flag(ids[0], mona, "flagged", "duplicate")
    assert store.notes.flags(ids[0]) == [second]
    assert second.changes.statuses == {ids[0]}
    store.notes.clear_flag(ids[0], mona, "flagged")
    assert store.notes.flags(ids[0]) == []
    store.notes.restore_flag(first)
    assert store.notes.flags(ids[0]) == [first]


@pytest.mark.parametrize(
    ("kind", "reason", "note"),
    [
        ("flagged", "boring", ""),  # not a reason
        ("skipped", "unclear", ""),  # a skip's reason is its note
        ("done", "", ""),
        ("flagged", "other", "a\x00b"),
        ("flagged", "other", "x" * 10_001),
    ],
)
def test_bad_flags_are_refused_and_nothing_stored(made, kind, reason, note):
    store, ids, mona = made
    with pytest.raises(ValidationError):
        store.notes.set_flag(ids[0], mona, kind, reason, note)
    assert store.notes.flags(ids[0]) == []


def test_a_flag_of_a_missing_document_is_refused(made):
    store, _ids, mona = made
    with pytest.raises(NotFoundError):
        store.notes.set_flag(999, mona, "skipped", "", "gone")


def test_a_span_comment_follows_its_span_through_edits_and_renames(made):
    store, ids, mona = made
    span = store.annotations.add_span(ids[0], mona, "PERSON", 11, 15)
    comment = store.notes.add_comment(ids[0], mona, "  هل هو الوزير؟ ", span)
    assert comment.text == "هل هو الوزير؟" and comment.on_span
    store.annotations.update_span(span.id, start=4, end=15)
    store.labels.update("PERSON", name="PER")
    moved = store.annotations.span(span.id)
    found = store.notes.on_spans(store.notes.comments(ids[0]), [moved])
    assert [c.id for c in found[span.id]] == [comment.id]
    assert (found[span.id][0].label, found[span.id][0].start) == ("PER", 4)


def test_a_deleted_spans_comment_comes_back_with_undo(made):
    store, ids, mona = made
    span = store.annotations.add_span(ids[0], mona, "PERSON", 11, 15)
    store.notes.add_comment(ids[0], mona, "check", span)
    deleted = store.annotations.delete_span(span.id)
    assert store.notes.on_spans(store.notes.comments(ids[0]), []) == {}
    back = store.annotations.restore_span(deleted)
    assert len(store.notes.on_spans(store.notes.comments(ids[0]), [back])[back.id]) == 1


def test_comments_are_refused_empty_or_on_another_layer(made):
    store, ids, mona = made
    omar = store.ensure_annotator("omar").id
    his = store.annotations.add_span(ids[0], omar, "PERSON", 11, 15)
    with pytest.raises(ValidationError):
        store.notes.add_comment(ids[0], mona, "   ")
    with pytest.raises(ValidationError):
        store.notes.add_comment(ids[0], mona, "not mine", his)
    assert store.notes.comments(ids[0]) == []


def test_delete_and_restore_a_comment_keep_its_id(made):
    store, ids, mona = made
    comment = store.notes.add_comment(ids[1], mona, "نص مكرر؟")
    assert store.notes.delete_comment(comment.id) == comment
    assert store.notes.comments(ids[1]) == []
    store.notes.restore_comment(comment)
    assert store.notes.comments(ids[1]) == [comment]


def test_the_list_filters_skipped_and_flagged_and_rows_show_them(made):
    store, ids, mona = made
    omar = store.ensure_annotator("omar").id
    store.notes.set_flag(ids[0], mona, "skipped", "", "not news")
    store.notes.set_flag(ids[2], mona, "flagged", "bad_text")
    store.notes.set_flag(ids[1], omar, "flagged", "unclear")
    assert document_ids(store, mona, "skipped") == [ids[0]]
    assert document_ids(store, mona, "flagged") == [ids[2]]
    assert document_ids(store, omar, "flagged") == [ids[1]]
    rows = summaries(store, mona, ids)
    assert rows[ids[0]].flags == {"skipped"} and rows[ids[1]].flags == frozenset()
    with pytest.raises(ValidationError):
        document_ids(store, mona, "lost")


def test_stats_count_per_annotator(made, tmp_path, capsys):
    store, ids, mona = made
    omar = store.ensure_annotator("omar").id
    store.annotations.add_span(ids[0], mona, "PERSON", 11, 15)
    store.annotations.add_span(ids[1], mona, "ORG", 6, 12)
    store.annotations.set_status(ids[0], mona, "done")
    store.notes.set_flag(ids[2], mona, "skipped", "", "short")
    store.notes.set_flag(ids[2], omar, "flagged", "other", "?")
    people = store.stats()["annotators"]
    assert people["mona"] == {
        "role": "annotator",
        "done": 1,
        "in_progress": 1,
        "skipped": 1,
        "flagged": 0,
        "comments": 0,
        "spans_per_label": {"ORG": 1, "PERSON": 1},
    }
    assert (people["omar"]["flagged"], people["omar"]["done"]) == (1, 0)
    store.close()
    assert main(["--db", str(tmp_path / "p.db"), "stats"]) == 0
    out = capsys.readouterr().out
    assert "progress per annotator:" in out
    progress = out.split("progress per annotator:")[1].splitlines()
    mona_line = next(line for line in progress if line.strip().startswith("mona"))
    assert mona_line.split()[1:] == ["1", "1", "1", "0"]
    assert "spans: ORG 1, PERSON 1" in out


def notes_of(store: Store) -> tuple[set, set]:
    """Flags and comments by annotator name and document text, ids left out."""
    names = {a.id: a.name for a in store.annotators()}
    texts = {doc: store.documents.text(doc) for doc in store.documents.ids()}
    flags, comments = store.notes.every()
    return (
        {(texts[f.document_id], names[f.annotator_id], f.kind, f.reason, f.note) for f in flags},
        {
            (texts[c.document_id], names[c.annotator_id], c.text, c.label, c.start, c.end)
            for c in comments
        },
    )


def annotators_project(path: Path, who: str) -> Store:
    store, ids = project(path)
    me = store.ensure_annotator(who).id
    span = store.annotations.add_span(ids[0], me, "PERSON", 11, 15)
    store.notes.add_comment(ids[0], me, f"{who}: الاسم ناقص", span)
    store.notes.add_comment(ids[1], me, f"{who}: خبر قديم")
    store.notes.set_flag(ids[2], me, "flagged", "bad_text", "مقطوع")
    store.notes.set_flag(ids[1], me, "skipped", "", "ليس خبرا")
    return store


def test_merge_carries_every_annotators_notes_and_adds_nothing_twice(tmp_path):
    sources = []
    for who in ("mona", "omar"):
        path = tmp_path / f"{who}.db"
        annotators_project(path, who).close()
        sources.append(path)
    with Store.open(tmp_path / "team.db") as team:
        report = merge_projects(team, sources)
        assert report.notes_added == 8
        flags, comments = notes_of(team)
        assert len(flags) == 4 and len(comments) == 4
        assert (TEXTS[0], "mona", "mona: الاسم ناقص", "PERSON", 11, 15) in comments
        again = merge_projects(team, sources)
        assert again.notes_added == 0
        assert notes_of(team) == (flags, comments)


def test_a_newer_flag_wins_a_merge_and_an_older_one_does_not(tmp_path):
    mine = annotators_project(tmp_path / "mona.db", "mona")
    mine.close()
    with Store.open(tmp_path / "team.db") as team:
        merge_projects(team, [tmp_path / "mona.db"])
        doc = team.documents.ids()[2]
        mona = team.annotator_by_name("mona").id
        team.notes.set_flag(doc, mona, "flagged", "unclear", "changed here later")
        merge_projects(team, [tmp_path / "mona.db"])
        assert team.notes.flag(doc, mona, "flagged").reason == "unclear"


def test_a_merge_keeps_notes_written_in_the_team_project_meanwhile(tmp_path):
    annotators_project(tmp_path / "mona.db", "mona").close()
    with Store.open(tmp_path / "team.db") as team:
        ids = team.documents.add_many(NewDocument(t, t[:10]) for t in TEXTS).ids
        lead = team.ensure_annotator("lead").id
        team.notes.add_comment(ids[0], lead, "before the merge")
        merge_projects(team, [tmp_path / "mona.db"])
        texts = {c.text for c in team.notes.comments(ids[0])}
        assert texts == {"before the merge", "mona: الاسم ناقص"}


def test_jsonl_export_carries_notes_in_meta_and_import_reads_them_back(tmp_path):
    source = annotators_project(tmp_path / "mona.db", "mona")
    with source:
        records = list(iter_records(source))
        export_jsonl(source, tmp_path / "out.jsonl")
        expected = notes_of(source)
    by_text = {r["text"]: r["meta"] for r in records}
    answers = {r["text"]: r["answer"] for r in records}
    # flagged without annotating: a line of its own that trainers leave out
    assert answers == {TEXTS[0]: "accept", TEXTS[1]: "ignore", TEXTS[2]: "ignore"}
    assert by_text[TEXTS[2]]["flags"][0]["reason"] == "bad_text"
    span_comment = by_text[TEXTS[0]]["comments"][0]
    assert span_comment["span"] == {"label": "PERSON", "start": 11, "end": 15}
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == records
    with Store.open(tmp_path / "back.db") as back:
        import_jsonl(back, tmp_path / "out.jsonl")
        assert notes_of(back) == expected
        assert all("flags" not in back.documents.get(d).meta for d in back.documents.ids())
        import_jsonl(back, tmp_path / "out.jsonl")  # again: nothing doubled
        assert len(back.notes.every()[1]) == 2


def test_a_line_without_notes_is_as_before(made):
    store, ids, mona = made
    store.annotations.add_span(ids[0], mona, "PERSON", 11, 15)
    (record,) = iter_records(store)
    assert "flags" not in record["meta"] and "comments" not in record["meta"]


def test_foreign_metadata_named_comments_stays_document_meta(tmp_path):
    path = tmp_path / "in.jsonl"
    line = {"text": TEXTS[0], "meta": {"comments": 12, "flags": ["x"]}, "spans": []}
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "p.db") as store:
        import_jsonl(store, path)
        (doc,) = store.documents.ids()
        assert store.documents.get(doc).meta == {"comments": 12, "flags": ["x"]}
        assert store.notes.every() == ([], [])


def test_bad_notes_name_the_line_and_store_nothing(tmp_path):
    path = tmp_path / "in.jsonl"
    good = {"text": TEXTS[1], "meta": {}, "spans": []}
    bad = {"text": TEXTS[0], "meta": {"flags": [{"kind": "flagged", "reason": "??"}]}}
    path.write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) for x in (good, bad)) + "\n", encoding="utf-8"
    )
    with Store.open(tmp_path / "p.db") as store:
        with pytest.raises(Exception, match=r"in.jsonl.*2") as caught:
            import_jsonl(store, path)
        assert "reason" in str(caught.value)
        assert store.documents.count() == 0


def test_the_migration_adds_the_tables_to_an_older_project(tmp_path):
    path = tmp_path / "old.db"
    with Store.open(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER spans_move_comments")
    conn.execute("DROP TABLE comments")
    conn.execute("DROP TABLE document_flags")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0006_flags_and_comments'")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.stats()["annotators"] == {}
        assert store.notes.every() == ([], [])


def test_the_command_line_skips_flags_comments_and_lists(made, tmp_path, capsys):
    store, ids, mona = made
    store.annotations.add_span(ids[0], mona, "PERSON", 11, 15)
    store.close()
    db = ["--db", str(tmp_path / "p.db")]
    assert main([*db, "skip", str(ids[1]), "--annotator", "mona", "--reason", "مكرر"]) == 0
    assert main([*db, "flag", str(ids[2]), "--annotator", "omar", "--reason", "unclear"]) == 0
    span = ["--span", "PERSON:11:15"]
    assert main([*db, "comment", str(ids[0]), "من هو؟", "--annotator", "mona", *span]) == 0
    capsys.readouterr()
    assert main([*db, "notes", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["document"], r["annotator"], r["kind"], r["text"]) for r in rows] == [
        (ids[0], "mona", "comment", "من هو؟"),
        (ids[1], "mona", "skipped", "مكرر"),
        (ids[2], "omar", "flagged", ""),
    ]
    assert rows[0]["span"] == "PERSON:11:15"
    # refused: a span the layer lacks, a missing document; one line, nothing stored
    assert main([*db, "comment", str(ids[0]), "x", "--annotator", "mona", "--span", "ORG:1:2"])
    assert main([*db, "flag", "999", "--annotator", "mona"]) != 0
    err = capsys.readouterr().err
    assert "no span ORG 1..2" in err and "999" in err and "Traceback" not in err
    assert main([*db, "skip", str(ids[1]), "--annotator", "mona", "--clear"]) == 0
    with Store.open(tmp_path / "p.db") as again:
        assert len(again.notes.every()[0]) == 1 and len(again.notes.every()[1]) == 1
