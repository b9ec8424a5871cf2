"""Import of plain-text articles (.txt files and folders), all or nothing.

Each file is decoded (encoding detected), normalized once (see `normalize.py`) and
stored with the title, date and source found in it; the text itself is kept whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import Cancelled, InputError
from annotator.core.files.input_files import file_problem, read_input
from annotator.core.formats.input_kinds import NOT_AN_ARTICLE, is_article, refusal
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.text.articles import parse_article
from annotator.core.text.decoding import decode_bytes
from annotator.core.text.normalize import normalize_text

# Called with (done, total); returning False cancels the import before anything is stored.
Progress = Callable[[int, int], bool]


@dataclass
class ImportReport:
    """What an import did: ids stored (new and already present) and files skipped."""

    ids: list[int] = field(default_factory=list)
    added: int = 0
    existing: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class FoundFiles:
    """The article files to read, and the files skipped in folders, each with why."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, message)


def find_text_files(paths: Iterable[str | Path]) -> FoundFiles:
    """The .txt files named, folders searched recursively, in a stable order.

    In a folder, whatever is not a regular .txt file (a FIFO, a device, another format)
    is skipped and reported; a file named directly that is not one is an InputError.
    """
    found = FoundFiles()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for entry in sorted(path.rglob("*")):
                if entry.is_dir():
                    continue
                problem = refusal(entry)
                if problem is None:
                    found.files.append(entry)
                else:
                    found.skipped.append((str(entry), str(InputError(str(entry), problem))))
            continue
        problem = file_problem(path)
        if problem is not None or not is_article(path):
            raise InputError(str(path), problem or NOT_AN_ARTICLE)
        found.files.append(path)
    return found


def read_article(path: str | Path, encoding: str | None = None) -> NewDocument:
    """Read, decode and normalize one article file into a document to store."""
    path = Path(path)
    data = read_input(path)
    decoded = decode_bytes(data, str(path), encoding)
    try:
        normalized = normalize_text(decoded.text)
    except ValueError as exc:
        raise InputError(str(path), str(exc)) from exc
    info = parse_article(normalized.text)
    meta = {"file": path.name, "encoding": decoded.encoding, **info.meta}
    return NewDocument(normalized.text, info.title, info.source, info.published, meta)


def import_text_files(
    store: Store,
    paths: Iterable[str | Path],
    *,
    encoding: str | None = None,
    skip_bad: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import articles in one transaction: every file or none (unless `skip_bad`)."""
    found = find_text_files(paths)
    files = found.files
    report = ImportReport(skipped=list(found.skipped))
    documents: list[NewDocument] = []
    for done, path in enumerate(files, start=1):
        try:
            documents.append(read_article(path, encoding))
        except InputError as exc:
            if not skip_bad:
                raise
            report.skipped.append((str(path), str(exc)))
        if progress is not None and not progress(done, len(files)):
            raise Cancelled("import cancelled; nothing was stored")
    result = store.documents.add_many(documents)
    report.ids, report.added, report.existing = result.ids, result.added, result.existing
    return report
