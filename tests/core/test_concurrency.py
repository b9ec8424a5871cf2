"""Two processes edit one project at the same time, each through the UI's Session/Editor.

Both work in the same annotator's layer of the same documents (one person, two windows)
for a few seconds: neither may crash, every acknowledged edit of both must be stored,
and after both are done, `Editor.load` in one of them shows the other's spans (that is
what a Refresh does).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from annotator.core.formats.import_text import import_text_files
from annotator.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 3.0
ANNOTATOR = "shared"

WRITER = r"""
import random, re, sqlite3, sys, time
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(["writer"])
from annotator.core.store import Store
from annotator.ui.editing import Editor
from annotator.ui.session import Session

db, tag, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
rng = random.Random(tag)
store = Store.open(db)
editor = Editor(Session(store, store.ensure_annotator(sys.argv[4])))
docs = store.documents.ids()[:2]
words = {d: [m.span() for m in re.finditer(r"\S+", store.documents.text(d))] for d in docs}
labels = ["PERSON", "ORG", "GPE", "LOC", "DATE", "EVENT"]
mine = {}
locked = other = 0
print("READY", flush=True)
assert sys.stdin.readline().strip() == "GO"
editor.load(docs[0])
end_at = time.monotonic() + seconds
while time.monotonic() < end_at:
    try:
        if rng.random() < 0.1:
            editor.load(rng.choice(docs))
        doc = editor.document_id
        if mine and rng.random() < 0.25:
            span_id = rng.choice(sorted(mine))
            label = rng.choice(labels)
            if editor.relabel(span_id, label) is not None:
                mine[span_id] = label
                print("R", span_id, label, flush=True)
        else:
            start, end = rng.choice(words[doc])
            span = editor.apply_label(rng.choice(labels), start, end)
            if span is not None:
                mine[span.id] = span.label
                print("A", span.id, doc, span.label, span.start, span.end, flush=True)
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc):
            raise
        locked += 1
print("DONE", locked, flush=True)
for line in sys.stdin:
    command = line.split()
    if command[0] == "LOAD":
        editor.load(int(command[1]))
        print("SEES", *sorted(s.id for s in editor.spans), flush=True)
    else:
        break
"""


@dataclass
class Writer:
    tag: str
    proc: subprocess.Popen
    lines: list[str] = field(default_factory=list)
    done: threading.Event = field(default_factory=threading.Event)

    def read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("DONE"):
                self.done.set()
        self.done.set()

    def send(self, text: str) -> None:
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def acked(self) -> dict[int, tuple]:
        """span id -> (doc, label, start, end) as this writer last acknowledged it."""
        spans: dict[int, tuple] = {}
        for line in self.lines:
            parts = line.split()
            if parts[0] == "A":
                span_id, doc, label, start, end = parts[1:]
                spans[int(span_id)] = (int(doc), label, int(start), int(end))
            elif parts[0] == "R":
                span_id, label = int(parts[1]), parts[2]
                doc, _old, start, end = spans[span_id]
                spans[span_id] = (doc, label, start, end)
        return spans

    def locked(self) -> int:
        return next(int(line.split()[1]) for line in self.lines if line.startswith("DONE"))


@pytest.fixture(scope="module")
def session_run(tmp_path_factory):
    db = tmp_path_factory.mktemp("concurrency") / "shared.db"
    with Store.open(db) as store:
        import_text_files(store, [ROOT / "seeds"])
        store.ensure_annotator(ANNOTATOR)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    writers = []
    for tag in ("first", "second"):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), tag, str(SECONDS), ANNOTATOR],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert proc.stdout.readline().strip() == "READY", proc.stderr.read()
        writers.append(Writer(tag, proc))
    for writer in writers:
        threading.Thread(target=writer.read, daemon=True).start()
    started = time.monotonic()
    for writer in writers:  # both start at once
        writer.send("GO")
    for writer in writers:
        assert writer.done.wait(60), writer.proc.stderr.read()
    elapsed = time.monotonic() - started
    yield db, writers, elapsed
    for writer in writers:
        if writer.proc.poll() is None:
            writer.send("QUIT")
            writer.proc.wait(10)
        writer.proc.stdin.close()
        writer.proc.stdout.close()
        writer.proc.stderr.close()


def stored_spans(db: Path) -> dict[int, tuple]:
    conn = sqlite3.connect(db)
    try:
        return {
            row[0]: tuple(row[1:])
            for row in conn.execute('SELECT id, document_id, label, start, "end" FROM spans')
        }
    finally:
        conn.close()


def test_both_processes_run_and_every_acknowledged_edit_is_stored(session_run):
    db, (first, second), elapsed = session_run
    for writer in (first, second):
        assert any(line.startswith("DONE") for line in writer.lines), writer.lines[-3:]
        assert writer.proc.poll() is None  # still alive, waiting for commands
    a, b = first.acked(), second.acked()
    assert len(a) > 20 and len(b) > 20, (len(a), len(b))
    assert not set(a) & set(b)  # one id, one span
    stored = stored_spans(db)
    for acked in (a, b):
        missing = {k: v for k, v in acked.items() if stored.get(k) != v}
        assert not missing, f"acknowledged but not stored: {missing}"
    assert set(stored) == set(a) | set(b)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    print(
        f"\nconcurrency: {len(a)} + {len(b)} spans acknowledged in {elapsed:.1f} s, all stored; "
        f"'database is locked' escaped {first.locked()} + {second.locked()} times"
    )


def test_load_in_one_process_shows_the_others_spans(session_run):
    db, (first, second), _elapsed = session_run
    conn = sqlite3.connect(db)
    docs = [row[0] for row in conn.execute("SELECT id FROM documents ORDER BY id LIMIT 2")]
    conn.close()
    a, b = first.acked(), second.acked()
    for viewer, other in ((second, a), (first, b)):
        for doc in docs:
            count = len(viewer.lines)
            viewer.send(f"LOAD {doc}")
            deadline = time.monotonic() + 20
            while len(viewer.lines) == count and time.monotonic() < deadline:
                time.sleep(0.01)
            sees = viewer.lines[count].split()
            assert sees[0] == "SEES"
            theirs = {k for k, v in other.items() if v[0] == doc}
            assert theirs and theirs <= {int(x) for x in sees[1:]}


def test_database_is_locked_never_reaches_the_editor(session_run):
    """Transactions begin IMMEDIATE: a second writer waits (busy timeout) instead of
    failing at once on a stale snapshot, which a deferred BEGIN did."""
    _db, (first, second), _elapsed = session_run
    assert (first.locked(), second.locked()) == (0, 0)
