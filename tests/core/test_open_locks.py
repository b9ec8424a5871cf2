"""Opening a project keeps SQLite's locks: other processes never delete the WAL under it.

On Linux, closing any file descriptor of a file drops every POSIX lock the process holds
on it, SQLite's included (GUIDE.md section 1). A project opened the way the window and
the CLI open it (`open_project`, which also makes the automatic backup) must stay safe
while other processes open and close it: every acknowledged edit survives SIGKILL, and
every process sees the others' commits.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.store.backup_files import list_backups

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

# A long-lived process that opens the project exactly as the window does, then tags on
# demand: "tag" adds a span and prints its id once committed; "count" prints how many
# spans it sees.
HOLDER = r"""
import sys
from annotator.core.project import open_project
store = open_project(sys.argv[1])
who = store.ensure_annotator("holder").id
doc = store.documents.ids()[0]
text = store.documents.text(doc)
starts = [i for i in range(1, len(text)) if text[i - 1].isspace() and not text[i].isspace()]
print("READY", flush=True)
n = 0
for line in sys.stdin:
    command = line.strip()
    if command == "tag":
        span = store.annotations.add_span(doc, who, "PERSON", starts[n], starts[n] + 1)
        n += 1
        print(span.id, flush=True)
    elif command == "count":
        print(store.db.execute("SELECT COUNT(*) FROM spans").fetchone()[0], flush=True)
"""


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done


def _span_count(db: Path) -> int:
    stats = json.loads(_cli(db, "stats", "--json").stdout)
    return stats["spans"]


def _ask(proc: subprocess.Popen, command: str) -> str:
    proc.stdin.write(command + "\n")
    proc.stdin.flush()
    return proc.stdout.readline().strip()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_other_processes_never_strip_the_open_projects_wal(tmp_path: Path):
    db = tmp_path / "p.db"
    _cli(db, "import", str(ROOT / "seeds"))
    assert not list_backups(db)  # changed since its last backup: opening will back it up
    jsonl = tmp_path / "other.jsonl"
    text = "قال بوتين إن موسكو مستعدة"
    spans = [
        {"start": 4, "end": 9, "label": "PERSON"},
        {"start": 13, "end": 18, "label": "GPE"},
    ]
    jsonl.write_text(
        json.dumps({"text": text, "spans": spans, "_annotator_id": "cli"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        assert holder.stdout.readline().strip() == "READY"
        assert list_backups(db), "opening a project changed since its last backup backs it up"
        acknowledged = [int(_ask(holder, "tag"))]
        assert _span_count(db) == 1  # another process opens, reads and closes the project
        acknowledged += [int(_ask(holder, "tag")) for _ in range(2)]
        assert _span_count(db) == 3  # it saw the holder's commits
        _cli(db, "import", str(jsonl))  # a writer opens and closes it
        assert int(_ask(holder, "count")) == 5  # the holder saw the import's commit
        acknowledged += [int(_ask(holder, "tag")) for _ in range(3)]
        assert _span_count(db) == 8
        fds = Path(f"/proc/{holder.pid}/fd")
        if fds.is_dir():
            links = [os.readlink(fd) for fd in fds.iterdir()]
            deleted = [link for link in links if link.startswith(str(db)) and "(deleted)" in link]
            assert deleted == [], f"the open project lost files under it: {deleted}"
    finally:
        holder.kill()  # SIGKILL: no chance to checkpoint or close
        holder.wait()
        holder.stdin.close()
        holder.stdout.close()

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in conn.execute("SELECT id FROM spans")}
        names = {row[0] for row in conn.execute("SELECT name FROM annotators")}
    finally:
        conn.close()
    assert set(acknowledged) <= stored
    assert len(stored) == 8
    assert {"holder", "cli"} <= names


def test_no_plain_read_or_sync_of_a_project_open_in_this_process(tmp_path: Path):
    """The two plain-I/O helpers that touch database files stand back while this
    process has the file open (closing their descriptor would drop SQLite's locks)."""
    from annotator.core.store.backup import fsync_file
    from annotator.core.store.database import read_header
    from annotator.core.store.project_store import Store

    db = tmp_path / "p.db"
    with Store.open(db):
        assert read_header(db) is None
        with pytest.raises(RuntimeError, match="open in this process"):
            fsync_file(db)
    assert read_header(db, 16) == b"SQLite format 3\x00"
    fsync_file(db)  # closed: allowed
