"""`annotator export --format label-studio -o tasks.json`: a JSON array of tasks, one per
document (see `task_writer`), one task a line, and the labeling config beside it
(`tasks.labeling-config.xml`, or `--ls-config FILE`). Both are written whole or not at
all: the config is made before the tasks file takes its name."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from annotator.core.files.atomic_write import OutputError, atomic_write
from annotator.core.formats.export_jsonl import to_json_line
from annotator.core.formats.export_layers import ExportProgress, document_groups
from annotator.core.formats.export_report import ExportReport
from annotator.core.formats.label_studio.labeling_config import (
    RESERVED,
    choice_text,
    declared_attributes,
    labeling_config,
)
from annotator.core.formats.label_studio.task_writer import WriteState, document_task
from annotator.core.layers import LayerFilter
from annotator.core.store import Store

CONFIG_SUFFIX = ".labeling-config.xml"
_NAMES_NOTE = (
    "Label Studio credits imported annotations to the user who imports them: our "
    "annotator names and layer status stay in each annotation's meta (with --ls-emails, "
    "names that are members' emails become completed_by)"
)


def config_beside(target: Path) -> Path:
    """Where the labeling config goes by default: `tasks.json` → `tasks.labeling-config.xml`."""
    return target.with_name(target.stem + CONFIG_SUFFIX)


def _write_tasks(
    store: Store,
    out: IO[str],
    layers: LayerFilter,
    state: WriteState,
    progress: ExportProgress | None,
) -> None:
    out.write("[")
    for group in document_groups(store, layers, progress):
        out.write("\n" if state.report.lines == 0 else ",\n")
        out.write(to_json_line(document_task(state, group)))
        state.report.lines += 1
    out.write("\n]\n" if state.report.lines else "]\n")


def _config(store: Store, layers: LayerFilter, state: WriteState) -> str:
    """The labeling config: the labels the filter keeps (every relation label), and every
    attribute they declare or the tasks were written with."""
    labels = [
        label
        for label in store.labels.all()
        if label.kind == "relation" or layers.keeps_label(label.name)
    ]
    choices: dict[str, dict[str, None]] = {}
    owners: dict[str, set[str]] = {}
    for label, attributes in declared_attributes(labels).items():
        for name, values in attributes.items():
            if name not in RESERVED:
                choices.setdefault(name, {}).update(dict.fromkeys(map(choice_text, values)))
                owners.setdefault(name, set()).add(label)
    for name, values in state.choices.items():
        choices.setdefault(name, {}).update(values)
        owners[name] = set()  # written on spans of any label: shown for every region
    only = {name: next(iter(who)) for name, who in owners.items() if len(who) == 1}
    return labeling_config(labels, choices, state.multiple, only)


def write_label_studio(
    store: Store,
    target: Path | IO[str],
    layers: LayerFilter,
    options: dict[str, Any],
    progress: ExportProgress | None = None,
) -> ExportReport:
    """Write the tasks to `target` and the labeling config beside it (or to
    `options["ls_config"]`; to standard output, only there)."""
    layers.check(store)  # before a file is made
    report = ExportReport(unit="tasks")
    state = WriteState(
        report,
        emails=bool(options.get("ls_emails")),
        declared=declared_attributes(store.labels.all()),
    )
    given = options.get("ls_config")
    config_path = Path(given) if given else None
    if isinstance(target, Path):
        config_path = config_path or config_beside(target)
        if config_path.resolve() == target.resolve():
            raise OutputError(f"{config_path}: the labeling config cannot replace the tasks file")
        with atomic_write(target) as out:
            _write_tasks(store, out, layers, state, progress)
            with atomic_write(config_path) as xml:
                xml.write(_config(store, layers, state))
    else:
        _write_tasks(store, target, layers, state, progress)
        if config_path is not None:
            with atomic_write(config_path) as xml:
                xml.write(_config(store, layers, state))
        else:
            report.note("no labeling config written to standard output: give --ls-config FILE")
    if not state.emails and state.annotations:
        report.note(_NAMES_NOTE)
    return report
