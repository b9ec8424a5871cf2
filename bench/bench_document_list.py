"""Document list over a large project: lazy model time and memory.

Builds (or reuses, with --db) a project of 100,000 generated articles with spans and
statuses (`_data.build_project`), then measures, on the offscreen Qt platform:

  open      DocumentListModel(store, annotator) + data() of the first 50 rows (3 columns)
  filter    set_filter(None, query) for a word in about half the texts, a rare title word,
            and a status filter ("in_progress") without a query
  scroll    data() of 2,000 random rows (3 columns + tooltip), then the same through the
            widget: scrollTo() a random row and repaint the table's viewport
  memory    tracemalloc peak of building the model and scrolling it, RSS growth of the
            whole run, against a baseline: a plain list of 100,000 ints (target < 100 MB)

    .venv/bin/python bench/bench_document_list.py [--quick] [--documents N] [--db PATH]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import _data
from summary import summary_line

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from annotator.core.store import Store
from annotator.ui.document_list import (
    TITLE,
    DocumentListModel,
)
from annotator.ui.document_list_widget import DocumentListWidget

TARGET_MB = 100
SCROLL_ROWS = 2_000
ROLES = (0, 3)  # DisplayRole, ToolTipRole


def rss_mb() -> float:
    """Resident set size of this process in MB (Linux /proc), 0 if unknown."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def first_rows(model: DocumentListModel, count: int = 50) -> None:
    for row in range(min(count, model.rowCount())):
        for column in range(3):
            model.data(model.index(row, column))


def scroll(model: DocumentListModel, rows: list[int]) -> None:
    for row in rows:
        for column in range(3):
            model.data(model.index(row, column))
        model.data(model.index(row, TITLE), ROLES[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 documents")
    parser.add_argument("--documents", type=int, help="number of documents to generate")
    parser.add_argument("--db", type=Path, help="reuse (or create and keep) this project")
    args = parser.parse_args()
    count = args.documents or (10_000 if args.quick else 100_000)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    root = Path(tempfile.mkdtemp(prefix="bench-list-"))
    try:
        path = args.db or root / "p.db"
        if not path.exists():
            started = time.perf_counter()
            print(f"building a project of {count:,} documents …", flush=True)
            _data.build_project(path, count, spans_per_document=10)
            print(f"  built in {time.perf_counter() - started:.0f} s")
        rss_start = rss_mb()
        store = Store.open(path)
        annotator = store.annotator_by_name(_data.ANNOTATOR).id
        total = store.documents.count()
        print(f"document list: {total:,} documents in {path.stat().st_size / 1e6:,.0f} MB")

        started = time.perf_counter()
        model = DocumentListModel(store, annotator)
        built = time.perf_counter() - started
        first_rows(model)
        opened = time.perf_counter() - started
        print(
            f"open      model {built * 1000:7.1f} ms, + first 50 rows {opened * 1000:7.1f} ms "
            f"({model.pages_loaded} page query)"
        )

        rng = random.Random(7)
        vocab = _data.vocabulary()
        common = max(vocab[:400], key=len)
        title_word = store.db.execute(
            "SELECT title FROM documents WHERE id = ?", [total // 2]
        ).fetchone()[0]
        rare = " ".join(title_word.split()[:3])
        for name, status, query in (
            (f"query {common!r}", None, common),
            ("query: 3 title words", None, rare),
            ("status in_progress", "in_progress", ""),
            ("no filter", None, ""),
        ):
            started = time.perf_counter()
            model.set_filter(status, query)
            first_rows(model)
            elapsed = time.perf_counter() - started
            print(f"filter    {name:<26} {elapsed * 1000:8.1f} ms -> {model.rowCount():,} rows")

        rows = [rng.randrange(model.rowCount()) for _ in range(SCROLL_ROWS)]
        pages = model.pages_loaded
        started = time.perf_counter()
        scroll(model, rows)
        elapsed = time.perf_counter() - started
        print(
            f"scroll    model: {SCROLL_ROWS:,} random rows {elapsed * 1000:8.1f} ms "
            f"({elapsed / SCROLL_ROWS * 1e6:.0f} µs/row, {model.pages_loaded - pages} pages, "
            f"cache {model.cached_rows():,} rows)"
        )

        widget = DocumentListWidget(DocumentListModel(store, annotator))
        widget.resize(700, 900)
        widget.show()
        app.processEvents()
        table = widget.view
        started = time.perf_counter()
        for row in rows:
            table.scrollTo(widget.model().index(row, TITLE))
            table.viewport().repaint()
        elapsed = time.perf_counter() - started
        print(
            f"scroll    widget: {SCROLL_ROWS:,} scrollTo + repaint {elapsed * 1000:8.1f} ms "
            f"({elapsed / SCROLL_ROWS * 1000:.2f} ms/row)"
        )
        widget.close()
        widget.deleteLater()
        app.processEvents()

        tracemalloc.start()
        baseline = list(range(100_000))
        base_peak = tracemalloc.get_traced_memory()[1]
        del baseline
        tracemalloc.stop()
        tracemalloc.start()
        measured = DocumentListModel(store, annotator)
        first_rows(measured)
        scroll(measured, rows)
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_growth = rss_mb() - rss_start
        print(
            f"memory    model (ids, id->row map, cache): peak {peak / 1e6:6.1f} MB, "
            f"held {current / 1e6:6.1f} MB; baseline list of 100,000 ints {base_peak / 1e6:.1f} MB"
        )
        print(
            f"memory    RSS growth of the whole run (Qt, SQLite cache, two models): "
            f"{rss_growth:6.1f} MB  (target < {TARGET_MB} MB: "
            f"{'OK' if rss_growth < TARGET_MB else 'ABOVE TARGET'})"
        )
        print(
            summary_line(
                f"document_list_rss_{total}",
                f"{rss_growth:.0f}MB",
                f"<{TARGET_MB}MB",
                rss_growth < TARGET_MB,
            )
        )
        store.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
