"""`annotation.conf` and `visual.conf` of a brat project, made from the label scheme:
span labels are entities, relation labels are relations whose `Arg1`/`Arg2` types are
the labels of the kinds the relation's `head`/`child` options name, attributes are the
ones labels declare (`options["attributes"]`) plus those the exported spans carry, and
each label's colour goes to visual.conf."""

from __future__ import annotations

from annotator.core.formats.brat.ann_lines import AttributeUse
from annotator.core.formats.brat.names import is_brat_type
from annotator.core.model import Label

ANNOTATION_CONF = "annotation.conf"
VISUAL_CONF = "visual.conf"
_HEADER = "# Made by annotator from the project's label scheme.\n"
_ANY_ENTITY = "<ENTITY>"


def _arguments(relation: Label, spans: list[Label]) -> str:
    parts = []
    for arg, role in (("Arg1", "head"), ("Arg2", "child")):
        kinds = relation.options.get(role) or []
        names = [s.name for s in spans if s.kind in kinds]
        parts.append(f"{arg}:{'|'.join(names) or _ANY_ENTITY}")
    return ", ".join(parts)


def _attribute_uses(labels: list[Label], seen: dict[str, AttributeUse]) -> dict[str, AttributeUse]:
    """Every attribute the scheme declares or the export wrote, with its labels and values."""
    uses: dict[str, AttributeUse] = {}
    for label in labels:
        declared = label.options.get("attributes") or {}
        for name, values in declared.items() if isinstance(declared, dict) else ():
            if not is_brat_type(name):
                continue
            use = uses.setdefault(name, AttributeUse())
            use.labels.add(label.name)
            use.values.update(str(v) for v in values or () if is_brat_type(str(v)))
    for name, found in seen.items():
        use = uses.setdefault(name, AttributeUse())
        use.labels |= found.labels
        use.values |= found.values
        use.binary |= found.binary
    return uses


def annotation_conf(labels: list[Label], seen: dict[str, AttributeUse]) -> str:
    """The text of annotation.conf; labels that cannot be brat types are left out (see
    `left_out`)."""
    usable = [label for label in labels if is_brat_type(label.name)]
    spans = [label for label in usable if label.kind != "relation"]
    relations = [label for label in usable if label.kind == "relation"]
    lines = [_HEADER, "[entities]\n"]
    lines += [f"{label.name}\n" for label in spans]
    lines.append("\n[relations]\n")
    lines += [f"{label.name}\t{_arguments(label, spans)}\n" for label in relations]
    lines.append("\n[events]\n\n[attributes]\n")
    span_names = {label.name for label in spans}
    for name, use in sorted(_attribute_uses(labels, seen).items()):
        targets = "|".join(sorted(use.labels & span_names)) or _ANY_ENTITY
        values = f", Value:{'|'.join(sorted(use.values))}" if use.values else ""
        lines.append(f"{name}\tArg:{targets}{values}\n")
    return "".join(lines)


def left_out(labels: list[Label]) -> list[str]:
    """Labels of the scheme that cannot be brat types, so are not in the conf files."""
    return [label.name for label in labels if not is_brat_type(label.name)]


def visual_conf(labels: list[Label]) -> str:
    """The text of visual.conf: each label's colour (span background, relation arc)."""
    lines = [_HEADER, "[labels]\n\n[drawing]\n"]
    lines.append("SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n")
    lines.append("ARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n")
    lines.append("ATTRIBUTE_DEFAULT\tglyph:*\n")
    for label in labels:
        if is_brat_type(label.name):
            key = "color" if label.kind == "relation" else "bgColor"
            lines.append(f"{label.name}\t{key}:{label.colour}\n")
    return "".join(lines)
