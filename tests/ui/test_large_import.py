"""Large inputs through the File > Import job: a 50 MB one-line article and a
100,000-line JSONL file, imported by `io_dialogs.import_job` in its worker thread.

While the job runs a QTimer in the GUI thread keeps ticking (the window is not frozen:
the ticks are counted and the longest gap between two is measured), progress signals
arrive, a cancel leaves nothing half-imported, and the peak memory stays bounded (the
process's RSS high-water mark, /proc/self/status VmHWM, reset through
/proc/self/clear_refs before each run where the kernel allows it).

Sizes: full by default; ANNOTATOR_LARGE_IMPORT=small runs a 10 MB article and 20,000
lines instead (for a quick local run).
"""

from __future__ import annotations

import json
import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from annotator.core.store import Store
from annotator.ui.io_dialogs import ImportOutcome, import_job

SMALL = os.environ.get("ANNOTATOR_LARGE_IMPORT", "").lower() == "small"
TEXT_BYTES = (10 if SMALL else 50) * 1_000_000
JSONL_LINES = 20_000 if SMALL else 100_000
TICK_MS = 20
MEMORY_FACTOR = 12  # peak RSS growth allowed, in multiples of the file size

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/status").exists(), reason="measures memory through /proc"
)

WORDS = [
    "قال",
    "الرئيس",
    "إن",
    "الحكومة",
    "ستعمل",
    "على",
    "تحسين",
    "الوضع",
    "الاقتصادي",
    "في",
    "البلاد",
    "وأضاف",
    "المتحدث",
    "باسم",
    "الوزارة",
    "2024",
    "Reuters",
    "«الحوار",
    "ممكن»",
]


def status_kb(field_name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    raise AssertionError(field_name)


def reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux 4.0+); False if not allowed."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


@dataclass
class Run:
    outcome: ImportOutcome
    seconds: float
    ticks: list[float] = field(default_factory=list)
    progress: list[tuple[int, int]] = field(default_factory=list)
    peak_growth: int = 0  # bytes over the RSS before the run
    peak_reset: bool = False

    @property
    def longest_gap(self) -> float:
        return max((b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False)), default=0)

    def describe(self) -> str:
        return (
            f"{self.seconds:.1f} s, {len(self.ticks)} ticks of {TICK_MS} ms "
            f"(longest gap {self.longest_gap:.2f} s), {len(self.progress)} progress signals, "
            f"peak RSS +{self.peak_growth / 1e6:.0f} MB"
        )


def run_import(
    db: Path,
    paths: list[Path],
    cancel_when=None,
    cancel_after: float | None = None,
    cancel_after_progress: float | None = None,
) -> Run:
    job = import_job(None, db, paths, "bulk")
    ticks: list[float] = []
    progress: list[tuple[int, int]] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))

    def on_progress(done: int, total: int) -> None:
        progress.append((done, total))
        if cancel_when is not None and cancel_when(done, total):
            job.cancel()
        if cancel_after_progress is not None and len(progress) == 1:
            QTimer.singleShot(int(cancel_after_progress * 1000), job.cancel)

    job.progressed.connect(on_progress)
    peak_reset = reset_peak()
    rss_before = status_kb("VmRSS")
    started = time.monotonic()
    timer.start()
    job.start()
    if cancel_after is not None:  # what pressing Cancel in the progress dialog does
        QTimer.singleShot(int(cancel_after * 1000), job.cancel)
    outcome = job.wait()
    timer.stop()
    seconds = time.monotonic() - started
    growth = (status_kb("VmHWM") - rss_before) * 1024
    job.deleteLater()
    return Run(outcome, seconds, ticks, progress, growth, peak_reset)


def counts(db: Path) -> tuple[int, int, int]:
    with Store.open(db) as store:
        return (
            store.documents.count(),
            store.db.execute("SELECT COUNT(*) FROM spans").fetchone()[0],
            len(store.annotators()),
        )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "large.db"
    Store.open(path).close()
    return path


@pytest.fixture(scope="module")
def big_text(tmp_path_factory) -> Path:
    """One line of Arabic news words, TEXT_BYTES long."""
    path = tmp_path_factory.mktemp("large") / "big.txt"
    rng = random.Random(7)
    chunk = " ".join(rng.choice(WORDS) for _ in range(100_000)).encode("utf-8") + b" "
    with path.open("wb") as out:
        written = 0
        while written + len(chunk) <= TEXT_BYTES:
            out.write(chunk)
            written += len(chunk)
        tail = chunk[: TEXT_BYTES - written]
        out.write(tail[: tail.rfind(b" ")] if b" " in tail else b"")
    return path


@pytest.fixture(scope="module")
def big_jsonl(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("large") / "big.jsonl"
    rng = random.Random(8)
    with path.open("w", encoding="utf-8") as out:
        for n in range(JSONL_LINES):
            text = f"خبر {n}: " + " ".join(rng.choice(WORDS) for _ in range(12))
            record = {
                "text": text,
                "meta": {"title": f"خبر {n}"},
                "spans": [{"start": 0, "end": 3, "label": "PERSON"}],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def check_responsive(run: Run) -> None:
    # The GUI thread ran its timer during the import: not frozen. Long C calls of the
    # worker that hold the GIL (a regex over the whole text) delay single ticks.
    assert len(run.ticks) >= run.seconds * 1000 / TICK_MS / 4, run.describe()
    assert run.longest_gap < 5.0, run.describe()


def test_50_mb_article(qapp, db: Path, big_text: Path):
    size = big_text.stat().st_size
    run = run_import(db, [big_text])
    print(f"\n{size / 1e6:.0f} MB article: {run.describe()}")
    assert run.outcome.ok, run.outcome.error
    assert run.outcome.documents_added == 1
    assert run.progress and run.progress[-1] == (1, 1)
    check_responsive(run)
    assert run.peak_growth < MEMORY_FACTOR * size, run.describe()
    with Store.open(db) as store:
        (doc,) = store.documents.ids()
        assert len(store.documents.text(doc)) > size // 3


def test_50_mb_article_cancelled_while_read_stores_nothing(qapp, db: Path, big_text: Path):
    before = counts(db)
    run = run_import(db, [big_text], cancel_after=0.02)  # the file is still being read
    print(f"\ncancelled article: {run.describe()}")
    assert run.outcome.cancelled and not run.outcome.ok
    assert counts(db) == before


def test_50_mb_article_cancelled_while_stored_stores_nothing(qapp, db: Path, big_text: Path):
    """Storing the article (documents.add_many, 1.5-2.5 s for 50 MB here) comes after
    its last progress step; a Cancel pressed then was ignored and everything stored."""
    before = counts(db)
    # Cancel 0.2 s after the read is reported: the worker is storing the article then
    run = run_import(db, [big_text], cancel_after_progress=0.2)
    print(f"\ncancelled while storing: {run.describe()}, {run.outcome.summary()}")
    stored = counts(db)
    assert stored[0] in (before[0], before[0] + 1)  # all or nothing, at least
    assert run.outcome.cancelled
    assert stored == before


def test_100k_line_jsonl(qapp, db: Path, big_jsonl: Path):
    size = big_jsonl.stat().st_size
    run = run_import(db, [big_jsonl])
    print(f"\n{JSONL_LINES:,} JSONL lines ({size / 1e6:.0f} MB): {run.describe()}")
    assert run.outcome.ok, run.outcome.error
    assert run.outcome.documents_added == JSONL_LINES
    assert run.outcome.spans_added == JSONL_LINES
    done = [d for d, _t in run.progress]
    assert len(run.progress) >= 10 and done == sorted(done)
    assert run.progress[-1] == (JSONL_LINES, JSONL_LINES)
    check_responsive(run)
    assert run.peak_growth < MEMORY_FACTOR * size, run.describe()


def test_100k_line_jsonl_cancelled_halfway_stores_nothing(qapp, db: Path, big_jsonl: Path):
    before = counts(db)
    cut = JSONL_LINES // 5
    run = run_import(db, [big_jsonl], cancel_when=lambda done, total: done >= cut)
    print(f"\nJSONL cancelled after {run.progress[-1][0]:,} lines: {run.describe()}")
    assert run.outcome.cancelled
    assert cut <= run.progress[-1][0] < JSONL_LINES
    assert counts(db) == before  # no document, span or annotator of the first lines
