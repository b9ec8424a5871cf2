"""Which project file to open, and the demo project made from the bundled seeds."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

from annotator.core.import_text import import_text_files
from annotator.core.resources import seed_files
from annotator.core.store import Store

ENV_VAR = "ANNOTATOR_DB"
APP_NAME = "arabic-news-annotator"


def default_project_path() -> Path:
    """The project used when neither --db nor ANNOTATOR_DB names one."""
    return user_data_path(APP_NAME, appauthor=False) / "project.db"


def resolve_project_path(explicit: str | os.PathLike[str] | None = None) -> tuple[Path, bool]:
    """(path, is_default): --db first, then $ANNOTATOR_DB, then the default project."""
    if explicit:
        return Path(explicit), False
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env), False
    return default_project_path(), True


def open_project(explicit: str | os.PathLike[str] | None = None) -> Store:
    """Open the chosen project; the default project is created with the seeds in it."""
    path, is_default = resolve_project_path(explicit)
    store = Store.open(path)
    if store.created:
        store.set_setting("language", "ar")
        if is_default:
            import_text_files(store, seed_files())
    return store
