"""Import of JSONL annotation files: our own export, Prodigy task lines, doccano lines.

The whole file is one transaction: an error names the file and line and leaves the
project as it was. Texts are normalized like any import, and span offsets are carried
through that normalization. Re-importing a file adds nothing new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, Cancelled, InputError
from annotator.core.files.line_reader import read_utf8_lines
from annotator.core.files.safe_json import parse_json
from annotator.core.formats.input_kinds import is_article, refusal
from annotator.core.formats.jsonl_formats import ParsedLine, parse_line
from annotator.core.model import STATUSES, Label
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.store.labels import new_label_colour
from annotator.core.text.articles import parse_article
from annotator.core.text.normalize import normalize_text

Progress = Callable[[int], bool]


def split_import_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(article files and folders, JSONL files) among the paths a user named.

    Any other file is an InputError that says why (see `input_kinds`).
    """
    texts: list[Path] = []
    jsonl: list[Path] = []
    for path in paths:
        if path.is_dir() or is_article(path):
            texts.append(path)
            continue
        problem = refusal(path, named=True)
        if problem is not None:
            raise InputError(str(path), problem)
        jsonl.append(path)
    return texts, jsonl


@dataclass
class JsonlReport:
    """What a JSONL import stored, and which lines it skipped (not accepted answers)."""

    lines: int = 0
    documents_added: int = 0
    spans_added: int = 0
    relations_added: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    labels_created: list[str] = field(default_factory=list)


def import_jsonl(
    store: Store,
    path: str | Path,
    *,
    annotator: str | None = None,
    create_labels: bool = False,
    progress: Progress | None = None,
    reviewer: str | None = None,
) -> JsonlReport:
    """Import a JSONL file in one transaction; see the module docstring for formats.

    Each line's annotator is its `_annotator_id` (or `meta.annotator`), else `annotator`,
    else "imported". Lines for the gold layer are written by `reviewer` (made a reviewer)
    and refused without one. Unknown labels are an error unless `create_labels`.
    """
    path = Path(path)
    report = JsonlReport()
    writers: dict[str, tuple[int, int | None]] = {}

    def writer(who: str) -> tuple[int, int | None]:
        if who not in writers:
            writers[who] = store.layer_and_writer(who, reviewer)
        return writers[who]

    with store.transaction():
        for number, line in read_utf8_lines(path, "JSONL"):
            if not line.strip():
                continue
            data = parse_json(line, str(path), number)
            try:
                if "\\ud" in line.lower():
                    _reject_lone_surrogates(data)
                parsed = parse_line(data)
                if parsed.skip_reason:
                    report.skipped.append((number, parsed.skip_reason))
                else:
                    _store_line(store, parsed, annotator, writer, create_labels, report)
            except InputError:
                raise
            except (AnnotatorError, ValueError) as exc:
                raise InputError(str(path), str(exc), number) from exc
            except RecursionError as exc:
                raise InputError(str(path), "data nested too deeply", number) from exc
            report.lines += 1
            if progress is not None and not progress(number):
                raise Cancelled("import cancelled; nothing was stored")
    return report


def _reject_lone_surrogates(value: Any) -> None:
    """JSON escapes can encode half of a surrogate pair, which is not text at all."""
    if isinstance(value, str):
        if any("\ud800" <= ch <= "\udfff" for ch in value):
            raise ValueError("a string holds a lone surrogate (\\udXXX): not valid Unicode")
    elif isinstance(value, dict):
        for key, item in value.items():
            _reject_lone_surrogates(key)
            _reject_lone_surrogates(item)
    elif isinstance(value, list):
        for item in value:
            _reject_lone_surrogates(item)


def _meta_text(meta: dict[str, Any], key: str) -> str | None:
    """A document field from `meta` as text: numbers become text, objects are refused."""
    value = meta.pop(key, None)
    if value is None or isinstance(value, str):
        return value or None
    if isinstance(value, bool | int | float):
        return str(value)
    raise ValueError(f'"meta.{key}" must be text, not {type(value).__name__}')


def _ensure_labels(store: Store, parsed: ParsedLine, create: bool, report: JsonlReport) -> None:
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


def _store_line(
    store: Store,
    parsed: ParsedLine,
    default_annotator: str | None,
    writer: Callable[[str], tuple[int, int | None]],
    create: bool,
    report: JsonlReport,
) -> None:
    original = parsed.text
    normalized = normalize_text(original)
    text = normalized.text
    if not text.strip():
        raise ValueError('"text" is empty')
    if "\x00" in text:
        raise ValueError('"text" contains a NUL character: not text')
    meta = dict(parsed.meta)
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
    layer, actor = writer(parsed.annotator or default_annotator or "imported")
    _ensure_labels(store, parsed, create, report)

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


# Keys of our own export's meta that describe the layer, not the document.
_OWN_META = {"document_id", "sha256", "annotator", "status"}
