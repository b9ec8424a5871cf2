"""`annotator import-conll` and `export-conll`: CoNLL/BIO files with nested tag columns."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.store import Store


def register(commands) -> dict:
    """Add the CoNLL commands to the parser; returns their handlers."""
    from annotator.cli.data_commands import add_layer_filters

    imp = commands.add_parser(
        "import-conll",
        help="import CoNLL/BIO files (Wojood-style nested tag columns)",
        description="Import CoNLL/BIO (IOB2) files: one `token TAG [TAG…]` per line, nested "
        "tags as extra columns (outer first), a blank line between sentences. Tokens are "
        "joined with spaces, sentences with line breaks; each `$#$`-delimited segment is one "
        "document (a file without `$#$` lines is one document). All files are one "
        "transaction: an error names the file and line and nothing is stored.",
    )
    imp.add_argument(
        "paths", nargs="+", metavar="FILE", help="a CoNLL file, or a folder of <annotator>.conll"
    )
    imp.add_argument(
        "--annotator", metavar="NAME", help="layer to store the spans in (default: imported)"
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
        help="add the entity types the project lacks as labels (default: refuse the file)",
    )
    imp.add_argument(
        "--map-wojood",
        action="store_true",
        help="map Wojood types to the default labels: PERS->PERSON, ORG, GPE, LOC, DATE, "
        "EVENT (the other types still need --create-labels)",
    )
    imp.add_argument(
        "--sentences-per-document",
        type=int,
        metavar="N",
        help="also end a document after every N sentences (for files without `$#$` lines)",
    )

    exp = commands.add_parser(
        "export-conll",
        help="export annotations as CoNLL/BIO with nested tag columns",
        description="The same as `export --format conll`: one `token TAG…` line per token "
        "(tab-separated by default), a blank line between sentences (the lines of the text), "
        "`$#$ O` between documents, nested spans in extra tag columns (outer first). How spans "
        "were fitted to tokens, and what CoNLL cannot carry, is said on standard error.",
    )
    exp.add_argument(
        "-o", "--output", required=True, help="output file or folder (- for standard output)"
    )
    add_layer_filters(exp)
    _add_export_settings(exp)
    return {"import-conll": run_import_conll, "export-conll": run_export_conll}


def _add_export_settings(parser: argparse.ArgumentParser) -> None:
    """The CoNLL format's export settings, as `export --format conll` offers them."""
    from annotator.core.formats.format_table import CONLL

    for option in CONLL.options:
        if option.direction != "export":
            continue
        if option.kind == "flag":
            parser.add_argument(
                option.flag, dest=option.dest, action="store_true", help=option.help
            )
        else:
            parser.add_argument(
                option.flag,
                dest=option.dest,
                default=option.default,
                choices=option.choices,
                help=option.help,
            )


def run_import_conll(args: argparse.Namespace, store: Store) -> None:
    from pathlib import Path

    from annotator.cli.output import Report
    from annotator.core.formats.conll_format import read_conll
    from annotator.core.formats.store_parsed import ImportOptions
    from annotator.core.store.staging import staged

    lines = Report()
    extra = {
        "map_wojood": args.map_wojood,
        "sentences_per_document": args.sentences_per_document,
    }
    # read into a staging project: the project's write lock is held only to add it
    with staged(store) as stage:
        for name in args.paths:
            path = Path(name)
            options = ImportOptions(args.annotator, args.reviewer, args.create_labels, extra=extra)
            report = read_conll(stage.store, path, options)
            for line in report.summary(path):
                lines.out(line)
            for line in report.warnings(path):
                lines.err(line)
    applied = stage.applied
    lines.out(
        f"stored: {applied.documents_added} new documents ({applied.documents_existing} "
        f"present already), {applied.spans_added} spans added"
    )
    # only after the commit: a reader that closes the pipe early cannot undo the import
    lines.print()


def run_export_conll(args: argparse.Namespace, store: Store) -> None:
    from pathlib import Path

    from annotator.cli.data_commands import layer_filter
    from annotator.core.formats.conll_format import write_conll_target
    from annotator.core.formats.format_table import CONLL

    options = {o.dest: getattr(args, o.dest) for o in CONLL.options if o.direction == "export"}
    target = sys.stdout if args.output == "-" else Path(args.output)
    report = write_conll_target(store, target, layer_filter(args), options)
    notes = report.notes(per_annotator=bool(options.get("per_annotator")))
    print(f"exported by annotator: {notes[0]}", file=sys.stderr)
    for note in notes[1:]:
        print(f"note: {note}", file=sys.stderr)


run_export_conll.reads_only = True  # opens the project read-only: nothing written, none created
