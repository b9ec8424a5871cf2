"""`annotator agree`: the table, and JSON and CSV files that parse."""

from __future__ import annotations

import argparse
import csv
import importlib
import json
from pathlib import Path

import pytest

from annotator.cli import agree_commands
from annotator.core.formats.import_text import import_text_files
from annotator.core.store import Store

ROOT = Path(__file__).resolve().parent.parent
# the module (the package's `main` attribute is the function of the same name)
cli_main = importlib.import_module("annotator.cli.main")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    with Store.open(path) as store:
        import_text_files(store, [ROOT / "seeds"])
        doc = next(d for d in store.documents.ids() if "فبوتين" in store.documents.text(d))
        text = store.documents.text(doc)
        other = next(d for d in store.documents.ids() if d != doc)
        start = text.index("فبوتين")
        quote = text.index("في مواجهة التوترات")
        speaker = text.index("قال بوتين: ”") + 4
        for name, trim in (("علي", 0), ("sara", 1), ("omar", 0)):
            who = store.ensure_annotator(name).id
            store.annotations.add_span(doc, who, "PERSON", start + trim, start + 6)
            q = store.annotations.add_span(doc, who, "QUOTE", quote, quote + 10)
            s = store.annotations.add_span(doc, who, "PERSON", speaker, speaker + 5)
            store.annotations.add_relation(q.id, s.id, "SAID_BY")
            if name != "omar":
                store.annotations.add_span(other, who, "GPE", 0, 5)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli_main.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_agree_prints_the_table(project: Path, capsys):
    status, out, _ = run(capsys, "--db", str(project), "agree", "--documents")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "agreement of 3 annotators: omar, sara, علي"
    header = next(i for i, text in enumerate(lines) if text.startswith("label"))
    assert lines[header].split() == [
        *("label", "exact", "F1", "overlap", "F1", "kappa", "Fleiss", "alpha")
    ]
    rows = {text.split()[0]: text.split()[1:] for text in lines[header + 1 : header + 4]}
    assert set(rows) == {"PERSON", "GPE", "QUOTE"}
    assert rows["QUOTE"] == ["1.000"] * 5
    assert rows["GPE"][:3] == ["1.000"] * 3
    assert any(text.startswith("omar / sara") for text in lines)
    assert any(text.startswith("SAID_BY") and text.endswith("1.000") for text in lines)
    assert any("(missing: omar)" in text for text in lines)
    assert any(text.startswith("note: Fleiss") for text in lines)


def test_agree_writes_json_and_csv(project: Path, tmp_path: Path, capsys):
    out_json, out_csv = tmp_path / "agree.json", tmp_path / "csv"
    argv = ["--db", str(project), "agree", "--json", str(out_json), "--csv", str(out_csv)]
    status, _, err = run(capsys, *argv, "--annotator", "علي", "--annotator", "sara")
    assert status == 0 and "wrote" in err
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["annotators"] == ["علي", "sara"]
    (pair,) = data["pairs"]
    assert pair["per_label"]["PERSON"]["exact_f1"] == 0.5
    assert pair["per_label"]["PERSON"]["overlap_f1"] == 1.0
    assert pair["relations"]["SAID_BY"] == {"shared_heads": 1, "same_target": 1, "share": 1.0}
    for name in ("labels", "pairs", "relations", "documents", "coverage"):
        with (out_csv / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert rows, name
    with (out_csv / "pairs.csv").open(encoding="utf-8", newline="") as fh:
        assert {r["annotator_a"] for r in csv.DictReader(fh)} == {"علي"}


def test_agree_json_to_stdout_and_label_filter(project: Path, capsys):
    status, out, _ = run(capsys, "--db", str(project), "agree", "--label", "GPE", "--json", "-")
    assert status == 0
    data = json.loads(out)
    assert data["labels"] == ["GPE"] and data["summary"]["GPE"]["alpha"] == 1.0


def test_agree_errors_are_one_line(project: Path, capsys):
    status, _, err = run(capsys, "--db", str(project), "agree", "--annotator", "nobody")
    assert status == 1 and err.startswith("annotator: error:") and "nobody" in err
    status, _, err = run(capsys, "--db", str(project), "agree", "--annotator", "sara")
    assert status == 1 and "two or more annotators" in err


def test_agree_visual_output(project: Path, capsys):
    status, out, _ = run(capsys, "--db", str(project), "--visual", "agree")
    assert status == 0 and "علي" not in out.splitlines()[0]  # reshaped for the terminal


def test_register_on_a_fresh_parser():
    parser = argparse.ArgumentParser()
    handlers = agree_commands.register(parser.add_subparsers(dest="command"))
    assert set(handlers) == {"agree"}
    args = parser.parse_args(["agree", "--label", "PERSON", "--documents", "--csv", "d"])
    assert args.label == ["PERSON"] and args.documents and args.csv == "d"
