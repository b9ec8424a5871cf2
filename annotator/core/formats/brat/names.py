"""Names in a brat project: which labels can be brat types, and how annotator folders
and document files are named (safe on every file system, never a path from data)."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from annotator.core.model import Document

# A brat type (entity, relation or attribute name): no spaces (the .ann line splits on
# them), none of the characters annotation.conf gives a meaning to, not a `---` line.
_BRAT_TYPE = re.compile(r"^(?!-+$)[^\s|,:;<>=#!*\"]+$")
# What an annotator's folder name keeps as it is; anything else is %-escaped.
_FOLDER_UNSAFE = '<>:"/\\|?*%'
_SLUG_DROP = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10))} | {
    f"LPT{i}" for i in range(10)
}
MAX_STEM = 80


def is_brat_type(name: str) -> bool:
    """True if `name` can stand as a type or attribute name in `.ann` and `.conf` files."""
    return bool(_BRAT_TYPE.match(name))


def type_problem(name: str) -> str:
    """Why a label cannot be written as a brat type, for the error message."""
    return (
        f"label {name!r} cannot be a brat type (brat types have no spaces and none of "
        '| , : ; < > = # ! * "); rename it, or leave it out with --label'
    )


def annotator_folder(name: str) -> str:
    """The folder of an annotator's layer: the name itself, with characters file systems
    refuse (and a leading dot, which would hide it) written as %XX; see `annotator_of`."""
    folder = "".join(
        quote(ch, safe="") if ch in _FOLDER_UNSAFE or ord(ch) < 32 or ord(ch) == 127 else ch
        for ch in name
    )
    if folder.startswith("."):
        folder = "%2E" + folder[1:]
    return folder


def annotator_of(folder: str) -> str:
    """The annotator a folder of an export is named after (undoes `annotator_folder`)."""
    return unquote(folder)


def document_stem(document: Document) -> str:
    """A file name stem for a document: its original file name made safe (ASCII letters,
    digits, `.`, `_`, `-`), or `doc-<id>` when there is none."""
    file = document.meta.get("file") if isinstance(document.meta, dict) else None
    if isinstance(file, str):
        stem = file.replace("\\", "/").rsplit("/", 1)[-1]
        if stem.lower().endswith(".txt"):
            stem = stem[:-4]
        stem = _SLUG_DROP.sub("-", stem).strip(".-")[:MAX_STEM].strip(".-")
        if stem and stem.split(".")[0].upper() not in _WINDOWS_RESERVED:
            return stem
    return f"doc-{document.id}"


class DocumentNames:
    """Gives each exported document one stem (asked once per document: the stem is used
    in every annotator's folder); a stem another document took gets `-<id>` added."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def stem(self, document: Document) -> str:
        stem = document_stem(document)
        while stem.lower() in self._taken:
            stem = f"{stem}-{document.id}"
        self._taken.add(stem.lower())
        return stem
