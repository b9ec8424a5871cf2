"""Export of annotation layers as JSONL training data (Prodigy-compatible task lines).

One line per document per annotator layer, streamed: memory does not grow with the
corpus. Tokens include whitespace the way spaCy's `Doc(words, spaces)` wants it, and are
split at every span edge of every layer of the text: each span covers whole tokens
(`token_start`/`token_end`, inclusive) even when it leaves out a clitic, and every line of
one text carries the same tokens.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from annotator.core.files.atomic_write import atomic_write
from annotator.core.formats.export_layers import ExportProgress, document_groups
from annotator.core.formats.export_report import ExportReport
from annotator.core.formats.jsonl_lines import record_parts, text_json, tokens_json, write_parts
from annotator.core.formats.jsonl_notes import LayerNotes, layer_notes, note_only_layers
from annotator.core.layers import Layer, LayerFilter
from annotator.core.model import Span
from annotator.core.store import Store
from annotator.core.text.tokens import spaced_tokens, spaces_after, token_span


def stable_hash(value: str) -> int:
    """A signed 32-bit hash like Prodigy's `_input_hash`, stable across runs and machines."""
    return struct.unpack("<i", hashlib.sha256(value.encode("utf-8")).digest()[:4])[0]


def _document_tokens(
    text: str, spans: Iterable[Span]
) -> tuple[list[tuple[int, int]], list[dict[str, Any]]]:
    """The token bounds and token records of a text, cut at the edges of `spans` (every
    layer's, so that every line of the text carries the same list)."""
    bounds, spaces = _token_bounds(text, spans)
    tokens = [
        {"text": text[start:end], "start": start, "end": end, "id": index, "ws": ws}
        for index, ((start, end), ws) in enumerate(zip(bounds, spaces, strict=True))
    ]
    return bounds, tokens


def _token_bounds(text: str, spans: Iterable[Span]) -> tuple[list[tuple[int, int]], list[bool]]:
    """The token bounds of a text cut at the edges of `spans`, and which own a space."""
    starts: set[int] = set()
    ends: set[int] = set()
    for span in spans:
        starts.add(span.start)
        ends.add(span.end)
    bounds = spaced_tokens(text, starts, ends)
    return bounds, spaces_after(bounds, len(text))


_SPAN_KEY = ("start", "end", "label")


def _answer_key(spans: list[dict[str, Any]], relations: list[dict[str, Any]]) -> str:
    """What a layer says about its text, in a canonical form: the spans with their
    attributes and the relations, each sorted, attributes as JSON with sorted keys."""
    span_keys = sorted(
        (
            s["start"],
            s["end"],
            s["label"],
            json.dumps(s["attributes"], ensure_ascii=False, sort_keys=True)
            if s["attributes"]
            else "",
        )
        for s in spans
    )
    relation_keys = sorted(
        (
            r["label"],
            *(r[side][key] for side in ("head_span", "child_span") for key in _SPAN_KEY),
        )
        for r in relations
    )
    return json.dumps([span_keys, relation_keys], ensure_ascii=False)


def _layer_record(
    layer: Layer,
    bounds: list[tuple[int, int]],
    tokens: list[dict[str, Any]],
    notes: LayerNotes | None = None,
) -> dict[str, Any]:
    doc, annotator = layer.document, layer.annotator
    text = doc.text
    out_spans = []
    by_id: dict[int, dict[str, Any]] = {}
    for span in layer.spans:
        first_last = token_span(bounds, span.start, span.end)
        record = {
            "id": span.id,
            "start": span.start,
            "end": span.end,
            "label": span.label,
            "text": text[span.start : span.end],
            "token_start": first_last[0] if first_last else None,
            "token_end": first_last[1] if first_last else None,
            "attributes": span.attributes,
        }
        out_spans.append(record)
        by_id[span.id] = record
    out_relations = []
    for rel in layer.relations:
        head, child = by_id.get(rel.head_id), by_id.get(rel.child_id)
        if head is None or child is None:
            continue
        out_relations.append(
            {
                "id": rel.id,
                "head": head["token_end"],
                "child": child["token_end"],
                "label": rel.label,
                "head_id": rel.head_id,
                "child_id": rel.child_id,
                "head_span": _span_ref(head),
                "child_span": _span_ref(child),
            }
        )
    input_hash = stable_hash(text)
    meta = {
        **doc.meta,
        "document_id": doc.id,
        "title": doc.title,
        "source": doc.source,
        "published": doc.published,
        "sha256": doc.sha256,
        "annotator": annotator,
        "status": layer.status,
    }
    if notes:  # the layer's skips, flags and comments (jsonl_notes), when it has some
        meta.update(notes.get((doc.id, layer.annotator_id), {}))
    return {
        "text": text,
        "meta": meta,
        "tokens": tokens,
        "spans": out_spans,
        "relations": out_relations,
        "_input_hash": input_hash,
        "_task_hash": stable_hash(f"{input_hash}:{_answer_key(out_spans, out_relations)}"),
        "_annotator_id": annotator,
        "_session_id": annotator,
        "answer": "accept",
    }


def layer_record(layer: Layer) -> dict[str, Any]:
    """The export record of one layer on its own (tokens cut at its own spans' edges): for
    lines made outside the project's layers, such as `annotator suggest -o`."""
    bounds, tokens = _document_tokens(layer.document.text, layer.spans)
    return _layer_record(layer, bounds, tokens)


def _span_ref(span: dict[str, Any]) -> dict[str, Any]:
    return {key: span[key] for key in ("id", "start", "end", "label", "token_start", "token_end")}


def iter_records(
    store: Store,
    *,
    annotators: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
    done_only: bool = False,
) -> Iterator[dict[str, Any]]:
    """Yield one export record per (document, annotator layer), in document order.

    Filters as `LayerFilter` (checked first: NotFoundError for a name the project lacks).
    """
    return iter_layer_records(store, LayerFilter.of(annotators, labels, done_only))


def iter_layer_records(
    store: Store, layer_filter: LayerFilter, progress: ExportProgress | None = None
) -> Iterator[dict[str, Any]]:
    """`iter_records` for a `LayerFilter` (checked first), telling `progress`."""
    layer_filter.check(store)
    notes = layer_notes(store)
    written: set[tuple[int, int]] = set()
    for group in document_groups(store, layer_filter, progress):
        bounds, tokens = _document_tokens(group.document.text, group.every_span)
        for layer in group.layers:
            key = (layer.document.id, layer.annotator_id)
            if key in notes:  # only layers with notes are looked up (note_only_layers)
                written.add(key)
            yield _layer_record(layer, bounds, tokens, notes)
    for layer, every_span in note_only_layers(store, layer_filter, notes, written):
        bounds, tokens = _document_tokens(layer.document.text, every_span)
        yield {**_layer_record(layer, bounds, tokens, notes), "answer": "ignore"}


# Line breaks other than "\n" that `str.splitlines()` and some readers split on; escaped
# so that every record stays on one line for every consumer (still the same JSON value).
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def to_json_line(record: dict[str, Any]) -> str:
    """One record as a single line of JSON (UTF-8 text, no ASCII escaping)."""
    return _one_line(json.dumps(record, ensure_ascii=False))


def _one_line(line: str) -> str:
    if "\x85" in line or "\u2028" in line or "\u2029" in line:
        line = line.translate(_LINE_BREAKS)
    return line


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> ExportReport:
    """Write records one per line."""
    report = ExportReport()
    for record in records:
        out.write(to_json_line(record))
        out.write("\n")
        report.lines += 1
        report.spans += len(record["spans"])
        report.relations += len(record["relations"])
    return report


def write_layer_lines(
    store: Store, layer_filter: LayerFilter, out: IO[str], progress: ExportProgress | None = None
) -> ExportReport:
    """`write_jsonl(iter_layer_records(...), out)`, the same lines, written without
    building token dicts: each document's text and tokens are encoded once for all its
    layers (see `jsonl_lines`)."""
    report = ExportReport()
    layer_filter.check(store)
    notes = layer_notes(store)
    written: set[tuple[int, int]] = set()
    for group in document_groups(store, layer_filter, progress):
        text = group.document.text
        bounds, spaces = _token_bounds(text, group.every_span)
        text_part = _one_line(text_json(text))
        tokens_part = _one_line(tokens_json(text, bounds, spaces))
        for layer in group.layers:
            key = (layer.document.id, layer.annotator_id)
            if key in notes:  # only layers with notes are looked up (note_only_layers)
                written.add(key)
            record = _layer_record(layer, bounds, [], notes)
            head, tokens, tail = record_parts(record, text_part, tokens_part)
            write_parts(out, (_one_line(head), tokens, _one_line(tail), "\n"))
            report.lines += 1
            report.spans += len(record["spans"])
            report.relations += len(record["relations"])
    for layer, every_span in note_only_layers(store, layer_filter, notes, written):
        bounds, tokens = _document_tokens(layer.document.text, every_span)
        record = {**_layer_record(layer, bounds, tokens, notes), "answer": "ignore"}
        out.write(to_json_line(record) + "\n")
        report.lines += 1
    return report


def check_filters(
    store: Store, annotators: Iterable[str] | None = None, labels: Iterable[str] | None = None
) -> None:
    """NotFoundError if an export filter names an annotator or a label the project lacks
    (`LayerFilter.check`), so an export is refused before any file is made."""
    LayerFilter.of(annotators, labels).check(store)


def export_jsonl(store: Store, path: str | Path, **filters: Any) -> ExportReport:
    """Export to a file, written whole or not at all (see `atomic_write`)."""
    check_filters(store, filters.get("annotators"), filters.get("labels"))
    layer_filter = LayerFilter.of(**filters)
    with atomic_write(path) as out:
        return write_layer_lines(store, layer_filter, out)
