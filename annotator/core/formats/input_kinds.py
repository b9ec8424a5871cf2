"""Which files `annotator import` reads, and in which format.

A `.txt` file, or a folder of them, holds articles, unless its content says it is CoNLL
(Wojood names its files `.txt`) or a folder holds annotation files a format reads as a
whole (brat, XMI). Any other file is read in the format its content and name say, or the
one `--format` names; a file neither says is refused by name rather than stored as an
article full of markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.files.input_files import file_problem
from annotator.core.formats.registry import Format, get_format, guess_format, readable

ARTICLE_SUFFIX = ".txt"
NOT_AN_ARTICLE = "not a .txt article; only those are imported from a folder"
NAMED_ONLY = "annotations ({}) are read only when named"


@dataclass
class ImportPlan:
    """What to read: article files and folders, then annotation files with their format."""

    articles: list[Path] = field(default_factory=list)
    annotations: list[tuple[Path, Format]] = field(default_factory=list)


def is_article(path: Path) -> bool:
    """True if the name says the file is a plain-text article."""
    return path.suffix.lower() == ARTICLE_SUFFIX


def refusal(path: Path) -> str | None:
    """Why a file found in a folder of articles is not read as one (None: it is)."""
    problem = file_problem(path)
    if problem is not None or is_article(path):
        return problem
    suffix = path.suffix.lower()
    known = [f.name for f in readable() if suffix in f.suffixes]
    return NAMED_ONLY.format(", ".join(known)) if known else NOT_AN_ARTICLE


def _sniffed(path: Path) -> Format | None:
    try:
        return guess_format(path)
    except InputError:
        return None


def plan_imports(paths: list[Path], format_name: str | None = None) -> ImportPlan:
    """Sort the paths a user named into articles and annotation files (see the module
    docstring). With `format_name` every path is read in that format."""
    plan = ImportPlan()
    if format_name is not None:
        fmt = get_format(format_name)
        if not fmt.can_read:
            raise InputError(str(paths[0]), f"{fmt.title} can be written, not read")
        for path in paths:
            problem = file_problem(path) if not path.is_dir() else None
            if problem is not None:
                raise InputError(str(path), problem)
            plan.annotations.append((path, fmt))
        return plan
    for path in paths:
        if not path.is_dir():
            problem = file_problem(path)
            if problem is not None:
                raise InputError(str(path), problem)
        fmt = _sniffed(path)
        if fmt is not None:
            plan.annotations.append((path, fmt))
        elif path.is_dir() or is_article(path):
            plan.articles.append(path)
        else:
            guess_format(path)  # raises "cannot tell the format of FILE; use --format"
    return plan
