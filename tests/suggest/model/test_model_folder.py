"""A model folder is read only when it is ours: not a spaCy pipeline, no marker, another
format version or spaCy version, a broken marker: refused in one line naming the folder.
Cancelling or failing leaves no half-written model, and an earlier model stays whole."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy

from annotator.core.errors import AnnotatorError, Cancelled, NotFoundError
from annotator.core.store import Store
from annotator.core.suggest.model import folder as model_folder
from annotator.core.suggest.model.folder import MARKER, default_model_dir, load_model
from annotator.core.suggest.model.training import train

from .conftest import Trained
from .project import ANNOTATOR, build


def _copy(trained: Trained, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(default_model_dir(trained.path, ANNOTATOR), target)
    return target


def _refused(folder: Path, match: str) -> None:
    with pytest.raises(AnnotatorError) as caught:
        load_model(folder)
    message = str(caught.value)
    assert "\n" not in message and str(folder) in message
    assert match in message, message


def test_our_model_loads(trained: Trained, tmp_path: Path):
    nlp, info = load_model(_copy(trained, tmp_path))
    assert nlp.pipe_names == ["ner", "spancat"] and info.layer == ANNOTATOR and info.nested


def test_a_missing_folder_or_a_file_is_refused(tmp_path: Path):
    with pytest.raises(NotFoundError, match="no model there"):
        load_model(tmp_path / "nothing")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    _refused(tmp_path / "file", "is a file")


def test_a_folder_that_is_not_a_spacy_pipeline_is_refused(tmp_path: Path):
    _refused(tmp_path, "not a spaCy pipeline")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    _refused(tmp_path, "not a spaCy pipeline")


def test_a_spacy_pipeline_without_our_marker_is_refused(tmp_path: Path):
    spacy.blank("ar").to_disk(tmp_path / "blank")
    _refused(tmp_path / "blank", f"no {MARKER}")


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"format_version": 2}, "format version 2"),
        ({"spacy_version": "3.1.0"}, "trained with spaCy 3.1.0"),
        ({"spacy_version": "4.0.0"}, "train it again"),
        ({"format": "something-else"}, "not a model marker"),
    ],
)
def test_a_model_of_another_version_is_refused(trained, tmp_path, change, match):
    folder = _copy(trained, tmp_path)
    marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    (folder / MARKER).write_text(json.dumps({**marker, **change}), encoding="utf-8")
    _refused(folder, match)


def test_a_broken_marker_or_pipeline_is_refused(trained: Trained, tmp_path: Path):
    folder = _copy(trained, tmp_path)
    (folder / MARKER).write_text("{not json", encoding="utf-8")
    with pytest.raises(AnnotatorError, match="bad JSON"):
        load_model(folder)
    folder = _copy(trained, tmp_path / "again")
    (folder / "config.cfg").write_text("[nlp\nbroken", encoding="utf-8")
    _refused(folder, "spaCy cannot load this model")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_cancelling_leaves_no_model_and_keeps_the_earlier_one(store: Store, tmp_path: Path):
    build(store, 5)
    out = tmp_path / "models" / "ali"
    polls = []

    def cancel_soon() -> bool:
        polls.append(1)
        return len(polls) > 3

    with pytest.raises(Cancelled, match="no model was written"):
        train(store, ANNOTATOR, out, epochs=3, cancelled=cancel_soon)
    assert len(polls) == 4 and not out.parent.exists()
    train(store, ANNOTATOR, out, epochs=1)
    before = _files(out)
    polls.clear()
    with pytest.raises(Cancelled):
        train(store, ANNOTATOR, out, epochs=3, seed=5, cancelled=cancel_soon)
    assert _files(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["ali"]


def test_a_failed_write_keeps_the_earlier_model(store, tmp_path, monkeypatch):
    build(store, 5)
    out = tmp_path / "ali"
    train(store, ANNOTATOR, out, epochs=1)
    before = _files(out)

    def disk_full(self) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(model_folder.ModelInfo, "to_json", disk_full)
    with pytest.raises(OSError):
        train(store, ANNOTATOR, out, epochs=1, seed=9)
    assert _files(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".ali.")]


def test_a_folder_holding_other_files_is_not_overwritten(store: Store, tmp_path: Path):
    build(store, 5)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.txt").write_text("do not lose", encoding="utf-8")
    with pytest.raises(AnnotatorError, match="not a model of ours"):
        train(store, ANNOTATOR, tmp_path / "mine", epochs=1)
    assert (tmp_path / "mine" / "thesis.txt").read_text(encoding="utf-8") == "do not lose"
