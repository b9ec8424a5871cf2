"""The label scheme: validation, storage and loading from JSON (data only, never code)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from annotator.core.changes import Changes, of_labels
from annotator.core.errors import InputError, NotFoundError, ValidationError
from annotator.core.files.atomic_write import atomic_write
from annotator.core.files.input_files import read_input
from annotator.core.files.safe_json import parse_json
from annotator.core.model import LABEL_KINDS, Label
from annotator.core.store.database import dumps
from annotator.core.store.sqlite_lib import Database

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# Colours given in turn to labels an import creates (light, so text stays readable).
NEW_LABEL_COLOURS = (
    "#cfe2f3",
    "#d9ead3",
    "#fff2cc",
    "#f4cccc",
    "#d9d2e9",
    "#fce5cd",
    "#d0e0e3",
    "#ead1dc",
    "#e6b8af",
    "#c9daf8",
)


def new_label_colour(count: int) -> str:
    """The colour of the `count`-th label an import creates."""
    return NEW_LABEL_COLOURS[count % len(NEW_LABEL_COLOURS)]


# Single keys the window keeps for suggestions (Prodigy's A and X): no label may take them.
WINDOW_KEYS = {
    "n": "move to the next suggestion",
    "a": "accept a suggestion",
    "x": "reject a suggestion",
}
# nor the shortcut sheet's
RESERVED_KEYS = {**WINDOW_KEYS, "?": "open the keyboard-shortcut sheet"}
_FIELDS = {"name", "kind", "colour", "shortcut", "description", "position", "options"}
# A scheme file may give a label's examples beside its other fields; they are kept in its
# options (no column of their own), and written back beside them.
EXAMPLES = "examples"
_SCHEME_FIELDS = _FIELDS | {EXAMPLES}


def label_examples(label: Label) -> list[str]:
    """The label's examples (words or short phrases that take it), from its options."""
    return list(label.options.get(EXAMPLES, []))


def with_examples(label: Label, examples: list[str]) -> Label:
    """The label with these examples (none: the option is dropped)."""
    options = {k: v for k, v in label.options.items() if k != EXAMPLES}
    kept = [example.strip() for example in examples if example.strip()]
    if kept:
        options[EXAMPLES] = kept
    return replace(label, options=options)


def validate_label(label: Label) -> None:
    """Raise ValidationError if the label cannot be stored."""
    name = label.name
    if not isinstance(name, str) or not name.strip() or name != name.strip():
        raise ValidationError(f"label name {name!r} must be non-empty without outer spaces")
    if len(name) > 64 or any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise ValidationError(f"label name {name!r} is too long or has control characters")
    if label.kind not in LABEL_KINDS:
        raise ValidationError(
            f"label {name!r}: kind {label.kind!r} is not one of {', '.join(LABEL_KINDS)}"
        )
    if not isinstance(label.colour, str) or not _COLOUR.match(label.colour):
        raise ValidationError(f"label {name!r}: colour {label.colour!r} is not #rrggbb")
    if label.shortcut is not None and (
        not isinstance(label.shortcut, str) or len(label.shortcut) != 1 or label.shortcut.isspace()
    ):
        raise ValidationError(f"label {name!r}: shortcut must be one character")
    if isinstance(label.shortcut, str) and label.shortcut.lower() in RESERVED_KEYS:
        raise ValidationError(
            f"label {name!r}: shortcut {label.shortcut!r} is the window's key to "
            f"{RESERVED_KEYS[label.shortcut.lower()]}; choose another"
        )
    if not isinstance(label.options, dict):
        raise ValidationError(f"label {name!r}: options must be an object")
    if isinstance(label.position, bool) or not isinstance(label.position, int):
        raise ValidationError(f"label {name!r}: position must be a whole number")
    if not 0 <= label.position <= 1_000_000:
        raise ValidationError(f"label {name!r}: position {label.position} is out of range")
    if not isinstance(label.description, str):
        raise ValidationError(f"label {name!r}: description must be text")
    _check_options(label)


_SPAN_KINDS = tuple(kind for kind in LABEL_KINDS if kind != "relation")
_ATTRIBUTE_VALUE = str | int | float | bool


def _check_options(label: Label) -> None:
    """The options the tool reads: a relation's head/child kinds, declared attributes."""
    options = label.options
    if label.kind == "relation":
        for role in ("head", "child"):
            kinds = options.get(role)
            if kinds is not None and not (
                isinstance(kinds, list) and all(kind in _SPAN_KINDS for kind in kinds)
            ):
                raise ValidationError(
                    f"label {label.name!r}: options {role!r} must be a list of span kinds "
                    f"({', '.join(_SPAN_KINDS)}), not {_shown(kinds)}"
                )
    examples = options.get(EXAMPLES)
    if examples is not None and not (
        isinstance(examples, list) and all(isinstance(e, str) and e.strip() for e in examples)
    ):
        raise ValidationError(
            f"label {label.name!r}: examples must be a list of non-empty texts, "
            f"not {_shown(examples)}"
        )
    attributes = options.get("attributes")
    if attributes is not None and not (
        isinstance(attributes, dict)
        and all(
            isinstance(values, list) and all(isinstance(v, _ATTRIBUTE_VALUE) for v in values)
            for values in attributes.values()
        )
    ):
        raise ValidationError(
            f"label {label.name!r}: options 'attributes' must map each attribute name to a "
            f"list of values, not {_shown(attributes)}"
        )


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _row_to_label(row: dict[str, Any]) -> Label:
    return Label(
        name=row["name"],
        kind=row["kind"],
        colour=row["colour"],
        shortcut=row["shortcut"],
        description=row["description"],
        position=row["position"],
        options=json.loads(row["options"]),
    )


def _label_to_row(label: Label) -> dict[str, Any]:
    row = asdict(label)
    row["options"] = dumps(label.options)
    return row


class Labels:
    """The project's labels, kept in the `labels` table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> list[Label]:
        """Every label, in scheme order."""
        rows = self._db.execute("SELECT * FROM labels ORDER BY position, name").fetchall()
        cols = [c[0] for c in self._db.execute("SELECT * FROM labels LIMIT 0").description]
        return [_row_to_label(dict(zip(cols, row, strict=True))) for row in rows]

    def get(self, name: str) -> Label:
        """The label called `name`; NotFoundError if there is none."""
        for label in self.all():
            if label.name == name:
                return label
        raise NotFoundError(f"no label called {name!r}")

    def names(self) -> set[str]:
        """Names of all labels."""
        return {row[0] for row in self._db.execute("SELECT name FROM labels")}

    def add(self, label: Label) -> Label:
        """Store a new label (appended to the scheme when position is 0)."""
        validate_label(label)
        if label.name in self.names():
            raise ValidationError(f"label {label.name!r} exists already")
        self._check_shortcut(label)
        if label.position == 0:
            top = self._db.execute("SELECT COALESCE(MAX(position), 0) FROM labels").fetchone()[0]
            label = replace(label, position=top + 1)
        with self._db.atomic():
            self._db["labels"].insert(_label_to_row(label))
        return label

    def update(self, name: str, /, **changes: Any) -> Label:
        """Change fields of a label; renaming carries its spans and relations along."""
        unknown = set(changes) - _FIELDS
        if unknown:
            raise ValidationError(f"unknown label fields: {', '.join(sorted(unknown))}")
        old = self.get(name)
        new = replace(old, **changes)
        validate_label(new)
        if new.kind != old.kind and self.usage(name):
            raise ValidationError(f"label {name!r} is in use; its kind cannot change")
        if new.name != name and new.name in self.names():
            raise ValidationError(f"label {new.name!r} exists already")
        self._check_shortcut(new, ignore=name)
        with self._db.atomic():
            self._db.execute(
                "UPDATE labels SET name = ?, kind = ?, colour = ?, shortcut = ?, "
                "description = ?, position = ?, options = ? WHERE name = ?",
                [*_label_to_row(new).values(), name],
            )
        return new

    def remove(self, name: str) -> Changes:
        """Delete a label that no span or relation uses."""
        self.get(name)
        used = self.usage(name)
        if used:
            raise ValidationError(f"label {name!r} is used by {used} annotations; not removed")
        with self._db.atomic():
            self._db.execute("DELETE FROM labels WHERE name = ?", [name])
        return of_labels(name)

    def usage(self, name: str) -> int:
        """How many spans and relations carry this label."""
        return sum(
            self._db.execute(f"SELECT COUNT(*) FROM {table} WHERE label = ?", [name]).fetchone()[0]
            for table in ("spans", "relations")
        )

    def _check_shortcut(self, label: Label, ignore: str | None = None) -> None:
        if label.shortcut is None:
            return
        for other in self.all():
            if other.name != ignore and other.shortcut == label.shortcut:
                raise ValidationError(
                    f"shortcut {label.shortcut!r} of {label.name!r} is taken by {other.name!r}"
                )

    def install(self, labels: list[Label]) -> Changes:
        """Add the labels of a scheme that are missing here, in one transaction."""
        added: list[str] = []
        with self._db.atomic():
            existing = self.names()
            for position, label in enumerate(labels, start=1):
                if label.name not in existing:
                    self.add(replace(label, position=label.position or position))
                    added.append(label.name)
        return of_labels(*added)


def load_scheme(path: str | Path) -> list[Label]:
    """Read a label scheme file ({"labels": [...]}). It is data: nothing in it is executed."""
    path = Path(path)
    raw = read_input(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(str(path), f"not valid UTF-8 at byte {exc.start}", line) from None
    data = parse_json(text, str(path))
    items = data.get("labels") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise InputError(str(path), 'a label scheme is an object with a "labels" list')
    labels = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict) or set(item) - _SCHEME_FIELDS:
            raise InputError(str(path), f"label #{index}: expected fields {sorted(_SCHEME_FIELDS)}")
        try:
            label = _scheme_label({"position": index, **item})
            validate_label(label)
        except (TypeError, ValidationError) as exc:
            raise InputError(str(path), f"label #{index}: {exc}") from exc
        labels.append(label)
    names = [label.name for label in labels]
    if len(set(names)) != len(names):
        raise InputError(str(path), "label names repeat")
    return labels


def _scheme_label(item: dict[str, Any]) -> Label:
    """A label of a scheme file; its examples go into its options."""
    fields = {k: v for k, v in item.items() if k != EXAMPLES}
    label = Label(**fields)
    if EXAMPLES not in item:
        return label
    if not isinstance(label.options, dict):
        raise ValidationError(f"label {label.name!r}: options must be an object")
    return replace(label, options={**label.options, EXAMPLES: item[EXAMPLES]})


def scheme_data(labels: list[Label]) -> dict[str, Any]:
    """The scheme file's content for these labels, as `load_scheme` reads it back: every
    field, the examples beside the others rather than inside the options."""
    items = []
    for label in labels:
        item = asdict(label)
        examples = label_examples(label)
        item["options"] = {k: v for k, v in label.options.items() if k != EXAMPLES}
        if examples:
            item[EXAMPLES] = examples
        items.append(item)
    return {"labels": items}


def scheme_json(labels: list[Label]) -> str:
    """The scheme file's text for these labels (UTF-8 JSON, Arabic kept readable)."""
    return json.dumps(scheme_data(labels), ensure_ascii=False, indent=2) + "\n"


def write_scheme(labels: list[Label], path: str | Path) -> None:
    """Write these labels as a scheme file, whole or not at all (OutputError names it)."""
    with atomic_write(path) as handle:
        handle.write(scheme_json(labels))
