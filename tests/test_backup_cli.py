"""`annotator backup`, `backups`, `restore`, and a damaged project on the command line."""

from __future__ import annotations

import importlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.formats.import_text import import_text_files
from annotator.core.store import Store
from annotator.core.store.backup import KEEP_SETTING
from annotator.core.store.backup_files import latest_backup, list_backups

ROOT = Path(__file__).resolve().parent.parent
cli_main = importlib.import_module("annotator.cli.main")


def main(*argv: str) -> int:
    return cli_main.main(list(argv))


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "project.db"
    with Store.open(path) as store:
        import_text_files(store, [ROOT / "seeds"])
        doc = store.documents.ids()[0]
        store.annotations.add_span(doc, store.ensure_annotator("ali").id, "PERSON", 0, 3)
    return path


def spans(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM spans").fetchone()[0]
    finally:
        conn.close()


def schema_page(path: Path) -> int:
    """The file offset of the last page of SQLite's schema table, which every command
    reads on opening (the page the middle of the file held before the search index)."""
    conn = sqlite3.connect(path)
    try:
        pages = conn.execute("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'").fetchall()
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    return (max(pages)[0] - 1) * page_size


def add_span(path: Path, start: int) -> None:
    with Store.open(path) as store:
        doc = store.documents.ids()[1]
        store.annotations.add_span(doc, store.ensure_annotator("ali").id, "ORG", start, start + 2)


def test_backup_list_and_restore(project: Path, capsys):
    assert main("--db", str(project), "backup") == 0
    out = capsys.readouterr().out
    (first,) = list_backups(project)
    assert f"backup: {first.path}" in out
    add_span(project, 0)
    add_span(project, 5)
    assert spans(project) == 3
    assert main("--db", str(project), "backups") == 0
    listing = capsys.readouterr().out
    assert str(first.path) in listing and "(latest)" in listing
    assert main("--db", str(project), "restore", "--yes") == 0
    out = capsys.readouterr().out
    assert f"restored {project} from {first.path}" in out
    assert "before-restore" in out
    assert spans(project) == 1


def test_backup_keep_flag_rotates_and_is_saved(project: Path, capsys):
    for _ in range(4):
        assert main("--db", str(project), "backup", "--keep", "2") == 0
    assert len(list_backups(project)) == 2
    with Store.open(project) as store:
        assert store.setting(KEEP_SETTING) == "2"
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main("--db", str(project), "backup", "--keep", "0")
    assert "at least 1" in capsys.readouterr().err


def test_backup_into_another_dir_and_restore_by_name(project: Path, tmp_path: Path, capsys):
    folder = tmp_path / "elsewhere"
    assert main("--db", str(project), "backup", "--dir", str(folder)) == 0
    (made,) = list_backups(project, folder)
    add_span(project, 0)
    assert main("--db", str(project), "backups", "--dir", str(folder)) == 0
    assert str(made.path) in capsys.readouterr().out
    args = ("--db", str(project), "restore", made.path.name, "--dir", str(folder), "--yes")
    assert main(*args) == 0
    assert spans(project) == 1


def test_restore_asks_first(project: Path, capsys, monkeypatch):
    main("--db", str(project), "backup")
    add_span(project, 0)
    # not a terminal: refuse without --yes
    monkeypatch.setattr(sys, "stdin", open(os.devnull))  # noqa: SIM115
    assert main("--db", str(project), "restore") == 1
    assert "pass --yes" in capsys.readouterr().err
    assert spans(project) == 2

    class Terminal:
        def __init__(self, answer: str) -> None:
            self.answer = answer

        def isatty(self) -> bool:
            return True

        def readline(self) -> str:
            return self.answer

    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    assert main("--db", str(project), "restore") == 1
    assert spans(project) == 2
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    assert main("--db", str(project), "restore") == 0
    assert spans(project) == 1


def test_errors_are_one_line(project: Path, tmp_path: Path, capsys):
    assert main("--db", str(project), "restore", "--yes") == 1
    assert "no backups of" in capsys.readouterr().err
    assert main("--db", str(project), "restore", "nope.db", "--yes") == 1
    assert "nope.db: no such backup" in capsys.readouterr().err
    assert main("--db", str(tmp_path / "none.db"), "backup") == 1
    assert "no project here" in capsys.readouterr().err
    assert main("--db", str(tmp_path / "none.db"), "backups") == 0
    assert "no backups of" in capsys.readouterr().out
    main("--db", str(project), "backup")
    with Store.open(project):
        assert main("--db", str(project), "restore", "--yes") == 1
    err = capsys.readouterr().err
    assert err.startswith("annotator: error: ") and "open in another window" in err


@pytest.mark.parametrize("damage", ["truncate", "garbage"])
def test_damaged_project_says_what_to_do_and_restore_fixes_it(project: Path, damage, capsys):
    assert main("--db", str(project), "backup") == 0
    latest = latest_backup(project)
    size = project.stat().st_size
    page = schema_page(project)
    with project.open("r+b") as handle:
        if damage == "truncate":
            handle.truncate(size // 2)
        else:
            handle.seek(page)
            handle.write(b"\xde\xad\xbe\xef" * 2048)
    # any command that opens the project: one line, no traceback, the way out
    result = run("--db", str(project), "stats")
    assert result.returncode == 1
    assert result.stderr.startswith(f"annotator: error: {project}: the project file is damaged")
    assert f"the latest backup is {latest.path} ({latest.when})" in result.stderr
    assert f"annotator --db {project} restore" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    # backing up a damaged file is refused, and the good backup stays the latest
    capsys.readouterr()
    assert main("--db", str(project), "backup") == 1
    assert "damaged" in capsys.readouterr().err
    assert latest_backup(project) == latest
    # the advice works
    assert main("--db", str(project), "restore", "--yes") == 0
    assert "kept as" in capsys.readouterr().out
    assert main("--db", str(project), "stats", "--json") == 0
    assert '"documents": 5' in capsys.readouterr().out
    assert spans(project) == 1
