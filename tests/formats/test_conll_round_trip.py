"""CoNLL through `annotator export --format conll` and `annotator import`: layers survive
a round trip (one file per annotator), a second export is the first one byte for byte,
Wojood files come back exactly (PERS kept as PERS), the report says what CoNLL cannot
carry, and bad input is one line naming the file and line, the project unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.formats.conll_folder import annotator_file_name, annotator_of
from annotator.core.formats.conll_format import write_conll_target
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from tests.fixtures.conll_samples import CORPUS_NAMES, Corpus, corpus
from tests.formats.conll_cases import main, seeded_project, token_runs

TWO = ("مها", "sa/ra")  # a name a file name cannot hold as it is


def stats(db: Path, capsys) -> dict:
    capsys.readouterr()
    assert main("--db", str(db), "stats", "--json") == 0
    return json.loads(capsys.readouterr().out)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(params=CORPUS_NAMES)
def sample(request) -> Corpus:
    """Our own nested-BIO files; the Wojood sample too when ../shared is beside the clone."""
    return corpus(request.param)


# -- layers ----------------------------------------------------------------------------------


def test_two_annotators_layers_survive_a_round_trip(tmp_path: Path, capsys):
    with seeded_project(tmp_path / "p.db", TWO) as store:
        expected = {who: token_runs(store, who) for who in TWO}
    first = tmp_path / "first"
    args = ["export", "--format", "conll", "--per-annotator"]
    assert main("--db", str(tmp_path / "p.db"), *args, "-o", str(first)) == 0
    assert sorted(files_of(first)) == ["sa%2Fra.conll", "مها.conll"]
    assert "annotators' layers in one file" not in capsys.readouterr().err

    fresh = tmp_path / "fresh.db"
    assert main("--db", str(fresh), "import", str(first), "--create-labels") == 0  # told apart
    out = capsys.readouterr().out
    assert f"{first}: 2 layers (sa/ra, مها)" in out
    assert set(stats(fresh, capsys)["spans_per_annotator"]) == set(TWO)
    with Store.open(fresh) as again:
        assert {who: token_runs(again, who) for who in TWO} == expected
        assert sum(expected["مها"].values()) > 100

    second = tmp_path / "second"
    assert main("--db", str(fresh), *args, "-o", str(second)) == 0
    assert files_of(second) == files_of(first)


def test_one_file_round_trip_is_a_fixed_point(tmp_path: Path, capsys):
    with seeded_project(tmp_path / "p.db") as store:
        expected = token_runs(store, "مها")
    first, second = tmp_path / "first.conll", tmp_path / "second.conll"
    assert (
        main("--db", str(tmp_path / "p.db"), "export", "--format", "conll", "-o", str(first)) == 0
    )
    fresh = tmp_path / "fresh.db"
    assert main("--db", str(fresh), "import", str(first), "--annotator", "مها") == 0
    with Store.open(fresh) as again:
        assert token_runs(again, "مها") == expected
    assert main("--db", str(fresh), "export", "--format", "conll", "-o", str(second)) == 0
    assert second.read_bytes() == first.read_bytes()


def test_tabs_spaces_and_the_header_comment_read_the_same(tmp_path: Path, capsys):
    with seeded_project(tmp_path / "p.db") as store:
        expected = token_runs(store, "مها")
        for name, options in (
            ("tab", {}),
            ("space", {"separator": "space"}),
            ("header", {"header_comment": True}),
        ):
            path = tmp_path / f"{name}.conll"
            written = write_conll_target(store, path, LayerFilter(), options)
            first = path.read_text(encoding="utf-8").split("\n")[0]
            if name == "header":
                assert first == written.header()
                assert first.startswith("# exported by annotator: clitics=whole-token, ")
            else:
                assert ("\t" in first) == (name == "tab") and (" " in first) == (name == "space")
            db = tmp_path / f"{name}.db"
            assert main("--db", str(db), "import", str(path), "--annotator", "مها") == 0
            with Store.open(db) as again:
                assert token_runs(again, "مها") == expected, name


def test_file_names_of_annotators():
    for name in ("مها", "a/b", ".hidden", "x%41", "trailing.", "C:*?<>|", "back\\slash", "ok "):
        file_name = annotator_file_name(name)
        assert "/" not in file_name and "\\" not in file_name and not file_name.startswith(".")
        assert not file_name[: -len(".conll")].endswith((" ", "."))
        assert annotator_of(Path(file_name)) == name
    assert annotator_file_name("مها") == "مها.conll"


def test_annotators_whose_files_would_clash_are_refused(store: Store, tmp_path: Path):
    (doc,) = store.documents.add_many([NewDocument("قال بوتين", "t")]).ids
    for who in ("Ali", "ali"):
        store.annotations.add_span(doc, store.ensure_annotator(who).id, "PERSON", 4, 9)
    with pytest.raises(ValidationError, match="would share a file name"):
        write_conll_target(store, tmp_path / "out", LayerFilter(), {"per_annotator": True})
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("out")]
    only = write_conll_target(
        store, tmp_path / "out", LayerFilter(("Ali",)), {"per_annotator": True}
    )
    assert only.files == 1 and [p.name for p in (tmp_path / "out").iterdir()] == ["Ali.conll"]


# -- Wojood ----------------------------------------------------------------------------------


def test_wojood_round_trip_is_exact_with_map_wojood(tmp_path: Path, capsys, sample: Corpus):
    p = sample.primary
    db = tmp_path / "p.db"
    imp = ["import", "--format", "conll", "--map-wojood", "--create-labels"]
    assert main("--db", str(db), *imp, str(p.path)) == 0
    per_label = stats(db, capsys)["spans_per_label"]
    assert per_label["PERSON"] == p.per_type["PERS"] and "PERS" not in per_label
    out = tmp_path / "val.txt"
    exp = ["export", "--format", "conll", "--separator", "space", "--no-pad"]
    assert main("--db", str(db), *exp, "--map-wojood", "-o", str(out)) == 0
    assert out.read_bytes() == p.path.read_bytes()
    # the same through the old commands
    again = tmp_path / "again.txt"
    assert main("--db", str(db), "export-conll", "--separator", "space", "--no-pad",
                "--map-wojood", "-o", str(again)) == 0  # fmt: skip
    assert again.read_bytes() == p.path.read_bytes()
    # without --map-wojood, PERS lines say PERSON and nothing else changes
    plain = tmp_path / "plain.txt"
    assert main("--db", str(db), *exp, "-o", str(plain)) == 0
    original = p.path.read_text(encoding="utf-8").split("\n")
    exported = plain.read_text(encoding="utf-8").split("\n")
    changed = [(a, b) for a, b in zip(original, exported, strict=True) if a != b]
    assert changed and all(b == a.replace("-PERS", "-PERSON") for a, b in changed)
    assert len(changed) == sum(1 for line in original if "-PERS" in line)


# -- what CoNLL cannot carry -----------------------------------------------------------------


def test_the_report_says_what_conll_cannot_carry(tmp_path: Path, capsys):
    with seeded_project(tmp_path / "p.db", TWO) as store:
        layers = [store.annotator_by_name(who).id for who in TWO]
        ids = store.documents.ids()
        relations = sum(len(store.annotations.relations(d, a)) for d in ids for a in layers)
        with_attributes = sum(
            1 for d in ids for a in layers for s in store.annotations.spans(d, a) if s.attributes
        )
        store.annotations.set_status(ids[0], layers[0], "done")
    assert relations > 5 and with_attributes > 5
    db = str(tmp_path / "p.db")
    capsys.readouterr()
    assert main("--db", db, "export", "--format", "conll", "-o", str(tmp_path / "a.conll")) == 0
    err = capsys.readouterr().err.split("\n")
    assert f"note: {relations} relations not carried: CoNLL has no links" in err
    assert f"note: attributes of {with_attributes} spans not carried: CoNLL has tags only" in err
    assert (
        "note: 1 layer marked done: the status is not carried (an import marks its layers "
        "in progress)" in err
    )
    assert any(line.startswith("note: 2 annotators' layers in one file") for line in err)
    assert any(line.startswith("note: clitics=whole-token, ") for line in err)
    assert any(line.startswith("note: spacing of 12 documents not carried") for line in err)

    args = ["export", "--format", "conll", "--outer-only", "--per-annotator"]
    assert main("--db", db, *args, "-o", str(tmp_path / "b")) == 0
    err = capsys.readouterr().err
    assert "annotators' layers in one file" not in err
    assert "nested spans not carried: --outer-only writes the outer column only" in err


# -- bad input -------------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, capsys) -> tuple[Path, dict]:
    """A project holding one document, and its stats."""
    db = tmp_path / "p.db"
    with Store.open(db) as store:
        (doc,) = store.documents.add_many([NewDocument("قال بوتين", "t")]).ids
        store.annotations.add_span(doc, store.ensure_annotator("ali").id, "PERSON", 4, 9)
    return db, stats(db, capsys)


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        ("قال\tO\nبوتين\tB-PERSON\nفي\tX-GPE\n", 3,
         "malformed tag 'X-GPE' (expected O, B-TYPE or I-TYPE)"),
        ("قال\tO\nبوتين\n", 2, "no tag after the token 'بوتين'"),
        ("قال\tO\n$#$\tB-GPE\n", 2, "the segment marker $#$ has a tag other than O"),
        ("قال\tO\n\nروسيا\tB-NOPE\n", 3, "unknown label 'NOPE' (use --create-labels to add it)"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_changes_nothing(
    tmp_path: Path, capsys, project, content: str, line: int, problem: str
):
    db, before = project
    path = tmp_path / "bad.conll"
    path.write_text(content, encoding="utf-8")
    assert main("--db", str(db), "import", "--format", "conll", str(path)) == 1
    assert capsys.readouterr().err == f"annotator: error: {path}, line {line}: {problem}\n"
    assert stats(db, capsys) == before


def test_a_bad_file_in_a_per_annotator_folder_changes_nothing(tmp_path: Path, capsys, project):
    db, before = project
    folder = tmp_path / "layers"
    folder.mkdir()
    (folder / "mona.conll").write_text("قال\tO\nبوتين\tB-PERSON\n", encoding="utf-8")
    bad = folder / "sara.conll"
    bad.write_text("قال\tO\nبوتين\tB-PERSON\tI-\n", encoding="utf-8")
    assert main("--db", str(db), "import", str(folder)) == 1
    assert capsys.readouterr().err == (
        f"annotator: error: {bad}, line 2: malformed tag 'I-' (expected O, B-TYPE or I-TYPE)\n"
    )
    assert stats(db, capsys) == before

    bad.unlink()
    stray = folder / "notes.txt"
    stray.write_text("a note", encoding="utf-8")
    assert main("--db", str(db), "import", "--format", "conll", str(folder)) == 1
    err = capsys.readouterr().err
    assert err == (
        f"annotator: error: {stray}: a CoNLL folder holds only <annotator>.conll files "
        "(one per layer)\n"
    )
    assert stats(db, capsys) == before


def test_per_annotator_needs_a_new_folder(tmp_path: Path, capsys, project):
    db, _ = project
    args = ["--db", str(db), "export", "--format", "conll", "--per-annotator"]
    assert main(*args, "-o", "-") == 1
    assert capsys.readouterr().err == (
        "annotator: error: --per-annotator writes a folder: give -o FOLDER\n"
    )
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(*args, "-o", str(full)) == 1
    assert "folder is not empty" in capsys.readouterr().err
    assert [p.name for p in full.iterdir()] == ["keep.txt"]
    assert main(*args, "--annotator", "nobody", "-o", str(tmp_path / "new")) == 1
    assert capsys.readouterr().err == "annotator: error: no annotator called 'nobody'\n"
    assert not (tmp_path / "new").exists()


def test_a_folder_names_its_layers_and_says_so_of_annotator(tmp_path: Path, capsys):
    folder = tmp_path / "layers"
    folder.mkdir()
    (folder / "mona.conll").write_text("قال\tO\nبوتين\tB-PERSON\n", encoding="utf-8")
    (folder / "sara.conll").write_text("قال O\nبوتين B-GPE\n", encoding="utf-8")
    db = tmp_path / "p.db"
    assert main("--db", str(db), "import-conll", str(folder), "--annotator", "omar") == 0
    captured = capsys.readouterr()
    assert f"{folder}: 2 layers (mona, sara)" in captured.out
    assert captured.err == (
        f"{folder}: --annotator omar not used: each file's name gives its layer\n"
    )
    assert stats(db, capsys)["spans_per_annotator"] == {"mona": 1, "sara": 1}
