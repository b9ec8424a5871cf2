"""Start-up, as a user waits for it: `annotator --version`, and the window shown and
painted on a small project, each against a bare baseline in the same run.

Every figure is a whole process, from spawning it to its exit (`--version`) or to the
moment it prints that its first frame was painted (window: after the first paint pass),
measured by this parent.
Runs are interleaved — ours, baseline, ours, baseline — so a change of load moves both.

  version   `annotator --version`            vs  `python -c pass`
  window    the annotation window, offscreen vs  a bare QMainWindow with a QTextEdit

Targets (issue "Fast at every size"): --version <= 0.15 s; window <= 0.45 s cold, with
pandas installed (pandas is in the test extra, so it is installed here).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_startup.py [--quick] [--runs N]

With `--before DIR` (a checkout of an older revision, e.g. `git archive REV annotator |
tar -x -C DIR`), the window is also started from that tree, in the same interleaved
rounds (ours, bare, before), and the ratio ours / before is printed.
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
from summary import summary_line

# "painted" once the first frame is: a zero timer started at the first paint event fires
# after the rest of that paint pass. (A zero timer started before the event loop fires
# before anything is painted: it measured the window built, not shown.)
FIRST_FRAME = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class FirstFrame(QObject):
    seen = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, painted)
        return False

def painted():
    print("painted", flush=True)
    QApplication.instance().quit()

first_frame = FirstFrame()
"""

WINDOW = (
    FIRST_FRAME
    + """
import sys
from annotator.ui.app import application, build_window, open_or_restore
app = application()
app.installEventFilter(first_frame)
store = open_or_restore(sys.argv[1])
window = build_window(store, "bench")
window.show()
app.exec()
store.close()
"""
)

BARE_WINDOW = (
    FIRST_FRAME
    + """
from PySide6.QtWidgets import QMainWindow, QTextEdit
app = QApplication([])
app.installEventFilter(first_frame)
window = QMainWindow()
window.setCentralWidget(QTextEdit())
window.show()
app.exec()
"""
)

TARGETS = {"version": 0.15, "window": 0.45}


def run(command: list[str], until: str | None = None, tree: str | None = None) -> float:
    """Seconds from spawning `command` to its exit, or to the line `until` it prints;
    `tree` is a source tree whose `annotator` package is imported instead of ours."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    if tree is not None:
        env["PYTHONPATH"] = tree
    started = time.perf_counter()
    # from inside `tree` too: `python -c` puts the working folder first on the path
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=tree) as process:
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
    parser.add_argument("--runs", type=int, help="runs of each (default 10, quick 4)")
    parser.add_argument("--quick", action="store_true", help="4 runs of each")
    parser.add_argument("--before", help="also start the window from this older source tree")
    args = parser.parse_args()
    runs = args.runs or (4 if args.quick else 10)
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
        summaries: list[str] = []
        for name, (ours_cmd, ours_until, base_cmd, base_until) in cases.items():
            before_tree = args.before if name == "window" else None
            run(ours_cmd, ours_until)  # warm the file cache: "cold" is a fresh process
            if before_tree:
                run(ours_cmd, ours_until, before_tree)
            ours, base, before = [], [], []
            for _ in range(runs):
                ours.append(run(ours_cmd, ours_until))
                base.append(run(base_cmd, base_until))
                if before_tree:
                    before.append(run(ours_cmd, ours_until, before_tree))
            print(line(name, ours, base), flush=True)
            median = statistics.median(ours)
            summaries.append(
                summary_line(
                    f"startup_{name}",
                    f"{median:.2f}s",
                    f"<={TARGETS[name]}s",
                    median <= TARGETS[name],
                )
            )
            if before:
                print(
                    f"{'before':<8} min {min(before):.3f} median {statistics.median(before):.3f}"
                    f" max {max(before):.3f} s | ours / before "
                    f"{statistics.median(ours) / statistics.median(before):.2f}x",
                    flush=True,
                )
        print("\n".join(summaries))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
