"""Ctrl+T's word counts: what the first press costs, and every press after it.

The first Ctrl+T in a session counts the words of the newest documents, about 8 million
characters of them (`Store.word_counts`); later presses only ask the database whether
documents were added, and count just those. Measured on the demo project (the five seed
articles) and on a generated project of 10,000 articles (`_data.build_project`, about
3,800 characters each; its words are those of the seeds, so the counts stay small):

  first     store.word_counts() + trim_proclitic on a fresh Store (the first press)
  again     the same on the warm Store (every later press)
  import    one more document added, then a press (it counts only that document)
  memory    the size of the counts (tracemalloc, a separate first press)

    .venv/bin/python bench/bench_word_counts.py [--documents N] [--db PATH]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import tracemalloc
from pathlib import Path

import _data
from summary import summary_line

from annotator.core.formats.import_text import import_text_files
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.text.clitics import trim_proclitic

TEXT = "قال الرئيس فلاديمير بوتين وموسكو"


def press(store: Store) -> None:
    start = TEXT.index("وموسكو")
    trim_proclitic(TEXT, start, len(TEXT), store.word_counts())


def measure(path: Path, name: str) -> tuple[float, float]:
    """Print the figures of one project; (first press in s, median later press in s)."""
    with Store.open(path) as store:
        documents = store.documents.count()
        first = _data.timed(lambda: press(store))
        again = [_data.timed(lambda: press(store)) for _ in range(50)]
        words = len(store.word_counts())
        store.documents.add_many([NewDocument(f"{TEXT} {documents}", f"extra {documents}")])
        added = _data.timed(lambda: press(store))
    with Store.open(path) as store:
        tracemalloc.start()
        press(store)
        size = tracemalloc.get_traced_memory()[0] / 2**20
        tracemalloc.stop()
    print(f"{name}: {documents:,} documents, {words:,} distinct words")
    print(f"  first     {first:8.3f} s   (the counts hold {size:.1f} MB)")
    print(f"  again     {statistics.median(again) * 1000:8.3f} ms (median of 50)")
    print(f"  import    {added * 1000:8.3f} ms (one document added, then a press)")
    return first, statistics.median(again)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="reuse (or create and keep) this project")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-words-"))
    try:
        seeds = root / "seeds.db"
        with Store.open(seeds) as store:
            import_text_files(store, [_data.SEEDS])
        measure(seeds, "demo project")
        big = args.db or root / "big.db"
        if not big.exists():
            print(f"building {args.documents:,} documents …", flush=True)
            _data.build_project(big, args.documents, spans_per_document=0)
        first, again = measure(big, "generated project")
        documents = args.documents
        print(summary_line(f"ctrl_t_first_{documents}", f"{first:.2f}s", "<=2s", first <= 2))
        print(
            summary_line(
                f"ctrl_t_again_{documents}", f"{again * 1000:.2f}ms", "<=16ms", again <= 0.016
            )
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
