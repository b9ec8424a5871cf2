"""`spacy train` learns from our `.spacy` files: one epoch of a generated blank-Arabic NER
and span-categorizer config (no vectors, CPU), run as spaCy's own command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import spacy

from annotator.cli.main import main
from annotator.core.store import Store

from .test_spacy_docbin import build_project


def _spacy(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "spacy", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )


def test_one_epoch_of_spacy_train_runs_on_our_files(seeded: Store, tmp_path: Path):
    build_project(seeded)
    for who in ("a", "b"):
        out = tmp_path / f"{who}.spacy"
        assert main(["--db", str(seeded.path), "export", "--format", "spacy", "-o", str(out),
                     "--annotator", who]) == 0  # fmt: skip
    config = tmp_path / "config.cfg"
    made = _spacy(
        "init", "config", str(config), "--lang", "ar", "--pipeline", "ner,spancat",
        "--optimize", "efficiency", "--force", cwd=tmp_path,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    trained = _spacy(
        "train", str(config), "--output", str(tmp_path / "model"),
        "--paths.train", str(tmp_path / "a.spacy"), "--paths.dev", str(tmp_path / "b.spacy"),
        "--training.max_epochs", "1", cwd=tmp_path,
    )  # fmt: skip
    assert trained.returncode == 0, trained.stdout[-2000:] + trained.stderr[-2000:]
    assert "ENTS_F" in trained.stdout and "SPANS_SC_F" in trained.stdout
    nlp = spacy.load(tmp_path / "model" / "model-last")
    # the labels it learnt are the ones our files carry: entities in doc.ents, and every
    # span label (quotes, speakers, claims) in doc.spans["sc"]
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "ORG", "GPE"}
    assert set(nlp.get_pipe("spancat").labels) == {
        "PERSON", "ORG", "GPE", "QUOTE", "SPEAKER", "CLAIM",
    }  # fmt: skip
    doc = nlp("قال بوتين إن روسيا ستواصل الحرب.")
    assert doc.text == "قال بوتين إن روسيا ستواصل الحرب."
