"""Start-up, as a user waits for it: `annotator --version`, and the window shown and
painted on a small project, each against a bare baseline in the same run.

Every figure is a whole process, from spawning it to its exit (`--version`) or to the
moment it prints that its first frame was painted (window), measured by this parent.
Runs are interleaved — ours, baseline, ours, baseline — so a change of load moves both.

  version   `annotator --version`            vs  `python -c pass`
  window    the annotation window, offscreen vs  a bare QMainWindow with a QTextEdit

Targets (issue "Fast at every size"): --version <= 0.15 s; window <= 0.45 s cold, with
pandas installed (pandas is in the test extra, so it is installed here).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _data

WINDOW = """
import sys
from PySide6.QtCore import QTimer
from annotator.ui.app import application, build_window, open_or_restore
app = application()
store = open_or_restore(sys.argv[1])
window = build_window(store, "bench")
window.show()
def painted():
    print("painted", flush=True)
    app.quit()
QTimer.singleShot(0, painted)
app.exec()
store.close()
"""

BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QTextEdit())
window.show()
def painted():
    print("painted", flush=True)
    app.quit()
QTimer.singleShot(0, painted)
app.exec()
"""

TARGETS = {"version": 0.15, "window": 0.45}


def run(command: list[str], until: str | None = None) -> float:
    """Seconds from spawning `command` to its exit, or to the line `until` it prints."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if until is not None and line.strip() == until:
                elapsed = time.perf_counter() - started
                break
        else:
            elapsed = time.perf_counter() - started
        process.wait()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])}… failed with exit code {process.returncode}")
    return elapsed


def line(name: str, ours: list[float], base: list[float]) -> str:
    ours_median, base_median = statistics.median(ours), statistics.median(base)
    target = TARGETS[name]
    verdict = "OK" if ours_median <= target else "ABOVE TARGET"
    return (
        f"{name:<8} ours min {min(ours):.3f} median {ours_median:.3f} max {max(ours):.3f} s | "
        f"baseline median {base_median:.3f} s | ratio {ours_median / base_median:.2f}x | "
        f"target <= {target} s: {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each (default 10)")
    args = parser.parse_args()
    annotator = str(Path(sys.executable).with_name("annotator"))
    root = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    try:
        db = root / "p.db"
        _data.build_project(db, 50, 30, progress=False)
        cases = {
            "version": ([annotator, "--version"], None, [sys.executable, "-c", "pass"], None),
            "window": (
                [sys.executable, "-c", WINDOW, str(db)],
                "painted",
                [sys.executable, "-c", BARE_WINDOW],
                "painted",
            ),
        }
        for name, (ours_cmd, ours_until, base_cmd, base_until) in cases.items():
            run(ours_cmd, ours_until)  # warm the file cache: "cold" is a fresh process
            ours, base = [], []
            for _ in range(args.runs):
                ours.append(run(ours_cmd, ours_until))
                base.append(run(base_cmd, base_until))
            print(line(name, ours, base), flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
