"""brat export, read by brat's consumers: pybrat loads every exported folder (every
entity at its characters, every relation), brat's own annotation and configuration code
(bratsubset, as bratiaa ships it) accepts every `.ann` line and both `.conf` files, and
what brat cannot carry is said in the report."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import ValidationError
from annotator.core.formats.registry import get_format
from annotator.core.layers import LayerFilter
from annotator.core.model import Label
from annotator.core.store import Store
from annotator.core.store.layers import iter_layers
from tests.formats.brat_helpers import HARD_TEXT, at, build

BRAT = get_format("brat")


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Store, Path]:
    store = Store.open(tmp_path / "p.db")
    build(store, tmp_path)
    out = tmp_path / "out"
    report = BRAT.write(store, out, LayerFilter(), {})
    assert report.lines == 12  # 6 documents × 2 annotators
    yield store, out
    store.close()


def _layers(store: Store) -> dict:
    return {
        (layer.annotator, layer.document.text): layer
        for layer in iter_layers(store.db, LayerFilter())
    }


def test_pybrat_reads_every_entity_at_its_characters_and_every_relation(exported):
    from pybrat.parser import BratParser

    store, out = exported
    examples = BratParser(error="raise").parse(out)
    layers = _layers(store)
    assert len(examples) == len(layers) == 12
    for example in examples:
        annotator = example.id.partition("/")[0]
        layer = layers[annotator, example.text]  # the .txt is the stored text, exactly
        found = set()
        for entity in example.entities:
            pieces = [(s.start, s.end) for s in entity.spans]
            # brat cuts a span at line breaks: only line breaks between the fragments
            assert entity.mention == " ".join(example.text[a:b] for a, b in pieces)
            for (_, end), (start, _) in pairwise(pieces):
                assert example.text[end:start].strip() == ""
            found.add((pieces[0][0], pieces[-1][1], entity.type))
        assert found == {(s.start, s.end, s.label) for s in layer.spans}
        by_id = {s.id: (s.start, s.end, s.label) for s in layer.spans}
        relations = {
            (
                r.type,
                (r.arg1.spans[0].start, r.arg1.spans[-1].end, r.arg1.type),
                (r.arg2.spans[0].start, r.arg2.spans[-1].end, r.arg2.type),
            )
            for r in example.relations
        }
        assert relations == {
            (r.label, by_id[r.head_id], by_id[r.child_id]) for r in layer.relations
        }


def test_the_hard_text_keeps_emoji_harakat_and_the_quote_over_a_line_break(exported):
    _, out = exported
    [txt] = [p for p in (out / "mona").glob("*.txt") if p.read_bytes() == HARD_TEXT.encode()]
    ann = txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines()
    start, end = at(HARD_TEXT, "حَمْدَان بن راشد")
    assert f"T1\tPERSON {start} {end}\tحَمْدَان بن راشد" in ann
    quote_start, quote_end = at(HARD_TEXT, "سنبني مدرسة في دبي\nقبل الصيف")
    cut = HARD_TEXT.index("\n")
    assert any(
        line.endswith(
            f"QUOTE {quote_start} {cut};{cut + 1} {quote_end}\tسنبني مدرسة في دبي قبل الصيف"
        )
        for line in ann
    )


def test_brat_itself_accepts_every_line_attributes_and_notes(exported):
    import bratsubset.annotation as brat

    _, out = exported
    anns = sorted(out.rglob("*.ann"))
    attributes, notes = set(), set()
    for path in anns:
        # TextAnnotations checks each text field against the .txt, character for character
        with brat.TextAnnotations(str(path)[: -len(".ann")], read_only=True) as doc:
            spans = {a.id: a.type for a in doc.get_textbounds()}
            attributes |= {(spans[a.target], a.type, a.value) for a in doc.get_attributes()}
            notes |= {(spans[c.target], c.type, c.tail.strip()) for c in doc.get_oneline_comments()}
    assert attributes == {("CLAIM", "checkworthy", "yes"), ("CLAIM", "urgent", True)}
    assert notes == {("CLAIM", "AnnotatorNotes", "to check with the ministry")}


def test_the_conf_files_hold_the_label_scheme(exported):
    from bratsubset.projectconfig import ProjectConfiguration

    store, out = exported
    conf = ProjectConfiguration(str(out))
    labels = store.labels.all()
    assert conf.get_entity_types() == [lb.name for lb in labels if lb.kind != "relation"]
    assert conf.get_relation_types() == [lb.name for lb in labels if lb.kind == "relation"]
    assert conf.arc_types_from_to("QUOTE", "PERSON") == ["SAID_BY"]
    assert conf.arc_types_from_to("CLAIM", "SPEAKER") == ["CLAIMED_BY"]
    assert conf.arc_types_from_to("PERSON", "QUOTE") == []
    assert set(conf.attributes_for("CLAIM")) == {"checkworthy", "stance", "urgent"}
    visual = (out / "visual.conf").read_text(encoding="utf-8")
    for label in labels:
        assert f"{label.name}\t" in visual and label.colour in visual
    # bratiaa's layout: one project root, one folder per annotator, same document names
    assert sorted(p.name for p in out.iterdir()) == [
        "annotation.conf",
        "mona",
        "sara",
        "visual.conf",
    ]
    assert {p.name for p in (out / "mona").iterdir()} == {p.name for p in (out / "sara").iterdir()}


def test_the_report_says_what_brat_cannot_carry(tmp_path: Path, seeded: Store):
    doc = next(seeded.documents.iter_all())
    layer, _ = seeded.layer_and_writer("mona")
    add = seeded.annotations.add_span
    add(doc.id, layer, "PERSON", 0, 3, {"who": "two words", "score": 3, "gone": False, "a b": "x"})
    add(doc.id, layer, "ORG", 5, 9, {"note": "first line\nsecond"})
    report = BRAT.write(seeded, tmp_path / "out", LayerFilter(), {})
    notes = "\n".join(report.notes)
    assert "1 attribute values not carried" in notes and "who='two words'" in notes
    assert "1 numeric attribute values written as text" in notes
    assert "1 false or empty attribute values not carried" in notes
    assert "1 attributes not carried: their names are not brat names" in notes
    assert "1 notes: line breaks" in notes
    assert "status" in notes and "metadata" in notes
    ann = next((tmp_path / "out" / "mona").glob("*.ann")).read_text(encoding="utf-8")
    assert "\tscore T1 3\n" in ann and "#1\tAnnotatorNotes T2\tfirst line second\n" in ann


def test_a_label_brat_cannot_name_is_refused_and_nothing_is_written(tmp_path: Path, seeded: Store):
    seeded.labels.add(Label(name="HOLY SITE", kind="entity", colour="#aabbcc"))
    doc = next(seeded.documents.iter_all())
    layer, _ = seeded.layer_and_writer("mona")
    seeded.annotations.add_span(doc.id, layer, "HOLY SITE", 0, 3)
    with pytest.raises(ValidationError, match="'HOLY SITE' cannot be a brat type"):
        BRAT.write(seeded, tmp_path / "out", LayerFilter(), {})
    assert not (tmp_path / "out").exists()
    assert list(tmp_path.glob("out*")) == []
    # leaving it out with --label works, and annotation.conf says nothing of it
    report = BRAT.write(seeded, tmp_path / "out", LayerFilter.of(labels=["PERSON"]), {})
    assert "labels left out of annotation.conf (not brat types): ['HOLY SITE']" in report.notes
    assert "HOLY SITE" not in (tmp_path / "out" / "annotation.conf").read_text(encoding="utf-8")


def test_the_command_line_fails_with_one_line_on_such_a_label(
    tmp_path: Path, seeded: Store, capsys
):
    seeded.labels.add(Label(name="HOLY SITE", kind="entity", colour="#aabbcc"))
    doc = next(seeded.documents.iter_all())
    layer, _ = seeded.layer_and_writer("mona")
    seeded.annotations.add_span(doc.id, layer, "HOLY SITE", 0, 3)
    seeded.close()
    status = main(
        ["--db", str(seeded.path), "export", "--format", "brat", "-o", str(tmp_path / "o")]
    )
    err = capsys.readouterr().err.strip()
    assert status == 1 and "\n" not in err and "HOLY SITE" in err
    assert not (tmp_path / "o").exists()


def test_folder_and_file_names_are_safe_and_stable(tmp_path: Path, seeded: Store):
    docs = list(seeded.documents.iter_all())
    for name in ("../escape", ".hidden", "منى"):
        layer, _ = seeded.layer_and_writer(name)
        seeded.annotations.add_span(docs[0].id, layer, "PERSON", 0, 3)
    first = BRAT.write(seeded, tmp_path / "a", LayerFilter(), {})
    BRAT.write(seeded, tmp_path / "b", LayerFilter(), {})
    folders = sorted(p.name for p in (tmp_path / "a").iterdir() if p.is_dir())
    assert folders == ["%2E.%2Fescape", "%2Ehidden", "منى"]
    assert not (tmp_path / "escape").exists()
    names = sorted(p.name for p in (tmp_path / "a").rglob("*"))
    assert names == sorted(p.name for p in (tmp_path / "b").rglob("*"))  # same names again
    assert f"{Path(docs[0].meta['file']).stem}.ann" in names
    assert first.lines == 3
