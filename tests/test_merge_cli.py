"""`annotator merge A.db B.db --into team.db`, run through the command registry."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from annotator.core.model import Label
from annotator.core.store import Store
from tests.core.test_merge import LAILA, OMAR, content, make_project, snapshot

# the module, not the `main` function that `annotator.cli` re-exports under the same name
cli = importlib.import_module("annotator.cli.main")


@pytest.fixture(autouse=True)
def registered(monkeypatch):
    def no_default_project(*args, **kwargs):
        raise AssertionError("merge must not open the --db / default project")

    # the command line imports open_project when a command runs
    monkeypatch.setattr(
        importlib.import_module("annotator.core.project"), "open_project", no_default_project
    )


@pytest.fixture
def sources(tmp_path: Path) -> tuple[Path, Path]:
    return (
        make_project(tmp_path / "laila.db", [(LAILA, 0, 0), (LAILA, 1, 0)]),
        make_project(tmp_path / "omar.db", [(OMAR, 1, 2)], extra=True),
    )


def test_merge_creates_the_target_and_reports(tmp_path: Path, sources, capsys):
    team = tmp_path / "new" / "team.db"
    assert cli.main(["merge", *map(str, sources), "--into", str(team)]) == 0
    out = capsys.readouterr().out
    assert f"merged 2 projects into {team}" in out
    assert "total: 6 documents, 2 annotators" in out and LAILA in out
    with Store.open(team) as store:
        assert store.setting("language") == "ar"
        assert store.documents.count() == 6
        assert {a.name for a in store.annotators()} == {LAILA, OMAR}
        merged = content(store)["layers"]
    for path in sources:
        with Store.open(path) as source:
            assert content(source)["layers"].items() <= merged.items()

    assert cli.main(["merge", *map(str, sources), "--into", str(team)]) == 0
    assert "nothing new" in capsys.readouterr().out


def test_merge_into_an_existing_project(tmp_path: Path, sources, capsys):
    team = make_project(tmp_path / "team.db", [])
    assert cli.main(["merge", str(sources[0]), "--into", str(team)]) == 0
    assert "0 documents, 1 annotator, 0 labels, 8 spans" in capsys.readouterr().out


def test_an_error_is_one_line_and_leaves_no_new_target(tmp_path: Path, sources, capsys):
    with Store.open(sources[1]) as store:
        store.labels.update("SPEAKER", kind="entity")  # unused, so its kind may change
    with Store.open(sources[0]) as store:
        store.labels.add(Label("WEAPON", "entity", "#123456"))
    team = tmp_path / "team.db"
    assert cli.main(["merge", *map(str, sources), "--into", str(team)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"annotator: error: {sources[1]}: label 'SPEAKER' is of kind entity")
    assert err.count("\n") == 1
    assert not team.exists() and not Path(f"{team}-wal").exists()


def test_an_error_leaves_an_existing_target_as_it_was(tmp_path: Path, sources, capsys):
    team = make_project(tmp_path / "team.db", [])
    with Store.open(team) as store:
        store.labels.update("SPEAKER", kind="claim")
        before = snapshot(store)
    assert cli.main(["merge", *map(str, sources), "--into", str(team)]) == 1
    assert "SPEAKER" in capsys.readouterr().err
    with Store.open(team) as store:
        assert snapshot(store) == before


def test_dry_run_writes_nothing(tmp_path: Path, sources, capsys):
    team = tmp_path / "team.db"
    assert cli.main(["merge", *map(str, sources), "--into", str(team), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would merge 2 projects" in out and "dry run" in out
    assert not team.exists()


def test_into_is_required(capsys):
    with pytest.raises(SystemExit):
        cli.main(["merge", "a.db"])
    assert "--into" in capsys.readouterr().err
