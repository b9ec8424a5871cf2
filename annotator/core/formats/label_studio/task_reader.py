"""One Label Studio task to our parsed layers: each annotation a layer, each model's
predictions a layer `predictions:<model_version>`.

A `labels` region becomes one span per label; a `relation` result links two regions of
the same annotation (`direction` "left" points from `to_id` to `from_id`); a result of
another type carrying a region's `id` (per-region choices, text areas, ratings) becomes
that span's attribute named after its `from_name`. Anything else is counted as not
carried, never dropped silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from annotator.core.formats.label_studio.labeling_config import choice_text
from annotator.core.formats.label_studio.region_offsets import TaskText, resolve
from annotator.core.formats.parsed import ParsedLine, ParsedRelation, ParsedSpan
from annotator.core.model import STATUSES

PREDICTIONS = "predictions"


@dataclass
class ReadSettings:
    """What reading needs besides the task: the data field holding the text (None: "text",
    else the only text field), and each label's declared attribute values (to give a
    choice back its type: "true" → true)."""

    text_key: str | None = None
    declared: dict[str, dict[str, list[Any]]] = field(default_factory=dict)


@dataclass
class TaskTally:
    """What a file's tasks held that is worth saying: offsets per convention, and what
    could not be carried (message → count, first task)."""

    conventions: Counter = field(default_factory=Counter)
    annotations: int = 0
    predictions: int = 0
    dropped: dict[str, list[int]] = field(default_factory=dict)

    def drop(self, message: str, task: int) -> None:
        entry = self.dropped.setdefault(message, [0, task])
        entry[0] += 1


def _text_of(data: dict[str, Any], key: str | None) -> tuple[str, str]:
    if key is not None:
        if not isinstance(data.get(key), str):
            raise ValueError(f'data has no text field "{key}"')
        return key, data[key]
    if isinstance(data.get("text"), str):
        return "text", data["text"]
    texts = [k for k, v in data.items() if isinstance(v, str)]
    if len(texts) == 1:
        return texts[0], data[texts[0]]
    raise ValueError(
        f'data has no "text" field (fields: {", ".join(map(repr, data)) or "none"}); '
        "name the one holding the text with --ls-text-key"
    )


def layer_of_annotation(annotation: dict[str, Any]) -> str | None:
    """Our layer for an annotation: `meta.annotator` (ours), else `completed_by`'s email,
    else `label-studio-user-<id>` for a bare user id; None when nothing names it."""
    meta = annotation.get("meta")
    named = meta.get("annotator") if isinstance(meta, dict) else None
    if isinstance(named, str) and named.strip():
        return named.strip()
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        email = who.get("email")
        if isinstance(email, str) and email.strip():
            return email.strip()
        who = who.get("id")
    if isinstance(who, int) and not isinstance(who, bool):
        return f"label-studio-user-{who}"
    return None


def layer_of_prediction(prediction: dict[str, Any]) -> str:
    """`predictions:<model_version>`, or `predictions` when it names no model."""
    version = prediction.get("model_version")
    if isinstance(version, int | float) and not isinstance(version, bool):
        version = str(version)
    if isinstance(version, str) and version.strip():
        return f"{PREDICTIONS}:{version.strip()}"
    return PREDICTIONS


def _status(annotation: dict[str, Any], default: str | None) -> str | None:
    meta = annotation.get("meta")
    status = meta.get("status") if isinstance(meta, dict) else None
    return status if status in STATUSES else default


@dataclass
class _Layer:
    """The spans and relations of one annotation being read."""

    task: TaskText
    where: str
    settings: ReadSettings
    tally: TaskTally
    number: int
    spans: list[ParsedSpan] = field(default_factory=list)
    relations: list[ParsedRelation] = field(default_factory=list)
    regions: dict[Any, list[ParsedSpan]] = field(default_factory=dict)

    def region(self, item: dict[str, Any]) -> None:
        value = _value(item, self.where)
        labels = value.get("labels")
        name = _region_name(item)
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            raise ValueError(f"{self.where}: region {name}: value.labels must be a list of labels")
        if not labels:
            self.tally.drop("regions without a label: not carried", self.number)
            return
        try:
            found = resolve(self.task, value.get("start"), value.get("end"), value.get("text"))
        except ValueError as exc:
            raise ValueError(f"{self.where}: region {name}: {exc}") from None
        self.tally.conventions[found.convention] += 1
        made = [ParsedSpan(found.start, found.end, label) for label in labels]
        self.spans.extend(made)
        key = _key(item.get("id"))
        if key is not None:
            if key not in self.regions:
                made[0].refs.append(key)
            self.regions.setdefault(key, []).extend(made)

    def relation(self, item: dict[str, Any]) -> None:
        ends = []
        for side in ("from_id", "to_id"):
            key = _key(item.get(side))
            if key not in self.regions:
                raise ValueError(
                    f"{self.where}: a relation's {side} {item.get(side)!r} names no region "
                    "of this annotation"
                )
            ends.append(key)
        labels = item.get("labels") or []
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            raise ValueError(f"{self.where}: a relation's labels must be a list of labels")
        if not labels:
            self.tally.drop("relations without a label: not carried", self.number)
        head, child = ends
        if item.get("direction") == "left":
            head, child = child, head
        elif item.get("direction") == "bi":
            self.tally.drop("two-way relations: read as from_id → to_id", self.number)
        self.relations.extend(ParsedRelation(head, child, label) for label in labels)

    def attribute(self, item: dict[str, Any], kind: str) -> bool:
        """A per-region result: True if it named a region of this annotation."""
        spans = self.regions.get(_key(item.get("id")))
        name = item.get("from_name")
        if spans is None or not isinstance(name, str):
            return False
        value = _value(item, self.where)
        found = value.get("text" if kind == "textarea" else kind)
        if isinstance(found, list) and len(found) == 1:
            found = found[0]
        if found is None:
            self.tally.drop(f"{kind} results without a value: not carried", self.number)
            return True
        for span in spans:
            declared = self.settings.declared.get(span.label, {}).get(name, [])
            typed = next((v for v in declared if choice_text(v) == found), found)
            span.attributes[name] = typed
        return True


def _key(value: Any) -> Any:
    """A region id as a key: ids are strings in Label Studio, numbers in some tools."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value)


def _region_name(item: dict[str, Any]) -> str:
    return repr(item["id"]) if "id" in item else "without an id"


def _value(item: dict[str, Any], where: str) -> dict[str, Any]:
    value = item.get("value")
    if not isinstance(value, dict):
        raise ValueError(f"{where}: a {item.get('type')} result has no value object")
    return value


def _read_result(layer: _Layer, result: Any) -> None:
    if result is None:
        return
    if not isinstance(result, list):
        raise ValueError(f"{layer.where}: result must be a list of objects")
    # the SDK's own serializer (`serialize_regions`) appends relations as a nested list
    result = [x for item in result for x in (item if isinstance(item, list) else [item])]
    if not all(isinstance(x, dict) for x in result):
        raise ValueError(f"{layer.where}: result must be a list of objects")
    kinds = [str(item.get("type", "")).lower() for item in result]
    for item, kind in zip(result, kinds, strict=True):
        if kind == "labels":
            layer.region(item)
    for item, kind in zip(result, kinds, strict=True):
        if kind == "relation":
            layer.relation(item)
        elif kind != "labels" and not layer.attribute(item, kind):
            layer.tally.drop(f"{kind or 'untyped'} results not tied to a text region", layer.number)


def read_task(task: Any, number: int, settings: ReadSettings, tally: TaskTally) -> list[ParsedLine]:
    """The layers of task `number` (1-based); ValueError naming the task, annotation and
    region for anything that cannot be read."""
    if not isinstance(task, dict):
        raise ValueError(f"task {number} is not an object")
    data = task.get("data")
    if not isinstance(data, dict):
        raise ValueError(f'task {number} has no "data" object')
    try:
        key, text = _text_of(data, settings.text_key)
    except ValueError as exc:
        raise ValueError(f"task {number}: {exc}") from None
    meta = {k: v for k, v in data.items() if k != key}
    if isinstance(task.get("meta"), dict):
        meta = {**task["meta"], **meta}
    task_text = TaskText(text)
    lines: list[ParsedLine] = []
    annotations = task.get("annotations", task.get("completions")) or []
    predictions = task.get("predictions") or []
    for kind, items in (("annotation", annotations), ("prediction", predictions)):
        if not isinstance(items, list):
            raise ValueError(f"task {number}: {kind}s must be a list")
        for index, item in enumerate(items, start=1):
            where = f"task {number}, {kind} {index}"
            if not isinstance(item, dict):
                raise ValueError(f"{where} is not an object")
            if kind == "annotation" and (item.get("was_cancelled") or item.get("skipped")):
                reason = f"{where} was cancelled in Label Studio"
                lines.append(ParsedLine(text, meta, None, None, [], [], skip_reason=reason))
                continue
            layer = _Layer(task_text, where, settings, tally, number)
            _read_result(layer, item.get("result"))
            if kind == "annotation":
                tally.annotations += 1
                who, status = layer_of_annotation(item), _status(item, "done")
            else:
                tally.predictions += 1
                who, status = layer_of_prediction(item), None
            lines.append(ParsedLine(text, meta, who, status, layer.spans, layer.relations))
    unnamed = [line for line in lines if line.annotator is None and not line.skip_reason]
    if len(unnamed) > 1:
        tally.drop("annotations naming no annotator, merged into one layer per task", number)
    if all(line.skip_reason for line in lines):
        lines.append(ParsedLine(text, meta, None, None, [], []))
    return lines
