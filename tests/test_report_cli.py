"""`annotator report --out DIR`: the folder it writes, and its errors."""

from __future__ import annotations

import csv
import importlib
import sys
from pathlib import Path

import pytest

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
        start = text.index("فبوتين")
        kyiv = text.index("كييف")
        for name, trim, label in (("شيماء", 0, "GPE"), ("ليلى", 1, "LOC"), ("omar", 0, None)):
            who = store.ensure_annotator(name).id
            store.annotations.add_span(doc, who, "PERSON", start + trim, start + 6)
            if label:
                store.annotations.add_span(doc, who, label, kyiv, kyiv + 4)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli_main.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_report_writes_the_folder(project: Path, tmp_path: Path, capsys):
    out_dir = tmp_path / "out"
    status, out, err = run(capsys, "--db", str(project), "report", "--out", str(out_dir))
    assert status == 0, err
    assert f"wrote {out_dir / 'index.html'}" in out
    page = (out_dir / "index.html").read_text(encoding="utf-8")
    for chart in ("labels.png", "pairs.png", "confusion.png", "disputed.png"):
        assert (out_dir / chart).read_bytes()[:4] == b"\x89PNG"
        assert f'src="{chart}"' in page
    with (out_dir / "labels.csv").open(encoding="utf-8", newline="") as handle:
        labels = {row["label"] for row in csv.DictReader(handle)}
    assert {"PERSON", "GPE", "LOC"} <= labels
    assert '<td class="ar" dir="rtl" lang="ar">كييف</td>' in page


def test_report_of_chosen_annotators_and_labels(project: Path, tmp_path: Path, capsys):
    out_dir = tmp_path / "two"
    argv = ["--db", str(project), "report", "--out", str(out_dir), "--annotator", "شيماء"]
    status, _, err = run(capsys, *argv, "--annotator", "ليلى", "--label", "PERSON")
    assert status == 0, err
    page = (out_dir / "index.html").read_text(encoding="utf-8")
    assert "Labels compared: PERSON</li>" in page and "omar" not in page
    assert 'src="confusion.png"' in page and 'src="disputed.png"' in page


@pytest.mark.parametrize(
    "extra", [["--annotator", "nobody", "--annotator", "omar"], ["--annotator", "omar"]]
)
def test_report_errors(project: Path, tmp_path: Path, capsys, extra):
    out_dir = tmp_path / "bad"
    status, _, err = run(capsys, "--db", str(project), "report", "--out", str(out_dir), *extra)
    assert status == 1 and err.startswith("annotator: error:")
    assert not out_dir.exists()


def test_report_needs_out(project: Path, capsys):
    with pytest.raises(SystemExit):
        cli_main.main(["--db", str(project), "report"])
    assert "--out" in capsys.readouterr().err


def test_report_without_matplotlib_says_what_is_missing(
    project: Path, tmp_path: Path, capsys, monkeypatch
):
    for name in ("annotator.core.team.report", "annotator.core.team.report_charts"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    status, _, err = run(capsys, "--db", str(project), "report", "--out", str(tmp_path / "x"))
    assert status == 1
    assert "matplotlib" in err and "pip install" in err
