"""A disk that fills up during an import: one line that says so, the project as it was,
nothing left behind. On a real small filesystem (tmpfs), skipped where mounting one is
not permitted."""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS


@contextlib.contextmanager
def small_disk(size: str) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="annotator-small-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip("cannot mount a small tmpfs here (needs root and mount permission)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def annotator(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )


def test_an_import_that_fills_the_disk_says_so_and_changes_nothing(tmp_path: Path):
    articles = tmp_path / "articles"
    articles.mkdir()
    seed = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8")
    for n in range(300):  # about 3 MB of distinct articles
        (articles / f"a{n:03}.txt").write_text(f"{seed}\n{n}\n", encoding="utf-8")
    with small_disk("2m") as disk:
        db = disk / "p.db"
        assert annotator(db, "import", str(SEEDS)).returncode == 0
        before = json.loads(annotator(db, "stats", "--json").stdout)
        done = annotator(db, "import", str(articles))
        assert done.returncode == 1
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.startswith("annotator: error: ")
        assert "full" in done.stderr or "No space left" in done.stderr
        after = json.loads(annotator(db, "stats", "--json").stdout)
        assert after == before
        assert not [p for p in disk.iterdir() if "staging" in p.name]
