"""JSONL import: our round trip, Prodigy and doccano lines, errors by line, no half imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.formats.export_jsonl import export_jsonl, iter_records
from annotator.core.formats.import_jsonl import import_jsonl
from annotator.core.store import Store

from .test_export_jsonl import _annotate_seeds

TEXT = "قال بوتين في موسكو: «سنواصل»"


def _write(path: Path, lines: list) -> Path:
    path.write_text(
        "\n".join(
            line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
            for line in lines
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def _layers(store: Store) -> list:
    """Everything an export says about annotations, without ids and timestamps."""
    out = []
    for r in iter_records(store):
        spans = sorted(
            (s["start"], s["end"], s["label"], s["text"], json.dumps(s["attributes"]))
            for s in r["spans"]
        )
        rels = sorted(
            (r2["head_span"]["start"], r2["child_span"]["start"], r2["label"])
            for r2 in r["relations"]
        )
        out.append((r["text"], r["_annotator_id"], r["meta"]["status"], spans, rels))
    return sorted(out)


def _snapshot(store: Store) -> tuple:
    return tuple(
        store.db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        for table in ("documents", "spans", "relations", "annotators", "labels", "doc_status")
    )


def test_round_trip_of_our_export(seeded: Store, tmp_path: Path):
    _annotate_seeds(seeded, "a")
    seeded.annotations.set_status(
        seeded.documents.ids()[1], seeded.annotator_by_name("a").id, "done"
    )
    out = export_jsonl(seeded, tmp_path / "a.jsonl")
    with Store.open(tmp_path / "other.db") as other:
        report = import_jsonl(other, tmp_path / "a.jsonl")
        assert report.spans_added == out.spans and report.relations_added == out.relations
        assert _layers(other) == _layers(seeded)
        again = import_jsonl(other, tmp_path / "a.jsonl")
        assert again.spans_added == 0 and again.relations_added == 0
        assert _layers(other) == _layers(seeded)
        titles = sorted(d.title for d in other.documents.iter_all())
        assert titles == sorted(d.title for d in seeded.documents.iter_all())


def test_prodigy_lines_with_relations(store: Store, tmp_path: Path):
    quote = {"start": TEXT.index("«") + 1, "end": TEXT.index("»"), "label": "QUOTE"}
    person = {"start": 4, "end": 9, "label": "PERSON"}
    line = {
        "text": TEXT,
        "spans": [person, quote],
        "relations": [
            {"head": 7, "child": 1, "label": "SAID_BY", "head_span": quote, "child_span": person}
        ],
        "_annotator_id": "news_ner-ali",
        "answer": "accept",
        "meta": {"source": "وكالة"},
    }
    rejected = {**line, "text": "نص مرفوض", "spans": [], "relations": [], "answer": "reject"}
    report = import_jsonl(store, _write(tmp_path / "p.jsonl", [line, rejected]))
    assert report.spans_added == 2 and report.relations_added == 1
    assert report.skipped == [(2, 'answer is "reject", not "accept"')]
    (record,) = iter_records(store)
    assert record["_annotator_id"] == "news_ner-ali"
    assert record["meta"]["source"] == "وكالة"
    assert record["relations"][0]["head_span"]["label"] == "QUOTE"


def test_doccano_both_shapes(store: Store, tmp_path: Path):
    old = {"text": TEXT, "label": [[4, 9, "PERSON"], [13, 18, "GPE"]]}
    new = {
        "text": TEXT + " اليوم",
        "entities": [
            {"id": 7, "start_offset": 4, "end_offset": 9, "label": "PERSON"},
            {"id": 8, "start_offset": 21, "end_offset": 27, "label": "QUOTE"},
        ],
        "relations": [{"id": 1, "from_id": 8, "to_id": 7, "type": "SAID_BY"}],
    }
    report = import_jsonl(store, _write(tmp_path / "d.jsonl", [old, new]), annotator="doccano")
    assert report.documents_added == 2 and report.spans_added == 4
    assert report.relations_added == 1
    records = list(iter_records(store))
    assert {r["_annotator_id"] for r in records} == {"doccano"}
    for r in records:
        for s in r["spans"]:
            assert r["text"][s["start"] : s["end"]] == s["text"]


def test_offsets_are_carried_through_normalization(store: Store, tmp_path: Path):
    text = "\ufeffسطر\r\nقال \ufefbعب"
    start = text.index("\ufefb")
    line = {"text": text, "spans": [{"start": start, "end": start + 3, "label": "PERSON"}]}
    import_jsonl(store, _write(tmp_path / "n.jsonl", [line]))
    (record,) = iter_records(store)
    assert record["text"] == "سطر\nقال لاعب"
    assert record["spans"][0]["text"] == "لاعب"


BAD_LINES = [
    ("{not json", "bad JSON"),
    ('["a list"]', "must be a JSON object"),
    ({"spans": []}, '"text" is missing'),
    ({"text": TEXT, "spans": [{"start": 0, "end": 999, "label": "PERSON"}]}, "outside the text"),
    ({"text": TEXT, "spans": [{"start": -3, "end": 2, "label": "PERSON"}]}, "outside the text"),
    ({"text": TEXT, "spans": [{"start": 4, "end": 9, "label": "NOPE"}]}, "unknown label 'NOPE'"),
    ({"text": TEXT, "spans": [{"start": 4.0, "end": 9, "label": "PERSON"}]}, "whole number"),
    ({"text": TEXT, "spans": [{"start": 9, "end": 4, "label": "PERSON"}]}, "reversed"),
    ({"text": TEXT, "label": [[4, 9]]}, "must be \\[start, end"),
    ({"text": "مُحمد", "spans": [{"start": 1, "end": 3, "label": "PERSON"}]}, "combining mark"),
    ({"text": TEXT, "spans": [], "relations": [{"label": "SAID_BY"}]}, "head_span"),
    ({"text": 5}, '"text" is missing or not a string'),
    ({"text": "a\u0000b"}, "NUL"),
    (
        '{"text": "قال بوتين", "spans": [{"start": 4, "end": 9, "label": "PERSON", '
        '"attributes": {"score": NaN}}]}',
        "bad JSON \\(NaN is not a JSON number\\)",
    ),
]


@pytest.mark.parametrize(("bad", "message"), BAD_LINES)
def test_bad_line_names_file_and_line_and_changes_nothing(seeded, tmp_path, bad, message):
    good = {"text": TEXT, "spans": [{"start": 4, "end": 9, "label": "PERSON"}]}
    path = _write(tmp_path / "bad.jsonl", [good, "", bad])
    before = _snapshot(seeded)
    with pytest.raises(InputError, match=message) as info:
        import_jsonl(seeded, path)
    assert info.value.path == str(path) and info.value.line == 3
    assert f"{path}, line 3" in str(info.value)
    assert _snapshot(seeded) == before


def test_bad_utf8_and_unknown_labels_created_on_request(store, tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_bytes(b'{"text": "ok", "spans": []}\n{"text": "\xd9"}\n')
    with pytest.raises(InputError, match="line 2: not valid UTF-8"):
        import_jsonl(store, path)
    line = {"text": TEXT, "spans": [{"start": 4, "end": 9, "label": "PER"}]}
    report = import_jsonl(store, _write(tmp_path / "c.jsonl", [line]), create_labels=True)
    assert report.labels_created == ["PER"]
    assert store.labels.get("PER").kind == "entity"
