"""The Label Studio labeling config made from our label scheme: span labels as `<Labels>`
with their colours, hotkeys and descriptions, relation labels as `<Relations>`, and each
span attribute as per-region `<Choices>`. Built with ElementTree, so label names and
colours (user data) are always escaped, never markup."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import Any

from annotator.core.model import Label

LABELS_TAG = "label"  # `from_name` of our regions
TEXT_TAG = "text"  # `to_name` of our regions, shown from the task's `data.text`
# attribute names that would clash with the two tags above
RESERVED = frozenset({LABELS_TAG, TEXT_TAG})


def choice_text(value: Any) -> str:
    """An attribute value as a Label Studio choice: text as it is, anything else as JSON
    (`true`, `2`), which reading turns back by the label's declared values."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def labeling_config(
    labels: Iterable[Label],
    choices: Mapping[str, Iterable[str]],
    multiple: Iterable[str] = (),
    only: Mapping[str, str] | None = None,
) -> str:
    """The `<View>` XML for these labels (span labels and relations, in scheme order) and
    these attributes (name → the choices written or declared; `multiple` names those
    holding several values at once; `only` maps an attribute to the one label whose
    regions show it)."""
    ordered = sorted(labels, key=lambda label: (label.position, label.name))
    view = ET.Element("View")
    style = ET.SubElement(view, "Style")
    style.text = ".htx-text { white-space: pre-wrap; }"  # show every space we count
    tags = ET.SubElement(view, "Labels", name=LABELS_TAG, toName=TEXT_TAG)
    for label in ordered:
        if label.kind == "relation":
            continue
        attributes = {"value": label.name, "background": label.colour}
        if label.shortcut:
            attributes["hotkey"] = label.shortcut
        if label.description:
            attributes["hint"] = label.description
        ET.SubElement(tags, "Label", attributes)
    ET.SubElement(view, "Text", name=TEXT_TAG, value=f"${TEXT_TAG}")
    relations = [label for label in ordered if label.kind == "relation"]
    if relations:
        links = ET.SubElement(view, "Relations")
        for label in relations:
            ET.SubElement(links, "Relation", value=label.name)
    several = set(multiple)
    for name, values in choices.items():
        control = ET.SubElement(
            view,
            "Choices",
            name=name,
            toName=TEXT_TAG,
            perRegion="true",
            choice="multiple" if name in several else "single",
            visibleWhen="region-selected",
        )
        if only and name in only:
            control.set("whenTagName", LABELS_TAG)
            control.set("whenLabelValue", only[name])
        for value in dict.fromkeys(values):
            ET.SubElement(control, "Choice", value=value)
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"


def declared_attributes(labels: Iterable[Label]) -> dict[str, dict[str, list[Any]]]:
    """Each label's declared attribute values (`options.attributes`): label → name →
    values."""
    declared = {}
    for label in labels:
        attributes = label.options.get("attributes")
        if isinstance(attributes, dict) and attributes:
            declared[label.name] = {k: list(v) for k, v in attributes.items()}
    return declared
