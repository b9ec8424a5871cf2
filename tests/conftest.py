"""Shared fixtures. Qt runs offscreen: set before any QApplication exists."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from annotator.core.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _window_settings_in_a_temporary_folder(tmp_path_factory):
    """Windows remember their geometry in the user's Qt settings: every test gets its own
    throw-away settings folder, so no test reads or writes the real ones (or another's)."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("qt-settings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)


@pytest.fixture
def store(tmp_path: Path):
    """A fresh project with the default label scheme and no documents."""
    with Store.open(tmp_path / "project.db") as opened:
        yield opened


@pytest.fixture
def seeded(store: Store):
    """A fresh project holding the five seed articles."""
    from annotator.core.formats.import_text import import_text_files

    import_text_files(store, [SEEDS])
    return store


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
