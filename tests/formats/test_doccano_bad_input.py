"""Bad doccano files: one line on standard error naming the file and the line (and the
record, in an array), exit status 1, and the project exactly as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.store import Store
from tests.conftest import SEEDS
from tests.formats.doccano_helpers import layers, main

TEXT = "قال حَمْدَان بن راشد 😀 في دبي"
GOOD = {
    "text": TEXT,
    "entities": [{"id": 1, "label": "PERSON", "start_offset": 4, "end_offset": 20}],
    "relations": [],
}


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def _with(**changes) -> dict:
    return {**GOOD, **changes}


OUTSIDE = _with(entities=[{"id": 1, "label": "PERSON", "start_offset": 4, "end_offset": 99}])
MISSING = _with(relations=[{"id": 1, "from_id": 1, "to_id": 7, "type": "SAID_BY"}])
PRETTY = json.dumps([GOOD, OUTSIDE], ensure_ascii=False, indent=2)
RECORD_2_LINE = PRETTY.split("\n").index("  {", 2) + 1  # where the second record starts

CASES = [
    # (name, file name, content, where, problem)
    (
        "offsets outside the text",
        "a.jsonl",
        f"{_line(GOOD)}\n{_line(OUTSIDE)}\n",
        "line 2",
        "span end 99 lies outside the text (length 29)",
    ),
    (
        "a relation to a missing entity",
        "a.jsonl",
        f"{_line(MISSING)}\n",
        "line 1",
        "relation 'SAID_BY' points to a span not on this line",
    ),
    (
        "a label entry that is not a triple",
        "a.jsonl",
        '{"text": "abc", "label": [[0, 2]]}\n',
        "line 1",
        '"label" entry #1 must be [start, end, "LABEL"]',
    ),
    (
        "offsets outside the text, in an array",
        "a.json",
        PRETTY,
        f"line {RECORD_2_LINE}",
        "record 2: span end 99 lies outside the text",
    ),
    (
        "a relation to a missing entity, in an array",
        "a.json",
        f"[{_line(GOOD)}, {_line(MISSING)}]",
        "line 1",
        "record 2: relation 'SAID_BY' points to a span not on this line",
    ),
    (
        "no comma between records",
        "a.json",
        f"[{_line(GOOD)}\n{_line(GOOD)}]",
        "line 2",
        "bad JSON (expected , or ] after record 1, not '{')",
    ),
    (
        "a comma after the last record",
        "a.json",
        f"[{_line(GOOD)},\n]",
        "line 2",
        "bad JSON (a comma after the last record, 1)",
    ),
    ("an array never closed", "a.json", f"[{_line(GOOD)},", "line 1", "the array is not closed"),
    (
        "a record cut short",
        "a.json",
        f'[{_line(GOOD)},\n{{"text": "قال',
        "line 2",
        "record 2: bad JSON (Unterminated string",
    ),
    (
        "broken JSON inside a record",
        "a.json",
        f'[{_line(GOOD)},\n{{"text": "x",\n "label": [[0, 1 "X"]]}}]',
        "line 3",
        "record 2: bad JSON (Expecting ',' delimiter)",
    ),
    ("a record that is not an object", "a.json", "[1]", "line 1", "record 1: a record must be"),
    ("NaN", "a.json", '[{"text": "a", "label": [[0, NaN, "X"]]}]', "line 1", "record 1: bad JSON"),
    (
        "a lone surrogate",
        "a.json",
        '[{"text": "a\\ud83d", "label": []}]',
        "line 1",
        "record 1: a string holds a lone surrogate",
    ),
    ("text after the array", "a.json", f"[{_line(GOOD)}] x", "line 1", "more after the closing ]"),
    (
        "nesting over the limit",
        "a.json",
        "[" + '{"a": [' * 150 + "]}" * 150 + "]",
        "line 1",
        "record 1: bad JSON (nested deeper than 100 levels)",
    ),
    (
        "nesting past Python's recursion",
        "a.json",
        "[" + "[" * 100_000 + "]" * 100_000 + "]",
        "line 1",
        "record 1: bad JSON (nested too deeply)",
    ),
]


def _snapshot(db: Path) -> tuple:
    with Store.open(db) as store:
        docs = sorted((d.text, d.title) for d in store.documents.iter_all())
        return docs, layers(store), sorted(store.labels.names())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    db = tmp_path / "p.db"
    assert main("--db", db, "import", SEEDS) == 0
    return db


@pytest.mark.parametrize(
    ("name", "file_name", "content", "where", "problem"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_input_is_one_line_naming_file_and_line(
    project, tmp_path, capsys, name, file_name, content, where, problem
):
    path = tmp_path / file_name
    path.write_text(content, encoding="utf-8")
    before = _snapshot(project)
    capsys.readouterr()
    code = main("--db", project, "import", "--format", "doccano", path, "--create-labels")
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"annotator: error: {path}, {where}: "), err
    assert problem in err, err
    assert _snapshot(project) == before


def test_bad_bytes_in_an_array_name_their_line(project, tmp_path, capsys):
    path = tmp_path / "a.json"
    path.write_bytes(b'[{"text": "a", "label": []},\n{"text": "\xff", "label": []}]')
    assert main("--db", project, "import", "--format", "doccano", path) == 1
    assert capsys.readouterr().err == f"annotator: error: {path}, line 2: not valid UTF-8\n"


def test_a_sniffed_file_fails_the_same_way_without_format(project, tmp_path, capsys):
    path = tmp_path / "a.jsonl"
    path.write_text(f"{_line(GOOD)}\n{_line(OUTSIDE)}\n", encoding="utf-8")
    before = _snapshot(project)
    assert main("--db", project, "import", path, "--create-labels") == 1
    err = capsys.readouterr().err
    assert err.startswith(f"annotator: error: {path}, line 2: span end 99 lies outside")
    assert _snapshot(project) == before
