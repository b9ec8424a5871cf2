"""Import of plain-text articles (.txt files and folders), all or nothing.

Each file is decoded (encoding detected), normalized once (see `normalize.py`) and
stored with the title, date and source found in it; the text itself is kept whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.articles import parse_article
from annotator.core.decoding import decode_bytes
from annotator.core.documents import NewDocument
from annotator.core.errors import Cancelled, InputError
from annotator.core.normalize import normalize_text
from annotator.core.store import Store

# Called with (done, total); returning False cancels the import before anything is stored.
Progress = Callable[[int, int], bool]


@dataclass
class ImportReport:
    """What an import did: ids stored (new and already present) and files skipped."""

    ids: list[int] = field(default_factory=list)
    added: int = 0
    existing: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)


def collect_text_files(paths: Iterable[str | Path]) -> list[Path]:
    """The .txt files named, folders searched recursively, in a stable order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() == ".txt"))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(str(path), "no such file or folder")
    return files


def read_article(path: str | Path, encoding: str | None = None) -> NewDocument:
    """Read, decode and normalize one article file into a document to store."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from exc
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
    files = collect_text_files(paths)
    report = ImportReport()
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
