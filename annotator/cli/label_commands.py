"""`annotator labels`: show and change the label scheme."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from annotator.cli.output import echo
from annotator.core.model import LABEL_KINDS, Label

if TYPE_CHECKING:
    from annotator.core.store import Store


def register(commands) -> dict:
    """Add `labels` and its actions to the parser; returns the handler."""
    labels = commands.add_parser("labels", help="show or change the label scheme")
    actions = labels.add_subparsers(dest="labels_command", metavar="ACTION")
    actions.add_parser("show", help="list the labels (the default)")
    add = actions.add_parser("add", help="add a label")
    add.add_argument("name")
    add.add_argument("--kind", default="entity", choices=LABEL_KINDS)
    add.add_argument("--colour", default="#cccccc", help="#rrggbb")
    add.add_argument("--key", help="one-character shortcut")
    add.add_argument("--description", default="")
    add.add_argument(
        "--example", action="append", dest="examples", help="an example (repeat for more)"
    )
    edit = actions.add_parser("edit", help="change a label (renaming keeps its spans)")
    edit.add_argument("name")
    edit.add_argument("--rename", dest="new_name")
    edit.add_argument("--colour")
    edit.add_argument("--key")
    edit.add_argument("--description")
    edit.add_argument(
        "--example",
        action="append",
        dest="examples",
        help="an example; given once or more, they replace the label's examples",
    )
    remove = actions.add_parser("remove", help="remove an unused label")
    remove.add_argument("name")
    load = actions.add_parser("import", help="add the labels of a scheme file (JSON)")
    load.add_argument("file")
    dump = actions.add_parser("export", help="write the scheme as JSON")
    dump.add_argument("file", nargs="?", default="-")
    return {"labels": run_labels}


def run_labels(args: argparse.Namespace, store: Store) -> None:
    from annotator.core.store.labels import scheme_json, with_examples, write_scheme

    action = args.labels_command or "show"
    if action == "add":
        label = Label(args.name, args.kind, args.colour, args.key, args.description)
        store.labels.add(with_examples(label, args.examples or []))
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
        if args.examples is not None:
            changes["options"] = with_examples(store.labels.get(args.name), args.examples).options
        store.labels.update(args.name, **changes)
    elif action == "remove":
        store.labels.remove(args.name)
    elif action == "import":
        from annotator.core.store.labels import load_scheme

        store.labels.install(load_scheme(args.file))
    elif action == "export":
        if args.file == "-":
            print(scheme_json(store.labels.all()), end="")
        else:
            write_scheme(store.labels.all(), args.file)
        return
    for label in store.labels.all():
        key = label.shortcut or "-"
        echo(
            args, f"{key:>2}  {label.name:<14} {label.kind:<9} {label.colour}  {label.description}"
        )
