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
    from annotator.core.formats.conll import CLITIC_POLICIES

    imp = commands.add_parser(
        "import-conll",
        help="import CoNLL/BIO files (Wojood-style nested tag columns)",
        description="Import CoNLL/BIO (IOB2) files: one `token TAG [TAG…]` per line, nested "
        "tags as extra columns (outer first), a blank line between sentences. Tokens are "
        "joined with spaces, sentences with line breaks; each `$#$`-delimited segment is one "
        "document (a file without `$#$` lines is one document). All files are one "
        "transaction: an error names the file and line and nothing is stored.",
    )
    imp.add_argument("paths", nargs="+", metavar="FILE")
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
        description="One `token TAG…` line per token, a blank line between sentences (the "
        "lines of the text), `$#$ O` between documents, nested spans in extra tag columns "
        "(outer first). The first line is a comment saying how spans were fitted to tokens.",
    )
    exp.add_argument("-o", "--output", required=True, help="output file (- for standard output)")
    add_layer_filters(exp)
    exp.add_argument(
        "--clitics",
        choices=CLITIC_POLICIES,
        default="whole-token",
        help="a span that leaves out part of a token (a clitic such as و): tag the whole "
        "token (whole-token, default, as Wojood and ANERcorp do) or split the token at the "
        "span edge (split)",
    )
    exp.add_argument(
        "--no-pad",
        action="store_true",
        help="leave out trailing O columns, as Wojood does (default: every line has as many "
        "tag columns as the deepest nesting)",
    )
    return {"import-conll": run_import_conll, "export-conll": run_export_conll}


def run_import_conll(args: argparse.Namespace, store: Store) -> None:
    from annotator.cli.output import Report
    from annotator.core.formats.conll import WOJOOD_TO_DEFAULT
    from annotator.core.formats.conll_import import import_conll
    from annotator.core.store.staging import staged

    lines = Report()
    # read into a staging project: the project's write lock is held only to add it
    with staged(store) as stage:
        for path in args.paths:
            report = import_conll(
                stage.store,
                path,
                annotator=args.annotator,
                create_labels=args.create_labels,
                label_map=WOJOOD_TO_DEFAULT if args.map_wojood else None,
                sentences_per_document=args.sentences_per_document,
                reviewer=args.reviewer,
            )
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
    from annotator.core.formats.conll_export import export_conll

    report = export_conll(
        store,
        sys.stdout if args.output == "-" else args.output,
        annotators=args.annotator,
        labels=args.label,
        done_only=args.done_only,
        clitics=args.clitics,
        pad=not args.no_pad,
    )
    print(report.header()[2:], file=sys.stderr)


run_export_conll.reads_only = True  # opens the project read-only: nothing written, none created
