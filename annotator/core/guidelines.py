"""The project's guidelines document: Markdown text kept in the project (a setting), so
every annotator's window shows the same rules. It is text only; the window renders it
without ever reading HTML from it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import InputError
from annotator.core.files.input_files import read_input

if TYPE_CHECKING:
    from annotator.core.store import Store

GUIDELINES_SETTING = "guidelines.markdown"
GUIDELINES_MAX_CHARS = 1_000_000


def read_guidelines_file(path: str | Path) -> str:
    """The text of a guidelines file: UTF-8 (a BOM dropped), LF line ends; InputError
    names the file and line of what is wrong."""
    raw = read_input(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(str(path), f"not valid UTF-8 at byte {exc.start}", line) from None
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        raise InputError(str(path), "holds a NUL character; not a text file", line)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > GUIDELINES_MAX_CHARS:
        raise InputError(str(path), f"longer than {GUIDELINES_MAX_CHARS:,} characters")
    return text


def guidelines(store: Store) -> str:
    """The project's guidelines document ("" when it has none)."""
    return store.setting(GUIDELINES_SETTING) or ""


def set_guidelines(store: Store, text: str) -> None:
    """Keep `text` as the project's guidelines document ("" removes it)."""
    store.set_setting(GUIDELINES_SETTING, text)


def store_guidelines_file(store: Store, path: str | Path) -> str:
    """Read a Markdown file and keep it as the project's guidelines; returns its text.
    A file that cannot be read leaves the project unchanged."""
    text = read_guidelines_file(path)
    set_guidelines(store, text)
    return text
