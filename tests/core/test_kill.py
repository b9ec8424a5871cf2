"""Nothing acknowledged is lost: a writer killed with SIGKILL loses no returned edit."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.core.store import Store

WRITER = """
import sys
from annotator.core.store import Store
store = Store.open(sys.argv[1])
doc = store.documents.ids()[0]
text = store.documents.text(doc)
who = store.ensure_annotator("writer").id
labels = ["PERSON", "ORG", "GPE", "LOC", "DATE"]
n = 0
while True:
    for start in range(0, len(text) - 3):
        for label in labels:
            try:
                span = store.annotations.add_span(doc, who, label, start, start + 1)
            except Exception:
                continue
            print(span.id, flush=True)
            n += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_loses_no_acknowledged_span(seeded: Store, tmp_path: Path):
    path = seeded.path
    seeded.close()
    for round_ in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        )
        acknowledged = []
        deadline = time.monotonic() + 60
        while len(acknowledged) < 40 + 30 * round_ and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            acknowledged.append(int(line))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert len(acknowledged) >= 40
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in conn.execute("SELECT id FROM spans")}
        conn.close()
        assert set(acknowledged) <= stored
    with Store.open(path) as again:
        assert len(again.annotations.spans(again.documents.ids()[0])) >= 40
