"""Which files `annotator import` reads, and why it turns the others away.

`.txt` files are articles and `.jsonl` (`.ndjson`, `.json` holding JSON lines) files are
annotations. Anything else would be stored as a news article full of markup, so it is
refused by name, with the command that reads it where there is one.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.files.input_files import file_problem, open_input

ARTICLE_SUFFIX = ".txt"
JSONL_SUFFIXES = frozenset({".jsonl", ".json", ".ndjson"})

_CONLL = "a CoNLL/BIO file: use `annotator import-conll`"
_OTHER_FORMATS = {
    ".ann": "brat standoff annotations are not supported yet",
    ".xmi": "UIMA CAS XMI (INCEpTION, WebAnno) is not supported yet",
    ".tsv": "TSV annotations (WebAnno/INCEpTION TSV) are not supported yet",
    ".conll": _CONLL,
    ".conllu": _CONLL,
    ".bio": _CONLL,
    ".iob": _CONLL,
    ".iob2": _CONLL,
}
NOT_AN_ARTICLE = "not a .txt article or .jsonl annotations; only those are imported"
JSON_ARRAY = "Label Studio JSON (a JSON array) is not supported yet; JSONL, one object per line, is"
JSONL_IN_FOLDER = "JSONL annotations are read only when named"


def is_article(path: Path) -> bool:
    """True if the name says the file is a plain-text article."""
    return path.suffix.lower() == ARTICLE_SUFFIX


def is_json_array(path: Path) -> bool:
    """True if a .json file holds one JSON array (a Label Studio export), not JSON lines."""
    with open_input(path) as handle:
        head = handle.read(4096)
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"[")


def refusal(path: Path, *, named: bool) -> str | None:
    """Why `path` (not an article) is not imported: None for a JSONL file named directly.

    `named` is False for a file found in a folder, where JSONL files are not read.
    """
    problem = file_problem(path)
    if problem is not None:
        return problem
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        if suffix == ".json" and is_json_array(path):
            return JSON_ARRAY
        return None if named else JSONL_IN_FOLDER
    return _OTHER_FORMATS.get(suffix, NOT_AN_ARTICLE)
