"""`annotator import`, `export` and `stats`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from annotator.core.normalize import describe_rules
from annotator.core.store import Store


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
    from annotator.core.import_jsonl import import_jsonl, split_import_paths
    from annotator.core.import_text import import_text_files

    texts, jsonl = split_import_paths(Path(p) for p in args.paths)
    with store.transaction():
        if texts:
            report = import_text_files(store, texts, encoding=args.encoding, skip_bad=args.skip_bad)
            print(f"articles: {report.added} added, {report.existing} already present")
            for _path, problem in report.skipped:
                print(f"skipped: {problem}", file=sys.stderr)
        for path in jsonl:
            rep = import_jsonl(
                store, path, annotator=args.annotator, create_labels=args.create_labels
            )
            print(
                f"{path}: {rep.lines} lines, {rep.documents_added} new documents, "
                f"{rep.spans_added} spans, {rep.relations_added} relations added"
            )
            for number, reason in rep.skipped:
                print(f"{path}, line {number}: skipped ({reason})", file=sys.stderr)
            if rep.labels_created:
                print(f"labels created: {', '.join(rep.labels_created)}")


def run_export(args: argparse.Namespace, store: Store) -> None:
    from annotator.core.export_jsonl import export_jsonl, iter_records, write_jsonl

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
    from annotator.cli.main import echo

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
