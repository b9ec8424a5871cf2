"""`annotator` without arguments opens the window, as `annotator --db PATH` does."""

from __future__ import annotations

import importlib

import pytest

from annotator.ui import app

cli_main = importlib.import_module("annotator.cli.main")  # the package exports main()


def test_no_arguments_open_the_window_without_building_the_parser(monkeypatch):
    opened: list[str | None] = []
    monkeypatch.setattr(app, "run_app", lambda db=None: opened.append(db) or 0)
    monkeypatch.setattr(cli_main, "build_parser", pytest.fail)
    assert cli_main.main([]) == 0
    assert opened == [None]


def test_options_without_a_command_still_open_the_window(monkeypatch, tmp_path):
    opened: list[str | None] = []
    monkeypatch.setattr(app, "run_app", lambda db=None, lang=None: opened.append(db) or 0)
    assert cli_main.main(["--db", str(tmp_path / "p.db")]) == 0
    assert opened == [str(tmp_path / "p.db")]
