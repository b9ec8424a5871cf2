"""`annotator import --format label-studio`: every task's annotations and predictions
stored as layers in one transaction (see `task_reader`); an error names the file, the
line its task starts on, and the task, annotation and region."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.formats.label_studio.labeling_config import declared_attributes
from annotator.core.formats.label_studio.region_offsets import UTF16
from annotator.core.formats.label_studio.task_reader import ReadSettings, TaskTally, read_task
from annotator.core.formats.label_studio.tasks_file import read_tasks
from annotator.core.formats.parsed import ParsedLine
from annotator.core.formats.store_parsed import ImportOptions, ReadReport, import_parsed
from annotator.core.store import Store


@dataclass
class LabelStudioReport(ReadReport):
    """What a tasks file added, and what of it could not be carried."""

    tasks: int = 0
    tally: TaskTally = field(default_factory=TaskTally)

    def summary(self, path: Path) -> list[str]:
        tally = self.tally
        lines = [
            f"{path}: {self.tasks} {'task' if self.tasks == 1 else 'tasks'} read "
            f"({tally.annotations} annotations, {tally.predictions} predictions)"
        ]
        if tally.conventions[UTF16]:
            lines.append(
                f"{path}: {tally.conventions[UTF16]} regions counted in UTF-16 units "
                "(an older Label Studio) were moved onto the same characters"
            )
        return lines

    def warnings(self, path: Path) -> list[str]:
        out = [f"skipped: {path}, line {n}: {why}" for n, why in self.skipped]
        for message, (count, task) in self.tally.dropped.items():
            out.append(f"{path}: {message} ({count}, the first in task {task})")
        return out


def _items(
    tasks: Iterable[tuple[int, Any]], settings: ReadSettings, report: LabelStudioReport, path: Path
) -> Iterator[tuple[int, ParsedLine]]:
    for number, (line, task) in enumerate(tasks, start=1):
        try:
            parsed = read_task(task, number, settings, report.tally)
        except ValueError as exc:
            raise InputError(str(path), str(exc), line) from None
        except RecursionError:
            raise InputError(str(path), f"task {number}: data nested too deeply", line) from None
        report.tasks += 1
        for item in parsed:
            yield line, item


def read_label_studio(store: Store, path: Path, options: ImportOptions) -> LabelStudioReport:
    """Import a Label Studio tasks file (a JSON array, one task, or JSONL of tasks)."""
    tasks = read_tasks(path)
    settings = ReadSettings(
        text_key=options.extra.get("ls_text_key"),
        declared=declared_attributes(store.labels.all()),
    )
    report = LabelStudioReport()
    import_parsed(store, path, _items(tasks, settings, report, path), options, report)
    return report
