"""What skips, flags and comments cost the views that read them, on a large project.

Builds a project of generated articles with spans (`_data.build_project`), then skips,
flags and comments 5% of its documents each, and measures in alternating rounds:

  list page   `listing.summaries` of a page of 100 ids (what the document list reads per
              page; it now also reads the annotator's skip and flag of each row), against
              the same query without that column, as it was before
  progress    `progress.annotator_progress` (done / in progress / skipped / flagged /
              comments / spans per label per annotator, the Progress dialog and `stats`),
              against the two grouped queries `stats` made before (spans per label and
              per annotator), which read the same spans

    .venv/bin/python bench/bench_notes.py [--quick] [--documents N] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
from pathlib import Path

import _data
from summary import summary_line

from annotator.core.store import Store
from annotator.core.store.listing import summaries
from annotator.core.store.progress import annotator_progress

PAGE = 100
TARGET = 1.25  # a list page may cost at most this much more than before

BEFORE_PAGE_SQL = """
SELECT d.id, d.title, COALESCE(s.status, 'new'),
       (SELECT COUNT(*) FROM spans AS sp
         WHERE sp.document_id = d.id AND sp.annotator_id = ?1)
  FROM documents AS d
  LEFT JOIN doc_status AS s ON s.document_id = d.id AND s.annotator_id = ?1
 WHERE d.id IN (SELECT value FROM json_each(?2))
"""


def add_notes(store: Store, rng: random.Random) -> None:
    """Skip, flag and comment 5% of the documents each, as the bench annotator."""
    who = store.annotator_by_name(_data.ANNOTATOR).id
    ids = store.documents.ids()
    with store.transaction():
        for doc in rng.sample(ids, len(ids) // 20):
            store.notes.set_flag(doc, who, "skipped", "", "ليس خبرا")
        for doc in rng.sample(ids, len(ids) // 20):
            store.notes.set_flag(doc, who, "flagged", "unclear", "؟")
        for doc in rng.sample(ids, len(ids) // 20):
            store.notes.add_comment(doc, who, "تعليق")


def before_page(store: Store, who: int, page: list[int]) -> list:
    import json

    return store.db.execute(BEFORE_PAGE_SQL, [who, json.dumps(page)]).fetchall()


def before_progress(store: Store) -> None:
    store.db.execute("SELECT label, COUNT(*) FROM spans GROUP BY label").fetchall()
    store.db.execute(
        "SELECT a.name, COUNT(s.id) FROM annotators a LEFT JOIN spans s "
        "ON s.annotator_id = a.id GROUP BY a.id"
    ).fetchall()


def spread(name: str, times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return (
        f"{name:<22} min {min(ms):8.2f}  median {statistics.median(ms):8.2f}  "
        f"max {max(ms):8.2f} ms   ({len(ms)} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="2,000 documents, 5 rounds")
    parser.add_argument("--db", type=Path, help="reuse (or build) this project")
    args = parser.parse_args()
    if args.quick:
        args.documents, args.rounds = 2_000, 5
    folder = tempfile.TemporaryDirectory(prefix="bench-notes-")
    path = args.db or Path(folder.name) / "notes.db"
    if not path.exists():
        print(f"building {args.documents:,} documents × 30 spans …", flush=True)
        _data.build_project(path, args.documents)
        with Store.open(path) as store:
            add_notes(store, random.Random(7))
    rng = random.Random(1)
    with Store.open(path) as store:
        who = store.annotator_by_name(_data.ANNOTATOR).id
        ids = store.documents.ids()
        pages = [sorted(rng.sample(ids, PAGE)) for _ in range(50)]
        timings: dict[str, list[float]] = {k: [] for k in ("page", "page0", "prog", "prog0")}
        for _round in range(args.rounds):  # ours and the baseline alternate in each round
            timings["page"].append(_data.timed(lambda: [summaries(store, who, p) for p in pages]))
            timings["page0"].append(
                _data.timed(lambda: [before_page(store, who, p) for p in pages])
            )
            timings["prog"].append(_data.timed(lambda: annotator_progress(store.db)))
            timings["prog0"].append(_data.timed(lambda: before_progress(store)))
    per_page = {k: [t / len(pages) for t in timings[k]] for k in ("page", "page0")}
    print(f"{len(ids):,} documents, 5% each skipped, flagged, commented")
    print(spread("list page (ours)", per_page["page"]))
    print(spread("list page (before)", per_page["page0"]))
    print(spread("progress (ours)", timings["prog"]))
    print(spread("stats spans (before)", timings["prog0"]))
    page_ratio = statistics.median(per_page["page"]) / statistics.median(per_page["page0"])
    progress_ratio = statistics.median(timings["prog"]) / statistics.median(timings["prog0"])
    print(f"list page: {page_ratio:.2f}× before; progress: {progress_ratio:.2f}× the old stats")
    print(
        summary_line("notes_list_page", f"{page_ratio:.2f}x", f"<={TARGET}x", page_ratio <= TARGET)
    )


if __name__ == "__main__":
    main()
