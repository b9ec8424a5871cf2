"""Error types the core raises; the CLI and UI show their messages as they are."""

from __future__ import annotations


class AnnotatorError(Exception):
    """Base class of every error the tool reports to a user."""


class InputError(AnnotatorError):
    """Bad input file: the message names the file and, where known, the line."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class ValidationError(AnnotatorError):
    """An edit that would break an invariant (bounds, labels, layers)."""


class SchemaError(AnnotatorError):
    """The database cannot be used by this version (newer schema, not a project)."""


class NotFoundError(AnnotatorError):
    """A document, span, relation, label or annotator that does not exist."""


class Cancelled(AnnotatorError):
    """The user stopped a long operation; nothing of it was stored."""


class WriteError(AnnotatorError):
    """A write SQLite could not make (project busy, disk full, read-only): nothing of it
    was saved, and the same edit can be tried again."""


class MergeError(AnnotatorError):
    """A source cannot be merged (label clash, broken data); the message names the file."""
