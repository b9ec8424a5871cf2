"""Writing layers as a brat project: `OUT/<annotator>/<document>.txt` and `.ann` for
every selected layer (the same `.txt` in every annotator's folder, as brat and bratiaa
expect), and `OUT/annotation.conf` and `OUT/visual.conf` made from the label scheme.
The folder appears whole or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from annotator.core.errors import ValidationError
from annotator.core.files.atomic_write import atomic_folder
from annotator.core.formats.brat.ann_lines import AttributeUse, Losses, layer_ann
from annotator.core.formats.brat.conf import (
    ANNOTATION_CONF,
    VISUAL_CONF,
    annotation_conf,
    left_out,
    visual_conf,
)
from annotator.core.formats.brat.names import DocumentNames, annotator_folder
from annotator.core.formats.export_layers import ExportProgress, document_groups
from annotator.core.formats.export_report import ExportReport
from annotator.core.layers import LayerFilter
from annotator.core.store import Store


def _write_text(path: Path, text: str) -> None:
    """UTF-8, exactly as stored: brat offsets count the code points of this file."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(text)


def write_brat(
    store: Store,
    target: Path | IO[str],
    layers: LayerFilter,
    _options: dict[str, Any],
    progress: ExportProgress | None = None,
) -> ExportReport:
    """Write the selected layers as a brat project folder at `target` (see the module
    docstring); the report says what brat could not carry."""
    if not isinstance(target, Path):
        raise ValidationError("the brat format writes a folder: give -o FOLDER")
    layers.check(store)  # before a folder is made
    report = ExportReport(unit=".ann files")
    losses = Losses()
    uses: dict[str, AttributeUse] = {}
    names, statuses = DocumentNames(), 0
    with atomic_folder(target) as root:
        folders: dict[str, Path] = {}
        for group in document_groups(store, layers, progress):
            stem = names.stem(group.document)
            for layer in group.layers:
                folder = folders.get(layer.annotator)
                if folder is None:
                    folder = folders[layer.annotator] = root / annotator_folder(layer.annotator)
                    folder.mkdir()
                ann = layer_ann(layer, uses, losses)
                _write_text(folder / f"{stem}.txt", group.document.text)
                _write_text(folder / f"{stem}.ann", ann.text)
                report.lines += 1
                report.spans += ann.spans
                report.relations += ann.relations
                statuses += layer.status != "new"
        labels = store.labels.all()
        _write_text(root / ANNOTATION_CONF, annotation_conf(labels, uses))
        _write_text(root / VISUAL_CONF, visual_conf(labels))
    _notes(report, losses, uses, statuses, left_out(labels))
    return report


def _notes(
    report: ExportReport,
    losses: Losses,
    uses: dict[str, AttributeUse],
    statuses: int,
    unusable: list[str],
) -> None:
    """Say what brat could not carry, once each."""
    if report.lines:
        report.note(
            "document metadata (title, source, date, meta) not carried: brat keeps only "
            "the text; a file name is kept as the document's name"
        )
    if statuses:
        report.note(f"{statuses} layers' status (in progress, done) not carried: brat has none")
    if losses.values:
        report.note(
            f"{losses.values} attribute values not carried: a brat attribute is a name with "
            f"at most one value without spaces{losses.example('values')}"
        )
    if losses.names:
        report.note(
            f"{losses.names} attributes not carried: their names are not brat names"
            + losses.example("names")
        )
    if losses.false:
        report.note(
            f"{losses.false} false or empty attribute values not carried: a brat attribute "
            "is there or not"
        )
    if losses.numbers:
        report.note(f"{losses.numbers} numeric attribute values written as text")
    if losses.note_breaks:
        report.note(f"{losses.note_breaks} notes: line breaks and tabs written as spaces")
    if losses.trimmed:
        report.note(
            f"{losses.trimmed} spans began or ended with a line break: written without it "
            "(brat cuts spans at line breaks)"
        )
    if losses.breaks_only:
        report.note(f"{losses.breaks_only} spans of line breaks only not carried (nor their links)")
    both = sorted(name for name, use in uses.items() if use.binary and use.values)
    if both:
        report.note(f"attributes both on/off and valued, which brat cannot declare: {both}")
    if unusable:
        report.note(f"labels left out of annotation.conf (not brat types): {unusable}")
