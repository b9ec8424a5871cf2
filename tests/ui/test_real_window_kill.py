"""The real window under a real X server (Xvfb, 1366x768), driven by keys, with other
processes on the same project, then killed with SIGKILL: nothing acknowledged is lost.

The project changed since its last backup, so opening it makes a backup (the path that
once dropped SQLite's locks). While the window is open, `annotator stats` and
`annotator import` run in other processes; keys tag words; the window is killed.
Every tag the project had acknowledged and every imported span must still be there.

Skipped where Xvfb or xdotool is missing. Set ANNOTATOR_SHOTS=DIR to keep the
screenshots (ImageMagick's `import`) for a look.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.store import Store
from annotator.ui.session import CURRENT_ANNOTATOR_KEY
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")),
    reason="needs Xvfb and xdotool (apt-get install xvfb xdotool)",
)


def _wait(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@contextlib.contextmanager
def xvfb() -> Iterator[dict[str, str]]:
    for number in range(91, 120):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            break
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), 20, "Xvfb")
        env = {**os.environ, "DISPLAY": display, "PYTHONPATH": str(ROOT)}
        env.pop("QT_QPA_PLATFORM", None)  # the real xcb platform, not offscreen
        yield env
    finally:
        server.terminate()
        server.wait(timeout=20)


def _cli(env: dict[str, str], db: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done


def _spans(db: Path) -> set[tuple[str, int, int, str]]:
    conn = sqlite3.connect(db, timeout=10)
    try:
        return set(
            conn.execute(
                'SELECT a.name, s.start, s."end", s.label FROM spans s '
                "JOIN annotators a ON a.id = s.annotator_id"
            )
        )
    finally:
        conn.close()


def _tags_once(db: Path, who: str, count: int) -> set | None:
    """The person's spans once there are `count` of them, else None."""
    tagged = {span for span in _spans(db) if span[0] == who}
    return tagged if len(tagged) >= count else None


def _key(env: dict[str, str], window: str, *keys: str) -> None:
    """Real key presses (XTEST) into the window, as a keyboard would send them."""
    subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True)
    for key in keys:
        subprocess.run(["xdotool", "key", key], env=env, check=True)
        time.sleep(0.15)


def _shot(env: dict[str, str], name: str) -> None:
    folder = os.environ.get("ANNOTATOR_SHOTS")
    if folder and shutil.which("import"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        subprocess.run(["import", "-window", "root", str(Path(folder) / name)], env=env)


def test_the_real_window_loses_nothing_when_killed(tmp_path: Path):
    db = tmp_path / "p.db"
    with xvfb() as env:
        _cli(env, db, "import", str(SEEDS))
        with Store.open(db) as store:  # no name prompt: this person works here
            store.set_setting(CURRENT_ANNOTATOR_KEY, "huda")
        jsonl = tmp_path / "other.jsonl"
        line = {
            "text": "قال بوتين إن موسكو مستعدة",
            "spans": [{"start": 4, "end": 9, "label": "PERSON"}],
            "_annotator_id": "cli",
        }
        jsonl.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")

        app = subprocess.Popen(
            [sys.executable, "-m", "annotator", "--db", str(db)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            found = _wait(
                lambda: subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--pid", str(app.pid)],
                    env=env,
                    capture_output=True,
                    text=True,
                ).stdout.split(),
                60,
                "the window",
            )
            window = found[-1]
            time.sleep(1.0)
            backups = list((tmp_path / "p.db.backups").glob("*.db"))
            assert backups, "opening a project changed since its last backup backs it up"
            _shot(env, "1-opened.png")

            _cli(env, db, "stats")  # another process opens and closes the project
            _cli(env, db, "import", str(jsonl))
            acknowledged: set = set()
            # the article has focus: select a word at a time (in RTL, Left moves forward)
            _key(env, window, "ctrl+Home")
            for count in range(1, 4):
                _key(env, window, "ctrl+shift+Left", "1", "ctrl+Left")
                acknowledged = _wait(
                    lambda count=count: _tags_once(db, "huda", count), 20, "a committed tag"
                )
            _cli(env, db, "stats")
            _shot(env, "2-tagged.png")
            assert len(acknowledged) == 3
        finally:
            app.send_signal(signal.SIGKILL)
            app.wait(timeout=30)
            stderr = app.stderr.read()
            app.stderr.close()
    assert "Traceback" not in stderr, stderr
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    stored = _spans(db)
    assert acknowledged <= stored
    assert ("cli", 4, 9, "PERSON") in stored
