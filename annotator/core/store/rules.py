"""The rules a span and a relation obey, as pure functions: the editor's single edits
(`Annotations`) and bulk writers (merge) check with the same code."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from annotator.core.errors import ValidationError
from annotator.core.text.offsets import check_span_bounds

# The kind of a label ("entity", "relation"…); ValidationError for a label the project lacks.
KindOf = Callable[[str], str]


class SpanLike(Protocol):
    """What the relation rules read of a span."""

    id: int
    document_id: int
    annotator_id: int
    label: str


def check_span(kind: str, label: str, text: str, start: Any, end: Any) -> None:
    """ValidationError unless a span of `label` (of `kind`) from `start` to `end` may be
    stored on `text`: a span label, whole characters within the text."""
    if kind == "relation":
        raise ValidationError(f"{label!r} is a relation label, not a span label")
    problem = check_span_bounds(text, start, end)
    if problem:
        raise ValidationError(problem)


def check_relation(
    head: SpanLike,
    child: SpanLike,
    label: str,
    kind_of: KindOf,
    options_of: Callable[[str], Mapping[str, Any]],
) -> None:
    """ValidationError unless `label` may link `head` to `child`: a relation label, two
    spans of one layer of one document, of the kinds the label's options allow."""
    if kind_of(label) != "relation":
        raise ValidationError(f"{label!r} is not a relation label")
    if head.id == child.id:
        raise ValidationError("a span cannot be linked to itself")
    if head.document_id != child.document_id:
        raise ValidationError("a relation must link spans of the same document")
    if head.annotator_id != child.annotator_id:
        raise ValidationError("a relation must link spans of the same annotator's layer")
    options = options_of(label)
    for role, span in (("head", head), ("child", child)):
        allowed = options.get(role)
        kind = kind_of(span.label)
        if allowed and kind not in allowed:
            raise ValidationError(
                f"{label}: the {role} must be a {' or '.join(allowed)} span, "
                f"not {span.label} ({kind})"
            )
