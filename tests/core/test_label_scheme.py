"""Label examples in the scheme file, and a scheme written back that reads the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import InputError, ValidationError
from annotator.core.model import Label
from annotator.core.resources import default_scheme_path
from annotator.core.store import Store
from annotator.core.store.labels import (
    label_examples,
    load_scheme,
    scheme_json,
    with_examples,
    write_scheme,
)


def test_default_scheme_carries_arabic_examples(store: Store):
    person = store.labels.get("PERSON")
    assert "فلاديمير بوتين" in label_examples(person)
    assert label_examples(store.labels.get("SAID_BY")) == []
    # the examples sit beside a claim's attributes, which still work
    claim = store.labels.get("CLAIM")
    assert claim.options["attributes"]["checkworthy"] == ["yes", "no"]
    assert label_examples(claim)


def test_exported_scheme_reads_back_the_same(store: Store, tmp_path: Path):
    store.labels.update("ORG", options={"examples": ["الأمم المتحدة", "<b>x</b>"]})
    store.labels.add(with_examples(Label("WEAPON", "entity", "#123456", "w", "سلاح"), ["صاروخ"]))
    path = tmp_path / "scheme.json"
    write_scheme(store.labels.all(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    org = next(item for item in data["labels"] if item["name"] == "ORG")
    assert org["examples"] == ["الأمم المتحدة", "<b>x</b>"] and "examples" not in org["options"]
    assert load_scheme(path) == store.labels.all()
    with Store.open(tmp_path / "other.db", scheme=path) as other:
        assert other.labels.all() == store.labels.all()


def test_bundled_scheme_round_trips(tmp_path: Path):
    labels = load_scheme(default_scheme_path())
    path = tmp_path / "again.json"
    path.write_text(scheme_json(labels), encoding="utf-8")
    assert load_scheme(path) == labels


@pytest.mark.parametrize("examples", ["بوتين", [1, 2], [""], ["ok", None]])
def test_bad_examples_are_refused_with_file_and_label(tmp_path: Path, examples):
    path = tmp_path / "bad.json"
    item = {"name": "X", "kind": "entity", "colour": "#123456", "examples": examples}
    path.write_text(json.dumps({"labels": [item]}), encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.json: label #1: .*examples"):
        load_scheme(path)


def test_update_refuses_bad_examples_and_keeps_the_label(store: Store):
    before = store.labels.get("GPE")
    with pytest.raises(ValidationError):
        store.labels.update("GPE", options={"examples": "روسيا"})
    assert store.labels.get("GPE") == before


def test_with_examples_drops_blank_ones_and_keeps_other_options(store: Store):
    claim = with_examples(store.labels.get("CLAIM"), [" أ ", "", "  "])
    assert label_examples(claim) == ["أ"]
    assert "attributes" in claim.options
    assert "examples" not in with_examples(claim, []).options


def test_cli_examples_and_export(tmp_path: Path):
    db = str(tmp_path / "p.db")
    assert main(["--db", db, "labels", "add", "W", "--example", "صاروخ", "--example", "دبابة"]) == 0
    assert main(["--db", db, "labels", "edit", "PERSON", "--example", "بوتين"]) == 0
    out = tmp_path / "s.json"
    assert main(["--db", db, "labels", "export", str(out)]) == 0
    items = {item["name"]: item for item in json.loads(out.read_text("utf-8"))["labels"]}
    assert items["W"]["examples"] == ["صاروخ", "دبابة"]
    assert items["PERSON"]["examples"] == ["بوتين"]


def test_question_mark_is_the_shortcut_sheets_key(store: Store):
    with pytest.raises(ValidationError, match="keyboard-shortcut sheet"):
        store.labels.add(Label("HELPFUL", "entity", "#123456", "?"))
    assert "HELPFUL" not in store.labels.names()
