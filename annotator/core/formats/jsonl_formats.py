"""Reading one JSONL line of any supported format into a neutral form.

Formats: our export and Prodigy task lines (`spans` with `start`/`end`/`label`,
`relations` with `head_span`/`child_span`), doccano (`label: [[s, e, "L"]]`, or
`entities` with `start_offset`/`end_offset` and `relations` with `from_id`/`to_id`, or
`entities: [[s, e, "L"]]` as its intent detection and slot filling writes).
Checks types and shapes only; offsets are checked against the text by the importer.
"""

from __future__ import annotations

from typing import Any

from annotator.core.formats.parsed import ParsedLine, ParsedRelation, ParsedSpan


def _offset(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} must be a whole number, not {value!r:.40}")
    return value


def _ref(value: Any, what: str) -> int | str:
    """An id that relations point with: a whole number or a string."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"{what} must be a number or a string, not {value!r:.40}")
    return value


def _label(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be a non-empty string, not {value!r:.40}")
    return value


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f'"{key}" must be a list')
    return value


def _prodigy_spans(items: list[Any]) -> list[ParsedSpan]:
    spans = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ValueError(f"span #{n} must be an object")
        start = _offset(item.get("start"), f"span #{n} start")
        end = _offset(item.get("end"), f"span #{n} end")
        label = _label(item.get("label"), f"span #{n} label")
        attributes = item.get("attributes") or {}
        if not isinstance(attributes, dict):
            raise ValueError(f"span #{n} attributes must be an object")
        refs: list[Any] = [("pos", start, end, label)]
        if "id" in item:
            refs.append(("id", _ref(item["id"], f"span #{n} id")))
        spans.append(ParsedSpan(start, end, label, attributes, refs))
    return spans


def _span_ref(item: Any, what: str) -> tuple[Any, ...]:
    if not isinstance(item, dict):
        raise ValueError(f"{what} must be an object with start, end and label")
    start = _offset(item.get("start"), f"{what} start")
    end = _offset(item.get("end"), f"{what} end")
    return ("pos", start, end, _label(item.get("label"), f"{what} label"))


def _prodigy_relations(items: list[Any]) -> list[ParsedRelation]:
    relations = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ValueError(f"relation #{n} must be an object")
        label = _label(item.get("label"), f"relation #{n} label")
        if "head_span" in item or "child_span" in item:
            head = _span_ref(item.get("head_span"), f"relation #{n} head_span")
            child = _span_ref(item.get("child_span"), f"relation #{n} child_span")
        elif "head_id" in item and "child_id" in item:
            head = ("id", _ref(item["head_id"], f"relation #{n} head_id"))
            child = ("id", _ref(item["child_id"], f"relation #{n} child_id"))
        else:
            raise ValueError(f"relation #{n} needs head_span and child_span")
        relations.append(ParsedRelation(head, child, label))
    return relations


def _doccano_entities(items: list[Any]) -> list[ParsedSpan]:
    if all(isinstance(item, list) for item in items):  # doccano's intent detection
        return _doccano_triples(items, '"entities"')
    spans = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ValueError(f"entity #{n} must be an object")
        start = _offset(item.get("start_offset"), f"entity #{n} start_offset")
        end = _offset(item.get("end_offset"), f"entity #{n} end_offset")
        label = _label(item.get("label"), f"entity #{n} label")
        attributes = item.get("attributes") or {}  # ours; doccano has none
        if not isinstance(attributes, dict):
            raise ValueError(f"entity #{n} attributes must be an object")
        refs = [("id", _ref(item["id"], f"entity #{n} id"))] if "id" in item else []
        spans.append(ParsedSpan(start, end, label, attributes, refs))
    return spans


def _doccano_triples(items: list[Any], key: str = '"label"') -> list[ParsedSpan]:
    spans = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, list) or len(item) != 3:
            raise ValueError(f'{key} entry #{n} must be [start, end, "LABEL"]')
        start = _offset(item[0], f"{key} entry #{n} start")
        end = _offset(item[1], f"{key} entry #{n} end")
        spans.append(ParsedSpan(start, end, _label(item[2], f"{key} entry #{n} label")))
    return spans


def _doccano_relations(items: list[Any]) -> list[ParsedRelation]:
    relations = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict) or "from_id" not in item or "to_id" not in item:
            raise ValueError(f"relation #{n} must be an object with from_id and to_id")
        label = _label(item.get("type"), f"relation #{n} type")
        head = ("id", _ref(item["from_id"], f"relation #{n} from_id"))
        child = ("id", _ref(item["to_id"], f"relation #{n} to_id"))
        relations.append(ParsedRelation(head, child, label))
    return relations


def parse_line(data: Any) -> ParsedLine:
    """Turn one decoded JSON line into a ParsedLine; ValueError says what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("a line must be a JSON object")
    text = data.get("text")
    if not isinstance(text, str):
        raise ValueError('"text" is missing or not a string')
    meta = data.get("meta") or {}
    if not isinstance(meta, dict):
        raise ValueError('"meta" must be an object')
    annotator = data.get("_annotator_id", meta.get("annotator"))
    if annotator is not None and not isinstance(annotator, str):
        raise ValueError('"_annotator_id" must be a string')
    status = meta.get("status")
    answer = data.get("answer", "accept")
    if "entities" in data:
        spans = _doccano_entities(_list(data, "entities"))
        relations = _doccano_relations(_list(data, "relations"))
    elif "label" in data and "spans" not in data:
        spans, relations = _doccano_triples(_list(data, "label")), []
    else:
        spans = _prodigy_spans(_list(data, "spans"))
        relations = _prodigy_relations(_list(data, "relations"))
    skip = None if answer == "accept" else f'answer is "{answer}", not "accept"'
    return ParsedLine(
        text=text,
        meta=meta,
        annotator=annotator,
        status=status if isinstance(status, str) else None,
        spans=spans,
        relations=relations,
        skip_reason=skip,
    )
