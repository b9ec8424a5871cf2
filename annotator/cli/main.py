"""The `annotator` command line: global options, the command registry, error handling.

Without a command it opens the annotation window.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from annotator import __version__
from annotator.cli import (
    agree_commands,
    app_commands,
    backup_commands,
    conll_commands,
    data_commands,
    guideline_commands,
    label_commands,
    merge_commands,
    note_commands,
    report_commands,
    review_commands,
    suggest_commands,
    train_commands,
)
from annotator.cli.output import handle_closed_output
from annotator.core.errors import AnnotatorError
from annotator.core.store.location import ENV_VAR

if TYPE_CHECKING:
    from annotator.core.store import Store

Handler = Callable[[argparse.Namespace, "Store"], int | None]

# Modules with `register(subparsers) -> {command name: handler}`.
COMMAND_MODULES = [
    data_commands,
    conll_commands,
    label_commands,
    guideline_commands,
    merge_commands,
    agree_commands,
    report_commands,
    review_commands,
    note_commands,
    suggest_commands,
    train_commands,
    backup_commands,
    app_commands,
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered command."""
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
        "--lang",
        choices=("ar", "en"),
        help="the window's interface language (default: the one chosen in View ▸ Language, "
        "else Arabic when the system's locale is Arabic, else English)",
    )
    parser.add_argument(
        "--visual",
        action="store_true",
        help="print Arabic reshaped in visual order, for terminals that cannot shape Arabic "
        "(default: logical order, right for files, pipes and bidi-aware terminals)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    handlers: dict[str, Handler] = {}
    for module in COMMAND_MODULES:
        handlers.update(module.register(commands))
    parser.set_defaults(handlers=handlers)
    return parser


@handle_closed_output
def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments:  # the window: nothing to parse, so the commands' parser is not built
        from annotator.ui.app import run_app

        return run_app(None)
    args = build_parser().parse_args(arguments)
    if args.command is None:
        from annotator.ui.app import run_app

        return run_app(args.db, args.lang)
    from annotator.core.project import open_project
    from annotator.core.store.database import SQLiteError

    handler = args.handlers[args.command]
    try:
        if getattr(handler, "needs_project", True):
            reads_only = getattr(handler, "reads_only", False)
            with open_project(args.db, read_only=reads_only) as store:
                return handler(args, store) or 0
        return handler(args, None) or 0
    except AnnotatorError as exc:
        return _fail(str(exc))
    except BrokenPipeError:  # the reader went away: handle_closed_output, quietly
        raise
    except OSError as exc:  # a full disk, a folder that cannot be made: say which file
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or exc}")
    except SQLiteError as exc:  # not foreseen: still one line, never a traceback
        return _fail(f"{args.db or 'the project'}: SQLite: {exc}")


def _fail(message: str) -> int:
    print(f"annotator: error: {message}", file=sys.stderr)
    return 1
