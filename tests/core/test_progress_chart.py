"""The agreement report's bar per annotator: done, in progress, skipped, flagged."""

from __future__ import annotations

from pathlib import Path

import matplotlib.image
import numpy as np

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.store.progress import AnnotatorProgress, annotator_progress
from annotator.core.team.report import write_report
from annotator.core.team.report_charts import PROGRESS_PARTS, progress_chart


def colour_pixels(path: Path, colour: str) -> int:
    """How many pixels of a PNG have this colour (within a small tolerance)."""
    image = matplotlib.image.imread(path)[:, :, :3]
    wanted = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return int((np.abs(image - wanted).max(axis=2) < 0.02).sum())


def test_each_part_is_drawn_only_when_someone_has_it(tmp_path: Path):
    parts = dict(PROGRESS_PARTS)
    quiet = [AnnotatorProgress("ليلى", "annotator", done=3), AnnotatorProgress("omar", "annotator")]
    progress_chart(tmp_path / "a.png", quiet, 5)
    assert colour_pixels(tmp_path / "a.png", parts["done"]) > 100
    busy = [AnnotatorProgress("omar", "annotator", done=1, skipped=2, flagged=3)]
    progress_chart(tmp_path / "b.png", busy, 5)
    legend_only = colour_pixels(tmp_path / "a.png", parts["flagged"])  # no bar: its legend
    assert colour_pixels(tmp_path / "b.png", parts["flagged"]) > legend_only + 100
    assert colour_pixels(tmp_path / "b.png", parts["skipped"]) > 100


def test_the_report_draws_the_annotators_it_compares(store: Store, tmp_path: Path):
    ids = store.documents.add_many(
        [NewDocument(f"قال بوتين في موسكو خبر رقم {n}", f"t{n}") for n in range(3)]
    ).ids
    for name in ("ali", "mona"):
        who = store.ensure_annotator(name).id
        store.annotations.add_span(ids[0], who, "PERSON", 4, 9)
        store.annotations.set_status(ids[0], who, "done")
    store.notes.set_flag(ids[1], store.annotator_by_name("mona").id, "flagged", "unclear")
    index = write_report(store, tmp_path / "report")
    assert (tmp_path / "report" / "progress.png").is_file()
    assert 'src="progress.png"' in index.read_text(encoding="utf-8")
    people = {p.name: p for p in annotator_progress(store.db)}
    assert (people["mona"].done, people["mona"].flagged, people["ali"].flagged) == (1, 1, 0)
