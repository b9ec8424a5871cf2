"""Writing layers as WebAnno TSV 3.3, one `OUT/<annotator>/<document>.tsv` per layer.

Tokens come from our tokenizer, cut at every span edge of every layer, so spans cover
whole tokens; a sentence is a line of the text, and its `#Text=` lines run up to the next
sentence so the text comes back whole. Offsets are UTF-16 positions, as in INCEpTION.
Spans are `NamedEntity` (value = label), their attributes `webanno.custom.NewsAttributes`,
relations `webanno.custom.NewsRelation`, written on the dependent's first token with the
governor's token in the `BT_` column; multi-token and stacked spans carry `[id]`s.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from annotator.core.formats.export_layers import ExportProgress
from annotator.core.formats.export_report import ExportReport
from annotator.core.formats.inception.layer_files import Segments, write_layer_files
from annotator.core.formats.inception.schema import (
    ATTRIBUTES,
    NAMED_ENTITY,
    RELATION,
    attributes_text,
)
from annotator.core.formats.inception.tsv_text import (
    BASE_TYPE,
    FORMAT_LINE,
    NULL_COLUMN,
    RELATION_PREFIX,
    SPAN_PREFIX,
    TEXT_PREFIX,
    escape_text,
    escape_value,
)
from annotator.core.layers import Layer, LayerFilter
from annotator.core.model import Span
from annotator.core.store import Store
from annotator.core.text.offsets import Utf16Map


class _Units:
    """Token ids ("sentence-token") and the tokens a span covers."""

    def __init__(self, parts: Segments) -> None:
        self.tokens = parts.tokens
        self.starts = [start for start, _ in parts.tokens]
        self.ends = [end for _, end in parts.tokens]
        self.ids: list[str] = []
        for number, (first, stop) in enumerate(parts.sentences, start=1):
            self.ids.extend(f"{number}-{i - first + 1}" for i in range(first, stop))

    def cover(self, span: Span) -> tuple[int, int] | None:
        """(first, last) token inside the span, None when no token is."""
        first = bisect_left(self.starts, span.start)
        last = bisect_right(self.ends, span.end) - 1
        return (first, last) if first <= last else None


def _stack_ids(covers: dict[int, tuple[int, int]], counter: list[int]) -> dict[int, int]:
    """Disambiguation ids of the spans (id -> first, last token) that need one: those over
    more than one token and those stacked on a token with another of the same layer."""
    on_token: dict[int, int] = {}
    for first, last in covers.values():
        for token in range(first, last + 1):
            on_token[token] = on_token.get(token, 0) + 1
    ids: dict[int, int] = {}
    for span_id, (first, last) in covers.items():
        if first != last or any(on_token[t] > 1 for t in range(first, last + 1)):
            counter[0] += 1
            ids[span_id] = counter[0]
    return ids


def _column(
    cells: dict[int, list[str]], covers: dict[int, tuple[int, int]], ids: dict[int, int]
) -> Callable[[int, str], None]:
    """A function adding a span's value to every token it covers."""

    def add(span_id: int, value: str) -> None:
        first, last = covers[span_id]
        suffix = f"[{ids[span_id]}]" if span_id in ids else ""
        for token in range(first, last + 1):
            cells.setdefault(token, []).append(escape_value(value) + suffix)

    return add


def render_tsv(layer: Layer, parts: Segments, _name: str, report: ExportReport) -> str:
    """One layer of one document as a WebAnno TSV 3.3 file."""
    text = layer.document.text
    units = _Units(parts)
    covers: dict[int, tuple[int, int]] = {}
    for span in layer.spans:
        cover = units.cover(span)
        if cover is None:
            report.note("spans with no word inside not carried: TSV spans cover tokens")
            continue
        if units.tokens[cover[0]][0] != span.start or units.tokens[cover[1]][1] != span.end:
            report.note("spans starting or ending in whitespace trimmed to their tokens")
        covers[span.id] = cover
        report.spans += 1
    counter = [0]
    entity_ids = _stack_ids(covers, counter)
    entities: dict[int, list[str]] = {}
    add_entity = _column(entities, covers, entity_ids)
    with_attributes = {s.id: s for s in layer.spans if s.attributes and s.id in covers}
    attribute_ids = _stack_ids({i: covers[i] for i in with_attributes}, counter)
    labels: dict[int, list[str]] = {}
    values: dict[int, list[str]] = {}
    add_label = _column(labels, covers, attribute_ids)
    add_values = _column(values, covers, attribute_ids)
    for span in layer.spans:
        if span.id in covers:
            add_entity(span.id, span.label)
        if span.id in with_attributes:
            add_label(span.id, span.label)
            add_values(span.id, attributes_text(span.attributes))
    relation_labels: dict[int, list[str]] = {}
    governors: dict[int, list[str]] = {}
    for rel in layer.relations:
        if rel.head_id not in covers or rel.child_id not in covers:
            continue
        token = covers[rel.child_id][0]
        relation_labels.setdefault(token, []).append(escape_value(rel.label))
        head_id, child_id = entity_ids.get(rel.head_id, 0), entity_ids.get(rel.child_id, 0)
        ref = units.ids[covers[rel.head_id][0]]
        governors.setdefault(token, []).append(
            f"{ref}[{head_id}_{child_id}]" if head_id or child_id else ref
        )
        report.relations += 1
    columns = [entities]
    header = [FORMAT_LINE, f"{SPAN_PREFIX}{NAMED_ENTITY}|value"]
    if with_attributes:
        header.append(f"{SPAN_PREFIX}{ATTRIBUTES}|label|attributes")
        columns += [labels, values]
    if relation_labels:
        header.append(f"{RELATION_PREFIX}{RELATION}|label|{BASE_TYPE}{NAMED_ENTITY}")
        columns += [relation_labels, governors]
    return _body(text, parts, units, header, columns, report)


def _body(
    text: str,
    parts: Segments,
    units: _Units,
    header: list[str],
    columns: list[dict[int, list[str]]],
    report: ExportReport,
) -> str:
    utf16 = Utf16Map(text).to_utf16
    if parts.tokens and parts.tokens[0][0] > 0:
        report.note("whitespace before a text's first word is read back as spaces")
    lines = [*header, "", ""]
    tokens = parts.tokens
    for number, (first, stop) in enumerate(parts.sentences):
        if number:
            lines.append("")
        until = tokens[stop][0] if stop < len(tokens) else len(text)
        for piece in text[tokens[first][0] : until].split("\n"):
            lines.append(TEXT_PREFIX + escape_text(piece))
        for i in range(first, stop):
            start, end = tokens[i]
            cells = [units.ids[i], f"{utf16(start)}-{utf16(end)}", text[start:end]]
            cells += ["|".join(column.get(i, ())) or NULL_COLUMN for column in columns]
            lines.append("\t".join(cells) + "\t")
    return "\n".join(lines) + "\n"


def write_webanno_tsv(
    store: Store,
    target: Path | IO[str],
    layers: LayerFilter,
    _options: dict[str, Any],
    progress: ExportProgress | None = None,
) -> ExportReport:
    """Write every selected layer as a WebAnno TSV 3.3 file."""
    return write_layer_files(store, target, layers, progress, ".tsv", render_tsv)
