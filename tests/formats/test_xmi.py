"""UIMA CAS XMI (INCEpTION): dkpro-cassis reads what we write, we read what cassis writes,
a round trip keeps every annotation, and bad files are refused by name and line."""

from __future__ import annotations

import json
from pathlib import Path

import cassis
import pytest

from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from annotator.core.store.layers import iter_layers
from tests.conftest import SEEDS
from tests.formats.inception_project import (
    HARD_TEXT,
    annotations,
    assert_refused,
    build,
    counts,
    main,
    tree,
)

NE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
REL = "webanno.custom.NewsRelation"
ATTRS = "webanno.custom.NewsAttributes"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    db = tmp_path / "source.db"
    with Store.open(db) as store:
        build(store, tmp_path)
    return db


def _export(db: Path, out: Path, capsys) -> str:
    capsys.readouterr()
    assert main("--db", str(db), "export", "--format", "xmi", "-o", str(out)) == 0
    return capsys.readouterr().err


def _load(folder: Path, name: str) -> cassis.Cas:
    with open(folder / "TypeSystem.xml", "rb") as handle:
        system = cassis.load_typesystem(handle)
    with open(folder / name, "rb") as handle:
        return cassis.load_cas_from_xmi(handle, typesystem=system)


def test_cassis_finds_every_span_and_relation_at_the_right_characters(
    project: Path, tmp_path: Path, capsys
):
    out = tmp_path / "out"
    err = _export(project, out, capsys)
    assert (
        "relations" in err
        and "note: the status (in progress, done) of 12 layers are not carried" in err
    )
    assert sorted(p.name for p in out.iterdir()) == ["mona", "sara"]
    checked_spans = checked_relations = 0
    with Store.open(project) as store:
        for layer in iter_layers(store.db, LayerFilter()):
            doc = layer.document
            name = Path(doc.meta["file"]).stem + ".xmi"
            cas = _load(out / layer.annotator, name)
            assert cas.sofa_string == doc.text
            found = {(a.begin, a.end, a.value, a.get_covered_text()) for a in cas.select(NE)}
            text = doc.text
            assert found == {(s.start, s.end, s.label, text[s.start : s.end]) for s in layer.spans}
            checked_spans += len(found)
            by_id = {s.id: (s.start, s.end, s.label) for s in layer.spans}
            links = {
                (
                    (r.Governor.begin, r.Governor.end, r.Governor.value),
                    (r.Dependent.begin, r.Dependent.end, r.Dependent.value),
                    r.label,
                )
                for r in cas.select(REL)
            }
            assert links == {
                (by_id[r.head_id], by_id[r.child_id], r.label) for r in layer.relations
            }
            checked_relations += len(links)
            attributes = {
                (a.begin, a.end, a.label): json.loads(a.attributes) for a in cas.select(ATTRS)
            }
            assert attributes == {
                (s.start, s.end, s.label): s.attributes for s in layer.spans if s.attributes
            }
            meta = cas.select("de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData")
            assert [m.documentTitle for m in meta] == [doc.title]
            tokens = cas.select("de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token")
            assert all(not t.get_covered_text().isspace() for t in tokens)
    assert checked_spans == 2 * (7 + 2 * 5) and checked_relations == 4


def test_an_emoji_before_a_name_does_not_shift_it_in_the_utf16_offsets(
    project: Path, tmp_path: Path, capsys
):
    out = tmp_path / "out"
    _export(project, out, capsys)
    raw = (out / "mona" / "hard.xmi").read_text(encoding="utf-8")
    name = "حَمْدَان بن راشد"
    start = HARD_TEXT.index(name)
    begin = len(HARD_TEXT[:start].encode("utf-16-le")) // 2  # Java's String positions
    assert begin == start + 1  # one emoji before the name: one more UTF-16 unit
    assert f'begin="{begin}" end="{begin + len(name)}" value="PERSON"' in raw


def _cassis_document(folder: Path, text: str) -> None:
    """A CAS written by cassis, with a type system of its own: INCEpTION's NamedEntity
    and a custom relation layer with a `label`."""
    system = cassis.TypeSystem()
    entity = system.create_type(NE)
    system.create_feature(entity, "value", "uima.cas.String")
    relation = system.create_type("webanno.custom.Relation")
    system.create_feature(relation, "Governor", entity)
    system.create_feature(relation, "Dependent", entity)
    system.create_feature(relation, "label", "uima.cas.String")
    sentiment = system.create_type("webanno.custom.Sentiment")
    system.to_xml(folder / "TypeSystem.xml")
    cas = cassis.Cas(typesystem=system)
    cas.sofa_string = text
    person_at = text.index("بوتين")
    person = entity(begin=person_at, end=person_at + len("بوتين"), value="PERSON")
    quote_at = text.index("سنواصل")
    quote = entity(begin=quote_at, end=quote_at + len("سنواصل القتال"), value="QUOTE")
    cas.add_all([person, quote, sentiment(begin=0, end=2)])
    cas.add(
        relation(
            begin=person.begin, end=person.end, Governor=quote, Dependent=person, label="SAID_BY"
        )
    )
    cas.to_xmi(folder / "cassis.xmi")


def test_we_import_an_xmi_written_by_cassis(tmp_path: Path, capsys):
    text = "🎉🎉 قال بوتين: «سنواصل القتال» 👍"
    folder = tmp_path / "from-cassis"
    folder.mkdir()
    _cassis_document(folder, text)
    raw = (folder / "cassis.xmi").read_text(encoding="utf-8")
    assert f'begin="{text.index("بوتين") + 2}"' in raw  # cassis wrote UTF-16 positions
    db = tmp_path / "p.db"
    assert main("--db", str(db), "import", str(folder / "cassis.xmi")) == 0  # told by its name
    captured = capsys.readouterr()
    out = captured.out
    assert "1 file read, 1 document added" in out and "stored: 2 spans, 1 relations added" in out
    assert "1 annotation of type webanno.custom.Sentiment not read" in captured.err
    with Store.open(db) as store:
        ((annotator, stored, spans, relations),) = annotations(store)
    assert annotator == "imported" and stored == text
    person = (text.index("بوتين"), text.index("بوتين") + 5, "PERSON")
    quote_at = text.index("سنواصل")
    quote = (quote_at, quote_at + len("سنواصل القتال"), "QUOTE")
    assert {s[:3] for s in spans} == {person, quote}
    assert relations == {(quote, person, "SAID_BY")}


def test_round_trip_gives_back_every_annotation_and_the_same_files(
    project: Path, tmp_path: Path, capsys
):
    first, second = tmp_path / "first", tmp_path / "second"
    _export(project, first, capsys)
    again = tmp_path / "again.db"
    assert main("--db", str(again), "import", str(first), "--reviewer", "rana") == 0
    out = capsys.readouterr().out
    assert f"{first}: 12 files read, 6 documents added" in out
    with Store.open(project) as source, Store.open(again) as copy:
        assert annotations(copy) == annotations(source)
        assert len(annotations(source)) == 12
    _export(again, second, capsys)
    assert tree(second) == tree(first)


def test_a_folder_is_told_by_its_xmi_files_and_gold_needs_a_reviewer(
    project: Path, tmp_path: Path, capsys
):
    out = tmp_path / "out"
    _export(project, out, capsys)
    (out / "mona").rename(out / "gold")
    db = tmp_path / "p.db"
    assert main("--db", str(db), "import", str(out)) == 1
    assert "gold" in capsys.readouterr().err
    assert counts(db, capsys)["documents"] == 0


def _one_document(tmp_path: Path, capsys, project: Path) -> Path:
    out = tmp_path / "out"
    _export(project, out, capsys)
    return out / "mona" / "hard.xmi"


def _no_type_system(path: Path) -> None:
    (path.parent / "TypeSystem.xml").unlink()


def _cut_short(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _doctype(path: Path) -> None:
    body = path.read_text(encoding="utf-8").split("\n", 1)[1]
    entity = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
    path.write_text(f'<?xml version="1.0"?>\n{entity}\n{body}', encoding="utf-8")


def _outside(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    start = raw.index('value="PERSON"')
    cut = raw.rindex('end="', 0, start)
    stop = raw.index('"', cut + 5)
    path.write_text(raw[:cut] + 'end="9999' + raw[stop:], encoding="utf-8")


def _undeclared(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    path.write_text(raw.replace("ner:NamedEntity", "ner:Organization", 1), encoding="utf-8")


def _surrogate(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    start = raw.index('value="PERSON"')
    cut = raw.rindex('begin="', 0, start)
    stop = raw.index('"', cut + 7)
    path.write_text(raw[:cut] + 'begin="1' + raw[stop:], encoding="utf-8")  # inside 😀


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (_no_type_system, "no TypeSystem.xml beside it"),
        (_cut_short, "not well-formed XML"),
        (_doctype, "declares a DOCTYPE or entities"),
        (_outside, "outside the text"),
        (_undeclared, "is not declared in TypeSystem.xml"),
        (_surrogate, "splits a surrogate pair"),
    ],
    ids=["no-type-system", "malformed", "doctype", "outside", "undeclared-type", "surrogate"],
)
def test_bad_xmi_is_refused_by_file_and_line_and_changes_nothing(
    project: Path, tmp_path: Path, capsys, spoil, expected
):
    path = _one_document(tmp_path, capsys, project)
    spoil(path)
    db = tmp_path / "target.db"
    assert main("--db", str(db), "import", str(SEEDS)) == 0
    err = assert_refused(db, path, capsys, expected, extra=("--format", "xmi"))
    assert f"{path}, line " in err
