"""`annotator train`: exit status 0 and a model folder; one-line errors and a non-zero
status for whatever it refuses; `--curve` prints four rows; the command module (and the
model package) import no spaCy, so `annotator --version` stays fast."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.core.store import Store
from annotator.core.suggest.model.folder import MARKER, default_model_dir

from .project import ANNOTATOR, build

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "wojood-sample"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "project.db"
    with Store.open(path) as store:
        build(store, 5)
    return path


def _fails(capsys, argv: list[str], match: str) -> None:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("annotator: error: "), err
    assert match in err, err


def test_train_writes_the_default_model_folder(db: Path, capsys):
    assert main(["--db", str(db), "train", "--epochs", "1"]) == 0
    out = capsys.readouterr().out
    folder = default_model_dir(db, ANNOTATOR)
    assert f"model written to {folder}" in out and "epoch 1/1" in out
    assert "held-out F1" in out.splitlines()[-1] and "on 1 document" in out
    assert json.loads((folder / MARKER).read_text(encoding="utf-8"))["layer"] == ANNOTATOR


def test_train_to_a_folder_of_ones_choice(db: Path, tmp_path: Path, capsys):
    out = tmp_path / "elsewhere" / "m"
    argv = ["--db", str(db), "train", "--annotator", ANNOTATOR, "-o", str(out), "--epochs", "1"]
    assert main(argv) == 0
    assert (out / MARKER).is_file() and not default_model_dir(db, ANNOTATOR).exists()


def test_train_refusals_are_one_line_and_exit_1(db: Path, tmp_path: Path, capsys):
    base = ["--db", str(db), "train", "--epochs", "1"]
    _fails(capsys, [*base, "--annotator", "nobody"], "no annotator called 'nobody'")
    _fails(capsys, [*base, "--gold"], "no gold layer yet")
    _fails(capsys, [*base, "--epochs", "0"], "--epochs must be 1 or more")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "a.txt").write_text("x", encoding="utf-8")
    _fails(capsys, [*base, "-o", str(tmp_path / "full")], "not a model of ours")
    with Store.open(db) as store:
        store.ensure_annotator("sara")
    _fails(capsys, base, "--annotator NAME or --gold")
    _fails(capsys, [*base, "--annotator", "sara"], "too few examples to train on sara's layer")
    assert not Path(f"{db}.models").exists()


def test_curve_prints_four_rows_and_writes_nothing(db: Path, capsys):
    assert main(["--db", str(db), "train", "--curve", "--epochs", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = [line.split() for line in out if line.strip().split(" ")[0].endswith("%")]
    assert [row[0] for row in rows] == ["25%", "50%", "75%", "100%"]
    assert all(0.0 <= float(row[3]) <= 1.0 for row in rows)
    assert not Path(f"{db}.models").exists()


def test_the_command_line_imports_no_spacy():
    code = (
        "import sys\n"
        "from annotator.cli.main import build_parser\n"
        "import annotator.cli.train_commands\n"
        "import annotator.core.suggest.model.recipe, annotator.core.suggest.model.training\n"
        "build_parser()\n"
        "print('spacy' in sys.modules, 'thinc' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"the Wojood sample is not at {SHARED}")
def test_a_model_trains_on_the_wojood_sample(tmp_path: Path, capsys):
    db = str(tmp_path / "w.db")
    imported = ["--db", db, "import-conll", str(SHARED / "val.txt"), "--annotator", "val"]
    assert main([*imported, "--map-wojood", "--create-labels"]) == 0
    assert main(["--db", db, "train", "--epochs", "1", "-o", str(tmp_path / "m")]) == 0
    labels = json.loads((tmp_path / "m" / MARKER).read_text(encoding="utf-8"))["labels"]
    assert {"PERSON", "ORG", "GPE", "DATE"} <= set(labels)
    assert "nested spans inside others" in capsys.readouterr().out
