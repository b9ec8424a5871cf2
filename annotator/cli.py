"""The `annotator` command: import, export, stats, labels; no command opens the window."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.core.normalize import describe_rules
from annotator.core.project import ENV_VAR, open_project
from annotator.core.visual import terminal_text

JSONL_SUFFIXES = {".jsonl", ".json", ".ndjson"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Annotate Arabic news: entities, claims, quotations and their speakers. "
        "Without a command, opens the annotation window.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help=f"project database (default: ${ENV_VAR}, else the default project, "
        "created with the demo articles on first run)",
    )
    parser.add_argument(
        "--visual",
        action="store_true",
        help="print Arabic reshaped in visual order, for terminals that cannot shape Arabic "
        "(default: logical order, right for files, pipes and bidi-aware terminals)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

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
    exp.add_argument(
        "--annotator", action="append", metavar="NAME", help="only this annotator (repeatable)"
    )
    exp.add_argument(
        "--label", action="append", metavar="LABEL", help="only this label (repeatable)"
    )
    exp.add_argument(
        "--done-only", action="store_true", help="only documents the annotator marked done"
    )

    stats = commands.add_parser("stats", help="documents, spans per label and per annotator")
    stats.add_argument("--json", action="store_true", help="print JSON")

    labels = commands.add_parser("labels", help="show or change the label scheme")
    label_cmds = labels.add_subparsers(dest="labels_command", metavar="ACTION")
    label_cmds.add_parser("show", help="list the labels (the default)")
    add = label_cmds.add_parser("add", help="add a label")
    add.add_argument("name")
    add.add_argument(
        "--kind", default="entity", choices=["entity", "claim", "quote", "speaker", "relation"]
    )
    add.add_argument("--colour", default="#cccccc", help="#rrggbb")
    add.add_argument("--key", help="one-character shortcut")
    add.add_argument("--description", default="")
    edit = label_cmds.add_parser("edit", help="change a label (renaming keeps its spans)")
    edit.add_argument("name")
    edit.add_argument("--rename", dest="new_name")
    edit.add_argument("--colour")
    edit.add_argument("--key")
    edit.add_argument("--description")
    remove = label_cmds.add_parser("remove", help="remove an unused label")
    remove.add_argument("name")
    load = label_cmds.add_parser("import", help="add the labels of a scheme file (JSON)")
    load.add_argument("file")
    dump = label_cmds.add_parser("export", help="write the scheme as JSON")
    dump.add_argument("file", nargs="?", default="-")
    return parser


def _out(args: argparse.Namespace, text: str) -> None:
    print(terminal_text(text, args.visual))


def _cmd_import(args: argparse.Namespace, store) -> None:
    from annotator.core.import_jsonl import import_jsonl
    from annotator.core.import_text import import_text_files

    paths = [Path(p) for p in args.paths]
    jsonl = [p for p in paths if p.suffix.lower() in JSONL_SUFFIXES]
    texts = [p for p in paths if p not in jsonl]
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


def _cmd_export(args: argparse.Namespace, store) -> None:
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


def _cmd_stats(args: argparse.Namespace, store) -> None:
    stats = store.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    _out(args, f"documents: {stats['documents']}   spans: {stats['spans']}")
    for title, key in (
        ("spans per label", "spans_per_label"),
        ("spans per annotator", "spans_per_annotator"),
        ("relations per label", "relations_per_label"),
    ):
        _out(args, f"{title}:")
        for name, count in stats[key].items():
            _out(args, f"  {name:<20} {count:>8}")


def _cmd_labels(args: argparse.Namespace, store) -> None:
    from annotator.core.labels import load_scheme
    from annotator.core.model import Label

    action = args.labels_command or "show"
    if action == "add":
        store.labels.add(Label(args.name, args.kind, args.colour, args.key, args.description))
    elif action == "edit":
        changes = {
            key: value
            for key, value in (
                ("name", args.new_name),
                ("colour", args.colour),
                ("shortcut", args.key),
                ("description", args.description),
            )
            if value is not None
        }
        store.labels.update(args.name, **changes)
    elif action == "remove":
        store.labels.remove(args.name)
    elif action == "import":
        store.labels.install(load_scheme(args.file))
    elif action == "export":
        from dataclasses import asdict

        data = json.dumps(
            {"labels": [asdict(label) for label in store.labels.all()]},
            ensure_ascii=False,
            indent=2,
        )
        if args.file == "-":
            print(data)
        else:
            Path(args.file).write_text(data + "\n", encoding="utf-8")
        return
    for label in store.labels.all():
        key = label.shortcut or "-"
        _out(
            args, f"{key:>2}  {label.name:<14} {label.kind:<9} {label.colour}  {label.description}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    args = _parser().parse_args(argv)
    if args.command is None:
        from annotator.ui.app import run_app

        return run_app(args.db)
    try:
        with open_project(args.db) as store:
            {
                "import": _cmd_import,
                "export": _cmd_export,
                "stats": _cmd_stats,
                "labels": _cmd_labels,
            }[args.command](args, store)
    except AnnotatorError as exc:
        print(f"annotator: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    return 0
