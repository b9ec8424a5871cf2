"""Shared helpers for the benchmarks: deterministic Arabic-like articles, spans, databases.

Everything is built from `random.Random(seed)`, so two runs (and two machines) see the
same data. The vocabulary is the set of real words of `seeds/*.txt`; articles are a title
line followed by paragraphs of 2–5 sentences with Arabic punctuation and quotation marks.

Not a benchmark itself (the Makefile runs `bench/bench_*.py`).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
if str(ROOT) not in sys.path:  # the benchmarks run as `python bench/bench_x.py`
    sys.path.insert(0, str(ROOT))

LABELS = ("PERSON", "ORG", "GPE", "LOC", "DATE", "QUOTE", "CLAIM")
ANNOTATOR = "bench"

# A "word" of a generated text: the vocabulary words contain none of these characters.
_WORD = re.compile(r"[^\s،.:“”«»]+")
_QUOTES = (("«", "»"), ("“", "”"))


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def vocabulary(seeds: Path = SEEDS) -> list[str]:
    """The distinct words of the seed articles (split on whitespace, outer punctuation
    removed, only words made of letters, digits and marks), in a stable order."""
    words: set[str] = set()
    for path in sorted(seeds.glob("*.txt")):
        for raw in path.read_text(encoding="utf-8").split():
            start, end = 0, len(raw)
            while start < end and not raw[start].isalnum():
                start += 1
            while end > start and not _is_word_char(raw[end - 1]):
                end -= 1
            word = raw[start:end]
            if word and all(_is_word_char(ch) for ch in word):
                words.add(word)
    if not words:
        raise SystemExit(f"no words found in {seeds}/*.txt")
    return sorted(words)


class ArticleMaker:
    """Makes distinct articles. Sentences come from a pool made word by word once, so
    100,000 articles take seconds; titles are fresh random words and never repeat."""

    def __init__(self, seed: int = 0, pool: int = 20_000) -> None:
        self.rng = random.Random(seed)
        self.vocab = vocabulary()
        self.sentences = [self._sentence() for _ in range(pool)]
        self._titles: set[str] = set()

    def _words(self, low: int, high: int) -> str:
        rng = self.rng
        return " ".join(rng.choices(self.vocab, k=rng.randint(low, high)))

    def _sentence(self) -> str:
        rng = self.rng
        parts = [self._words(3, 9)]
        for _ in range(rng.randint(0, 2)):
            parts.append("، " + self._words(3, 8))
        kind = rng.random()
        if kind < 0.25:  # reported speech: ... : «...».
            opening, closing = rng.choice(_QUOTES)
            parts.append(f": {opening}{self._words(4, 12)}{closing}")
        elif kind < 0.35:
            parts.append(": " + self._words(3, 8))
        return "".join(parts) + "."

    def article(self, min_chars: int = 3000, max_chars: int = 4600) -> str:
        """A title line, then paragraphs of 2–5 sentences until a random target of
        `min_chars`–`max_chars` characters (the last sentences may run a little past it)."""
        rng = self.rng
        while True:
            title = self._words(5, 12)
            if title not in self._titles:
                self._titles.add(title)
                break
        target = rng.randint(min_chars, max_chars)
        lines = [title]
        size = len(title)
        while size < target:
            # 2–5 sentences; the last paragraph stops early (after two) once the target is met
            paragraph: list[str] = []
            for _ in range(rng.randint(2, 5)):
                sentence = rng.choice(self.sentences)
                paragraph.append(sentence)
                size += len(sentence) + 1
                if size >= target and len(paragraph) >= 2:
                    break
            lines.append(" ".join(paragraph))
        return "\n".join(lines) + "\n"


def make_articles(
    count: int, seed: int = 0, min_chars: int = 3000, max_chars: int = 4600
) -> Iterator[str]:
    """`count` distinct articles, the same ones for the same arguments."""
    maker = ArticleMaker(seed)
    for _ in range(count):
        yield maker.article(min_chars, max_chars)


def write_articles(count: int, folder: Path | None = None, seed: int = 0, **sizes: int) -> Path:
    """Write `count` articles as UTF-8 .txt files into `folder` (a new temporary folder
    by default) and return the folder."""
    folder = Path(tempfile.mkdtemp(prefix="bench-articles-")) if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True)
    for n, text in enumerate(make_articles(count, seed, **sizes)):
        (folder / f"article_{n:06d}.txt").write_bytes(text.encode("utf-8"))
    return folder


def random_spans(
    text: str, rng: random.Random, count: int = 30, max_words: int = 4
) -> list[tuple[int, int, str]]:
    """`count` distinct (start, end, label) spans of 1–`max_words` whole words, as
    code-point offsets, sorted. Fewer when the text has too few words to choose from."""
    words = [m.span() for m in _WORD.finditer(text)]
    if not words:
        return []
    spans: set[tuple[int, int, str]] = set()
    limit = min(count, len(words) * max_words * len(LABELS) // 2)
    while len(spans) < limit:
        first = rng.randrange(len(words))
        last = min(len(words) - 1, first + rng.randrange(max_words))
        spans.add((words[first][0], words[last][1], rng.choice(LABELS)))
    return sorted(spans)


# -- databases -------------------------------------------------------------------------------


def build_project(
    path: Path,
    documents: int,
    spans_per_document: int = 30,
    seed: int = 0,
    min_chars: int = 3000,
    max_chars: int = 4600,
    progress: bool = True,
) -> None:
    """Create a project with `Store.open` (schema, labels, one annotator), then fill it
    with documents, spans and "in_progress" statuses by direct SQL into the same tables,
    in one transaction: the rows are what the store API would have written."""
    from annotator.core.store import Store
    from annotator.core.store.database import now
    from annotator.core.text.search import fold

    store = Store.open(path)
    annotator_id = store.ensure_annotator(ANNOTATOR).id
    store.close()

    rng = random.Random(seed + 1)
    stamp = now()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")  # setup only; the store's own settings apply later
    conn.execute("BEGIN")
    started = time.perf_counter()
    for n, text in enumerate(make_articles(documents, seed, min_chars, max_chars), start=1):
        title = text.partition("\n")[0]
        doc_id = conn.execute(
            "INSERT INTO documents (text, title, meta, sha256, search_text, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                text,
                title,
                json.dumps({"file": f"article_{n:06d}.txt", "encoding": "utf-8"}),
                hashlib.sha256(text.encode("utf-8")).hexdigest(),
                fold(text),
                stamp,
            ],
        ).lastrowid
        conn.executemany(
            'INSERT INTO spans (document_id, annotator_id, label, start, "end", attributes, '
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, '{}', ?, ?)",
            [
                (doc_id, annotator_id, label, start, end, stamp, stamp)
                for start, end, label in random_spans(text, rng, spans_per_document)
            ],
        )
        conn.execute(
            "INSERT INTO doc_status (document_id, annotator_id, status, updated_at) "
            "VALUES (?, ?, 'in_progress', ?)",
            [doc_id, annotator_id, stamp],
        )
        if progress and n % 10_000 == 0:
            print(f"  … {n:,} documents ({time.perf_counter() - started:.0f} s)", flush=True)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


# -- measuring -------------------------------------------------------------------------------


def timed(function: Callable[[], object]) -> float:
    """Seconds one call takes (wall clock)."""
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def median_line(name: str, times: list[float]) -> str:
    shown = ", ".join(f"{t:.2f}" for t in times)
    return f"{name:<10} median {statistics.median(times):7.3f} s   (runs: {shown})"


def verdict(ratio: float, target: float) -> str:
    return "OK" if ratio <= target else "ABOVE TARGET"


def spread_line(name: str, times: list[float]) -> str:
    """min / median / max of `times` (seconds) on one line."""
    return (
        f"{name:<10} min {min(times):7.3f}  median {statistics.median(times):7.3f}  "
        f"max {max(times):7.3f} s   ({len(times)} runs)"
    )
