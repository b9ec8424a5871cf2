"""Opening the chosen project, and the demo project made from the bundled seeds.

Opening an existing project also makes a rotating backup of it (see `backup.py`), and a
damaged project file is reported with its latest backup instead of an SQLite error.
"""

from __future__ import annotations

import os
from pathlib import Path

from annotator.core.errors import SchemaError
from annotator.core.resources import seed_files
from annotator.core.store import Store
from annotator.core.store.backup import auto_backup, keep_setting
from annotator.core.store.database import DatabaseError, OperationalError
from annotator.core.store.file_health import (
    DamagedProjectError,
    check_project_file,
    damage_message,
)
from annotator.core.store.location import resolve_project_path


def _writable(path: Path) -> bool:
    """Whether this user may write the project and make files beside it (its WAL)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def open_project(
    explicit: str | os.PathLike[str] | None = None,
    *,
    read_only: bool = False,
    backup: bool = True,
) -> Store:
    """Open the chosen project; the default project is created with the seeds in it.

    An existing project that changed since its last backup is backed up first thing
    (the project setting `backup.keep`, default 10, says how many backups stay; 0 turns
    this off); with `backup=False` the caller makes that backup itself (the window does,
    in the background, once it is shown: `opening_backup`). With `read_only` (the
    reading commands), a missing project (other than the default one) is an error,
    nothing is written and no backup is made, so a read-only file or folder works. A
    damaged file raises `DamagedProjectError` (a `SchemaError`) whose message names the
    file, says what is wrong and how to restore the latest backup.
    """
    path, is_default = resolve_project_path(explicit)
    if read_only and not path.exists() and is_default:
        read_only = False  # the default project is made, with the demo articles, on first use
    if read_only and not path.exists():
        raise SchemaError(
            f"no project at {path} (reading commands do not create one; "
            "`annotator import` or the window does)"
        )
    if not read_only and path.exists() and not _writable(path):
        raise SchemaError(
            f"{path}: the project file or its folder is read-only; the reading commands "
            "(stats, export, export-conll, agree, report) still work"
        )
    try:
        store = Store.open_read_only(path) if read_only else Store.open(path)
    except SchemaError as exc:
        advice = check_project_file(path)
        if advice is None:  # a healthy file opening refuses: newer version, not ours
            raise
        raise DamagedProjectError(advice) from exc
    except DatabaseError as exc:
        advice = check_project_file(path)
        if advice is None and isinstance(exc, OperationalError):  # busy, I/O, full
            raise SchemaError(f"{path}: cannot open the project ({exc})") from exc
        raise DamagedProjectError(
            advice or damage_message(path, f"SQLite cannot read it: {exc}")
        ) from exc
    if read_only:
        return store
    if store.created:
        store.set_setting("language", "ar")
        if is_default:
            from annotator.core.formats.import_text import import_text_files  # first run only

            import_text_files(store, seed_files())
        return store
    if not backup:
        return store
    try:
        opening_backup(store)
    except BaseException:
        store.close()
        raise
    return store


def opening_backup(store: Store) -> Path | None:
    """The backup due when a project opens (`auto_backup`, as many kept as its
    `backup.keep` setting says): the new backup's path, or None when none was due or it
    was skipped. `DamagedProjectError` when the project cannot be read whole."""
    return auto_backup(store.path, keep_setting(store.db.conn))
