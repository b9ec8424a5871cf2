"""Which project file a command or the window works on: --db, $ANNOTATOR_DB, or the
default project in the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

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
