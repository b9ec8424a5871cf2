"""The neutral form every annotation reader produces: one text with one layer's spans and
relations, offsets as the file gave them (code points into `text`, end exclusive).

Readers of other formats convert their offsets (UTF-16, token indexes) before they build
these; `store_parsed` normalizes the text, carries the offsets through and stores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ParsedSpan:
    start: int
    end: int
    label: str
    attributes: dict[str, Any] = field(default_factory=dict)
    # keys relations of the same text may use to point at this span
    refs: list[Any] = field(default_factory=list)


@dataclass
class ParsedRelation:
    head: Any  # one of the head span's refs
    child: Any
    label: str


@dataclass
class ParsedLine:
    """One text and one layer of annotations on it (a JSONL line, a brat file pair, a
    Label Studio annotation, an XMI document…)."""

    text: str
    meta: dict[str, Any]
    annotator: str | None
    status: str | None
    spans: list[ParsedSpan]
    relations: list[ParsedRelation]
    skip_reason: str | None = None
