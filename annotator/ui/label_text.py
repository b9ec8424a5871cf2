"""A label described in words for the window: its kind, key, description and examples, as
plain text (the label bar's hover, the guidelines panel)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.core.model import Label
from annotator.core.store.labels import label_examples

EXAMPLE_SEPARATOR = " | "


def kind_name(kind: str) -> str:
    """A label kind as the window names it."""
    names = {
        "entity": QCoreApplication.translate("LabelText", "entity"),
        "claim": QCoreApplication.translate("LabelText", "claim"),
        "quote": QCoreApplication.translate("LabelText", "quote"),
        "speaker": QCoreApplication.translate("LabelText", "speaker"),
        "relation": QCoreApplication.translate("LabelText", "relation"),
    }
    return names.get(kind, kind)


def examples_text(label: Label) -> str:
    """The label's examples on one line."""
    return EXAMPLE_SEPARATOR.join(label_examples(label))


def parse_examples(text: str) -> list[str]:
    """Examples typed on one line, separated by "|"."""
    return [part.strip() for part in text.split("|") if part.strip()]


def label_summary(label: Label) -> str:
    """Name, kind and key on the first line, then the description and the examples."""
    head = f"{label.name} ({kind_name(label.kind)})"
    if label.shortcut:
        head += " — " + QCoreApplication.translate("LabelText", "key {key}").format(
            key=label.shortcut
        )
    lines = [head]
    if label.description:
        lines.append(label.description)
    examples = label_examples(label)
    if examples:
        lines.append(
            QCoreApplication.translate("LabelText", "Examples: {examples}").format(
                examples="، ".join(examples)
            )
        )
    return "\n".join(lines)
