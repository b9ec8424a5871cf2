"""Label Studio export, read by Label Studio's own SDK: its converter (JSON-MIN, CoNLL)
finds every span on the characters we meant, after emoji too, and its LabelInterface
(what the Label Studio server validates imported predictions with) accepts our labeling
config and every annotation and prediction against it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from label_studio_sdk.converter import Converter
from label_studio_sdk.label_interface import LabelInterface

from annotator.cli.main import main
from annotator.core.model import Label
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument

from ..core.test_export_jsonl import _annotate_seeds

# an emoji (two UTF-16 units) and a flag (two astral code points) before the names,
# harakat inside one, spans nested in others
HARD = (
    "🇦🇪😀 قال حَمْدَان بن راشد: «سنبني مدرسة في دبي»، "
    "وأكدت وزارة خارجية الإمارات 👍محمد موافق.\n\nنهاية."
)


def _at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def add_hard_document(store: Store) -> int:
    """The hard text with two annotators' layers and a model's predictions."""
    doc = store.documents.add_many([NewDocument(text=HARD, title="صعب", source="test")]).ids[0]
    add = store.annotations.add_span
    for who in ("mona", "sara"):
        layer = store.ensure_annotator(who).id
        person = add(doc, layer, "PERSON", *_at(HARD, "حَمْدَان بن راشد"))
        quote = add(doc, layer, "QUOTE", *_at(HARD, "سنبني مدرسة في دبي"))
        add(doc, layer, "GPE", *_at(HARD, "دبي"))
        org = add(doc, layer, "ORG", *_at(HARD, "وزارة خارجية الإمارات"))
        add(doc, layer, "GPE", *_at(HARD, "الإمارات"))
        add(doc, layer, "PERSON", *_at(HARD, "محمد"))
        store.annotations.add_relation(quote.id, person.id, "SAID_BY")
        if who == "mona":
            claim = add(
                doc,
                layer,
                "CLAIM",
                *_at(HARD, "وزارة خارجية الإمارات 👍محمد موافق"),
                {"checkworthy": "yes", "stance": "supports"},
            )
            store.annotations.add_relation(claim.id, org.id, "CLAIMED_BY")
            store.annotations.set_status(doc, layer, "done")
    model = store.ensure_annotator("predictions:ner-1").id
    add(doc, model, "PERSON", *_at(HARD, "محمد"))
    add(doc, model, "GPE", *_at(HARD, "دبي"))
    return doc


def build_project(store: Store) -> None:
    """Seeds annotated by mona (names, quotes with speakers, claims) plus the hard text."""
    _annotate_seeds(store, "mona")
    add_hard_document(store)


def export(db: Path, out: Path, *options: str) -> list[dict[str, Any]]:
    assert (
        main(["--db", str(db), "export", "--format", "label-studio", "-o", str(out), *options]) == 0
    )
    return json.loads(out.read_text(encoding="utf-8"))


def our_regions(tasks: list[dict[str, Any]]) -> list[tuple[str, int, int, str, str]]:
    """(annotator, start, end, label, text) of every region of every annotation."""
    found = []
    for task in tasks:
        for annotation in task["annotations"]:
            for item in annotation["result"]:
                if item["type"] == "labels":
                    value = item["value"]
                    found.append(
                        (
                            annotation["meta"]["annotator"],
                            value["start"],
                            value["end"],
                            value["labels"][0],
                            value["text"],
                        )
                    )
    return found


@pytest.fixture
def exported(seeded: Store, tmp_path: Path) -> tuple[Path, Path, list[dict[str, Any]]]:
    build_project(seeded)
    out = tmp_path / "tasks.json"
    tasks = export(seeded.path, out)
    return out, tmp_path / "tasks.labeling-config.xml", tasks


def test_sdk_json_min_finds_every_span_on_its_characters(exported, tmp_path: Path):
    tasks_path, config, tasks = exported
    converter = Converter(config=str(config), project_dir=None, download_resources=False)
    converter.convert(str(tasks_path), str(tmp_path / "min"), "JSON_MIN", is_dir=False)
    records = json.loads((tmp_path / "min" / "result.json").read_text(encoding="utf-8"))
    assert len(records) == sum(len(t["annotations"]) for t in tasks) == 7  # 5 seeds + 2
    seen = []
    for record in records:
        for region in record.get("label", []):
            # the SDK hands the offsets on as they are: they must slice Python's string
            assert record["text"][region["start"] : region["end"]] == region["text"]
            seen.append((region["start"], region["end"], region["labels"][0], region["text"]))
    ours = [(s, e, label, text) for _who, s, e, label, text in our_regions(tasks)]
    assert sorted(seen) == sorted(ours)
    assert len(seen) > 60
    # after 🇦🇪😀 (3 code points, 6 UTF-16 units) and " قال " the name starts at code
    # point 8, where the SDK finds it; UTF-16 would have put it at 11
    start, end = _at(HARD, "حَمْدَان بن راشد")
    assert start == 8 and (start, end, "PERSON", "حَمْدَان بن راشد") in seen
    assert (*_at(HARD, "محمد"), "PERSON", "محمد") in seen
    claims = [r for record in records for r in record.get("checkworthy", [])] + [
        record["checkworthy"] for record in records if isinstance(record.get("checkworthy"), str)
    ]
    assert "yes" in claims


def test_sdk_conll_tags_the_name_after_an_emoji(store: Store, tmp_path: Path):
    text = "😀😀 قال محمد بن راشد إن 👍 دبي جميلة."
    doc = store.documents.add_many([NewDocument(text=text, title="t")]).ids[0]
    layer = store.ensure_annotator("mona").id
    store.annotations.add_span(doc, layer, "PERSON", *_at(text, "محمد بن راشد"))
    store.annotations.add_span(doc, layer, "GPE", *_at(text, "دبي"))
    out = tmp_path / "tasks.json"
    export(store.path, out)
    converter = Converter(
        config=str(tmp_path / "tasks.labeling-config.xml"),
        project_dir=None,
        download_resources=False,
    )
    converter.convert(str(out), str(tmp_path / "conll"), "CONLL2003", is_dir=False)
    lines = (tmp_path / "conll" / "result.conll").read_text(encoding="utf-8").splitlines()
    tagged = [(line.split()[0], line.split()[-1]) for line in lines[1:] if line.strip()]
    entities = [(token, tag) for token, tag in tagged if tag != "O"]
    assert entities == [
        ("محمد", "B-PERSON"),
        ("بن", "I-PERSON"),
        ("راشد", "I-PERSON"),
        ("دبي", "B-GPE"),
    ]


def test_label_interface_accepts_the_config_and_every_annotation_and_prediction(exported):
    _tasks_path, config, tasks = exported
    interface = LabelInterface(config.read_text(encoding="utf-8"))
    interface.validate()  # raises on a config Label Studio would refuse
    assert {"label", "checkworthy", "stance"} <= {c.name for c in interface.controls}
    annotations = [a for t in tasks for a in t["annotations"]]
    predictions = [p for t in tasks for p in t["predictions"]]
    assert len(annotations) == 7 and len(predictions) == 1
    assert predictions[0]["model_version"] == "ner-1"
    for item in annotations + predictions:
        assert interface.validate_prediction(item, return_errors=True) == []
    assert interface.validate_annotation(annotations[0])
    # and a region our config does not know is refused: the check can fail
    broken = json.loads(json.dumps(annotations[0]))
    broken["result"][0]["value"]["labels"] = ["NOT_A_LABEL"]
    assert interface.validate_prediction(broken, return_errors=True)


def test_relations_run_from_head_to_child_between_regions_of_one_annotation(exported):
    _tasks_path, _config, tasks = exported
    hard = next(t for t in tasks if t["data"]["text"] == HARD)
    mona = next(a for a in hard["annotations"] if a["meta"]["annotator"] == "mona")
    regions = {r["id"]: r["value"] for r in mona["result"] if r["type"] == "labels"}
    links = {
        (regions[r["from_id"]]["labels"][0], regions[r["to_id"]]["labels"][0], r["labels"][0])
        for r in mona["result"]
        if r["type"] == "relation"
    }
    assert links == {("QUOTE", "PERSON", "SAID_BY"), ("CLAIM", "ORG", "CLAIMED_BY")}
    assert mona["meta"] == {"annotator": "mona", "status": "done"}
    assert hard["data"]["title"] == "صعب" and hard["data"]["document_id"] > 0


def test_config_escapes_label_names_and_lists_every_label(store: Store, tmp_path: Path):
    odd = "Q&A <\"x\"> 'y'"
    store.labels.add(Label(name=odd, kind="entity", colour="#123456"))
    doc = store.documents.add_many([NewDocument(text="نص فيه سؤال وجواب.", title="t")]).ids[0]
    store.annotations.add_span(doc, store.ensure_annotator("mona").id, odd, 0, 2)
    export(store.path, tmp_path / "tasks.json")
    xml = (tmp_path / "tasks.labeling-config.xml").read_text(encoding="utf-8")
    root = ET.fromstring(xml)
    values = {(e.get("value"), e.get("background")) for e in root.iter("Label")}
    assert (odd, "#123456") in values
    assert {e.get("value") for e in root.iter("Relation")} == {"SAID_BY", "CLAIMED_BY"}
    assert len(values) == len([lb for lb in store.labels.all() if lb.kind != "relation"])
    LabelInterface(xml).validate()


def test_config_path_option_and_standard_output(store: Store, tmp_path: Path, capsys):
    doc = store.documents.add_many([NewDocument(text="قال محمد.", title="t")]).ids[0]
    store.annotations.add_span(doc, store.ensure_annotator("mona").id, "PERSON", 4, 8)
    db = str(store.path)
    config = tmp_path / "elsewhere.xml"
    assert main(["--db", db, "export", "--format", "label-studio", "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)[0]["annotations"][0]["result"][0]["value"]["text"] == "محمد"
    assert "no labeling config" in captured.err
    argv = ["--db", db, "export", "--format", "label-studio", "-o", "-", "--ls-config", str(config)]
    assert main(argv) == 0
    assert ET.fromstring(config.read_text(encoding="utf-8")).tag == "View"
    assert main([*argv[:-4], "-o", str(tmp_path / "t.json"), "--ls-emails"]) == 0
    annotation = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))[0]["annotations"][0]
    assert annotation["completed_by"] == {"email": "mona"}
    assert (tmp_path / "t.labeling-config.xml").exists()
