"""`annotator import`, `export` and `stats`."""

from __future__ import annotations

import argparse
import json
import sys

from annotator.cli.output import echo
from annotator.core.store import Store
from annotator.core.text.normalize import describe_rules


def add_layer_filters(parser: argparse.ArgumentParser) -> None:
    """--annotator, --label and --done-only, as every export takes them."""
    parser.add_argument(
        "--annotator", action="append", metavar="NAME", help="only this annotator (repeatable)"
    )
    parser.add_argument(
        "--label", action="append", metavar="LABEL", help="only this label (repeatable)"
    )
    parser.add_argument(
        "--done-only", action="store_true", help="only documents the annotator marked done"
    )


def register(commands) -> dict:
    """Add the data commands to the parser; returns their handlers."""
    imp = commands.add_parser(
        "import",
        help="import articles (.txt files or folders) or annotations (.jsonl)",
        description="Import .txt articles (files or folders, recursively) or JSONL annotation "
        "files (our export, Prodigy task lines, doccano). Each call is one transaction: all or "
        "nothing. Text normalization at import: " + describe_rules(),
    )
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--encoding", help="encoding of .txt files (default: detected)")
    imp.add_argument(
        "--skip-bad", action="store_true", help="skip unreadable .txt files and report them"
    )
    imp.add_argument(
        "--annotator", help="annotator for JSONL lines that name none (default: imported)"
    )
    imp.add_argument(
        "--reviewer",
        metavar="NAME",
        help="write the gold layer's annotations as this reviewer (made a reviewer); an "
        "import into gold is refused without it",
    )
    imp.add_argument(
        "--create-labels",
        action="store_true",
        help="add labels a JSONL file uses but the project lacks (default: refuse the file)",
    )

    exp = commands.add_parser(
        "export",
        help="export annotations as JSONL training data",
        description="One JSONL line per document per annotator layer (Prodigy-compatible). "
        "See the README for the format.",
    )
    exp.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    add_layer_filters(exp)

    stats = commands.add_parser("stats", help="documents, spans per label and per annotator")
    stats.add_argument("--json", action="store_true", help="print JSON")
    return {"import": run_import, "export": run_export, "stats": run_stats}


def run_import(args: argparse.Namespace, store: Store) -> None:
    from annotator.cli.output import Report
    from annotator.core.import_files import import_files

    # everything is stored (or nothing) before a word is printed: a reader that closes
    # the pipe early cannot take an import back
    result = import_files(
        store,
        args.paths,
        encoding=args.encoding,
        skip_bad=args.skip_bad,
        annotator=args.annotator,
        create_labels=args.create_labels,
        reviewer=args.reviewer,
    )
    lines = Report()
    if result.files > len(result.jsonl):
        lines.out(
            f"articles: {result.documents_added} added, {result.documents_existing} already present"
        )
    for path, report in result.jsonl:
        lines.out(f"{path}: {report.lines} lines read")
    if result.jsonl:
        lines.out(f"stored: {result.spans_added} spans, {result.relations_added} relations added")
    if result.labels_created:
        lines.out(f"labels created: {', '.join(result.labels_created)}")
    for problem in result.skipped:
        lines.err(f"skipped: {problem}")
    lines.print()


def run_export(args: argparse.Namespace, store: Store) -> None:
    from annotator.core.formats.export_jsonl import (
        check_filters,
        export_jsonl,
        iter_records,
        write_jsonl,
    )

    check_filters(store, args.annotator, args.label)
    filters = {"annotators": args.annotator, "labels": args.label, "done_only": args.done_only}
    if args.output == "-":
        report = write_jsonl(iter_records(store, **filters), sys.stdout)
    else:
        report = export_jsonl(store, args.output, **filters)
    print(
        f"exported {report.lines} lines, {report.spans} spans, {report.relations} relations",
        file=sys.stderr,
    )


def run_stats(args: argparse.Namespace, store: Store) -> None:

    stats = store.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    echo(args, f"documents: {stats['documents']}   spans: {stats['spans']}")
    for title, key in (
        ("spans per label", "spans_per_label"),
        ("spans per annotator", "spans_per_annotator"),
        ("relations per label", "relations_per_label"),
    ):
        echo(args, f"{title}:")
        for name, count in stats[key].items():
            echo(args, f"  {name:<20} {count:>8}")


run_export.reads_only = True  # opens the project read-only: nothing written, none created

run_stats.reads_only = True  # opens the project read-only: nothing written, none created
