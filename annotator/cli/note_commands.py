"""`annotator skip`, `flag`, `comment` and `notes`: what an annotator says about a document
beside their annotations, from the command line (the window's Go ▸ Skip document… and
Edit ▸ Flag for reviewer… / Comment… do the same)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from annotator.cli.output import echo
from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import FLAG_REASONS

if TYPE_CHECKING:
    from annotator.core.store import Store


def register(commands) -> dict:
    """Add `skip`, `flag`, `comment` and `notes` to the parser; returns their handlers."""
    skip = commands.add_parser("skip", help="skip a document with a reason (or --clear)")
    skip.add_argument("document", type=int, metavar="DOC", help="document id")
    skip.add_argument("--annotator", required=True, metavar="NAME", help="who skips it")
    skip.add_argument("--reason", default="", metavar="TEXT", help="why (the reviewer sees it)")
    skip.add_argument("--clear", action="store_true", help="take the skip back")

    flag = commands.add_parser("flag", help="flag a document for the reviewer (or --clear)")
    flag.add_argument("document", type=int, metavar="DOC", help="document id")
    flag.add_argument("--annotator", required=True, metavar="NAME", help="who flags it")
    flag.add_argument("--reason", choices=FLAG_REASONS, default="other", help="what is wrong")
    flag.add_argument("--note", default="", metavar="TEXT", help="a note for the reviewer")
    flag.add_argument("--clear", action="store_true", help="take the flag back")

    comment = commands.add_parser("comment", help="comment on a document or one of its spans")
    comment.add_argument("document", type=int, metavar="DOC", help="document id")
    comment.add_argument("text", help="the comment")
    comment.add_argument("--annotator", required=True, metavar="NAME", help="who writes it")
    comment.add_argument(
        "--span",
        metavar="LABEL:START:END",
        help="on this span of the annotator's layer (code-point offsets, end exclusive)",
    )

    notes = commands.add_parser("notes", help="list skips, flags and comments")
    notes.add_argument("--annotator", metavar="NAME", help="only this annotator's")
    notes.add_argument("--json", action="store_true", help="print JSON lines")
    return {"skip": run_skip, "flag": run_flag, "comment": run_comment, "notes": run_notes}


def run_skip(args: argparse.Namespace, store: Store) -> None:
    who = store.ensure_annotator(args.annotator).id
    if args.clear:
        store.notes.clear_flag(args.document, who, "skipped")
        echo(args, f"document {args.document}: skip taken back")
        return
    store.notes.set_flag(args.document, who, "skipped", "", args.reason)
    echo(args, f"document {args.document}: skipped by {args.annotator}")


def run_flag(args: argparse.Namespace, store: Store) -> None:
    who = store.ensure_annotator(args.annotator).id
    if args.clear:
        store.notes.clear_flag(args.document, who, "flagged")
        echo(args, f"document {args.document}: flag taken back")
        return
    store.notes.set_flag(args.document, who, "flagged", args.reason, args.note)
    echo(args, f"document {args.document}: flagged ({args.reason}) by {args.annotator}")


def _span(store: Store, document: int, who: int, ref: str):
    try:
        label, start, end = ref.rsplit(":", 2)
        start, end = int(start), int(end)
    except ValueError as exc:
        raise ValidationError(f"--span {ref!r}: write it LABEL:START:END") from exc
    for span in store.annotations.spans(document, who):
        if (span.label, span.start, span.end) == (label, start, end):
            return span
    raise NotFoundError(f"document {document} has no span {label} {start}..{end} of this layer")


def run_comment(args: argparse.Namespace, store: Store) -> None:
    who = store.ensure_annotator(args.annotator).id
    store.documents.text(args.document)  # NotFoundError names the document
    span = _span(store, args.document, who, args.span) if args.span else None
    store.notes.add_comment(args.document, who, args.text, span)
    echo(args, f"document {args.document}: comment stored")


def run_notes(args: argparse.Namespace, store: Store) -> None:
    names = {a.id: a.name for a in store.annotators()}
    only = store.annotator_by_name(args.annotator).id if args.annotator else None
    flags, comments = store.notes.every()
    rows = [
        {
            "document": f.document_id,
            "annotator": names[f.annotator_id],
            "kind": f.kind,
            "reason": f.reason,
            "text": f.note,
            "created_at": f.created_at,
        }
        for f in flags
        if only in (None, f.annotator_id)
    ]
    rows += [
        {
            "document": c.document_id,
            "annotator": names[c.annotator_id],
            "kind": "comment",
            "span": f"{c.label}:{c.start}:{c.end}" if c.on_span else None,
            "text": c.text,
            "created_at": c.created_at,
        }
        for c in comments
        if only in (None, c.annotator_id)
    ]
    rows.sort(key=lambda row: (row["document"], row["created_at"]))
    for row in rows:
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
            continue
        what = row["kind"] + (f" ({row['reason']})" if row.get("reason") else "")
        what += f" on {row['span']}" if row.get("span") else ""
        echo(args, f"{row['document']:>6}  {row['annotator']:<14} {what}: {row['text']}")


run_notes.reads_only = True  # opens the project read-only: nothing written, none created
