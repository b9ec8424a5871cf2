"""`annotator guidelines`: keep a Markdown guidelines document in the project (the
window's Guidelines panel shows it), print it, or remove it."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.store import Store


def register(commands) -> dict:
    """Add `guidelines` to the parser; returns its handler."""
    guide = commands.add_parser(
        "guidelines",
        help="store the project's guidelines document (Markdown), or print it",
        description="With FILE, keep that Markdown file in the project as its guidelines "
        "document (shown in the window under View ▸ Guidelines, as formatted text; HTML in "
        "the file is shown literally, never rendered). Without FILE, print the document.",
    )
    guide.add_argument("file", nargs="?", metavar="FILE.md")
    guide.add_argument("--remove", action="store_true", help="remove the document")
    return {"guidelines": run_guidelines}


def run_guidelines(args: argparse.Namespace, store: Store) -> int:
    from annotator.core.guidelines import guidelines, set_guidelines, store_guidelines_file

    if args.remove and args.file:
        print("annotator: error: give FILE.md or --remove, not both", file=sys.stderr)
        return 2
    if args.remove:
        set_guidelines(store, "")
        print("guidelines removed")
        return 0
    if args.file:
        text = store_guidelines_file(store, args.file)
        lines = text.count("\n") + (not text.endswith("\n") and bool(text))
        print(f"guidelines stored: {args.file} ({lines} lines)")
        return 0
    text = guidelines(store)
    if not text:
        print("no guidelines stored (annotator guidelines FILE.md stores them)")
        return 0
    print(text, end="" if text.endswith("\n") else "\n")
    return 0
