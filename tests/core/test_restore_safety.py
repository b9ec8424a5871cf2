"""Restoring a backup never loses the project: refused while another process has it open
(naming that process), and a restore killed at any moment leaves the old project or the
restored one, never a missing file that the next open would silently recreate empty."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.core.formats.import_text import import_text_files
from annotator.core.store import Store
from annotator.core.store.backup import BackupError, make_backup
from annotator.core.store.restore import restore_backup

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

HOLDER = r"""
import sys
from annotator.core.project import open_project
store = open_project(sys.argv[1])
print("READY", flush=True)
sys.stdin.read()
"""

RESTORER = r"""
import sys
from annotator.core.store.restore import restore_backup
print("GO", flush=True)
restore_backup(sys.argv[1], sys.argv[2])
print("DONE", flush=True)
"""


def _project(path: Path, spans: int) -> Path:
    with Store.open(path) as store:
        import_text_files(store, [ROOT / "seeds"])
        who = store.ensure_annotator("ali").id
        with store.transaction():
            for doc in store.documents.ids():
                words = list(re.finditer(r"\S+", store.documents.text(doc)))[:spans]
                for word in words:
                    store.annotations.add_span(doc, who, "PERSON", *word.span())
    return path


def _count(path: Path) -> int:
    """Spans in the project as the next open finds it (rolling back a killed restore)."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT COUNT(*) FROM spans").fetchone()[0]
    finally:
        conn.close()


def test_restore_refuses_while_another_process_has_it_open_and_names_it(tmp_path: Path):
    db = _project(tmp_path / "p.db", 3)
    backup = make_backup(db)
    with Store.open(db) as store:
        store.annotations.add_span(store.documents.ids()[1], 1, "ORG", 0, 2)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        assert holder.stdout.readline().strip() == "READY"
        with pytest.raises(BackupError, match="open in another window or command") as refused:
            restore_backup(db, backup)
        if Path("/proc").is_dir():
            assert f"process {holder.pid} (" in str(refused.value)
    finally:
        holder.kill()
        holder.wait()
        holder.stdin.close()
        holder.stdout.close()
    assert _count(db) == 16  # untouched
    assert not list(tmp_path.glob("*.before-restore-*"))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_restore_killed_at_any_moment_never_leaves_the_project_missing(tmp_path: Path):
    db = _project(tmp_path / "p.db", 400)
    backup = make_backup(db)
    with Store.open(db) as store:
        store.annotations.add_span(store.documents.ids()[1], 1, "ORG", 1, 2)
    restored, current = _count(backup), _count(db)
    rng = random.Random(7)
    outcomes = set()
    for _ in range(12):
        proc = subprocess.Popen(
            [sys.executable, "-c", RESTORER, str(db), str(backup)],
            stdout=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        assert proc.stdout.readline().strip() == "GO"
        time.sleep(rng.uniform(0, 0.08))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert db.exists(), "a killed restore left no project file"
        seen = _count(db)
        assert seen in (restored, current)
        outcomes.add(seen)
        for leftover in tmp_path.glob("*.before-restore-*"):
            leftover.unlink()
        if seen == restored:  # put the newer state back for the next round
            with Store.open(db) as store:
                store.annotations.add_span(store.documents.ids()[1], 1, "ORG", 1, 2)
    assert outcomes  # each round ended in one of the two states


CRASHER = r"""
import os, sys
from annotator.core.store.restore import restore_backup
name, nth = sys.argv[3], int(sys.argv[4])
real = getattr(os, name)
calls = 0
def crash_before(*args, **kwargs):
    global calls
    calls += 1
    if calls == nth:
        os._exit(9)  # the process dies here, as in a power cut between two steps
    return real(*args, **kwargs)
setattr(os, name, crash_before)
restore_backup(sys.argv[1], sys.argv[2])
"""


@pytest.mark.parametrize("step", ["replace", "link", "unlink", "fsync"])
@pytest.mark.parametrize("nth", [1, 2, 3])
def test_a_restore_that_dies_between_any_two_steps_leaves_a_project(
    tmp_path: Path, step: str, nth: int
):
    db = _project(tmp_path / "p.db", 3)
    backup = make_backup(db)
    with Store.open(db) as store:
        store.annotations.add_span(store.documents.ids()[1], 1, "ORG", 1, 2)
    restored, current = _count(backup), _count(db)
    subprocess.run(
        [sys.executable, "-c", CRASHER, str(db), str(backup), step, str(nth)],
        env=ENV,
        timeout=60,
    )
    assert db.exists(), f"dying before {step} #{nth} left no project file"
    assert _count(db) in (restored, current)
