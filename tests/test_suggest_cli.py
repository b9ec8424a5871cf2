"""`annotator suggest` and `annotator suggestions`: stored for the window, written as
export lines that `annotator import` reads back, counted, cleared; bad input is one
line, a non-zero exit and an unchanged project."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument

cli_main = importlib.import_module("annotator.cli.main")

QUOTED = "قال الرئيس الروسي فلاديمير بوتين: «سنواصل العملية حتى تحقيق أهدافها كلها». وأضاف أن"
NAMES = "اتصل ماكرون لبوتين أمس، ثم رد بوتين. وبوتين لا يتراجع."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    with Store.open(path) as store:
        ids = store.documents.add_many([NewDocument(QUOTED, "q"), NewDocument(NAMES, "n")]).ids
        mona = store.ensure_annotator("mona").id
        start = QUOTED.index("بوتين")
        store.annotations.add_span(ids[0], mona, "PERSON", start, start + 5)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli_main.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _stored(path: Path) -> list[tuple]:
    with Store.open(path) as store:
        rows = store.db.execute(
            'SELECT document_id, recipe, annotator_id, label, start, "end" FROM suggestions '
            "ORDER BY 1, 2, 5"
        )
        return [tuple(row) for row in rows]


def test_suggest_stores_for_the_window_and_counts(project, capsys):
    status, out, err = run(capsys, "--db", str(project), "suggest", "quotes")
    assert (status, err) == (0, "")
    assert out == "quotes: 2 suggestions on 2 documents stored for every annotator\n"
    # the only annotator is taken when none is named
    status, out, _ = run(capsys, "--db", str(project), "suggest", "propagate")
    assert status == 0 and out.startswith("propagate: 3 suggestions on 2 documents stored for mona")
    stored = _stored(project)
    assert {(recipe, label) for _, recipe, _, label, _, _ in stored} == {
        ("quotes", "QUOTE"),
        ("quotes", "PERSON"),
        ("propagate", "PERSON"),
    }
    assert all(who is None for _, recipe, who, *_ in stored if recipe == "quotes")
    with Store.open(project) as store:
        offered = store.suggestions.for_layer(2, store.annotator_by_name("mona").id)
        assert [NAMES[s.start : s.end] for s in offered] == ["بوتين"] * 3
        store.suggestions.reject(offered[0], store.annotator_by_name("mona").id)
    status, out, _ = run(capsys, "--db", str(project), "suggestions")
    assert status == 0
    assert out.splitlines() == [
        "recipe         stored  rejected",
        "propagate           3         1",
        "quotes              2         0",
    ]


def test_clear_one_recipe_or_all_keeps_rejections(project, capsys):
    run(capsys, "--db", str(project), "suggest", "quotes")
    run(capsys, "--db", str(project), "suggest", "propagate")
    with Store.open(project) as store:
        mona = store.annotator_by_name("mona").id
        store.suggestions.reject(store.suggestions.for_layer(2, mona)[0], mona)
    status, out, _ = run(capsys, "--db", str(project), "suggestions", "--clear", "propagate")
    assert status == 0 and out == "removed 3 suggestions (propagate); rejections kept\n"
    assert {recipe for _, recipe, *_ in _stored(project)} == {"quotes"}
    status, out, _ = run(capsys, "--db", str(project), "suggestions", "--clear")
    assert status == 0 and out.startswith("removed 2 suggestions (every recipe)")
    assert _stored(project) == []
    _, out, _ = run(capsys, "--db", str(project), "suggestions")
    assert out.splitlines()[1].split() == ["propagate", "0", "1"]


def test_written_lines_are_our_export_and_import_reads_them_back(project, tmp_path, capsys):
    out_file = tmp_path / "pre.jsonl"
    status, out, err = run(capsys, "--db", str(project), "suggest", "quotes", "-o", str(out_file))
    assert (status, err) == (0, "")
    assert out == f"quotes: wrote 2 suggestions, 1 links on 2 documents to {out_file}\n"
    assert _stored(project) == []  # nothing stored in the project
    lines = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert [line["_annotator_id"] for line in lines] == ["suggest:quotes"] * 2
    quote = next(s for s in lines[0]["spans"] if s["label"] == "QUOTE")
    assert quote["text"] == QUOTED[quote["start"] : quote["end"]]
    assert 0 < quote["confidence"] <= 1 and "speaker" in quote["note"]
    (said_by,) = lines[0]["relations"]
    assert said_by["label"] == "SAID_BY" and said_by["head_span"]["label"] == "QUOTE"
    assert lines[1]["spans"] == [] and lines[1]["text"] == NAMES

    other = tmp_path / "other.db"
    status, _, err = run(capsys, "--db", str(other), "import", str(out_file))
    assert status == 0, err
    with Store.open(other) as store:
        layer = store.annotator_by_name("suggest:quotes").id
        doc = next(d.id for d in store.documents.iter_all() if d.text == QUOTED)
        spans = store.annotations.spans(doc, layer)
        assert sorted((s.label, s.start, s.end) for s in spans) == sorted(
            (s["label"], s["start"], s["end"]) for s in lines[0]["spans"]
        )
        (relation,) = store.annotations.relations(doc, layer)
        by_id = {s.id: s for s in spans}
        assert (relation.label, by_id[relation.head_id].label) == ("SAID_BY", "QUOTE")
        speaker = by_id[relation.child_id]
        assert (speaker.start, speaker.end) == (
            said_by["child_span"]["start"],
            said_by["child_span"]["end"],
        )
        assert QUOTED[speaker.start : speaker.end].endswith("فلاديمير بوتين")


def test_threshold_and_document_choose_what_is_made(project, tmp_path, capsys):
    out_file = tmp_path / "sure.jsonl"
    args = ("--db", str(project), "suggest", "propagate", "--document", "2")
    status, out, _ = run(capsys, *args, "--threshold", "0.95", "-o", str(out_file))
    assert status == 0 and "wrote 1 suggestions" in out  # the other two are behind a clitic
    status, out, _ = run(capsys, *args, "--threshold", "0.9")
    assert status == 0 and out.startswith("propagate: 3 suggestions on 1 document stored")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["suggest", "nope"], "no recipe called 'nope'; known recipes: quotes, propagate, model"),
        (["suggest", "quotes", "--document", "9"], "no document with id 9"),
        (["suggest", "quotes", "--threshold", "2"], "a threshold is a confidence from 0 to 1"),
        (["suggest", "quotes", "--model", "m"], "--model is for the model recipe"),
        (["suggest", "propagate", "--annotator", "zed"], "no annotator called 'zed'"),
        (["suggestions", "--clear", "nope"], "no recipe called 'nope'"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(project, capsys, argv, message):
    run(capsys, "--db", str(project), "suggest", "quotes")
    before = _stored(project)
    status, out, err = run(capsys, "--db", str(project), *argv)
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert _stored(project) == before


def test_a_per_annotator_recipe_needs_one_annotator(project, capsys):
    with Store.open(project) as store:
        store.ensure_annotator("omar")
    status, _, err = run(capsys, "--db", str(project), "suggest", "propagate")
    assert status == 1
    assert err == (
        "annotator: error: the propagate recipe works on one annotator's layer: name it with "
        "--annotator NAME (the project's annotators: 2: mona, omar)\n"
    )
    status, out, _ = run(
        capsys, "--db", str(project), "suggest", "propagate", "--annotator", "omar"
    )
    assert status == 0 and out.startswith("propagate: 0 suggestions")


def test_an_output_that_cannot_be_written_leaves_no_file(project, tmp_path, capsys):
    target = tmp_path / "missing" / "out.jsonl"
    status, _, err = run(capsys, "--db", str(project), "suggest", "quotes", "-o", str(target))
    assert status == 1 and str(target) in err and err.count("\n") == 1
    assert not target.parent.exists()
