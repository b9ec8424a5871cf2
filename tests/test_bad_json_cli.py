"""JSON that Python's parser lets through or chokes on, given to `annotator import` and
`annotator labels import`: one line naming the file and line, exit 1, project unchanged.

Python's json module turns a 4,301-digit integer into a bare ValueError, 100,000 nested
brackets into RecursionError, and accepts NaN, Infinity and 1e999; a scheme's relation
options were stored unchecked and broke every later import of that relation.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import InputError
from annotator.core.store import Store
from annotator.core.store.labels import load_scheme


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def snapshot(db: Path) -> list:
    """Every row of every table, read without writing anything."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        # sorted in Python: the search index's own tables have no rowid
        return [(t, sorted(con.execute(f'SELECT * FROM "{t}"'), key=repr)) for t in tables]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "project" / "p.db"
    path.parent.mkdir()
    with Store.open(path):
        pass
    return path


GOOD_LINE = json.dumps({"text": "قال بوتين", "_annotator_id": "ali"}, ensure_ascii=False)


def refused(capsys, db: Path, *argv: str) -> str:
    """Run a command that must fail; returns its one error line."""
    before = snapshot(db)
    status, out, err = run(capsys, "--db", str(db), *argv)
    assert status == 1, (out, err)
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert snapshot(db) == before, "a refused file changed the project"
    return err.rstrip("\n")


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("9" * 4301, "a number of 4301 digits (the limit is 100)"),
        ("-" + "9" * 5000, "a number of 5000 digits (the limit is 100)"),
        ("1" * 101, "a number of 101 digits (the limit is 100)"),
        ("0." + "1" * 200, "a number of 201 digits (the limit is 100)"),
        ("1e999", "the number 1e999 is out of range"),
        ("NaN", "NaN is not a JSON number"),
        ("-Infinity", "-Infinity is not a JSON number"),
        ("[" * 100_000 + "]" * 100_000, "nested deeper than 100 levels"),
        ("[" * 101 + "]" * 101, "nested deeper than 100 levels"),
    ],
    ids=["4301", "5000", "101-digits", "long-float", "1e999", "nan", "inf", "100k", "101-deep"],
)
def test_jsonl_line_beyond_the_limits(capsys, db: Path, tmp_path: Path, value: str, problem: str):
    path = tmp_path / "work.jsonl"
    bad = '{"text": "قال", "spans": [], "meta": {"x": ' + value + "}}"
    path.write_text(f"{GOOD_LINE}\n{bad}\n", encoding="utf-8")
    assert refused(capsys, db, "import", str(path)) == (
        f"annotator: error: {path}, line 2: bad JSON ({problem})"
    )


def test_jsonl_within_the_limits_is_stored(capsys, db: Path, tmp_path: Path):
    line = {"text": "قال", "meta": {"x": [[[1]]], "n": 10**99, "f": -1.5e300, "s": "NaN [[["}}
    path = tmp_path / "ok.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    status, _, err = run(capsys, "--db", str(db), "import", str(path))
    assert status == 0, err
    with Store.open(db) as store:
        (doc,) = [store.documents.get(i) for i in store.documents.ids()]
    assert doc.meta["n"] == 10**99 and doc.meta["s"] == "NaN [[["


def scheme_text(label_json: str) -> str:
    return '{\n  "labels": [\n    ' + label_json + "\n  ]\n}\n"


LABEL = '{"name": "X", "kind": "entity", "colour": "#aabbcc", '


@pytest.mark.parametrize(
    ("label_json", "problem"),
    [
        (LABEL + '"position": ' + "9" * 4400 + "}", "line 3: bad JSON (a number of 4400 digits"),
        (LABEL + '"options": {"w": NaN}}', "line 3: bad JSON (NaN is not a JSON number)"),
        (LABEL + '"options": {"w": Infinity}}', "line 3: bad JSON (Infinity is not a JSON"),
        (LABEL + '"options": {"w": 2e400}}', "line 3: bad JSON (the number 2e400 is out of range)"),
        ("[" * 100_000 + "]" * 100_000, "line 3: bad JSON (nested deeper than 100 levels)"),
        (LABEL + '"position": 1,}', "line 3: bad JSON (Expecting property name enclosed in"),
    ],
    ids=["huge-int", "nan", "infinity", "overflow", "deep", "syntax"],
)
def test_scheme_file_beyond_the_limits(capsys, db: Path, tmp_path: Path, label_json, problem):
    path = tmp_path / "scheme.json"
    path.write_text(scheme_text(label_json), encoding="utf-8")
    assert refused(capsys, db, "labels", "import", str(path)).startswith(
        f"annotator: error: {path}, {problem}"
    )
    with pytest.raises(InputError) as info:  # the loader of the bundled scheme too
        load_scheme(path)
    assert str(info.value).startswith(f"{path}, {problem}")


RELATION = '{"name": "LINK", "kind": "relation", "colour": "#aabbcc", "options": '


@pytest.mark.parametrize(
    ("options", "shown"),
    [
        ('{"head": ["quote"], "child": 5}', "5"),
        ('{"head": ["quote"], "child": "entity"}', "'entity'"),
        ('{"head": ["quote"], "child": ["PERSON"]}', "['PERSON']"),
        ('{"head": [["quote"]], "child": ["entity"]}', "[['quote']]"),
        ('{"head": ["relation"]}', "['relation']"),
    ],
    ids=["number", "string", "label-name", "nested", "relation-kind"],
)
def test_relation_options_must_name_span_kinds(capsys, db: Path, tmp_path: Path, options, shown):
    path = tmp_path / "scheme.json"
    path.write_text(scheme_text(RELATION + options + "}"), encoding="utf-8")
    role = "head" if '"head": [[' in options or "relation" in options else "child"
    assert refused(capsys, db, "labels", "import", str(path)) == (
        f"annotator: error: {path}: label #1: label 'LINK': options {role!r} must be a list "
        f"of span kinds (entity, claim, quote, speaker), not {shown}"
    )


def test_a_refused_relation_scheme_leaves_later_imports_working(capsys, db, tmp_path: Path):
    """Before: the scheme was stored, then every import of a LINK relation crashed."""
    scheme = tmp_path / "scheme.json"
    scheme.write_text(scheme_text(RELATION + '{"head": ["quote"], "child": 5}}'), "utf-8")
    refused(capsys, db, "labels", "import", str(scheme))
    line = {
        "text": "قال بوتين",
        "spans": [
            {"id": 1, "start": 0, "end": 3, "label": "QUOTE"},
            {"id": 2, "start": 4, "end": 9, "label": "PERSON"},
        ],
        "relations": [{"head_id": 1, "child_id": 2, "label": "LINK"}],
    }
    data = tmp_path / "rel.jsonl"
    data.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    assert refused(capsys, db, "import", str(data)) == (
        f"annotator: error: {data}, line 1: unknown label 'LINK' (use --create-labels to add it)"
    )


@pytest.mark.parametrize(
    "attributes",
    ['["yes", "no"]', '{"checkworthy": "yes"}', '{"checkworthy": [["yes"]]}'],
    ids=["list", "string-values", "nested-values"],
)
def test_declared_attributes_must_be_lists_of_values(capsys, db: Path, tmp_path, attributes):
    path = tmp_path / "scheme.json"
    path.write_text(scheme_text(LABEL + '"options": {"attributes": ' + attributes + "}}"), "utf-8")
    err = refused(capsys, db, "labels", "import", str(path))
    assert err.startswith(f"annotator: error: {path}: label #1: label 'X': options 'attributes'")
