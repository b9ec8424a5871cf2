"""Reading commands read: they work on a read-only project file or folder, and refuse a
project that is not there instead of creating an empty one."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import WriteError
from annotator.core.store import Store
from tests.conftest import SEEDS

READING = [
    ["stats", "--json"],
    ["export", "-o", "{out}/all.jsonl"],
    ["export-conll", "-o", "{out}/all.conll"],
    ["agree", "--json", "{out}/agree.json"],
    ["report", "--out", "{out}/report"],
]


def _project(path: Path) -> Path:
    with Store.open(path) as store:
        from annotator.core.import_text import import_text_files

        import_text_files(store, [SEEDS])
        doc = store.documents.ids()[0]
        for who in ("ali", "mona"):
            store.annotations.add_span(doc, store.ensure_annotator(who).id, "PERSON", 0, 3)
    return path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("command", READING, ids=lambda c: c[0])
def test_reading_commands_work_on_a_read_only_project(tmp_path: Path, capsys, command):
    """As root (CI), permissions do not stop a write, so what is checked then is that
    the command writes nothing to the project: no change to the file, no backup."""
    folder = tmp_path / "shared"
    folder.mkdir()
    db = _project(folder / "p.db")
    out = tmp_path / "out"
    out.mkdir()
    before = db.read_bytes()
    db.chmod(stat.S_IRUSR | stat.S_IRGRP)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        argv = [part.format(out=out) for part in command]
        status, stdout, err = _run(capsys, "--db", str(db), *argv)
    finally:
        folder.chmod(stat.S_IRWXU)
        db.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert status == 0, err
    assert "damaged" not in err
    assert db.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("p.db-")) == ["p.db"]
    if command[0] == "stats":
        assert json.loads(stdout)["spans"] == 2


@pytest.mark.parametrize("command", READING, ids=lambda c: c[0])
def test_reading_commands_refuse_a_missing_project(tmp_path: Path, capsys, command):
    missing = tmp_path / "nowhere" / "p.db"
    argv = [part.format(out=tmp_path) for part in command]
    status, _out, err = _run(capsys, "--db", str(missing), *argv)
    assert status == 1
    assert err == (
        f"annotator: error: no project at {missing} (reading commands do not create one; "
        "`annotator import` or the window does)\n"
    )
    assert not missing.parent.exists()


def test_a_write_the_project_refuses_is_one_clear_error(tmp_path: Path):
    """SQLite refusing a write (here: query_only, as a read-only file does for a user
    who may not write it) is a WriteError that names the project, not "damaged"."""
    db = _project(tmp_path / "p.db")
    with Store.open(db) as store:
        store.db.execute("PRAGMA query_only = ON")
        with pytest.raises(WriteError) as refused:
            store.ensure_annotator("sara")
    assert str(refused.value) == (
        f"{db}: the project file or its folder is read-only; nothing was saved"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only files anyway")
def test_a_write_to_a_read_only_project_file_is_one_line(tmp_path: Path, capsys):
    db = _project(tmp_path / "p.db")
    os.chmod(db, stat.S_IRUSR)
    try:
        status, _out, err = _run(capsys, "--db", str(db), "labels", "add", "WEAPON")
    finally:
        os.chmod(db, stat.S_IRUSR | stat.S_IWUSR)
    assert status == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "read-only" in err and "damaged" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders anyway")
def test_a_merge_source_in_a_read_only_folder_is_read(tmp_path: Path, capsys):
    folder = tmp_path / "handed-in"
    folder.mkdir()
    source = _project(folder / "ali.db")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        status, _out, err = _run(capsys, "merge", str(source), "--into", str(tmp_path / "team.db"))
    finally:
        folder.chmod(stat.S_IRWXU)
    assert status == 0, err
    with Store.open(tmp_path / "team.db") as team:
        assert team.stats()["spans"] == 2
