"""`annotator import`, `export` and `stats`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from annotator.cli.format_options import add_format_options, chosen_options, given_options
from annotator.cli.output import echo
from annotator.core.layers import LayerFilter
from annotator.core.model import GOLD_LAYER
from annotator.core.text.normalize import describe_rules

if TYPE_CHECKING:
    from annotator.core.store import Store


def add_layer_filters(parser: argparse.ArgumentParser) -> None:
    """--annotator, --gold, --label and --done-only, as every export takes them."""
    parser.add_argument(
        "--annotator", action="append", metavar="NAME", help="only this annotator (repeatable)"
    )
    parser.add_argument(
        "--gold",
        action="store_true",
        help="the adjudicated gold layer (with --annotator: as well)",
    )
    parser.add_argument(
        "--label", action="append", metavar="LABEL", help="only this label (repeatable)"
    )
    parser.add_argument(
        "--done-only", action="store_true", help="only documents the annotator marked done"
    )


def layer_filter(args: argparse.Namespace) -> LayerFilter:
    """The layers the filter options select."""
    annotators = list(args.annotator) if args.annotator else None
    if getattr(args, "gold", False):
        annotators = [*(annotators or []), GOLD_LAYER]
    return LayerFilter.of(annotators, args.label, args.done_only)


def register(commands) -> dict:
    """Add the data commands to the parser; returns their handlers."""
    imp = commands.add_parser(
        "import",
        help="import articles (.txt files or folders) or annotations in any format",
        description="Import .txt articles (files or folders, recursively) and annotation "
        "files: our JSONL, Prodigy, doccano, Label Studio, brat, INCEpTION/WebAnno, CoNLL "
        "(see `annotator formats`). The format is told from each file; --format names it. "
        "Each call is one transaction: all or nothing. Text normalization at import: "
        + describe_rules(),
    )
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--format", metavar="FORMAT", help="read every PATH in this format")
    imp.add_argument("--encoding", help="encoding of .txt files (default: detected)")
    imp.add_argument(
        "--skip-bad", action="store_true", help="skip unreadable .txt files and report them"
    )
    imp.add_argument(
        "--annotator",
        help="layer of annotations whose file names none (default: imported)",
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
        help="add labels a file uses but the project lacks (default: refuse the file)",
    )
    add_format_options(imp, "import")

    exp = commands.add_parser(
        "export",
        help="export annotations in any format (default: JSONL training data)",
        description="Write the annotation layers in a format (see `annotator formats`): one "
        "JSONL line per document per annotator layer by default (Prodigy-compatible). What a "
        "format cannot carry is said on standard error. See the README for each format.",
    )
    exp.add_argument("--format", default="jsonl", metavar="FORMAT", help="default: jsonl")
    exp.add_argument(
        "-o", "--output", default=None, help="output file or folder (- for standard output)"
    )
    add_layer_filters(exp)
    add_format_options(exp, "export")

    listing = commands.add_parser("formats", help="the formats import and export speak")
    listing.add_argument("--json", action="store_true", help="print JSON")

    stats = commands.add_parser("stats", help="documents, spans per label and per annotator")
    stats.add_argument("--json", action="store_true", help="print JSON")
    return {
        "import": run_import,
        "export": run_export,
        "formats": run_formats,
        "stats": run_stats,
    }


def run_import(args: argparse.Namespace, store: Store) -> None:
    from annotator.cli.output import Report
    from annotator.core.formats.registry import get_format
    from annotator.core.import_files import import_files

    # settings are checked against the named format, else against each file's format
    if args.format:
        extra = chosen_options(args, get_format(args.format), "import")
    else:
        extra = _guessed_options(args) if given_options(args, "import") else {}
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
        format=args.format,
        extra=extra,
    )
    lines = Report()
    if result.files > len(result.read):
        lines.out(
            f"articles: {result.documents_added} added, {result.documents_existing} already present"
        )
    for path, report in result.read:
        for line in report.summary(path):
            lines.out(line)
    if result.read:
        lines.out(f"stored: {result.spans_added} spans, {result.relations_added} relations added")
    if result.labels_created:
        lines.out(f"labels created: {', '.join(result.labels_created)}")
    for problem in result.skipped:
        lines.err(f"skipped: {problem}")
    for warning in result.warnings:
        lines.err(warning)
    lines.print()


def _guessed_options(args: argparse.Namespace) -> dict:
    """Format settings given without --format: checked against each annotation file's
    format, so a setting no file's format takes is refused."""
    from pathlib import Path

    from annotator.core.formats.input_kinds import plan_imports

    given = {}
    for _path, fmt in plan_imports([Path(p) for p in args.paths]).annotations:
        given.update(chosen_options(args, fmt, "import"))
    return given


def run_export(args: argparse.Namespace, store: Store) -> None:
    from pathlib import Path

    from annotator.core.errors import ValidationError
    from annotator.core.formats.registry import get_format

    fmt = get_format(args.format)
    if not fmt.can_write:
        raise ValidationError(f"{fmt.title} can be read, not written")
    options = chosen_options(args, fmt, "export")
    layers = layer_filter(args)
    output = args.output if args.output is not None else ("-" if fmt.stdout else None)
    if output is None:
        raise ValidationError(
            f"the {fmt.name} format writes a {fmt.output_for(options)}: give -o PATH"
        )
    if output == "-":
        if not fmt.stdout:
            raise ValidationError(
                f"the {fmt.name} format writes a {fmt.output_for(options)}: give -o PATH"
            )
        report = fmt.write(store, sys.stdout, layers, options)
    else:
        report = fmt.write(store, Path(output), layers, options)
    print(report.summary(), file=sys.stderr)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)


def run_formats(args: argparse.Namespace, _store: Store) -> None:
    from annotator.core.formats.registry import formats

    rows = [
        {
            "name": f.name,
            "title": f.title,
            "read": f.can_read,
            "write": f.can_write,
            "writes": f.output,
            "suffixes": list(f.suffixes),
        }
        for f in formats()
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        ways = "/".join(w for w in ("read", "write") if row[w])
        echo(args, f"{row['name']:<14} {ways:<11} {row['title']}")


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
    _echo_progress(args, stats["annotators"])


def _echo_progress(args: argparse.Namespace, people: dict[str, dict]) -> None:
    """Per annotator: documents done / in progress / skipped / flagged, then their spans
    per label on the line below."""
    echo(args, "progress per annotator:")
    echo(args, f"  {'':<20} {'done':>6} {'in progress':>12} {'skipped':>8} {'flagged':>8}")
    for name, row in people.items():
        counts = (row["done"], row["in_progress"], row["skipped"], row["flagged"])
        echo(args, f"  {name:<20} {counts[0]:>6} {counts[1]:>12} {counts[2]:>8} {counts[3]:>8}")
        labels = ", ".join(f"{label} {n}" for label, n in row["spans_per_label"].items())
        if labels:
            echo(args, f"  {'':<20} spans: {labels}")


run_export.reads_only = True  # opens the project read-only: nothing written, none created

run_formats.needs_project = False

run_stats.reads_only = True  # opens the project read-only: nothing written, none created
