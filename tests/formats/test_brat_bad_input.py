"""Bad brat input through the command line: one line naming the `.ann` file (and the
line, where there is one), exit status 1, and the project exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.store import Store

TEXT = "قال بوتين في موسكو اليوم إن الحرب ستنتهي"  # بوتين 4-9, موسكو 13-18
GOOD = "T1\tPERSON 4 9\tبوتين\n"

CASES = {
    "bad id": (GOOD + "X1\tGPE 13 18\tموسكو\n", 2, "'X1' is not a brat id"),
    "id without number": (GOOD + "T\tGPE 13 18\tموسكو\n", 2, "is not a brat id"),
    "spaces for tabs": ("T1 PERSON 4 9 بوتين\n", 1, "separated by tabs"),
    "offsets outside": (GOOD + "T2\tGPE 13 99\tموسكو\n", 2, "outside the text (length 46)"),
    "end before start": (GOOD + "T2\tGPE 18 13\tموسكو\n", 2, "outside the text"),
    "text not at offsets": (GOOD + "T2\tGPE 13 18\tبغداد\n", 2, "is not the text at 13 18"),
    "discontinuous": (GOOD + "T2\tGPE 0 3;13 18\tقال موسكو\n", 2, "discontinuous span 0 3;13 18"),
    "arabic digits": (GOOD + "T2\tGPE ١٣ ١٨\tموسكو\n", 2, "expected T<n><TAB>LABEL START END"),
    "no text field": (GOOD + "T2\tGPE 13 18\n", 2, "expected T<n><TAB>LABEL START END<TAB>TEXT"),
    "relation to unknown T": (GOOD + "R1\tSAID_BY Arg1:T7 Arg2:T1\n", 2, "'T7', not a span"),
    "relation without Arg2": (GOOD + "R1\tSAID_BY Arg1:T1\n", 2, "expected R<n>"),
    "attribute on unknown": (GOOD + "A1\tcheckworthy T9 yes\n", 2, "'T9', not a span"),
    "attribute twice": (GOOD + "A1\tx T1 a\nA2\tx T1 b\n", 3, "T1 has 'x' twice"),
    "id used twice": (GOOD + "T1\tGPE 13 18\tموسكو\n", 2, "id T1 is used twice"),
    "unknown label": (GOOD + "T2\tCITY 13 18\tموسكو\n", 2, "unknown label 'CITY'"),
}


@pytest.fixture
def project(tmp_path: Path, seeded: Store) -> Path:
    doc = next(seeded.documents.iter_all())
    layer, _ = seeded.layer_and_writer("mona")
    seeded.annotations.add_span(doc.id, layer, "PERSON", 0, 3)
    seeded.close()
    return seeded.path


def _state(db: Path) -> tuple:
    with Store.open(db) as store:
        docs = [(d.id, d.sha256) for d in store.documents.iter_all()]
        spans = [
            (s.document_id, s.start, s.end, s.label)
            for d, _ in docs
            for s in store.annotations.spans(d)
        ]
        return docs, spans, sorted(store.labels.names())


def _fails(db: Path, path: Path, capsys) -> str:
    before = _state(db)
    status = main(["--db", str(db), "import", "--format", "brat", str(path)])
    err = capsys.readouterr().err.strip()
    assert status == 1
    assert "\n" not in err and "Traceback" not in err
    assert _state(db) == before
    return err


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_malformed_ann_line_is_one_line_naming_file_and_line(case, tmp_path, project, capsys):
    ann, line, problem = CASES[case]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT + " تماما", encoding="utf-8")
    (folder / "a.ann").write_text(GOOD, encoding="utf-8")  # a good file read first
    (folder / "b.ann").write_text(ann, encoding="utf-8")
    err = _fails(project, folder, capsys)
    assert f"{folder / 'b.ann'}, line {line}: " in err
    assert problem in err


def test_an_ann_without_its_txt(tmp_path, project, capsys):
    (tmp_path / "lost.ann").write_text(GOOD, encoding="utf-8")
    err = _fails(project, tmp_path / "lost.ann", capsys)
    assert err.endswith(
        f"{tmp_path / 'lost.ann'}: no lost.txt beside it (brat keeps the text there)"
    )


def test_text_that_is_not_utf8(tmp_path, project, capsys):
    (tmp_path / "d.txt").write_bytes(TEXT.encode("cp1256"))
    (tmp_path / "d.ann").write_text(GOOD, encoding="utf-8")
    err = _fails(project, tmp_path / "d.ann", capsys)
    assert f"{tmp_path / 'd.txt'}: not UTF-8 text" in err


def test_a_folder_without_ann_files(tmp_path, project, capsys):
    (tmp_path / "only.txt").write_text(TEXT, encoding="utf-8")
    err = _fails(project, tmp_path, capsys)
    assert f"{tmp_path}: no .ann files in this folder" in err


def test_a_relation_the_scheme_forbids_names_the_file(tmp_path, project, capsys):
    (tmp_path / "d.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "d.ann").write_text(
        GOOD + "T2\tGPE 13 18\tموسكو\nR1\tSAID_BY Arg1:T2 Arg2:T1\n", encoding="utf-8"
    )
    err = _fails(project, tmp_path / "d.ann", capsys)
    assert f"{tmp_path / 'd.ann'}: SAID_BY: the head must be a quote span" in err


def test_gold_needs_a_reviewer(tmp_path, project, capsys):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "d.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "gold" / "d.ann").write_text(GOOD, encoding="utf-8")
    err = _fails(project, tmp_path, capsys)
    assert str(tmp_path / "gold" / "d.ann") in err
