"""One import of articles and annotation files, as the CLI and the window both run it.

Files are discovered and sorted by kind (`split_import_paths`), read and validated into a
staging project with no lock on the project, then added in one short transaction
(`staging.staged`): all or nothing, and other windows and commands keep working
meanwhile. Progress counts text files and JSONL lines; a progress callback that returns
False cancels, and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import Cancelled, InputError
from annotator.core.files.input_files import open_input
from annotator.core.formats.import_jsonl import JsonlReport, import_jsonl, split_import_paths
from annotator.core.formats.import_text import find_text_files, import_text_files
from annotator.core.store import Store
from annotator.core.store.staging import staged

# (done, total) -> keep going?
Progress = Callable[[int, int], bool]


@dataclass
class ImportResult:
    """What an import stored (counts are what the project really gained)."""

    files: int = 0  # text files and JSONL files read
    documents_added: int = 0
    documents_existing: int = 0
    spans_added: int = 0
    relations_added: int = 0
    ids: list[int] = field(default_factory=list)  # project ids of the text files' articles
    labels_created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one message per skipped file or line
    jsonl: list[tuple[Path, JsonlReport]] = field(default_factory=list)  # lines read per file


def _line_count(path: Path) -> int:
    """Lines of a file, as `import_jsonl` numbers them (0 if unreadable: it will say why)."""
    count, last = 0, b"\n"
    try:
        with open_input(path) as handle:
            while chunk := handle.read(1 << 20):
                count += chunk.count(b"\n")
                last = chunk[-1:]
    except (InputError, OSError):
        return 0
    return count + (last != b"\n")


def import_files(
    store: Store,
    paths: Iterable[str | Path],
    *,
    encoding: str | None = None,
    skip_bad: bool = False,
    annotator: str | None = None,
    create_labels: bool = False,
    progress: Progress | None = None,
    reviewer: str | None = None,
) -> ImportResult:
    """Import .txt articles (files or folders) and JSONL annotation files, all or nothing.
    JSONL lines for the gold layer are written by `reviewer` (see `import_jsonl`)."""
    others, jsonl = split_import_paths(Path(p) for p in paths)
    found = find_text_files(others)
    text_files = found.files
    lines = [_line_count(p) for p in jsonl] if progress else [0] * len(jsonl)
    total = len(text_files) + sum(lines)

    def step(done: int) -> bool:
        return progress is None or progress(done, total)

    result = ImportResult(files=len(text_files) + len(jsonl))
    result.skipped += [message for _path, message in found.skipped]
    with staged(store) as stage:
        staged_ids: list[int] = []
        if text_files:
            report = import_text_files(
                stage.store,
                text_files,
                encoding=encoding,
                skip_bad=skip_bad,
                progress=(lambda n, _total: step(n)) if progress else None,
            )
            staged_ids = report.ids
            result.skipped += [message for _path, message in report.skipped]
        done = len(text_files)
        for path, count in zip(jsonl, lines, strict=True):
            first = done
            report = import_jsonl(
                stage.store,
                path,
                annotator=annotator,
                create_labels=create_labels,
                progress=(lambda number, first=first: step(first + number)) if progress else None,
                reviewer=reviewer,
            )
            result.jsonl.append((path, report))
            result.skipped += [f"{path}, line {n}: {why}" for n, why in report.skipped]
            done += count
        if not step(total):  # a Cancel pressed while the last file was read
            raise Cancelled("import cancelled; nothing was stored")
    applied = stage.applied
    assert applied is not None
    result.documents_added = applied.documents_added
    result.documents_existing = applied.documents_existing
    result.spans_added = applied.spans_added
    result.relations_added = applied.relations_added
    result.labels_created = applied.labels_added
    result.ids = [applied.document_ids[i] for i in staged_ids]
    return result
