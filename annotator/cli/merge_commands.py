"""`annotator merge A.db B.db … --into team.db`: bring annotators' project files together."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.cli.output import echo


def register(commands) -> dict:
    """Add `merge` to the parser; returns its handler."""
    merge = commands.add_parser(
        "merge",
        help="merge annotators' project files into one project",
        description="Merge project files (each annotator's own) into the project given by "
        "--into, created if it does not exist. Documents are matched by their text, "
        "annotators and labels by name. When an annotator's layer of a document differs "
        "between the two, the one edited last wins and the conflict is listed. The sources "
        "are only read; the whole merge is one transaction: all or nothing.",
    )
    merge.add_argument("sources", nargs="+", metavar="SOURCE", help="project files to merge")
    merge.add_argument("--into", required=True, metavar="TARGET", help="the project to merge into")
    merge.add_argument(
        "--dry-run", action="store_true", help="report what would be merged, change nothing"
    )
    return {"merge": run_merge}


def run_merge(args: argparse.Namespace, _store: None) -> None:
    from annotator.core.store import Store
    from annotator.core.team.merge import merge_projects

    path = Path(args.into)
    existed = path.exists() and path.stat().st_size > 0
    store = Store.open(path)
    try:
        if store.created:
            store.set_setting("language", "ar")
        report = merge_projects(store, [Path(p) for p in args.sources], dry_run=args.dry_run)
    except BaseException:
        store.close()
        if not existed:  # leave no half-made project behind
            _remove_project(path)
        raise
    store.close()
    if args.dry_run and not existed:
        _remove_project(path)
    for line in report.summary().splitlines():
        echo(args, line)


def _remove_project(path: Path) -> None:
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        path.with_name(name).unlink(missing_ok=True)


run_merge.needs_project = False  # opens (or creates) the --into project itself
