"""Writing doccano JSONL: one record a line per document per annotator layer, in the
shape of doccano's sequence labelling with relations (`entities`/`relations`, the
default) or its older plain shape (`label` triples). Offsets are Python code points, as
doccano's backend counts them. What doccano cannot carry is said in the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from annotator.core.errors import ValidationError
from annotator.core.files.atomic_write import atomic_write
from annotator.core.formats.doccano.records import SHAPES, Shape, layer_record
from annotator.core.formats.export_jsonl import to_json_line
from annotator.core.formats.export_layers import ExportProgress, document_groups
from annotator.core.formats.export_report import ExportReport
from annotator.core.layers import Layer, LayerFilter
from annotator.core.store import Store


@dataclass
class _Tally:
    """What the notes of the report count."""

    relations_dropped: int = 0
    attributes: int = 0
    overlapping: int = 0
    shared_texts: int = 0
    shared_lines: int = 0
    skipped_meta: set[str] = field(default_factory=set)

    def add(self, layer: Layer, shape: Shape) -> None:
        self.attributes += sum(1 for s in layer.spans if s.attributes)
        if shape == "label":
            self.relations_dropped += len(layer.relations)
        if _overlaps(layer):
            self.overlapping += 1

    def notes(self, report: ExportReport, shape: Shape) -> None:
        if self.relations_dropped:
            report.note(
                f"{self.relations_dropped} relations not carried: doccano's `label` shape "
                "has none (use --doccano-shape entities)"
            )
        if self.attributes and shape == "label":
            report.note(
                f"the attributes of {self.attributes} spans not carried: doccano's `label` "
                "shape has no place for them"
            )
        elif self.attributes:
            report.note(
                f"the attributes of {self.attributes} spans written in an `attributes` key "
                "of their entity: doccano ignores it (and drops it on its own export)"
            )
        if self.overlapping:
            report.note(
                f"{self.overlapping} lines hold nested or overlapping spans: doccano keeps "
                "them only in a project with 'Allow overlapping entity' ticked (without it, "
                "it drops them, and its import fails on a relation to a dropped span)"
            )
        if self.shared_texts:
            report.note(
                f"{self.shared_texts} texts written once per annotator ({self.shared_lines} "
                "lines): doccano makes an example of each line; load one --annotator's "
                "file per doccano project or user"
            )
        if self.skipped_meta:
            keys = ", ".join(sorted(self.skipped_meta))
            report.note(f"document metadata not written under {keys}: doccano uses those keys")


def _overlaps(layer: Layer) -> bool:
    """True if two spans of the layer share a character (nested or crossing)."""
    reach = -1
    for span in sorted(layer.spans, key=lambda s: (s.start, s.end)):
        if span.start < reach:
            return True
        reach = max(reach, span.end)
    return False


def _write(
    store: Store,
    out: IO[str],
    layers: LayerFilter,
    shape: Shape,
    progress: ExportProgress | None,
) -> ExportReport:
    report = ExportReport()
    tally = _Tally()
    for group in document_groups(store, layers, progress):
        for layer in group.layers:
            record = layer_record(layer, shape, tally.skipped_meta)
            out.write(to_json_line(record))
            out.write("\n")
            report.lines += 1
            report.spans += len(layer.spans)
            report.relations += len(record.get("relations", ()))
            tally.add(layer, shape)
        if len(group.layers) > 1:
            tally.shared_texts += 1
            tally.shared_lines += len(group.layers)
    tally.notes(report, shape)
    return report


def write_doccano(
    store: Store,
    target: Path | IO[str],
    layers: LayerFilter,
    options: dict[str, Any],
    progress: ExportProgress | None = None,
) -> ExportReport:
    """Write the layers as doccano JSONL (`options["doccano_shape"]`: "entities", the
    default, or "label"), to a file whole or not at all, or to an open stream."""
    shape = options.get("doccano_shape") or "entities"
    if shape not in SHAPES:
        raise ValidationError(f"--doccano-shape must be one of {', '.join(SHAPES)}, not {shape!r}")
    if not isinstance(target, Path):
        return _write(store, target, layers, cast(Shape, shape), progress)
    layers.check(store)  # before a file is made
    with atomic_write(target) as out:
        return _write(store, out, layers, cast(Shape, shape), progress)
