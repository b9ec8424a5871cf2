"""`annotator import-conll` and `export-conll` on the command line, with nested-BIO samples
(our own files, and the Wojood sample when ../shared is beside the clone)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from tests.fixtures.conll_samples import CORPUS_NAMES, Corpus, corpus

cli_main = importlib.import_module("annotator.cli.main")


def main(*argv: str) -> int:
    return cli_main.main(list(argv))


def stats(db: Path, capsys) -> dict:
    capsys.readouterr()
    assert main("--db", str(db), "stats", "--json") == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(params=CORPUS_NAMES)
def sample(request) -> Corpus:
    """Our own nested-BIO files; the Wojood sample too when ../shared is beside the clone."""
    return corpus(request.param)


def test_import_export_and_import_again(tmp_path: Path, capsys, sample: Corpus):
    p, s = sample.primary, sample.secondary
    db = tmp_path / "p.db"
    assert main("--db", str(db), "import-conll", str(p.path), str(s.path), "--create-labels") == 0
    out = capsys.readouterr().out
    assert f"{p.path}: {p.documents} documents, {p.sentences} sentences, {p.tokens} tokens" in out
    assert f"{p.spans} spans ({p.nested} nested, {p.nested_percent:.1f}%)" in out
    assert f"{s.path}: {s.documents} documents" in out and f"{s.spans} spans (" in out
    total = p.documents + s.documents
    assert f"stored: {total} new documents (0 present already), {p.spans + s.spans} spans" in out
    assert f"{p.empty_segments} empty segments" in out
    documents, spans = p.documents + s.documents, p.spans + s.spans
    first = stats(db, capsys)
    assert first["documents"] == documents and first["spans"] == spans

    exported = tmp_path / "all.conll"
    assert main("--db", str(db), "export-conll", "-o", str(exported), "--no-pad") == 0
    err = capsys.readouterr().err
    assert err.startswith("exported by annotator: clitics=whole-token, 0 spans widened")
    assert f"{documents} documents, {spans} spans" in err
    # data only, tab-separated: the policy is said on standard error, not in the file
    first_line = exported.read_text(encoding="utf-8").split("\n")[0]
    assert first_line == "\t".join(p.path.read_text(encoding="utf-8").split("\n")[0].split())

    again = tmp_path / "again.db"
    assert main("--db", str(again), "import-conll", str(exported), "--create-labels") == 0
    second = stats(again, capsys)
    assert second["documents"] == documents
    assert second["spans_per_label"] == first["spans_per_label"]


def test_map_wojood_needs_create_labels_for_the_other_types(tmp_path: Path, capsys, sample: Corpus):
    p = sample.primary
    db = tmp_path / "p.db"
    assert main("--db", str(db), "import-conll", str(p.path), "--map-wojood") == 1
    err = capsys.readouterr().err
    line, kind = p.mapped_refusal
    assert err.startswith(f"annotator: error: {p.path}, line {line}: unknown label {kind!r}")
    assert stats(db, capsys)["documents"] == 0

    path = str(p.path)
    assert main("--db", str(db), "import-conll", path, "--map-wojood", "--create-labels") == 0
    out = capsys.readouterr().out
    assert "labels mapped: PERS->PERSON" in out
    per_label = stats(db, capsys)["spans_per_label"]
    assert per_label["PERSON"] == p.per_type["PERS"] and "PERS" not in per_label


def test_all_files_are_one_transaction(tmp_path: Path, capsys, sample: Corpus):
    db = tmp_path / "p.db"
    bad = tmp_path / "bad.conll"
    bad.write_text("قال O\nبوتين X-PERS\n", encoding="utf-8")
    path = str(sample.primary.path)
    assert main("--db", str(db), "import-conll", path, str(bad), "--create-labels") == 1
    err = capsys.readouterr().err
    assert (
        err == f"annotator: error: {bad}, line 2: malformed tag 'X-PERS' (expected O, "
        "B-TYPE or I-TYPE)\n"
    )
    assert stats(db, capsys)["spans"] == 0


def test_a_nul_in_a_token_is_refused_by_line(tmp_path: Path, capsys):
    db = tmp_path / "p.db"
    path = tmp_path / "a.conll"
    path.write_bytes("في O\nموسكو B-GPE\n\nقال O\nبو\x00تين B-GPE\n".encode())
    assert main("--db", str(db), "import-conll", str(path), "--annotator", "ali") == 1
    err = capsys.readouterr().err
    assert err == f"annotator: error: {path}, line 5: contains NUL bytes: not a text file\n"
    assert stats(db, capsys)["documents"] == 0


def test_repairs_are_reported(tmp_path: Path, capsys):
    db = tmp_path / "p.db"
    path = tmp_path / "a.conll"
    path.write_text("في O\nموسكو I-GPE\n", encoding="utf-8")
    assert main("--db", str(db), "import-conll", str(path), "--annotator", "ali") == 0
    captured = capsys.readouterr()
    assert f"{path}: 1 I- tags without a B- started a span: line 2 I-GPE" in captured.err
    assert stats(db, capsys)["spans_per_annotator"] == {"ali": 1}


@pytest.fixture
def moscow_db(tmp_path: Path) -> Path:
    db = tmp_path / "p.db"
    with Store.open(db) as store:
        text = "زار الوفد وموسكو"
        (doc_id,) = store.documents.add_many([NewDocument(text, "t")]).ids
        ali = store.ensure_annotator("ali").id
        store.annotations.add_span(doc_id, ali, "GPE", text.index("موسكو"), len(text))
        store.annotations.add_span(doc_id, ali, "ORG", 4, 9)
    return db


def test_export_clitic_policies_and_filters(moscow_db: Path, tmp_path: Path, capsys):
    db = str(moscow_db)
    capsys.readouterr()
    assert main("--db", db, "export-conll", "-o", "-", "--clitics", "split") == 0
    captured = capsys.readouterr()
    lines = captured.out.split("\n")
    assert captured.err.startswith("exported by annotator: clitics=split, 0 spans widened")
    assert lines == ["زار\tO", "الوفد\tB-ORG", "و\tO", "موسكو\tB-GPE", ""]
    assert "1 span split from the rest of their tokens" in captured.err

    out = tmp_path / "whole.conll"
    assert main("--db", db, "export-conll", "-o", str(out), "--label", "GPE") == 0
    lines = out.read_text(encoding="utf-8").split("\n")
    assert capsys.readouterr().err.startswith(
        "exported by annotator: clitics=whole-token, 1 span widened to whole tokens"
    )
    assert lines == ["زار\tO", "الوفد\tO", "وموسكو\tB-GPE", ""]

    assert main("--db", db, "export-conll", "-o", str(out), "--annotator", "omar") == 1
    assert "annotator: error: no annotator called 'omar'\n" in capsys.readouterr().err
    assert main("--db", db, "export-conll", "-o", "-", "--annotator", "ali", "--done-only") == 0
    assert capsys.readouterr().out == ""
