"""WebAnno TSV 3.3 (INCEpTION). No Python library reads this format, so what we read is
checked on small files written here after the examples of INCEpTION's specification
(multi-token and stacked spans with [ids], sub-tokens, UTF-16 offsets after an emoji,
relations with [governor_dependent] ids, escaped values), and what we write against the
specification's rules with offsets computed by Python's own UTF-16 codec. A round trip
keeps every annotation; bad files are refused by name and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.store import Store
from tests.conftest import SEEDS
from tests.formats.inception_project import (
    HARD_TEXT,
    annotations,
    assert_refused,
    build,
    main,
    tree,
)

NE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
HEAD = f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE}|value\n"


def _file(tmp_path: Path, body: str, name: str = "doc.tsv") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def _read(tmp_path: Path, path: Path, capsys, *extra: str) -> tuple[str, set, set]:
    db = tmp_path / "read.db"
    status = main("--db", str(db), "import", str(path), "--create-labels", *extra)
    assert status == 0, capsys.readouterr().err
    with Store.open(db) as store:
        ((_, text, spans, relations),) = annotations(store)
    return text, {(text[s[0] : s[1]], s[2]) for s in spans}, relations


def test_multi_token_stacked_spans_sub_tokens_and_an_emoji(tmp_path: Path, capsys):
    # after the specification's "Ms. Haag plays Elianti ." examples; 😊 takes 2 UTF-16 units
    body = HEAD + (
        "\n\n#Text=Ms. Haag 😊 plays Elianti .\n"
        "1-1\t0-3\tMs.\tPER[1]|TITLE[2]\n"
        "1-2\t4-8\tHaag\tPER[1]\n"
        "1-3\t9-11\t😊\t_\n"
        "1-4\t12-17\tplays\t_\n"
        "1-4.1\t12-16\tplay\tVERB\n"
        "1-5\t18-25\tElianti\tWORK\n"
        "1-6\t26-27\t.\t_\n"
    )
    text, spans, _ = _read(tmp_path, _file(tmp_path, body), capsys)
    assert text == "Ms. Haag 😊 plays Elianti ."
    assert spans == {("Ms. Haag", "PER"), ("Ms.", "TITLE"), ("play", "VERB"), ("Elianti", "WORK")}


def test_relations_with_disambiguation_ids_and_escaped_values(tmp_path: Path, capsys):
    # after the specification's "This is a test ." relation example, with values
    body = (
        f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE}|value\n"
        f"#T_RL=webanno.custom.Relation|value|BT_{NE}\n"
        "\n\n#Text=This is a test .\n"
        "1-1\t0-4\tThis\tSUBJECT\t_\t_\t\n"
        "1-2\t5-7\tis\t_\t_\t_\t\n"
        "1-3\t8-9\ta\t_\t_\t_\t\n"
        "1-4\t10-14\ttest\t_\t_\t_\t\n"
        "1-5\t15-16\t.\tSTOP[1]|END\\_MARK[2]\tIS\\_A\t1-1[0_2]\t\n"
    )
    _, spans, relations = _read(tmp_path, _file(tmp_path, body), capsys)
    assert spans == {("This", "SUBJECT"), (".", "STOP"), (".", "END_MARK")}
    assert relations == {((0, 4, "SUBJECT"), (15, 16, "END_MARK"), "IS_A")}


def test_sentences_multi_line_text_escapes_and_gaps(tmp_path: Path, capsys):
    # a sentence over two lines, an escaped tab and backslash in #Text, then a sentence
    # one UTF-16 unit further than right after the first one's line: a space fills it
    body = HEAD + (
        "\n\n#Text=A\\tB\\\\\n#Text=C\n"
        "1-1\t0-1\tA\tX\t\n"
        "1-2\t2-3\tB\t_\t\n"
        "1-3\t3-4\t\\\t_\t\n"
        "1-4\t5-6\tC\tY\t\n"
        "\n#Text=D\n"
        "2-1\t8-9\tD\tZ\t\n"
    )
    text, spans, _ = _read(tmp_path, _file(tmp_path, body), capsys)
    assert text == "A\tB\\\nC\n D"
    assert spans == {("A", "X"), ("C", "Y"), ("D", "Z")}


def test_inception_columns_we_do_not_read_are_named_in_warnings(tmp_path: Path, capsys):
    # INCEpTION writes NamedEntity with both features, `*` for a null value
    body = (
        f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE}|identifier|value\n\n\n"
        "#Text=Ms. Haag plays .\n"
        "1-1\t0-3\tMs.\tQ7[1]\tPER[1]\t\n"
        "1-2\t4-8\tHaag\tQ7[1]\tPER[1]\t\n"
        "1-3\t9-14\tplays\t_\t_\t\n"
        "1-4\t15-16\t.\t*\t*\t\n"
    )
    path = _file(tmp_path, body)
    _, spans, _ = _read(tmp_path, path, capsys)
    assert spans == {("Ms. Haag", "PER")}
    err = capsys.readouterr().err
    assert f"note: {path}: feature identifier not read (2 cells hold a value)" in err
    assert f"note: {path}: named entities without a value (no label) not read: 1" in err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    db = tmp_path / "source.db"
    with Store.open(db) as store:
        build(store, tmp_path)
    return db


def _export(db: Path, out: Path, capsys) -> str:
    capsys.readouterr()
    assert main("--db", str(db), "export", "--format", "webanno-tsv", "-o", str(out)) == 0
    return capsys.readouterr().err


def _utf16(text: str, start: int, end: int) -> str:
    """The characters between two Java (UTF-16) positions, by Python's own codec."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def test_what_we_write_follows_the_specification(project: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    _export(project, out, capsys)
    lines = (out / "mona" / "hard.tsv").read_text(encoding="utf-8").split("\n")
    assert lines[0] == "#FORMAT=WebAnno TSV 3.3"
    assert lines[1] == f"#T_SP={NE}|value"
    assert lines[2] == "#T_SP=webanno.custom.NewsAttributes|label|attributes"
    assert lines[3] == f"#T_RL=webanno.custom.NewsRelation|label|BT_{NE}"
    assert lines[4:6] == ["", ""] and lines[6].startswith("#Text=😀 قال")
    rows = [line.split("\t") for line in lines if line[:1].isdigit()]
    assert all(len(row) == 3 + 5 + 1 and row[-1] == "" for row in rows)  # trailing tab
    for row in rows:
        begin, end = map(int, row[1].split("-"))
        assert _utf16(HARD_TEXT, begin, end) == row[2]
    by_token = {row[2]: row for row in rows}
    assert by_token["حَمْدَان"][3] == "PERSON[1]" and by_token["راشد"][3] == "PERSON[1]"
    assert by_token["حَمْدَان"][6:8] == ["SAID\\_BY", f"{by_token['سنبني'][0]}[2_1]"]
    assert by_token["الإمارات"][3] == "ORG[4]|GPE[5]"
    assert by_token["دبي"][3] == "QUOTE[2]|GPE[3]"  # ids in span order
    assert by_token["_"][3] == "CLAIM[7]" and by_token["_"][4] == "CLAIM[8]"
    assert '{"checkworthy": "yes", "stance": "none"}[8]' in by_token["_"][5]
    texts = [line for line in lines if line.startswith("#Text=")]
    assert texts[1:3] == ["#Text=", "#Text="]  # the blank line, up to the next sentence
    assert texts[3] == "#Text=وأكدت وزارة خارجية الإمارات 🇦🇪 أن الاتفاق نهائي\\tوملزم \\\\ للطرفين."


def test_round_trip_gives_back_every_annotation_and_the_same_files(
    project: Path, tmp_path: Path, capsys
):
    first, second = tmp_path / "first", tmp_path / "second"
    err = _export(project, first, capsys)
    assert "exported 12 files, 34 spans, 4 relations" in err
    again = tmp_path / "again.db"
    assert main("--db", str(again), "import", str(first)) == 0  # told by its first line
    assert f"{first}: 12 files read, 6 documents added" in capsys.readouterr().out
    with Store.open(project) as source, Store.open(again) as copy:
        assert annotations(copy) == annotations(source)
    _export(again, second, capsys)
    assert tree(second) == tree(first)


UNKNOWN_LAYER = (
    "#FORMAT=WebAnno TSV 3.3\n"
    f"#T_SP={NE}|value\n"
    "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS|PosValue\n"
    "\n\n#Text=Haag\n1-1\t0-4\tHaag\tPER\tNNP\n"
)


@pytest.mark.parametrize(
    ("body", "line", "expected"),
    [
        (UNKNOWN_LAYER, 3, "unknown layer de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS"),
        (HEAD + "\n\n#Text=Ms. Haag\n1-1\t0-3\tMs.\tPER\n1-2\t4-8\n", 7, "bad token line"),
        (HEAD + "\n\n#Text=Ms. Haag\n1-1\t0-3\tMs.\tPER\n1 2\t4-8\tHaag\t_\n", 7, "bad token"),
        (HEAD + "\n\n#Text=Ms. Haag\n1-1\t0-3\tMs.\tPER\n1-2\t4-9\tHaag\t_\n", 7, "outside"),
        (HEAD + "\n\n#Text=Ms. Haag\n1-1\t0-3\tMs.\tPER\n1-2\t3-7\tHaag\t_\n", 7, "not the text"),
        (HEAD + "\n\n#Text=😊 Haag\n1-1\t0-1\t😊\tPER\n", 6, "splits a surrogate pair"),
        ("#FORMAT=WebAnno TSV 3.3\n#T_RL=webanno.custom.X|label|BT_webanno.custom.Y\n", 2, "unk"),
    ],
    ids=["unknown-layer", "columns", "token-id", "outside", "mismatch", "surrogate", "rel-layer"],
)
def test_bad_tsv_is_refused_by_file_and_line_and_changes_nothing(
    tmp_path: Path, capsys, body: str, line: int, expected: str
):
    path = _file(tmp_path, body)
    db = tmp_path / "target.db"
    assert main("--db", str(db), "import", str(SEEDS)) == 0
    err = assert_refused(db, path, capsys, expected)
    assert f"{path}, line {line}: " in err


def test_a_relation_to_a_missing_span_names_its_line(tmp_path: Path, capsys):
    body = (
        f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE}|value\n"
        f"#T_RL=webanno.custom.NewsRelation|label|BT_{NE}\n"
        "\n\n#Text=Ms. Haag\n1-1\t0-3\tMs.\tPER\t_\t_\n1-2\t4-8\tHaag\t_\tSAID\\_BY\t1-1\n"
    )
    path = _file(tmp_path, body)
    db = tmp_path / "target.db"
    assert main("--db", str(db), "import", str(SEEDS)) == 0
    assert_refused(db, path, capsys, f"{path}, line 8: a relation end has no named entity")
