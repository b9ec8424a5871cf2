"""The header of a WebAnno TSV 3 file: which layers it declares and what each column is.

We read `NamedEntity` spans (their `value` is the label), our `NewsAttributes`, and any
relation layer between named entities (`#T_RL=…|BT_…NamedEntity`, its `label` or `value`
feature naming the relation). Any other layer is refused with the line declaring it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.formats.inception.schema import ATTRIBUTES, NAMED_ENTITY
from annotator.core.formats.inception.tsv_text import (
    BASE_TYPE,
    CHAIN_PREFIX,
    RELATION_PREFIX,
    SPAN_PREFIX,
)

FORMAT = re.compile(r"^#FORMAT=WebAnno TSV 3\.\d+$")
NE, ATTR, REL = "entity", "attributes", "relation"


@dataclass(frozen=True)
class Column:
    """One annotation column: its layer (NE, ATTR, REL), the feature it holds ("" for a
    placeholder, "BT" for a relation's governor), whether we keep its value."""

    layer: str
    feature: str
    kept: bool = True


@dataclass
class Layout:
    columns: list[Column] = field(default_factory=list)
    first_body_line: int = 0  # index into the file's lines


def read_header(path: Path, lines: list[str]) -> Layout:
    """The columns the header declares; InputError naming the line of a bad header."""
    if not lines or not FORMAT.match(lines[0]):
        raise InputError(str(path), "not WebAnno TSV 3 (no #FORMAT=WebAnno TSV 3.x line)", 1)
    layout = Layout()
    index = 1
    while index < len(lines) and lines[index].strip():
        _declare(path, lines[index], index + 1, layout)
        index += 1
    if not any(c.layer == NE for c in layout.columns):
        raise InputError(str(path), f"no #T_SP={NAMED_ENTITY} layer: nothing to read", 2)
    layout.first_body_line = index
    return layout


def _declare(path: Path, line: str, number: int, layout: Layout) -> None:
    for prefix in (SPAN_PREFIX, RELATION_PREFIX, CHAIN_PREFIX):
        if line.startswith(prefix):
            break
    else:
        raise InputError(str(path), "a header line must declare a layer (#T_SP=, #T_RL=)", number)
    type_name, *features = line[len(prefix) :].split("|")
    if prefix == SPAN_PREFIX and type_name == NAMED_ENTITY:
        _span_columns(NE, features, {"value"}, layout)
    elif prefix == SPAN_PREFIX and type_name == ATTRIBUTES:
        _span_columns(ATTR, features, {"label", "attributes"}, layout)
    elif prefix == RELATION_PREFIX and features and features[-1] == BASE_TYPE + NAMED_ENTITY:
        names = features[:-1]
        label = next((n for n in ("label", "value") if n in names), names[0] if names else "")
        if not label:
            raise InputError(str(path), f"relation layer {type_name} has no label feature", number)
        layout.columns += [Column(REL, name, name == label) for name in names]
        layout.columns.append(Column(REL, "BT"))
    else:
        what = "chain" if prefix == CHAIN_PREFIX else "layer"
        raise InputError(
            str(path),
            f"unknown {what} {type_name}: only {NAMED_ENTITY}, {ATTRIBUTES} and relations "
            "between named entities are read",
            number,
        )


def _span_columns(layer: str, features: list[str], kept: set[str], layout: Layout) -> None:
    if not features or features == [""]:
        layout.columns.append(Column(layer, "", False))
        return
    layout.columns += [Column(layer, name, name in kept) for name in features]
