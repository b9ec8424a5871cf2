"""One import of articles and annotation files, as the CLI and the window both run it.

Files are sorted by kind and format (`input_kinds.plan_imports`), read and validated into a
staging project with no lock on the project, then added in one short transaction
(`staging.staged`): all or nothing, and other windows and commands keep working
meanwhile. Progress counts text files and annotation files' lines; a progress callback that returns
False cancels, and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import Cancelled, InputError
from annotator.core.files.input_files import open_input
from annotator.core.formats.import_text import find_text_files, import_text_files
from annotator.core.formats.input_kinds import plan_imports
from annotator.core.formats.registry import ReadResult
from annotator.core.formats.store_parsed import ImportOptions
from annotator.core.store import Store
from annotator.core.store.staging import staged

# (done, total) -> keep going?
Progress = Callable[[int, int], bool]


@dataclass
class ImportResult:
    """What an import stored (counts are what the project really gained)."""

    files: int = 0  # text files and annotation files read
    documents_added: int = 0
    documents_existing: int = 0
    spans_added: int = 0
    relations_added: int = 0
    ids: list[int] = field(default_factory=list)  # project ids of the text files' articles
    labels_created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one message per skipped article file
    warnings: list[str] = field(default_factory=list)  # lines annotation readers skipped or fixed
    read: list[tuple[Path, ReadResult]] = field(default_factory=list)  # annotation files read


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
    format: str | None = None,
    extra: dict[str, Any] | None = None,
) -> ImportResult:
    """Import .txt articles (files or folders) and annotation files in any readable
    format (guessed from each file, or `format` for all), all or nothing. Layers the
    files do not name go to `annotator`; the gold layer is written by `reviewer` (see
    `store_parsed.ImportOptions`); `extra` holds the format's own options."""
    plan = plan_imports([Path(p) for p in paths], format)
    found = find_text_files(plan.articles)
    text_files = found.files
    annotations = plan.annotations
    # counted only for a progress bar: counting reads each file once more
    if progress:
        lines = [_line_count(p) if p.is_file() else 1 for p, _f in annotations]
    else:
        lines = [0] * len(annotations)
    total = len(text_files) + sum(lines)

    def step(done: int) -> bool:
        return progress is None or progress(done, total)

    result = ImportResult(files=len(text_files) + len(annotations))
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
        for (path, fmt), count in zip(annotations, lines, strict=True):
            first = done
            options = ImportOptions(
                annotator=annotator,
                reviewer=reviewer,
                create_labels=create_labels,
                progress=(lambda number, first=first: step(first + number)) if progress else None,
                extra=dict(extra or {}),
            )
            assert fmt.read is not None
            read = fmt.read(stage.store, path, options)
            result.read.append((path, read))
            result.warnings += read.warnings(path)
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
