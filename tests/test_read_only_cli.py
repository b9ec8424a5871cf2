"""Reading commands read: they work on a read-only project file or folder, and refuse a
project that is not there instead of creating an empty one."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import WriteError
from annotator.core.store import Store
from tests.conftest import ROOT, SEEDS

READING = [
    ["stats", "--json"],
    ["export", "-o", "{out}/all.jsonl"],
    ["export-conll", "-o", "{out}/all.conll"],
    ["agree", "--json", "{out}/agree.json"],
    ["report", "--out", "{out}/report"],
]


def _project(path: Path) -> Path:
    with Store.open(path) as store:
        from annotator.core.formats.import_text import import_text_files

        import_text_files(store, [SEEDS])
        doc = store.documents.ids()[0]
        for who in ("ali", "mona"):
            store.annotations.add_span(doc, store.ensure_annotator(who).id, "PERSON", 0, 3)
    return path


def _run_restricted(*argv: str) -> tuple[int, str, str]:
    """The CLI in a process that file permissions bind: as root, without the
    capabilities that override them (capsh); skipped where that cannot be had."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        capsh = shutil.which("capsh")
        if capsh is None:
            pytest.skip("running as root without capsh: permissions cannot be enforced")
        prefix = [capsh, "--drop=cap_dac_override,cap_dac_read_search", "--", "-c"]
        command = shlex.join([sys.executable, "-m", "annotator", *argv])
        args = [*prefix, command]
    else:
        args = [sys.executable, "-m", "annotator", *argv]
    done = subprocess.run(
        args,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("command", READING, ids=lambda c: c[0])
def test_reading_commands_work_on_a_read_only_project(tmp_path: Path, capsys, command):
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
        status, stdout, err = _run_restricted("--db", str(db), *argv)
    finally:
        folder.chmod(stat.S_IRWXU)
        db.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert status == 0, err
    assert "damaged" not in err
    assert db.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["p.db"]
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


def test_a_write_to_a_read_only_project_file_is_one_line(tmp_path: Path):
    db = _project(tmp_path / "p.db")
    os.chmod(db, stat.S_IRUSR)
    try:
        status, _out, err = _run_restricted("--db", str(db), "labels", "add", "WEAPON")
    finally:
        os.chmod(db, stat.S_IRUSR | stat.S_IWUSR)
    assert status == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "read-only" in err and "damaged" not in err


def test_a_merge_source_in_a_read_only_folder_is_read(tmp_path: Path):
    folder = tmp_path / "handed-in"
    folder.mkdir()
    source = _project(folder / "ali.db")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        status, _out, err = _run_restricted(
            "merge", str(source), "--into", str(tmp_path / "team.db")
        )
    finally:
        folder.chmod(stat.S_IRWXU)
    assert status == 0, err
    with Store.open(tmp_path / "team.db") as team:
        assert team.stats()["spans"] == 2
