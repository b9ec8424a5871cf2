"""Label Studio import: tasks with offsets in code points (Label Studio since 2022) and in
UTF-16 units (older ones) land on the same characters; Label Studio's own task shapes
(user ids, predictions, cancelled annotations, per-region choices) are read; a round trip
export → import → export keeps every annotation; bad files are refused in one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.cli.main import main
from annotator.core.formats.format_table import FORMATS
from annotator.core.formats.label_studio.tasks_file import sniff_label_studio
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from annotator.core.store.layers import iter_layers

from .test_label_studio_write import HARD, build_project, export

NAME = "حَمْدَان"
# an emoji right before the name: 😀 is one code point but two UTF-16 units
TEXT = f"قال 😀{NAME} إن 🇦🇪 دبي جميلة."


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def _region(rid: str, start: int, end: int, label: str, text: str | None) -> dict[str, Any]:
    value: dict[str, Any] = {"start": start, "end": end, "labels": [label]}
    if text is not None:
        value["text"] = text
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "value": value}


def _regions(text: str, utf16: bool, with_text: bool = True) -> list[dict[str, Any]]:
    out = []
    for rid, word, label in (("a", NAME, "PERSON"), ("b", "دبي", "GPE")):
        start = text.index(word)
        end = start + len(word)
        if utf16:
            start, end = _utf16(text, start), _utf16(text, end)
        out.append(_region(rid, start, end, label, word if with_text else None))
    return out


def _write(path: Path, tasks: Any) -> Path:
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _import(db: Path, path: Path, *options: str) -> int:
    argv = ["--db", str(db), "import", "--format", "label-studio", str(path), *options]
    return main(argv)


def _layers(db: Path) -> dict[tuple[str, str], tuple[str, frozenset, frozenset]]:
    """(text, annotator) → (status, spans with attributes, relations), ids aside."""
    found = {}
    with Store.open(db) as store:
        for layer in iter_layers(store.db, LayerFilter()):
            if not layer.spans and layer.status == "new":
                continue
            text = layer.document.text
            by_id = {s.id: (s.start, s.end, s.label) for s in layer.spans}
            spans = frozenset(
                (s.start, s.end, s.label, text[s.start : s.end], json.dumps(s.attributes))
                for s in layer.spans
            )
            links = frozenset(
                (by_id[r.head_id], by_id[r.child_id], r.label) for r in layer.relations
            )
            found[(text, layer.annotator)] = (layer.status, spans, links)
    return found


def _spans(db: Path) -> set[tuple[str, str, str]]:
    with Store.open(db) as store:
        return {
            (layer.annotator, s.label, layer.document.text[s.start : s.end])
            for layer in iter_layers(store.db, LayerFilter())
            for s in layer.spans
        }


@pytest.mark.parametrize("utf16", [False, True], ids=["code points", "UTF-16"])
def test_both_offset_conventions_land_on_the_same_characters(tmp_path: Path, utf16: bool, capsys):
    assert _utf16(TEXT, TEXT.index(NAME)) == TEXT.index(NAME) + 1  # the conventions differ
    tasks = [{"data": {"text": TEXT}, "annotations": [{"result": _regions(TEXT, utf16)}]}]
    db = tmp_path / "p.db"
    assert _import(db, _write(tmp_path / "t.json", tasks)) == 0
    out = capsys.readouterr().out
    assert _spans(db) == {("imported", "PERSON", NAME), ("imported", "GPE", "دبي")}
    assert ("UTF-16 units" in out) == utf16


def test_regions_without_text_are_read_as_code_points(tmp_path: Path):
    tasks = [{"data": {"text": TEXT}, "annotations": [{"result": _regions(TEXT, False, False)}]}]
    db = tmp_path / "p.db"
    assert _import(db, _write(tmp_path / "t.json", tasks), "--annotator", "ali") == 0
    assert _spans(db) == {("ali", "PERSON", NAME), ("ali", "GPE", "دبي")}


def test_label_studio_task_shapes(tmp_path: Path, capsys):
    """As Label Studio exports: user ids and emails, predictions, a cancelled annotation,
    a relation pointing left, per-region choices, a document-level choice."""
    name = _regions(TEXT, True)[0]
    city = _regions(TEXT, True)[1]
    choice = {
        "id": "a",
        "from_name": "checkworthy",
        "to_name": "text",
        "type": "choices",
        "value": {**name["value"], "choices": ["yes"]},
    }
    overall = {
        "from_name": "topic",
        "to_name": "text",
        "type": "choices",
        "value": {"choices": ["x"]},
    }
    said = "دبي جميلة"
    start = TEXT.index(said)
    quote = _region("q", _utf16(TEXT, start), _utf16(TEXT, start + len(said)), "QUOTE", said)
    left = {
        "from_id": "a",
        "to_id": "q",
        "type": "relation",
        "direction": "left",
        "labels": ["SAID_BY"],
    }
    task = {
        "id": 7,
        "data": {"text": TEXT, "title": "عنوان", "url": "https://example.org/1"},
        "annotations": [
            {"id": 1, "completed_by": 3, "result": [name, city, quote, choice, left, overall]},
            {"id": 2, "completed_by": {"id": 4, "email": "sara@example.org"}, "result": [city]},
            {"id": 3, "completed_by": 5, "was_cancelled": True, "result": [city]},
        ],
        "predictions": [{"model_version": "ner-2", "score": 0.5, "result": [name]}],
    }
    db = tmp_path / "p.db"
    # one task object (not in an array), as Label Studio's converter also reads
    assert _import(db, _write(tmp_path / "t.json", task)) == 0
    err = capsys.readouterr().err
    assert "annotation 3 was cancelled" in err
    assert "choices results not tied to a text region" in err
    layers = _layers(db)
    status, spans, links = layers[(TEXT, "label-studio-user-3")]
    assert status == "done"
    assert {(s[2], s[3], json.loads(s[4]).get("checkworthy")) for s in spans} == {
        ("PERSON", NAME, "yes"),
        ("GPE", "دبي", None),
        ("QUOTE", said, None),
    }
    # "left": the arrow runs from to_id to from_id
    assert {(h[2], c[2], label) for h, c, label in links} == {("QUOTE", "PERSON", "SAID_BY")}
    assert {a for _t, a in layers} == {
        "label-studio-user-3",
        "sara@example.org",
        "predictions:ner-2",
    }
    with Store.open(db) as store:
        doc = next(store.documents.iter_all())
        assert doc.title == "عنوان" and doc.meta["url"] == "https://example.org/1"


def test_jsonl_of_tasks_and_the_text_field_option(tmp_path: Path):
    lines = [
        json.dumps({"data": {"body": TEXT}, "annotations": [{"result": _regions(TEXT, False)}]}),
        "",
        json.dumps({"data": {"body": "نص آخر.", "n": 2}, "annotations": []}),
    ]
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "p.db"
    assert _import(db, path, "--ls-text-key", "body") == 0
    with Store.open(db) as store:
        assert sorted(d.text for d in store.documents.iter_all()) == sorted([TEXT, "نص آخر."])


def test_round_trip_keeps_every_annotation(seeded: Store, tmp_path: Path):
    build_project(seeded)
    first = export(seeded.path, tmp_path / "first.json")
    original = _layers(seeded.path)
    assert _import(tmp_path / "b.db", tmp_path / "first.json") == 0
    once = _layers(tmp_path / "b.db")
    second = export(tmp_path / "b.db", tmp_path / "second.json")
    assert _import(tmp_path / "c.db", tmp_path / "second.json") == 0
    assert once == original == _layers(tmp_path / "c.db")
    assert len(original) == 8  # five seeds by mona; mona, sara and the model on HARD
    assert (HARD, "predictions:ner-1") in once and once[(HARD, "mona")][0] == "done"
    # the two exports are the same, ids aside
    assert _without_ids(first) == _without_ids(second)
    a = (tmp_path / "first.labeling-config.xml").read_text(encoding="utf-8")
    assert a == (tmp_path / "second.labeling-config.xml").read_text(encoding="utf-8")


def _without_ids(tasks: list[dict[str, Any]]) -> list[Any]:
    out = []
    for task in tasks:
        data = {k: v for k, v in task["data"].items() if k != "document_id"}
        layers = []
        for item in task["annotations"] + task["predictions"]:
            regions = {r["id"]: r["value"] for r in item["result"] if "value" in r}
            result = sorted(
                json.dumps(
                    {k: v for k, v in r.items() if k not in ("id", "from_id", "to_id")}
                    | {"ends": [regions.get(r.get("from_id")), regions.get(r.get("to_id"))]},
                    ensure_ascii=False,
                    sort_keys=True,
                )
                for r in item["result"]
            )
            layers.append((item.get("meta"), item.get("model_version"), result))
        out.append((data, sorted(layers, key=str)))
    return sorted(out, key=lambda t: t[0]["text"])


def _bad_tasks(tmp_path: Path, case: str) -> tuple[Path, str, str]:
    regions = _regions(TEXT, False)
    if case == "outside":
        regions[1]["value"].update(start=200, end=205)
        expected = "region 'b': offsets 200..205 lie outside the text"
    elif case == "neither":
        regions[0]["value"]["text"] = "محمد"
        expected = "region 'a': value.text 'محمد' is not what offsets 5..13 cover, neither in"
    elif case == "relation":
        regions.append({"from_id": "a", "to_id": "zz", "type": "relation", "labels": ["SAID_BY"]})
        expected = "to_id 'zz' names no region"
    else:
        path = tmp_path / "t.json"
        path.write_text(
            '[\n{"data": {"text": "نص"}, "annotations": []},\n{"data": oops}\n]', "utf-8"
        )
        return path, "line 3", "bad JSON"
    good = {"data": {"text": "نص سليم."}, "annotations": []}
    bad = {"data": {"text": TEXT}, "annotations": [{"result": []}, {"result": regions}]}
    path = tmp_path / "t.json"
    path.write_text(
        "[\n"
        + json.dumps(good, ensure_ascii=False)
        + ",\n"
        + json.dumps(bad, ensure_ascii=False)
        + "\n]",
        encoding="utf-8",
    )
    return path, "line 3: task 2, annotation 2: ", expected


@pytest.mark.parametrize("case", ["outside", "neither", "relation", "not json"])
def test_bad_input_is_one_line_naming_file_and_line_and_changes_nothing(
    tmp_path: Path, capsys, case: str
):
    db = tmp_path / "p.db"
    assert _import(db, _write(tmp_path / "ok.json", [{"data": {"text": "نص أول."}}])) == 0
    before = _layers(db), _document_count(db)
    path, where, expected = _bad_tasks(tmp_path, case)
    capsys.readouterr()
    assert _import(db, path) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{path}, {where}" in err and expected in err, err
    assert (_layers(db), _document_count(db)) == before == ({}, 1)


def _document_count(db: Path) -> int:
    with Store.open(db) as store:
        return sum(1 for _ in store.documents.iter_all())


def test_sniffer_knows_tasks_from_doccano_and_jsonl(tmp_path: Path, seeded: Store):
    build_project(seeded)
    ours = tmp_path / "ours.json"
    export(seeded.path, ours)
    assert sniff_label_studio(ours)
    assert sniff_label_studio(_write(tmp_path / "one.json", {"data": {"text": "x"}}))
    doccano = [{"text": "x", "entities": [], "annotations": []}]
    assert not sniff_label_studio(_write(tmp_path / "doccano.json", doccano))
    assert not sniff_label_studio(_write(tmp_path / "d2.json", [{"text": "x", "label": []}]))
    line = {"text": "x", "meta": {"data": 1}, "spans": []}  # our JSONL: `data` only nested
    assert not sniff_label_studio(_write(tmp_path / "ours.jsonl", line))
    names = [f.name for f in FORMATS]
    assert names.index("label-studio") < names.index("jsonl")


def test_text_saved_with_spaces_collapsed_or_line_breaks_written_out(tmp_path: Path):
    """Label Studio may save `value.text` with runs of spaces collapsed (its issue #3078)
    and line breaks as `\\n`; the offsets still say where the region is."""
    text = "😀 قال  محمد\nبن راشد."
    first, second = text.index("قال"), text.index("محمد")
    result = [
        _region("a", _utf16(text, first), _utf16(text, second + 4), "QUOTE", "قال محمد"),
        _region("b", second, second + len("محمد\nبن راشد"), "PERSON", "محمد\\nبن راشد"),
    ]
    db = tmp_path / "p.db"
    assert (
        _import(
            db,
            _write(
                tmp_path / "t.json", [{"data": {"text": text}, "annotations": [{"result": result}]}]
            ),
        )
        == 0
    )
    assert _spans(db) == {
        ("imported", "QUOTE", "قال  محمد"),
        ("imported", "PERSON", "محمد\nبن راشد"),
    }


def test_an_empty_export_reads_back_as_nothing(store: Store, tmp_path: Path):
    assert export(store.path, tmp_path / "empty.json") == []
    assert _import(tmp_path / "b.db", tmp_path / "empty.json") == 0
    assert _document_count(tmp_path / "b.db") == 0


def test_tasks_written_by_the_sdk(tmp_path: Path, store: Store):
    """Regions, a relation and a prediction made with label_studio_sdk's own classes on our
    labeling config: Python offsets (code points), no `value.text` (its LabelsValue has
    none), relations appended the way its `serialize_regions` does."""
    from label_studio_sdk.label_interface import LabelInterface
    from label_studio_sdk.label_interface.objects import (
        AnnotationValue,
        PredictionValue,
        TaskValue,
    )

    export(store.path, tmp_path / "empty.json")  # for the labeling config of the scheme
    interface = LabelInterface((tmp_path / "empty.labeling-config.xml").read_text("utf-8"))
    text = f"😀😀 قال {NAME}: «سنبني مدرسة في دبي»."
    said = "سنبني مدرسة في دبي"
    labels = interface.get_control("label")
    person = labels.label(["PERSON"], start=text.index(NAME), end=text.index(NAME) + len(NAME))
    quote = labels.label(["QUOTE"], start=text.index(said), end=text.index(said) + len(said))
    quote.add_relation(person, label=["SAID_BY"])
    task = TaskValue(
        data={"text": text},
        annotations=[AnnotationValue(completed_by=3, result=[person, quote])],
        predictions=[PredictionValue(model_version="m1", result=[person])],
    ).model_dump()
    db = tmp_path / "p.db"
    assert _import(db, _write(tmp_path / "sdk.json", [task])) == 0
    assert _spans(db) == {
        ("label-studio-user-3", "PERSON", NAME),
        ("label-studio-user-3", "QUOTE", said),
        ("predictions:m1", "PERSON", NAME),
    }
    layers = _layers(db)
    (_h, _c, link), *more = layers[(text, "label-studio-user-3")][2]
    assert link == "SAID_BY" and not more


def test_big_arrays_are_read_in_pieces_with_the_right_lines(tmp_path: Path, monkeypatch, capsys):
    """The array is read a few bytes at a time (pieces end inside Arabic letters, emoji
    and strings): every task and every error line comes out as when read whole."""
    from annotator.core.formats.label_studio import array_stream

    tasks = [
        {"data": {"text": TEXT}, "annotations": [{"result": _regions(TEXT, n % 2 == 1)}]}
        for n in range(6)
    ]
    tasks[3]["data"]["text"] = TEXT + " ثالث"
    path = _write(tmp_path / "t.json", tasks)  # indented: a task spans many lines
    whole = tmp_path / "whole.db"
    assert _import(whole, path) == 0
    monkeypatch.setattr(array_stream, "CHUNK", 5)
    pieces = tmp_path / "pieces.db"
    assert _import(pieces, path) == 0
    assert _layers(pieces) == _layers(whole) and len(_layers(whole)) == 2

    lines = path.read_text(encoding="utf-8").splitlines()
    fourth = [n for n, line in enumerate(lines, 1) if line == "  {"][3]
    assert lines[fourth + 1].strip().startswith('"text"')  # line fourth + 2
    broken = [*lines[: fourth + 1], '      "text": NaN', *lines[fourth + 2 :]]
    path.write_text("\n".join(broken), encoding="utf-8")
    capsys.readouterr()
    assert _import(tmp_path / "bad.db", path) == 1
    assert f"{path}, line {fourth + 2}: bad JSON (NaN is not" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        ('[\n{"data": {"text": "نص"}},\n]', 3, "a comma before the closing bracket"),
        ('[\n{"data": {"text": "نص"}}\n{"data": {}}]', 3, "expected , or ]"),
        ('[{"data": {"text": "نص"}}]\n[]', 2, "more data after the array"),
        ('[\n\n{"data": {"text": "نص"}, "x": NaN}]', 3, "NaN is not a JSON number"),
        ('[\n{"data": {"text": "نص"', 2, "bad JSON (Expecting ',' delimiter"),
        ("\n\n", 1, "the file is empty"),
        ('"tasks"', 1, "a JSON array or object was expected"),
    ],
)
def test_broken_arrays_name_their_line(
    tmp_path: Path, capsys, content: str, line: int, problem: str
):
    path = tmp_path / "t.json"
    path.write_text(content, encoding="utf-8")
    assert _import(tmp_path / "p.db", path) == 1
    err = capsys.readouterr().err
    assert f"{path}, line {line}: " in err and problem in err, err
    assert _document_count(tmp_path / "p.db") == 0


def test_carriage_returns_count_as_label_studio_counts_them(tmp_path: Path):
    """Label Studio counts "\\r\\n" as two characters (its Text tag's documentation); our
    import drops the "\\r" and carries the offsets along."""
    text = "سطر أول\r\n😀 قال محمد.\r\n"
    start = text.index("محمد")
    result = [_region("a", start, start + 4, "PERSON", "محمد")]
    db = tmp_path / "p.db"
    tasks = [{"data": {"text": text}, "annotations": [{"result": result}]}]
    assert _import(db, _write(tmp_path / "t.json", tasks)) == 0
    assert _spans(db) == {("imported", "PERSON", "محمد")}
    with Store.open(db) as store:
        assert "\r" not in next(store.documents.iter_all()).text
