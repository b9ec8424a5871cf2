"""brat import: our export comes back whole (export → import → export gives the same
annotations and the same files), files written by brat's own code are read, and a
single `.ann`, a flat folder or an export root are each read as brat lays them out."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.formats.brat.brat_import import sniff_brat
from annotator.core.formats.registry import get_format, guess_format
from annotator.core.import_files import import_files
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from tests.formats.brat_helpers import annotations, at, build

BRAT = get_format("brat")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_export_import_export_gives_back_every_annotation_and_the_same_files(tmp_path: Path):
    with Store.open(tmp_path / "source.db") as source:
        build(source, tmp_path)
        BRAT.write(source, tmp_path / "first", LayerFilter(), {})
        original = annotations(source)
    with Store.open(tmp_path / "once.db") as once:
        result = import_files(once, [tmp_path / "first"], format="brat")
        assert result.spans_added == sum(len(s) for s, _ in original.values())
        assert annotations(once) == original  # annotators, spans, attributes, notes, links
        BRAT.write(once, tmp_path / "second", LayerFilter(), {})
    assert _files(tmp_path / "second") == _files(tmp_path / "first")


def _brat_written(folder: Path, text: str, build_ann) -> Path:
    """A document pair whose `.ann` is written by brat's own annotation classes."""
    import bratsubset.annotation as brat

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "d.txt").write_bytes(text.encode("utf-8"))
    (folder / "d.ann").write_bytes(b"")
    with brat.TextAnnotations(str(folder / "d")) as doc:
        build_ann(brat, doc)
        written = str(doc)
    (folder / "d.ann").write_text(written, encoding="utf-8", newline="")
    return folder / "d.ann"


TEXT = "😀 قال حَمْدَان بن راشد:\r\n«سنبني مدرسة\r\nفي دبي»"


def _annotate(brat, doc) -> None:
    def span(kind: str, *pieces: tuple[int, int]):
        ann = brat.TextBoundAnnotationWithText(
            list(pieces), doc.get_new_id("T"), kind, " ".join(TEXT[a:b] for a, b in pieces)
        )
        doc.add_annotation(ann)
        return ann

    person = span("PERSON", at(TEXT, "حَمْدَان بن راشد"))
    start, end = at(TEXT, "سنبني مدرسة\r\nفي دبي")
    cut = TEXT.index("\r\n", start)
    quote = span("QUOTE", (start, cut), (cut + 2, end))  # brat cuts at the line break
    doc.add_annotation(
        brat.BinaryRelationAnnotation(
            doc.get_new_id("R"), "SAID_BY", "Arg1", quote.id, "Arg2", person.id, "\t"
        )
    )
    doc.add_annotation(brat.AttributeAnnotation(person.id, doc.get_new_id("A"), "famous", "", True))
    doc.add_annotation(brat.AttributeAnnotation(quote.id, doc.get_new_id("A"), "tone", "", "calm"))
    doc.add_annotation(
        brat.OnelineCommentAnnotation(person.id, doc.get_new_id("#"), "AnnotatorNotes", "\truler")
    )


def test_a_file_brat_wrote_is_read_at_the_right_characters(tmp_path: Path, store: Store):
    ann = _brat_written(tmp_path / "brat", TEXT, _annotate)
    import_files(store, [ann], format="brat", annotator="huda")
    [doc] = list(store.documents.iter_all())
    assert doc.text == TEXT.replace("\r\n", "\n")  # stored text is normalized…
    got = {
        s.label: (doc.text[s.start : s.end], s.attributes)
        for s in store.annotations.spans(doc.id, store.layer_and_writer("huda")[0])
    }
    assert got == {  # …and the spans moved with it
        "PERSON": ("حَمْدَان بن راشد", {"famous": True, "note": "ruler"}),
        "QUOTE": ("سنبني مدرسة\nفي دبي", {"tone": "calm"}),
    }
    [((layer_name, _), (_, relations))] = annotations(store).items()
    assert layer_name == "huda"
    assert [r[2] for r in relations] == ["SAID_BY"]


def test_a_flat_folder_goes_to_the_named_annotator_or_imported(tmp_path: Path, store: Store):
    _brat_written(tmp_path / "flat", TEXT, _annotate)
    import_files(store, [tmp_path / "flat"], format="brat")
    assert {name for name, _ in annotations(store)} == {"imported"}


def test_valid_brat_we_cannot_carry_is_skipped_with_a_warning(tmp_path: Path, store: Store):
    (tmp_path / "d.txt").write_text("قال بوتين اليوم", encoding="utf-8")
    (tmp_path / "d.ann").write_text(
        "T1\tPERSON 4 9\tبوتين\nT2\tQUOTE 0 3\tقال\nE1\tQUOTE:T2 Agent:T1\n"
        "R1\tSAID_BY Arg1:T2 Arg2:T1\t\nA1\tNegated E1\nN1\tReference T1 Wikidata:Q7747\tPutin\n"
        "*\tEquiv T1 T2\n#1\tAnnotatorNotes R1\tlink note\n",
        encoding="utf-8",
    )
    result = import_files(store, [tmp_path / "d.ann"], format="brat")
    assert (result.spans_added, result.relations_added) == (2, 1)
    warned = "\n".join(result.warnings)
    for line, what in (
        (3, "events"),
        (5, "attribute on E1"),
        (6, "normalizations"),
        (7, "equivalences"),
        (8, "note on R1"),
    ):
        assert f"d.ann, line {line}: " in warned and what in warned, what


def test_an_export_root_and_its_annotators_are_told_from_the_folder(tmp_path: Path):
    with Store.open(tmp_path / "p.db") as source:
        build(source, tmp_path)
        BRAT.write(source, tmp_path / "out", LayerFilter(), {})
    assert sniff_brat(tmp_path / "out") and sniff_brat(tmp_path / "out" / "mona")
    assert guess_format(tmp_path / "out").name == "brat"
    assert guess_format(next((tmp_path / "out" / "mona").glob("*.ann"))).name == "brat"
    assert not sniff_brat(tmp_path / "hard.txt") and not sniff_brat(tmp_path)  # too deep
    with Store.open(tmp_path / "q.db") as store:
        import_files(store, [tmp_path / "out" / "sara"], format="brat", annotator="x")
        assert {name for name, _ in annotations(store)} == {"x"}


def test_labels_a_project_lacks_are_refused_unless_created(tmp_path: Path, store: Store):
    (tmp_path / "d.txt").write_text("قال بوتين اليوم", encoding="utf-8")
    (tmp_path / "d.ann").write_text("T1\tLEADER 4 9\tبوتين\n", encoding="utf-8")
    from annotator.core.errors import InputError

    with pytest.raises(InputError, match=r"d\.ann, line 1: unknown label 'LEADER'"):
        import_files(store, [tmp_path / "d.ann"], format="brat")
    import_files(store, [tmp_path / "d.ann"], format="brat", create_labels=True)
    assert store.labels.get("LEADER").kind == "entity"
