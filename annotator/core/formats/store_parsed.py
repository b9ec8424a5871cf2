"""Storing what a reader parsed: the one way annotations from any file enter a project.

A reader yields `(line, ParsedLine)` pairs; `import_parsed` stores them in one
transaction, so an error names the file and line and leaves the project as it was. Texts
are normalized like any import and span offsets are carried through that normalization;
re-importing a file adds nothing new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, Cancelled, InputError
from annotator.core.formats.jsonl_notes import has_notes, store_notes, take_notes
from annotator.core.formats.parsed import ParsedLine
from annotator.core.model import STATUSES, Label
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.store.labels import new_label_colour
from annotator.core.text.articles import parse_article
from annotator.core.text.normalize import normalize_text

DEFAULT_ANNOTATOR = "imported"

# Called with the line (or item) number just stored; returning False cancels.
Progress = Callable[[int], bool]


@dataclass
class ImportOptions:
    """How a reader's layers are stored: `annotator` names layers the file does not name
    (default "imported"); the gold layer is written by `reviewer` (made a reviewer) and
    refused without one; unknown labels are refused unless `create_labels`. `extra` holds
    a format's own options (e.g. CoNLL's `label_map`)."""

    annotator: str | None = None
    reviewer: str | None = None
    create_labels: bool = False
    progress: Progress | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReadReport:
    """What an annotation file added, and which of its lines it skipped and why."""

    lines: int = 0
    documents_added: int = 0
    spans_added: int = 0
    relations_added: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    labels_created: list[str] = field(default_factory=list)

    def summary(self, path: Path) -> list[str]:
        """What the command line prints about this file."""
        return [f"{path}: {self.lines} {'lines' if self.lines != 1 else 'line'} read"]

    def warnings(self, path: Path) -> list[str]:
        """What the command line prints to standard error: the lines it skipped."""
        return [f"skipped: {path}, line {n}: {why}" for n, why in self.skipped]


def import_parsed(
    store: Store,
    path: str | Path,
    items: Iterable[tuple[int, ParsedLine]],
    options: ImportOptions,
    report: ReadReport | None = None,
) -> ReadReport:
    """Store every parsed item of one file in one transaction. A ValueError or
    AnnotatorError raised while storing item N becomes an InputError naming `path` and N;
    a reader says itself which line it could not read (an InputError passes as it is)."""
    path = Path(path)
    report = report if report is not None else ReadReport()
    writers: dict[str, tuple[int, int | None]] = {}

    def writer(who: str) -> tuple[int, int | None]:
        if who not in writers:
            writers[who] = store.layer_and_writer(who, options.reviewer)
        return writers[who]

    iterator = iter(items)
    with store.transaction():
        while True:
            try:
                item = next(iterator, None)
            except (AnnotatorError, ValueError) as exc:
                if isinstance(exc, InputError):
                    raise
                raise InputError(str(path), str(exc)) from exc
            if item is None:
                break
            number, parsed = item
            try:
                if parsed.skip_reason and not has_notes(parsed.meta):
                    report.skipped.append((number, parsed.skip_reason))
                else:  # an ignored line of our export still carries its notes
                    _store_one(store, parsed, options, writer, report)
            except InputError:
                raise
            except (AnnotatorError, ValueError) as exc:
                raise InputError(str(path), str(exc), number) from exc
            except RecursionError as exc:
                raise InputError(str(path), "data nested too deeply", number) from exc
            report.lines += 1
            if options.progress is not None and not options.progress(number):
                raise Cancelled("import cancelled; nothing was stored")
    return report


def _meta_text(meta: dict[str, Any], key: str) -> str | None:
    """A document field from `meta` as text: numbers become text, objects are refused."""
    value = meta.pop(key, None)
    if value is None or isinstance(value, str):
        return value or None
    if isinstance(value, bool | int | float):
        return str(value)
    raise ValueError(f'"meta.{key}" must be text, not {type(value).__name__}')


def _ensure_labels(store: Store, parsed: ParsedLine, create: bool, report: ReadReport) -> None:
    known = store.labels.names()
    wanted = [(s.label, "entity") for s in parsed.spans] + [
        (r.label, "relation") for r in parsed.relations
    ]
    for name, kind in wanted:
        if name in known:
            continue
        if not create:
            raise ValueError(f"unknown label {name!r} (use --create-labels to add it)")
        colour = new_label_colour(len(report.labels_created))
        store.labels.add(Label(name=name, kind=kind, colour=colour))
        report.labels_created.append(name)
        known.add(name)


def _store_one(
    store: Store,
    parsed: ParsedLine,
    options: ImportOptions,
    writer: Callable[[str], tuple[int, int | None]],
    report: ReadReport,
) -> None:
    original = parsed.text
    normalized = normalize_text(original)
    text = normalized.text
    if not text.strip():
        raise ValueError('"text" is empty')
    if "\x00" in text:
        raise ValueError('"text" contains a NUL character: not text')
    meta = dict(parsed.meta)
    notes = take_notes(meta)  # our export's skips, flags and comments of the layer
    info = parse_article(text)
    doc = NewDocument(
        text=text,
        title=_meta_text(meta, "title") or info.title,
        source=_meta_text(meta, "source") or info.source,
        published=_meta_text(meta, "published") or info.published,
        meta={k: v for k, v in meta.items() if k not in _OWN_META},
    )
    result = store.documents.add_many([doc])
    report.documents_added += result.added
    doc_id = result.ids[0]
    layer, actor = writer(parsed.annotator or options.annotator or DEFAULT_ANNOTATOR)
    if parsed.skip_reason:  # notes alone: the annotator skipped or flagged, unannotated
        if notes is not None:
            store_notes(store, doc_id, layer, notes, len(original), normalized.map_offset)
        return
    _ensure_labels(store, parsed, options.create_labels, report)

    existing = {(s.start, s.end, s.label): s.id for s in store.annotations.spans(doc_id, layer)}
    ids: dict[Any, int] = {}
    for span in parsed.spans:
        for name, pos in (("start", span.start), ("end", span.end)):
            if not 0 <= pos <= len(original):
                raise ValueError(
                    f"span {name} {pos} lies outside the text (length {len(original)})"
                )
        start, end = normalized.map_offset(span.start), normalized.map_offset(span.end)
        key = (start, end, span.label)
        if key not in existing:
            if start >= end and span.start < span.end:
                raise ValueError(
                    f"span {span.start}..{span.end} covers only characters removed by "
                    "normalization (carriage returns, BOM)"
                )
            created = store.annotations.add_span(
                doc_id, layer, span.label, start, end, span.attributes, actor_id=actor
            )
            existing[key] = created.id
            report.spans_added += 1
        for ref in span.refs:
            ids[ref] = existing[key]
    linked = {(r.head_id, r.child_id, r.label) for r in store.annotations.relations(doc_id, layer)}
    for rel in parsed.relations:
        try:
            head, child = ids[rel.head], ids[rel.child]
        except KeyError as exc:
            raise ValueError(f"relation {rel.label!r} points to a span not on this line") from exc
        if (head, child, rel.label) not in linked:
            store.annotations.add_relation(head, child, rel.label, actor_id=actor)
            linked.add((head, child, rel.label))
            report.relations_added += 1
    if parsed.status in STATUSES and parsed.status != "new":
        store.annotations.set_status(doc_id, layer, parsed.status)
    if notes is not None:
        store_notes(store, doc_id, layer, notes, len(original), normalized.map_offset)


# Keys of our own export's meta that describe the layer, not the document.
_OWN_META = {"document_id", "sha256", "annotator", "status"}
