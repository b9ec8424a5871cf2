"""`annotator report`: the agreement report as a folder (index.html, PNG charts, CSV)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from annotator.cli.output import echo
from annotator.core.errors import AnnotatorError

if TYPE_CHECKING:
    from annotator.core.store import Store

CHART_MODULES = ("matplotlib", "numpy", "PIL")  # what the charts need at run time


def register(commands) -> dict:
    """Add `report` to the parser; returns its handler."""
    report = commands.add_parser(
        "report",
        help="write an HTML agreement report with charts and CSV tables into a folder",
        description="Write the inter-annotator agreement report into a folder: index.html "
        "(per-label and per-pair tables, relation agreement, partial documents, the most "
        "disputed spans), PNG charts (agreement per label and per pair, label confusion, "
        "disputed spans) and the CSV tables. Open index.html in a browser.",
    )
    report.add_argument("--out", required=True, metavar="DIR", help="folder to write into")
    report.add_argument(
        "--annotator", action="append", metavar="NAME", help="compare this annotator (repeatable)"
    )
    report.add_argument(
        "--label", action="append", metavar="LABEL", help="only this label (repeatable)"
    )
    return {"report": run_report}


def run_report(args: argparse.Namespace, store: Store) -> None:

    try:
        from annotator.core.team.report import write_report
    except ModuleNotFoundError as exc:  # an installation (or bundle) without matplotlib
        if (exc.name or "").split(".")[0] not in CHART_MODULES:
            raise
        raise AnnotatorError(
            f"`annotator report` draws its charts with matplotlib, which cannot be imported "
            f"here ({exc.name} is missing); install it: pip install 'matplotlib>=3.8'"
        ) from exc
    index = write_report(store, args.out, annotators=args.annotator, labels=args.label)
    files = sorted(path.name for path in index.parent.iterdir() if path.suffix in (".png", ".csv"))
    echo(args, f"wrote {index}")
    echo(args, f"  with {', '.join(files)}")


run_report.reads_only = True  # opens the project read-only: nothing written, none created
