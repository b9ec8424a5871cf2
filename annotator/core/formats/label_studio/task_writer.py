"""One document's layers as a Label Studio task: the text and our document fields under
`data`, one annotation per annotator layer (layers named `predictions[:<model>]` as
predictions), offsets in code points with `value.text`, span attributes as per-region
choices, relations from head to child."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.formats.export_report import ExportReport
from annotator.core.formats.label_studio.labeling_config import (
    LABELS_TAG,
    RESERVED,
    TEXT_TAG,
    choice_text,
)
from annotator.core.formats.label_studio.task_reader import PREDICTIONS
from annotator.core.layers import DocumentLayers, Layer
from annotator.core.model import GOLD_LAYER, Span

# the fields of `data` we fill; a document meta key of the same name is not carried
OWN_DATA = ("text", "title", "source", "published", "document_id", "sha256")
_SCALAR = str | int | float | bool


@dataclass
class WriteState:
    """What writing tasks gathers across documents: counts and notes (`report`), the
    choices each attribute was written with (for the labeling config), and settings."""

    report: ExportReport
    emails: bool = False
    declared: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    choices: dict[str, dict[str, None]] = field(default_factory=dict)
    multiple: set[str] = field(default_factory=set)
    annotations: int = 0


def model_version(annotator: str) -> str | None:
    """The model a layer's name says it predicts with ("" for `predictions`), or None
    for a person's (or gold's) layer."""
    if annotator == PREDICTIONS:
        return ""
    prefix = f"{PREDICTIONS}:"
    return annotator[len(prefix) :] if annotator.startswith(prefix) else None


def _value(text: str, span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": text[span.start : span.end]}


def _attribute(state: WriteState, span: Span, name: str, value: Any) -> list[str] | None:
    """The choices an attribute is written as, or None (and a note) when it cannot be."""
    report = state.report
    if name in RESERVED:
        report.note(
            f'span attributes named "{name}" not carried: the name is taken by our '
            "labeling config's own tags"
        )
        return None
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, _SCALAR) for v in values):
        report.note(
            "span attributes that are not text, numbers, yes/no or lists of those not "
            "carried: Label Studio choices hold text"
        )
        return None
    declared = state.declared.get(span.label, {}).get(name, [])
    if any(not isinstance(v, str) and v not in declared for v in values):
        report.note(
            "attribute values that are not text and not declared by their label written "
            "as JSON text; they are read back as text"
        )
    if isinstance(value, list):
        state.multiple.add(name)
    return [choice_text(v) for v in values]


def _region_results(state: WriteState, text: str, span: Span) -> list[dict[str, Any]]:
    region_id = str(span.id)
    value = _value(text, span)
    results = [
        {
            "id": region_id,
            "from_name": LABELS_TAG,
            "to_name": TEXT_TAG,
            "type": "labels",
            "value": {**value, "labels": [span.label]},
        }
    ]
    for name, attribute in span.attributes.items():
        choices = _attribute(state, span, name, attribute)
        if choices is None:
            continue
        state.choices.setdefault(name, {}).update(dict.fromkeys(choices))
        results.append(
            {
                "id": region_id,
                "from_name": name,
                "to_name": TEXT_TAG,
                "type": "choices",
                "value": {**value, "choices": choices},
            }
        )
    return results


def _result(state: WriteState, layer: Layer) -> list[dict[str, Any]]:
    text = layer.document.text
    result: list[dict[str, Any]] = []
    ids = {span.id for span in layer.spans}
    for span in layer.spans:
        result.extend(_region_results(state, text, span))
    state.report.spans += len(layer.spans)
    for relation in layer.relations:
        if relation.head_id in ids and relation.child_id in ids:
            result.append(
                {
                    "from_id": str(relation.head_id),
                    "to_id": str(relation.child_id),
                    "type": "relation",
                    "direction": "right",
                    "labels": [relation.label],
                }
            )
            state.report.relations += 1
    return result


def _data(state: WriteState, group: DocumentLayers) -> dict[str, Any]:
    doc = group.document
    data: dict[str, Any] = {
        "text": doc.text,
        "title": doc.title,
        "source": doc.source,
        "published": doc.published,
        "document_id": doc.id,
        "sha256": doc.sha256,
    }
    for key, value in doc.meta.items():
        if key in data:
            state.report.note(
                f'document meta "{key}" not carried: Label Studio data holds our own '
                f"field of that name ({', '.join(OWN_DATA)})"
            )
        else:
            data[key] = value
    return data


def document_task(state: WriteState, group: DocumentLayers) -> dict[str, Any]:
    """The task of one document with its selected layers."""
    annotations, predictions = [], []
    for layer in group.layers:
        state.annotations += 1
        result = _result(state, layer)
        version = model_version(layer.annotator)
        if version is not None:
            prediction: dict[str, Any] = {"id": state.annotations, "result": result}
            if version:
                prediction["model_version"] = version
            predictions.append(prediction)
            continue
        annotation: dict[str, Any] = {
            "id": state.annotations,
            "result": result,
            "was_cancelled": False,
            "ground_truth": layer.annotator == GOLD_LAYER,
            "meta": {"annotator": layer.annotator, "status": layer.status},
        }
        if state.emails:
            annotation["completed_by"] = {"email": layer.annotator}
        annotations.append(annotation)
    return {
        "id": group.document.id,
        "data": _data(state, group),
        "annotations": annotations,
        "predictions": predictions,
    }
