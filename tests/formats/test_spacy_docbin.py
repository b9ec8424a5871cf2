"""`export --format spacy`, read back by spaCy itself: every Doc rebuilds its text, every
span of the layer is in `doc.spans[key]` at its characters, `doc.ents` is the outer set of
the chosen labels, and the links are in `doc.user_data`."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from annotator.cli.main import main
from annotator.core.layers import Layer, LayerFilter
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.store.layers import iter_layers
from tests.core.test_export_jsonl import _annotate_seeds

# 😀 is astral; حَمْدَان carries harakat; GPE الإمارات nests in the ORG; وموسكو has a
# clitic the GPE span leaves out; the PERSON is a SPEAKER too (same characters).
HARD_TEXT = (
    "😀 قال حَمْدَان بن راشد: «سنبني مدرسة في دبي».\n"
    "وأكدت وزارة خارجية الإمارات أن الاتفاق 🇦🇪 نهائي، وموسكو تعلم."
)
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "DATE", "EVENT"}


def _at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def build_project(store: Store) -> int:
    """Seeds annotated by "a" and "b" (b without its last GPE of each text), plus the hard
    text in both layers; returns the hard text's document id."""
    _annotate_seeds(store, "a")
    _annotate_seeds(store, "b")
    b = store.annotator_by_name("b").id
    for doc in store.documents.iter_all():
        gpe = [s for s in store.annotations.spans(doc.id, b) if s.label == "GPE"]
        if gpe:
            store.annotations.delete_span(gpe[-1].id)
    hard = store.documents.add_many([NewDocument(HARD_TEXT, "hard")]).ids[0]
    for who in ("a", "b"):
        layer = store.ensure_annotator(who).id
        add = store.annotations.add_span
        person = add(hard, layer, "PERSON", *_at(HARD_TEXT, "حَمْدَان بن راشد"))
        add(hard, layer, "SPEAKER", *_at(HARD_TEXT, "حَمْدَان بن راشد"))
        quote = add(hard, layer, "QUOTE", *_at(HARD_TEXT, "سنبني مدرسة في دبي"))
        add(hard, layer, "GPE", *_at(HARD_TEXT, "دبي"))
        add(hard, layer, "ORG", *_at(HARD_TEXT, "وزارة خارجية الإمارات"))
        add(hard, layer, "GPE", *_at(HARD_TEXT, "الإمارات"))
        start, end = _at(HARD_TEXT, "وموسكو")
        add(hard, layer, "GPE", start + 1, end)
        store.annotations.add_relation(quote.id, person.id, "SAID_BY")
    return hard


def read_docs(path: Path) -> list[Doc]:
    return list(DocBin().from_disk(path).get_docs(spacy.blank("ar").vocab))


def _layers(store: Store) -> dict[tuple[int, str], Layer]:
    return {
        (layer.document.id, layer.annotator): layer
        for layer in iter_layers(store.db, LayerFilter())
    }


def _outer(spans: list[tuple[int, int, str]], labels: set[str]) -> list[tuple[int, int, str]]:
    """The spans of `labels` no other span of `labels` contains (the data has no
    crossing overlaps, so this is the outer set)."""
    chosen = [s for s in spans if s[2] in labels]
    return sorted(
        s for s in chosen if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in chosen)
    )


def _export(db: Path, out: Path, *options: str) -> int:
    return main(["--db", str(db), "export", "--format", "spacy", "-o", str(out), *options])


def test_every_doc_rebuilds_its_text_and_holds_every_span(seeded: Store, tmp_path: Path, capsys):
    hard = build_project(seeded)
    out = tmp_path / "all.spacy"
    assert _export(seeded.path, out) == 0
    docs = read_docs(out)
    layers = _layers(seeded)
    assert len(docs) == len(layers) == 12  # six texts, layers a and b
    left_out = 0
    for doc in docs:
        layer = layers[doc.user_data["document_id"], doc.user_data["annotator"]]
        text = layer.document.text
        assert doc.text == text
        assert doc.user_data["title"] == layer.document.title
        assert doc.user_data["status"] == layer.status
        ours = sorted((s.start, s.end, s.label) for s in layer.spans)
        theirs = sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["sc"])
        assert theirs == ours
        for span in doc.spans["sc"]:
            assert span.text == text[span.start_char : span.end_char]
        ents = sorted((e.start_char, e.end_char, e.label_) for e in doc.ents)
        assert ents == _outer(ours, ENTITY_LABELS)
        left_out += sum(1 for s in ours if s[2] in ENTITY_LABELS) - len(ents)
        edges = {s.id: (s.start, s.end) for s in layer.spans}
        relations = [(*edges[r.head_id], *edges[r.child_id], r.label) for r in layer.relations]
        assert [tuple(r) for r in doc.user_data["relations"]] == relations
        attributes = [tuple(a[:3]) for a in doc.user_data["span_attributes"]]
        assert attributes == [(s.start, s.end, s.label) for s in layer.spans if s.attributes]
    assert left_out == 2  # الإمارات inside the ORG, in both layers of the hard text
    err = capsys.readouterr().err
    assert f"note: {left_out} spans of PERSON, ORG, GPE, LOC, DATE, EVENT left out" in err
    hard_docs = [d for d in docs if d.user_data["document_id"] == hard]
    assert {d.user_data["annotator"] for d in hard_docs} == {"a", "b"}
    for doc in hard_docs:
        assert doc.text.startswith("😀 ")
        assert [e.text for e in doc.ents] == [
            "حَمْدَان بن راشد",
            "دبي",
            "وزارة خارجية الإمارات",
            "موسكو",
        ]
        assert [tuple(r) for r in doc.user_data["relations"]] == [
            (*_at(HARD_TEXT, "سنبني مدرسة في دبي"), *_at(HARD_TEXT, "حَمْدَان بن راشد"), "SAID_BY")
        ]
        labels = {s.label_ for s in doc.spans["sc"]}
        assert {"QUOTE", "SPEAKER", "PERSON", "ORG", "GPE"} <= labels


def test_a_clitic_left_out_of_a_span_is_a_token_of_its_own(store: Store, tmp_path: Path):
    text = "زار الوفد وموسكو بالأمس"
    doc_id = store.documents.add_many([NewDocument(text, "t")]).ids[0]
    start = text.index("وموسكو") + 1
    store.annotations.add_span(doc_id, store.ensure_annotator("a").id, "GPE", start, start + 5)
    out = tmp_path / "clitic.spacy"
    assert _export(store.path, out) == 0
    (doc,) = read_docs(out)
    assert [t.text for t in doc] == ["زار", "الوفد", "و", "موسكو", "بالأمس"]
    assert [t.whitespace_ for t in doc] == [" ", " ", "", " ", ""]
    (ent,) = doc.ents
    assert (ent.text, ent.start_char, ent.end_char) == ("موسكو", start, start + 5)
    assert ent.label_ == "GPE"
    assert [(s.start, s.end) for s in doc.spans["sc"]] == [(3, 4)]


def test_ents_labels_and_spans_key_are_chosen(seeded: Store, tmp_path: Path, capsys):
    build_project(seeded)
    out = tmp_path / "gpe.spacy"
    assert _export(seeded.path, out, "--ents-labels", "GPE,QUOTE", "--spans-key", "all") == 0
    for doc in read_docs(out):
        assert "sc" not in doc.spans
        spans = [(s.start_char, s.end_char, s.label_) for s in doc.spans["all"]]
        ents = sorted((e.start_char, e.end_char, e.label_) for e in doc.ents)
        assert ents == _outer(spans, {"GPE", "QUOTE"})
    hard = [d for d in read_docs(out) if d.text == HARD_TEXT]
    # دبي lies inside the quote: the quote is kept, the GPE left out
    assert [e.label_ for e in hard[0].ents] == ["QUOTE", "GPE", "GPE"]
    assert "left out of doc.ents" in capsys.readouterr().err


def test_filters_select_layers_and_labels(seeded: Store, tmp_path: Path):
    build_project(seeded)
    out = tmp_path / "b.spacy"
    assert _export(seeded.path, out, "--annotator", "b", "--label", "PERSON") == 0
    docs = read_docs(out)
    assert {d.user_data["annotator"] for d in docs} == {"b"}
    assert {s.label_ for d in docs for s in d.spans["sc"]} == {"PERSON"}
    assert all(len(d.user_data["relations"]) == 0 for d in docs)  # the quote is left out


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--ents-labels", "NOPE"], "no label called 'NOPE'"),
        (["--ents-labels", "SAID_BY"], "SAID_BY links spans"),
        (["--ents-labels", " , "], "--ents-labels needs one or more label names"),
        (["--spans-key", " "], "--spans-key needs a name"),
        (["--annotator", "nobody"], "no annotator called 'nobody'"),
        (["--split", "0.5,0.5,0"], "--split applies to hf, not spacy"),
    ],
)
def test_bad_options_fail_in_one_line_and_write_nothing(
    seeded: Store, tmp_path: Path, capsys, options: list[str], message: str
):
    build_project(seeded)
    out = tmp_path / "bad.spacy"
    assert _export(seeded.path, out, *options) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err
    assert not list(tmp_path.glob("bad.spacy*"))


def test_never_to_standard_output_or_a_folder(seeded: Store, tmp_path: Path, capsys):
    build_project(seeded)
    assert _export(seeded.path, Path("-")) == 1
    assert "give -o PATH" in capsys.readouterr().err
    assert _export(seeded.path, tmp_path) == 1
    assert "is a folder" in capsys.readouterr().err
    assert _export(seeded.path, tmp_path / "missing" / "x.spacy") == 1
    assert "no folder" in capsys.readouterr().err


def test_spans_with_edges_in_whitespace_keep_their_characters(store: Store, tmp_path: Path):
    """Imported data may start a span on spaces or cover a line break only."""
    text = "قال  بوتين\n\nإن روسيا"
    doc_id = store.documents.add_many([NewDocument(text, "t")]).ids[0]
    layer = store.ensure_annotator("a").id
    for label, start, end in (("PERSON", 3, 10), ("GPE", 10, 13), ("ORG", 11, 12)):
        store.annotations.add_span(doc_id, layer, label, start, end)
    out = tmp_path / "spaces.spacy"
    assert _export(store.path, out) == 0
    (doc,) = read_docs(out)
    assert doc.text == text
    spans = [(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]]
    assert spans == [(3, 10, "PERSON"), (10, 13, "GPE"), (11, 12, "ORG")]
    assert [(e.text, e.label_) for e in doc.ents] == [("  بوتين", "PERSON"), ("\n\nإ", "GPE")]
