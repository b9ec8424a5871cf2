"""One doccano record: read into our neutral form, or made from one annotator's layer.

doccano keeps an example's metadata as top-level keys beside `text` (its importer turns
every other column into `meta`, its exporter spreads `meta` back out), so that is where
we write a document's title, source, date, file and the layer's annotator and status,
and where we read them from. Spans and relations are parsed by the JSONL line parser
(`jsonl_formats.parse_line`), which knows both doccano shapes.
"""

from __future__ import annotations

from typing import Any, Literal

from annotator.core.formats.jsonl_formats import parse_line
from annotator.core.formats.parsed import ParsedLine
from annotator.core.layers import Layer

Shape = Literal["entities", "label"]
SHAPES: tuple[str, ...] = ("entities", "label")

# Top-level keys that are not metadata: doccano's own, and those `parse_line` reads.
RESERVED = frozenset(
    {"id", "text", "entities", "relations", "label", "Comments", "meta"}
    | {"_annotator_id", "answer", "spans", "tokens"}
)


def is_doccano(record: Any) -> bool:
    """True if a decoded record is a doccano sequence-labelling record: `text` with
    `entities` (a list of objects, or of [start, end, label] lists as doccano's intent
    detection writes) or `label` (a list of such lists), and none of the keys of Label
    Studio tasks or Prodigy lines."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return False
    if record.keys() & {"data", "annotations", "predictions", "spans"}:
        return False
    entities, label = record.get("entities"), record.get("label")
    if isinstance(entities, list):
        first = entities[:5]
        return all(isinstance(e, dict) and "start_offset" in e for e in first) or all(
            isinstance(e, list) for e in first
        )
    return isinstance(label, list) and all(isinstance(e, list) for e in label[:5])


def comments_of(record: Any) -> int:
    """How many doccano comments a record carries (we have no place for them)."""
    comments = record.get("Comments") if isinstance(record, dict) else None
    return len(comments) if isinstance(comments, list) else 0


def to_parsed(record: Any) -> ParsedLine:
    """A doccano record (either shape) as a ParsedLine; ValueError says what is wrong.
    Top-level keys other than doccano's own become the document's metadata (an `annotator`
    and `status` key name the layer); a nested `meta` object is merged in."""
    if not isinstance(record, dict):
        raise ValueError("a record must be a JSON object")
    meta = {k: v for k, v in record.items() if k not in RESERVED}
    nested = record.get("meta")
    if isinstance(nested, dict):
        meta.update(nested)
    elif nested is not None:
        raise ValueError('"meta" must be an object')
    return parse_line({**record, "meta": meta})


def _meta(layer: Layer, skipped: set[str]) -> dict[str, Any]:
    doc = layer.document
    meta: dict[str, Any] = {}
    for key, value in doc.meta.items():
        if key in RESERVED:
            skipped.add(key)
        else:
            meta[key] = value
    meta.update(
        title=doc.title,
        source=doc.source,
        published=doc.published,
        sha256=doc.sha256,
        annotator=layer.annotator,
        status=layer.status,
    )
    return meta


def layer_record(layer: Layer, shape: Shape, skipped_meta: set[str]) -> dict[str, Any]:
    """One doccano record for one annotator's layer of one document: `id` (the document's
    id), `text`, the spans as `entities` (with `relations`) or as `label` triples,
    `Comments` (empty), and the metadata; spans' attributes, when they have any, go in an
    `attributes` key of their entity (doccano ignores it). Names of document metadata
    keys doccano reserves are added to `skipped_meta` and not written."""
    doc = layer.document
    record: dict[str, Any] = {"id": doc.id, "text": doc.text}
    if shape == "label":
        record["label"] = [[s.start, s.end, s.label] for s in layer.spans]
    else:
        entities = []
        for span in layer.spans:
            entity: dict[str, Any] = {
                "id": span.id,
                "label": span.label,
                "start_offset": span.start,
                "end_offset": span.end,
            }
            if span.attributes:
                entity["attributes"] = span.attributes
            entities.append(entity)
        exported = {s.id for s in layer.spans}
        record["entities"] = entities
        record["relations"] = [
            {"id": r.id, "from_id": r.head_id, "to_id": r.child_id, "type": r.label}
            for r in layer.relations
            if r.head_id in exported and r.child_id in exported
        ]
    record["Comments"] = []
    record.update(_meta(layer, skipped_meta))
    return record
