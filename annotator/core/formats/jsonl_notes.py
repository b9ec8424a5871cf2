"""Skips, flags and comments in our JSONL lines: written into a layer's `meta`, read back.

A line is one annotator's layer on one document, so its `meta` carries that annotator's
notes, only when there are some (a line without notes is as before):

    "flags":    [{"kind": "flagged", "reason": "unclear", "note": "…", "created_at": "…"}]
    "comments": [{"text": "…", "created_at": "…"},
                 {"text": "…", "created_at": "…", "span": {"label": "PERSON", "start": 4,
                                                         "end": 9}}]

A span comment names its span by label and code-point offsets, like the line's spans. An
annotator who skipped or flagged a document without annotating it has no layer there: the
notes then go on a line of their own with no spans and `"answer": "ignore"` (as Prodigy
marks a skipped task, so that trainers leave it out), written after the others. On
import, a `flags` or `comments` value that is not a list of objects is some other tool's
metadata and stays in the document's meta; a list of objects must be notes as above.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from annotator.core.layers import Layer, LayerFilter
from annotator.core.model import Comment, Flag, Span
from annotator.core.store import Store
from annotator.core.store.database import now
from annotator.core.store.notes import check_flag, check_note
from annotator.core.store.notes_transfer import NoteRows, add_note_rows

NOTE_KEYS = ("flags", "comments")
LayerNotes = dict[tuple[int, int], dict[str, list[dict[str, Any]]]]


def flag_json(flag: Flag) -> dict[str, Any]:
    return {
        "kind": flag.kind,
        "reason": flag.reason,
        "note": flag.note,
        "created_at": flag.created_at,
    }


def comment_json(comment: Comment) -> dict[str, Any]:
    out: dict[str, Any] = {"text": comment.text, "created_at": comment.created_at}
    if comment.on_span:
        out["span"] = {"label": comment.label, "start": comment.start, "end": comment.end}
    return out


def layer_notes(store: Store) -> LayerNotes:
    """(document id, annotator id) -> the `meta` entries of that layer's notes."""
    flags, comments = store.notes.every()
    notes: LayerNotes = {}
    for flag in flags:
        entry = notes.setdefault((flag.document_id, flag.annotator_id), {})
        entry.setdefault("flags", []).append(flag_json(flag))
    for comment in comments:
        entry = notes.setdefault((comment.document_id, comment.annotator_id), {})
        entry.setdefault("comments", []).append(comment_json(comment))
    return notes


def note_only_layers(
    store: Store, layer_filter: LayerFilter, notes: LayerNotes, written: set[tuple[int, int]]
) -> Iterator[tuple[Layer, list[Span]]]:
    """Empty layers for the notes whose layer was not `written` (the annotator skipped or
    flagged a document without annotating it), each with every span of its document (for
    the tokens), in document order; none when only done layers are wanted."""
    if layer_filter.done_only:
        return
    names = {a.id: a.name for a in store.annotators()}
    wanted = set(layer_filter.annotators) if layer_filter.annotators is not None else None
    for doc_id, annotator_id in sorted(set(notes) - written):
        name = names[annotator_id]
        if wanted is None or name in wanted:
            layer = Layer(store.documents.get(doc_id), annotator_id, name)
            yield layer, store.annotations.spans(doc_id)


def has_notes(meta: dict[str, Any]) -> bool:
    """Whether a line's meta holds notes of our shape (see `take_notes`)."""
    return any(_ours(meta.get(key)) for key in NOTE_KEYS)


def _ours(items: Any) -> bool:
    return isinstance(items, list) and bool(items) and all(isinstance(i, dict) for i in items)


@dataclass
class ParsedNotes:
    """A line's notes as read: flags (kind, reason, note, created_at) and comments (text,
    created_at, optional (label, start, end) in the file's offsets)."""

    flags: list[tuple[str, str, str, str]] = field(default_factory=list)
    comments: list[tuple[str, str, tuple[str, int, int] | None]] = field(default_factory=list)


def _text(item: dict[str, Any], key: str, where: str) -> str:
    value = item.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f'"meta.{where}" {key} must be text')
    return value


def take_notes(meta: dict[str, Any]) -> ParsedNotes | None:
    """Remove our notes from a line's `meta` and return them (None when it has none);
    ValueError says what is wrong with notes of our shape."""
    found = ParsedNotes()
    taken = False
    for key in NOTE_KEYS:
        items = meta.get(key)
        if not _ours(items):
            continue
        del meta[key]
        taken = True
        for n, item in enumerate(items, start=1):
            where = f"{key}[{n}]"
            stamp = _text(item, "created_at", where) or now()
            if key == "flags":
                kind, reason = _text(item, "kind", where), _text(item, "reason", where)
                check_flag(kind, reason)
                note = check_note(_text(item, "note", where), required=False)
                found.flags.append((kind, reason, note, stamp))
            else:
                text = check_note(_text(item, "text", where), required=True)
                found.comments.append((text, stamp, _span_ref(item.get("span"), where)))
    return found if taken else None


def _span_ref(value: Any, where: str) -> tuple[str, int, int] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError(f'"meta.{where}" span must be an object with label, start and end')
    label, start, end = value.get("label"), value.get("start"), value.get("end")
    if not isinstance(label, str) or not label:
        raise ValueError(f'"meta.{where}" span label must be text')
    for name, pos in (("start", start), ("end", end)):
        if not isinstance(pos, int) or isinstance(pos, bool):
            raise ValueError(f'"meta.{where}" span {name} must be a whole number')
    if not 0 <= start < end:
        raise ValueError(f'"meta.{where}" span {start}..{end} is not a span')
    return label, start, end


def store_notes(
    store: Store,
    document_id: int,
    annotator_id: int,
    notes: ParsedNotes,
    text_length: int,
    map_offset: Callable[[int], int],
) -> int:
    """Add a line's notes to its layer (inside the import's transaction), span offsets
    carried through the text's normalization; a note stored already is not doubled."""
    comments = []
    for text, stamp, span in notes.comments:
        label = start = end = None
        if span is not None:
            label, start, end = span
            if end > text_length:
                raise ValueError(f"a comment's span {start}..{end} lies outside the text")
            start, end = map_offset(start), map_offset(end)
        comments.append((document_id, annotator_id, label, start, end, text, stamp))
    flags = [(document_id, annotator_id, *flag) for flag in notes.flags]
    same = {document_id: document_id}, {annotator_id: annotator_id}
    return add_note_rows(store.db, NoteRows(flags, comments), *same)
