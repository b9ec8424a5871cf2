"""`annotator export --format doccano`: the records doccano imports, in both shapes, with
code-point offsets, the notes of what doccano cannot carry, and the round trip export →
import into a fresh project → export. (doccano's own importer reads these files in
`test_doccano_consumer.py`.)"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.formats.doccano.writer import write_doccano
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.store.layers import iter_layers
from tests.formats.doccano_helpers import (
    ATTRIBUTES,
    CLAIM,
    build,
    layers,
    main,
    records,
    without_ids,
)
from tests.formats.test_every_format import HARD_TEXT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    db = tmp_path / "source.db"
    with Store.open(db) as store:
        build(store)
    return db


def _export(db: Path, out: Path, capsys, *extra: str) -> str:
    capsys.readouterr()
    assert main("--db", db, "export", "--format", "doccano", "-o", out, *extra) == 0
    return capsys.readouterr().err


def test_each_layer_is_one_line_with_entities_at_code_point_offsets(project, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    err = _export(project, out, capsys)
    lines = records(out)
    with Store.open(project) as store:
        expected = layers(store)
    assert len(lines) == sum(expected.values())
    assert f"exported {len(lines)} lines" in err
    for record in lines:
        assert set(record) >= {"id", "text", "entities", "relations", "Comments", "annotator"}
        text = record["text"]
        ids = {e["id"] for e in record["entities"]}
        for entity in record["entities"]:
            assert set(entity) - {"attributes"} == {"id", "label", "start_offset", "end_offset"}
            assert 0 <= entity["start_offset"] < entity["end_offset"] <= len(text)
        for relation in record["relations"]:
            assert set(relation) == {"id", "from_id", "to_id", "type"}
            assert {relation["from_id"], relation["to_id"]} <= ids
    hard = [r for r in lines if r["text"] == HARD_TEXT]
    assert sorted(r["annotator"] for r in hard) == ["mona", "sara"]
    # code points: the emoji before the name counts once (it is two UTF-16 units)
    person = next(e for e in hard[0]["entities"] if e["label"] == "PERSON")
    assert person["start_offset"] == HARD_TEXT.index("حَمْدَان") == 6
    assert HARD_TEXT[person["start_offset"] : person["end_offset"]] == "حَمْدَان بن راشد"
    said = hard[0]["relations"][0]
    by_id = {e["id"]: e for e in hard[0]["entities"]}
    assert (by_id[said["from_id"]]["label"], by_id[said["to_id"]]["label"]) == ("QUOTE", "PERSON")
    assert said["type"] == "SAID_BY"


def test_the_notes_say_what_doccano_cannot_carry(project, tmp_path, capsys):
    err = _export(project, tmp_path / "out.jsonl", capsys)
    assert "note: 2 lines hold nested or overlapping spans" in err
    assert "note: 2 texts written once per annotator (4 lines)" in err
    assert "note: the attributes of 1 spans written in an `attributes` key" in err
    err = _export(project, tmp_path / "mona.jsonl", capsys, "--annotator", "mona")
    assert "written once per annotator" not in err
    assert {r["annotator"] for r in records(tmp_path / "mona.jsonl")} == {"mona"}


def test_the_label_shape_writes_triples_and_says_relations_are_dropped(project, tmp_path, capsys):
    out = tmp_path / "label.jsonl"
    err = _export(project, out, capsys, "--doccano-shape", "label")
    assert "note: 2 relations not carried: doccano's `label` shape has none" in err
    assert "note: the attributes of 1 spans not carried" in err
    assert ", 0 relations" in err
    _export(project, tmp_path / "entities.jsonl", capsys)
    for triple_line, entity_line in zip(
        records(out), records(tmp_path / "entities.jsonl"), strict=True
    ):
        assert "relations" not in triple_line and "entities" not in triple_line
        assert triple_line["label"] == [
            [e["start_offset"], e["end_offset"], e["label"]] for e in entity_line["entities"]
        ]


def test_attributes_ride_in_the_entity_and_come_back(project, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    _export(project, out, capsys)
    claims = [e for r in records(out) for e in r["entities"] if e["label"] == "CLAIM"]
    assert [c["attributes"] for c in claims] == [ATTRIBUTES]
    again = tmp_path / "again.db"
    assert main("--db", again, "import", out) == 0
    with Store.open(again) as store:
        found = [
            (layer.document.text[s.start : s.end], s.attributes)
            for layer in iter_layers(store.db, LayerFilter())
            for s in layer.spans
            if s.label == "CLAIM"
        ]
    assert found == [(CLAIM, ATTRIBUTES)]


@pytest.mark.parametrize("shape", ["entities", "label"])
def test_export_import_export_gives_the_same_records(project, tmp_path, capsys, shape):
    first = tmp_path / "first.jsonl"
    _export(project, first, capsys, "--doccano-shape", shape)
    fresh = tmp_path / "fresh.db"
    assert main("--db", fresh, "import", first) == 0  # told from the content
    assert f"{first}: 4 lines read" in capsys.readouterr().out
    second = tmp_path / "second.jsonl"
    _export(fresh, second, capsys, "--doccano-shape", shape)
    assert [without_ids(r) for r in records(second)] == [without_ids(r) for r in records(first)]
    with Store.open(project) as source, Store.open(fresh) as back:
        want = layers(source, attributes=shape == "entities")
        if shape == "label":  # the shape has no relations
            want = type(want)({(a, t, s, frozenset()): n for (a, t, s, _r), n in want.items()})
        assert layers(back, attributes=shape == "entities") == want
        titles = {
            d.text: (d.title, d.source, d.meta.get("file")) for d in back.documents.iter_all()
        }
        for doc in source.documents.iter_all():
            if doc.text in titles:
                assert titles[doc.text] == (doc.title, doc.source, doc.meta.get("file"))


def test_standard_output_and_a_bad_shape(project, capsys):
    assert main("--db", project, "export", "--format", "doccano", "-o", "-") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and all(line.startswith('{"id": ') for line in lines)
    with Store.open(project) as store, pytest.raises(ValidationError, match="doccano-shape"):
        write_doccano(store, io.StringIO(), LayerFilter(), {"doccano_shape": "spans"})


def test_metadata_doccano_keeps_for_itself_is_not_written_and_said(tmp_path, capsys):
    db = tmp_path / "p.db"
    with Store.open(db) as store:
        added = store.documents.add_many(
            [NewDocument(text="قال بوتين", title="t", meta={"label": "x"})]
        )
        layer, actor = store.layer_and_writer("mona")
        store.annotations.add_span(added.ids[0], layer, "PERSON", 4, 9, actor_id=actor)
    err = _export(db, tmp_path / "out.jsonl", capsys)
    assert "note: document metadata not written under label: doccano uses those keys" in err
    (record,) = records(tmp_path / "out.jsonl")
    assert record["entities"][0]["start_offset"] == 4 and "label" not in record
