"""Only a reviewer writes the gold layer, imports included.

A JSONL line whose `_annotator_id` is "gold", `--annotator gold`, or a CoNLL file imported
into gold needs a named reviewer (`--reviewer NAME`); without one the import fails with one
line naming the file and line, and the project is left as it was.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.core.errors import InputError, ValidationError
from annotator.core.formats.conll_import import import_conll
from annotator.core.formats.import_jsonl import import_jsonl
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument

TEXT = "قال بوتين إن روسيا ستواصل"
GOLD_REFUSAL = "the gold layer is written only by a reviewer"


def line(annotator: str | None, status: str | None = None, spans=True) -> str:
    """A Prodigy task line with a PERSON, a QUOTE and a SAID_BY link."""
    record: dict = {"text": TEXT, "spans": [], "relations": []}
    if spans:
        record["spans"] = [
            {"start": 4, "end": 9, "label": "PERSON"},
            {"start": 10, "end": 25, "label": "QUOTE"},
        ]
        record["relations"] = [
            {
                "head_span": {"start": 10, "end": 25, "label": "QUOTE"},
                "child_span": {"start": 4, "end": 9, "label": "PERSON"},
                "label": "SAID_BY",
            }
        ]
    if annotator is not None:
        record["_annotator_id"] = annotator
    if status is not None:
        record["meta"] = {"status": status}
    return json.dumps(record, ensure_ascii=False)


def write_lines(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot(path: Path) -> dict[str, list]:
    """Every row of every table of a project file, read with plain SQLite."""
    with closing(sqlite3.connect(path)) as conn:
        tables = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith("sqlite_")
        ]
        return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}


def gold_spans(store: Store) -> list[tuple[int, int, str]]:
    gold = store.gold_layer().id
    return sorted(
        (s.start, s.end, s.label)
        for doc in store.documents.ids()
        for s in store.annotations.spans(doc, gold)
    )


# -- the core rule ---------------------------------------------------------------------------


def test_the_core_refuses_gold_edits_without_a_reviewer(store: Store):
    (doc,) = store.documents.add_many([NewDocument(TEXT, "t")]).ids
    gold = store.gold_layer().id
    boss = store.ensure_annotator("Huda", role="reviewer").id
    with pytest.raises(ValidationError, match=GOLD_REFUSAL):
        store.annotations.add_span(doc, gold, "PERSON", 4, 9)
    with pytest.raises(ValidationError, match=GOLD_REFUSAL):
        store.annotations.add_span(doc, gold, "PERSON", 4, 9, actor_id=gold)
    person = store.annotations.add_span(doc, gold, "PERSON", 4, 9, actor_id=boss)
    quote = store.annotations.add_span(doc, gold, "QUOTE", 10, 25, actor_id=boss)
    with pytest.raises(ValidationError, match=GOLD_REFUSAL):
        store.annotations.add_relation(quote.id, person.id, "SAID_BY")
    with pytest.raises(ValidationError, match=GOLD_REFUSAL):
        store.annotations.update_span(person.id, label="ORG")
    with pytest.raises(ValidationError, match=GOLD_REFUSAL):
        store.annotations.delete_span(person.id)
    assert gold_spans(store) == [(4, 9, "PERSON"), (10, 25, "QUOTE")]


# -- JSONL -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "annotator", "bad_line"),
    [
        ([line("ali"), line("gold")], None, 2),  # the line names the gold layer
        ([line("ali"), line(None)], "gold", 2),  # --annotator gold
        ([line("ali"), line("gold", status="done", spans=False)], None, 2),  # a status only
    ],
)
def test_jsonl_into_gold_without_a_reviewer_is_refused(
    store: Store, tmp_path: Path, lines, annotator, bad_line
):
    path = write_lines(tmp_path / "work.jsonl", *lines)
    before = snapshot(store.path)
    with pytest.raises(InputError) as caught:
        import_jsonl(store, path, annotator=annotator)
    assert str(caught.value).startswith(f"{path}, line {bad_line}: {GOLD_REFUSAL}")
    assert snapshot(store.path) == before


def test_jsonl_into_gold_by_a_named_reviewer(store: Store, tmp_path: Path):
    path = write_lines(tmp_path / "work.jsonl", line("ali"), line("gold", status="done"))
    report = import_jsonl(store, path, reviewer="Huda")
    assert report.lines == 2
    assert gold_spans(store) == [(4, 9, "PERSON"), (10, 25, "QUOTE")]
    (doc,) = store.documents.ids()
    gold = store.gold_layer().id
    assert [r.label for r in store.annotations.relations(doc, gold)] == ["SAID_BY"]
    assert store.annotations.status(doc, gold) == "done"
    assert store.annotator_by_name("Huda").role == "reviewer"
    assert store.annotator_by_name("ali").role == "annotator"


def test_the_reviewer_cannot_be_gold_itself(store: Store, tmp_path: Path):
    path = write_lines(tmp_path / "work.jsonl", line("gold"))
    with pytest.raises(InputError, match="adjudicated layer"):
        import_jsonl(store, path, reviewer="gold")
    assert gold_spans(store) == []


# -- CoNLL -----------------------------------------------------------------------------------

CONLL = "قال O\nبوتين B-PERS\n\nروسيا B-GPE\n"


def test_conll_into_gold_needs_a_reviewer(store: Store, tmp_path: Path):
    path = tmp_path / "mona.conll"
    path.write_text(CONLL, encoding="utf-8")
    before = snapshot(store.path)
    with pytest.raises(InputError) as caught:
        import_conll(store, path, annotator="gold", label_map={"PERS": "PERSON"})
    assert str(caught.value).startswith(f"{path}, line 1: {GOLD_REFUSAL}")
    assert snapshot(store.path) == before
    import_conll(store, path, annotator="gold", label_map={"PERS": "PERSON"}, reviewer="Huda")
    assert sorted(label for *_, label in gold_spans(store)) == ["GPE", "PERSON"]


# -- the command line --------------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_import_into_gold(capsys, tmp_path: Path):
    db = tmp_path / "p.db"
    with Store.open(db):
        pass
    gold_line = write_lines(tmp_path / "gold.jsonl", line("gold"))
    plain_line = write_lines(tmp_path / "plain.jsonl", line(None))
    conll = tmp_path / "mona.conll"
    conll.write_text(CONLL, encoding="utf-8")
    before = snapshot(db)
    for argv, name in (
        (["import", str(gold_line)], gold_line),
        (["import", "--annotator", "gold", str(plain_line)], plain_line),
        (["import-conll", "--annotator", "gold", "--map-wojood", str(conll)], conll),
    ):
        status, _out, err = run(capsys, "--db", str(db), *argv)
        assert status == 1
        assert err.startswith(f"annotator: error: {name}, line ")
        assert GOLD_REFUSAL in err and "--reviewer" in err
        assert len(err.strip().splitlines()) == 1
        assert snapshot(db) == before
    assert run(capsys, "--db", str(db), "import", "--reviewer", "Huda", str(gold_line))[0] == 0
    status, *_ = run(
        capsys,
        "--db",
        str(db),
        "import-conll",
        "--annotator",
        "gold",
        "--reviewer",
        "Huda",
        "--map-wojood",
        str(conll),
    )
    assert status == 0
    with Store.open(db) as store:
        assert len(gold_spans(store)) == 4
        assert store.annotator_by_name("Huda").role == "reviewer"


def test_cli_makes_an_existing_annotator_the_reviewer(capsys, tmp_path: Path):
    """The import is staged in a copy of the project; the promotion must reach the project."""
    db = tmp_path / "p.db"
    with Store.open(db) as store:
        store.ensure_annotator("Huda")
    gold_line = write_lines(tmp_path / "gold.jsonl", line("gold"))
    assert run(capsys, "--db", str(db), "import", "--reviewer", "Huda", str(gold_line))[0] == 0
    with Store.open(db) as store:
        assert store.annotator_by_name("Huda").role == "reviewer"
        assert len(gold_spans(store)) == 2
