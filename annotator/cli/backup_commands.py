"""`annotator backup`, `backups` and `restore`.

None of them opens the project the usual way (`needs_project = False`): a backup is
read through SQLite's backup API, and a restore must not hold the project open while it
replaces the file (it also works on a project too damaged to open).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.store.backup_files import (
    DEFAULT_KEEP,
    KEEP_SETTING,
    Backup,
    default_backup_dir,
    latest_backup,
    list_backups,
)
from annotator.core.store.location import resolve_project_path


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return number


def register(commands) -> dict:
    """Add the backup commands to the parser; returns their handlers."""
    backup = commands.add_parser(
        "backup",
        help="copy the project into its backups folder (a consistent snapshot)",
        description="Copy the project with SQLite's online backup API (safe while the "
        "project is open elsewhere) into <project>.backups/ beside it, named with the UTC "
        "time, and delete the oldest backups beyond the number kept. Opening a project "
        "also makes a backup when it changed since the last one.",
    )
    backup.add_argument(
        "--keep",
        type=_positive,
        metavar="N",
        help=f"keep the newest N backups and save N as the project's {KEEP_SETTING} "
        f"setting (default: that setting, else {DEFAULT_KEEP})",
    )
    backup.add_argument("--dir", metavar="DIR", help="backups folder (default: <project>.backups)")

    listing = commands.add_parser("backups", help="list the project's backups, newest last")
    listing.add_argument("--dir", metavar="DIR", help="backups folder (default: <project>.backups)")

    restore = commands.add_parser(
        "restore",
        help="replace the project with a backup (default: the latest)",
        description="Check the backup (SQLite integrity check, a project of ours), then put "
        "it in place of the project. The replaced file is kept beside it as "
        "<project>.before-restore-<time>. Close every window on the project first: a "
        "project open elsewhere is refused.",
    )
    restore.add_argument(
        "backup", nargs="?", metavar="BACKUP", help="backup file or its name (default: latest)"
    )
    restore.add_argument("--dir", metavar="DIR", help="backups folder (default: <project>.backups)")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    for handler in (run_backup, run_backups, run_restore):
        handler.needs_project = False  # type: ignore[attr-defined]
    return {"backup": run_backup, "backups": run_backups, "restore": run_restore}


def _project(args: argparse.Namespace) -> Path:
    path, _is_default = resolve_project_path(args.db)
    return path


def _save_keep(db_path: Path, keep: int) -> None:
    from annotator.core.store import Store

    with Store.open(db_path) as store:
        store.set_setting(KEEP_SETTING, str(keep))


def run_backup(args: argparse.Namespace, _store: object = None) -> None:
    from annotator.core.store.backup import make_backup
    from annotator.core.store.database import DatabaseError

    db_path = _project(args)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        raise AnnotatorError(f"{db_path}: no project here to back up")
    if args.keep is not None:
        # before the copy, so that the backup is current; a damaged project is
        # reported by make_backup, with its latest backup
        with contextlib.suppress(DatabaseError):
            _save_keep(db_path, args.keep)
    target = make_backup(db_path, args.dir, args.keep)
    kept = len(list_backups(db_path, args.dir or None))
    print(f"backup: {target} ({kept} kept in {target.parent})")


def _line(backup: Backup, marker: str = "") -> str:
    return f"{backup.when}  {backup.size:>12,} bytes  {backup.path}{marker}"


def run_backups(args: argparse.Namespace, _store: object = None) -> None:
    db_path = _project(args)
    backups = list_backups(db_path, args.dir)
    if not backups:
        folder = args.dir or default_backup_dir(db_path)
        print(f"no backups of {db_path} in {folder}")
        return
    for n, backup in enumerate(backups, start=1):
        print(_line(backup, "  (latest)" if n == len(backups) else ""))


def _chosen_backup(args: argparse.Namespace, db_path: Path) -> Path:
    if args.backup is None:
        latest = latest_backup(db_path, args.dir)
        if latest is None:
            folder = args.dir or default_backup_dir(db_path)
            raise AnnotatorError(f"no backups of {db_path} in {folder}; nothing to restore")
        return latest.path
    given = Path(args.backup)
    if given.is_file():
        return given
    folder = Path(args.dir) if args.dir else default_backup_dir(db_path)
    if (folder / given.name).is_file() and given.name == args.backup:
        return folder / given.name
    raise AnnotatorError(f"{args.backup}: no such backup (see `annotator backups`)")


def _confirm(question: str) -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        raise AnnotatorError("restore replaces the project: pass --yes to confirm")
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def run_restore(args: argparse.Namespace, _store: object = None) -> int:
    from annotator.core.store.restore import restore_backup

    db_path = _project(args)
    chosen = _chosen_backup(args, db_path)
    if not args.yes and not _confirm(f"Replace {db_path} with the backup {chosen}?"):
        print("not restored", file=sys.stderr)
        return 1
    kept = restore_backup(db_path, chosen)
    print(f"restored {db_path} from {chosen}")
    if kept is not None:
        print(f"the replaced file is kept as {kept}")
    return 0
