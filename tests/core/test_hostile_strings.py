"""Hostile strings are data: stored intact, found literally, never executed.

Markup, SQL, LIKE wildcards, quotes, control characters and bidi marks in document
titles and texts, label names, annotator names and span attributes survive the store and
a JSONL export/import round trip unchanged; searching for `%` or `_` finds only the
documents that contain that character; a label scheme file is read as data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError, ValidationError
from annotator.core.formats.export_jsonl import export_jsonl
from annotator.core.formats.import_jsonl import import_jsonl
from annotator.core.model import Label
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.store.labels import load_scheme
from annotator.core.store.listing import document_ids

CONTROL = ["bell\x07", "\x1b[31mred\x1b[0m"]
PRINTABLE = [
    "<b>x</b><img src=x>",
    "50%",
    "snake_case",
    "O'Brien",
    'say "hi"',
    "'; DROP TABLE spans; --",
    "\u200fمرحبا\u200e abc",
    "\u202eevil\u202c",
    "R&D &amp; <!-- -->",
    "{0} %s \\N{BULLET}",
]
HOSTILE = PRINTABLE + CONTROL


def label_name(n: int, text: str) -> str:
    return f"L{n} {text}".strip()[:64]


def fill(store: Store) -> dict:
    """One document per hostile string, with a span labelled and attributed with it."""
    made = {"titles": {}, "labels": {}, "annotators": {}, "attributes": {}}
    docs = store.documents.add_many(
        NewDocument(text=f"الخبر {n}: {value} نهاية", title=value)
        for n, value in enumerate(HOSTILE)
    ).ids
    for n, (doc, value) in enumerate(zip(docs, HOSTILE, strict=True)):
        made["titles"][doc] = value
        name = label_name(n, value) if value in PRINTABLE else "PERSON"
        if value in PRINTABLE:
            store.labels.add(Label(name=name, kind="entity", colour="#123456", description=value))
        person = store.ensure_annotator(f"{n} {value}" if value in PRINTABLE else f"{n}")
        attributes = {"note": value, value: [value, {"nested": value}]}
        span = store.annotations.add_span(doc, person.id, name, 0, 5, attributes)
        made["labels"][span.id] = name
        made["annotators"][span.id] = person.name
        made["attributes"][span.id] = attributes
    return made


def test_stored_intact(store: Store):
    made = fill(store)
    for doc, title in made["titles"].items():
        got = store.documents.get(doc)
        assert got.title == title and title in got.text
    for span_id, attributes in made["attributes"].items():
        span = store.annotations.span(span_id)
        assert span.attributes == attributes
        assert span.label == made["labels"][span_id]
        assert store.annotator(span.annotator_id).name == made["annotators"][span_id]
    for name in made["labels"].values():
        assert store.labels.get(name).name == name
    # the SQL in the strings did nothing
    tables = {row[0] for row in store.db.execute("SELECT name FROM sqlite_master")}
    assert {"spans", "labels", "documents"} <= tables
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("value", CONTROL)
def test_control_characters_are_refused_in_names(store: Store, value: str):
    with pytest.raises(ValidationError, match="control characters"):
        store.ensure_annotator(value)
    with pytest.raises(ValidationError, match="control characters"):
        store.labels.add(Label(name=value, kind="entity", colour="#123456"))


def test_jsonl_export_import_round_trip(store: Store, tmp_path: Path):
    made = fill(store)
    out = tmp_path / "out.jsonl"
    report = export_jsonl(store, out)
    assert report.lines == len(HOSTILE)
    assert all(json.loads(line) for line in out.read_text("utf-8").splitlines())
    with Store.open(tmp_path / "copy.db") as copy:
        imported = import_jsonl(copy, out, create_labels=True)
        assert imported.documents_added == len(HOSTILE)
        titles = {doc.title for doc in copy.documents.iter_all()}
        assert titles == set(made["titles"].values())
        got = {}
        for doc in copy.documents.iter_all():
            for span in copy.annotations.spans(doc.id):
                got[doc.title] = (
                    span.label,
                    copy.annotator(span.annotator_id).name,
                    span.attributes,
                )
        want = {}
        for span_id, attributes in made["attributes"].items():
            title = store.documents.get(store.annotations.span(span_id).document_id).title
            want[title] = (made["labels"][span_id], made["annotators"][span_id], attributes)
        assert got == want
        assert copy.labels.names() >= set(made["labels"].values())


def test_search_is_literal(store: Store):
    docs = dict(
        zip(
            ["percent", "underscore", "plain", "quote", "sql", "title_only"],
            store.documents.add_many(
                [
                    NewDocument("ارتفع 50% اليوم", "percent"),
                    NewDocument("the snake_case name", "underscore"),
                    NewDocument("plain 50 percent snake case text", "plain"),
                    NewDocument("it's here", "quote"),
                    NewDocument("x '; DROP TABLE spans; -- y", "sql"),
                    NewDocument("nothing special", "100% in the title only"),
                ]
            ).ids,
            strict=True,
        )
    )
    assert document_ids(store, None, query="%") == sorted([docs["percent"], docs["title_only"]])
    assert document_ids(store, None, query="_") == [docs["underscore"]]
    assert document_ids(store, None, query="%_%") == []
    assert document_ids(store, None, query="'") == [docs["quote"], docs["sql"]]
    assert document_ids(store, None, query="'; DROP TABLE spans; --") == [docs["sql"]]
    assert document_ids(store, None, query='"') == []
    in_text = [d for d in document_ids(store, None, query="%") if "%" in store.documents.text(d)]
    assert in_text == [docs["percent"]]
    in_text = [d for d in document_ids(store, None, query="_") if "_" in store.documents.text(d)]
    assert in_text == [docs["underscore"]]
    assert "spans" in {row[0] for row in store.db.execute("SELECT name FROM sqlite_master")}


# -- label schemes are data ----------------------------------------------------------------------


def write_scheme(tmp_path: Path, data) -> Path:
    path = tmp_path / "scheme.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), "utf-8")
    return path


LABEL = {"name": "X", "kind": "entity", "colour": "#aabbcc"}


@pytest.mark.parametrize(
    "item",
    [
        {**LABEL, "__class__": "os.system"},
        {**LABEL, "__init__": {"cmd": "touch PWNED"}},
        {**LABEL, "kind": "__import__('os').system('touch PWNED')"},
        {**LABEL, "colour": "javascript:alert(1)"},
        {**LABEL, "name": "\x1b[31mred"},
        "!!python/object/apply:os.system ['touch PWNED']",
    ],
    ids=["__class__", "extra-field", "code-as-kind", "code-as-colour", "escape", "yaml-tag"],
)
def test_scheme_with_code_is_refused(tmp_path: Path, monkeypatch, item):
    monkeypatch.chdir(tmp_path)
    path = write_scheme(tmp_path, {"labels": [item]})
    with pytest.raises(InputError, match=r"label #1"):
        load_scheme(path)
    assert not (tmp_path / "PWNED").exists()


def test_yaml_is_not_a_scheme(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write_scheme(tmp_path, "labels: !!python/object/apply:os.system ['touch PWNED']\n")
    with pytest.raises(InputError, match="bad JSON"):
        load_scheme(path)
    assert not (tmp_path / "PWNED").exists()


def test_code_in_scheme_values_is_stored_as_text(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    item = {
        "name": "!!python/object/apply:os.system",
        "kind": "entity",
        "colour": "#aabbcc",
        "description": "{{ __import__('os').system('touch PWNED') }} <script>x</script>",
        "options": {"__class__": "subprocess.Popen", "__reduce__": ["os.system", ["touch x"]]},
    }
    path = write_scheme(tmp_path, {"__class__": "os.system", "labels": [item]})
    (label,) = load_scheme(path)
    with Store.open(tmp_path / "p.db", scheme=path) as store:
        stored = store.labels.get(item["name"])
    for got in (label, stored):
        assert got.name == item["name"]
        assert got.description == item["description"]
        assert got.options == item["options"]
    assert not (tmp_path / "PWNED").exists() and not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    "field",
    [
        {"position": 10**30},  # was: OverflowError out of `annotator labels import`
        {"position": -1},
        {"position": "1; DROP TABLE labels"},
        {"position": 1.5},
        {"position": True},
        {"description": {"__class__": "os.system"}},
        {"description": ["touch PWNED"]},
    ],
    ids=["huge", "negative", "sql", "float", "bool", "object", "list"],
)
def test_scheme_with_wrong_types_is_refused(tmp_path: Path, field):
    path = write_scheme(tmp_path, {"labels": [{**LABEL, **field}]})
    with pytest.raises(InputError, match=r"label #1: .*(position|description)"):
        load_scheme(path)
