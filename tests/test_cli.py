"""The `annotator` command, run as a user would: import, export, stats, labels, errors."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_import_export_stats_via_the_command(tmp_path: Path):
    db = str(tmp_path / "p.db")
    result = run("--db", db, "import", str(ROOT / "seeds"))
    assert result.returncode == 0, result.stderr
    assert "5 added" in result.stdout
    line = {
        "text": "قال بوتين اليوم",
        "spans": [{"start": 4, "end": 9, "label": "PERSON"}],
        "_annotator_id": "ali",
    }
    jl = tmp_path / "a.jsonl"
    jl.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run("--db", db, "import", str(jl)).returncode == 0
    out = tmp_path / "out.jsonl"
    result = run("--db", db, "export", "-o", str(out), "--annotator", "ali")
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert record["spans"][0]["text"] == "بوتين"
    stats = json.loads(run("--db", db, "stats", "--json").stdout)
    assert stats["documents"] == 6 and stats["spans_per_label"] == {"PERSON": 1}


def test_errors_are_one_line_with_file_and_line(tmp_path: Path):
    db = str(tmp_path / "p.db")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n{oops\n', encoding="utf-8")
    result = run("--db", db, "import", str(bad))
    assert result.returncode == 1
    assert result.stderr.startswith(f"annotator: error: {bad}, line 2: bad JSON")
    assert "Traceback" not in result.stderr


def test_env_var_selects_the_project(tmp_path: Path):
    db = tmp_path / "env.db"
    result = run("labels", env={"ANNOTATOR_DB": str(db)})
    assert result.returncode == 0 and "PERSON" in result.stdout
    assert db.exists()


def test_default_project_is_created_with_the_seeds(tmp_path: Path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "ANNOTATOR_DB": "", "HOME": str(tmp_path)}
    result = run("stats", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["documents"] == 5
    assert list((tmp_path / "data").rglob("project.db"))


def test_labels_commands(tmp_path: Path, capsys):
    db = str(tmp_path / "p.db")
    assert main(["--db", db, "labels", "add", "<b>WEAPON</b>", "--colour", "#123456"]) == 0
    assert main(["--db", db, "labels", "edit", "<b>WEAPON</b>", "--rename", "WEAPON"]) == 0
    assert main(["--db", db, "labels", "remove", "WEAPON"]) == 0
    assert main(["--db", db, "labels", "add", "X", "--key", "1"]) == 1
    err = capsys.readouterr().err
    assert "shortcut '1'" in err
    scheme = tmp_path / "scheme.json"
    assert main(["--db", db, "labels", "export", str(scheme)]) == 0
    assert json.loads(scheme.read_text(encoding="utf-8"))["labels"][0]["name"] == "PERSON"


def test_visual_switch_reshapes_arabic(tmp_path: Path):
    db = str(tmp_path / "p.db")
    plain = run("--db", db, "labels").stdout
    visual = run("--db", db, "--visual", "labels").stdout
    assert "شخص" in plain and "شخص" not in visual
    assert any(0xFE70 <= ord(ch) <= 0xFEFF for ch in visual)


def test_every_command_module_is_registered():
    names = {p.stem for p in (ROOT / "annotator" / "cli").glob("*_commands.py")}
    cli_main = importlib.import_module("annotator.cli.main")  # the package exports main()
    assert {m.__name__.rsplit(".", 1)[1] for m in cli_main.COMMAND_MODULES} == names


def test_every_command_has_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():
        assert command.format_help(), name
        assert run(name, "--help").returncode == 0


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_top_level_flags(flag):
    result = run(flag)
    assert result.returncode == 0 and "annotator" in result.stdout
