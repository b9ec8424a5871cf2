"""One small annotated project and one model trained on it, shared by the module's
tests (training takes a few seconds)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from annotator.core.store import Store
from annotator.core.suggest.model.folder import default_model_dir
from annotator.core.suggest.model.training import TrainReport, train

from .project import ANNOTATOR, build

EPOCHS = 12


@dataclass
class Trained:
    """A project file, its annotated documents and the report of the model trained on
    them (written to the project's default model folder)."""

    path: Path
    ids: list[int]
    report: TrainReport


@pytest.fixture(scope="package")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Trained:
    path = tmp_path_factory.mktemp("model") / "project.db"
    with Store.open(path) as store:
        ids = build(store, 10)
        report = train(store, ANNOTATOR, default_model_dir(path, ANNOTATOR), EPOCHS, seed=3)
    return Trained(path, ids, report)


@pytest.fixture
def project(trained: Trained):
    """The trained project, open."""
    with Store.open(trained.path) as store:
        yield store
