"""Start-up time to the main window shown, offscreen: the bundle against the venv.

Runs `<command> self-test --offscreen` several times and times, from process start, the
moment the `ok: main window shown` line arrives on standard output (that step runs
`build_window()` + `show()` + `processEvents()` on a fresh temporary project made from
the seeds). Also reports the in-process figure self-test prints (from its start, so
without interpreter start-up and the CLI's own imports) and the whole self-test run.

    .venv/bin/python packaging/measure_startup.py                 # bundle and venv
    .venv/bin/python packaging/measure_startup.py --runs 9 --bundle dist/annotator/annotator
    .venv/bin/python packaging/measure_startup.py --command "/usr/bin/annotator"  # any other

One warm-up run per command is not counted (file cache). Prints medians in ms.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOWN = "ok: main window shown"
_IN_PROCESS = re.compile(r"main window shown in (\d+) ms")


def one_run(command: list[str]) -> tuple[float, float, float]:
    """(ms to window shown from process start, in-process ms, ms to exit) for one run."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*command, "self-test", "--offscreen"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=Path.home(),  # away from the checkout: the bundle must not need it
    )
    shown = in_process = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if shown is None and line.startswith(SHOWN):
            shown = (time.perf_counter() - started) * 1000
            match = _IN_PROCESS.search(line)
            in_process = float(match.group(1)) if match else float("nan")
    code = proc.wait()
    finished = (time.perf_counter() - started) * 1000
    if code != 0 or shown is None:
        raise RuntimeError(f"{shlex.join(command)} self-test failed (exit status {code})")
    return shown, in_process, finished


def measure(name: str, command: list[str], runs: int) -> dict[str, float]:
    one_run(command)  # warm-up, not counted
    results = [one_run(command) for _ in range(runs)]
    medians = {
        "shown": statistics.median(r[0] for r in results),
        "in_process": statistics.median(r[1] for r in results),
        "exit": statistics.median(r[2] for r in results),
    }
    print(
        f"{name:<8} window shown {medians['shown']:6.0f} ms from process start "
        f"(in-process {medians['in_process']:4.0f} ms), self-test done {medians['exit']:6.0f} ms"
        f"   [median of {runs}: {', '.join(f'{r[0]:.0f}' for r in results)}]",
        flush=True,
    )
    return medians


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--bundle",
        default=str(ROOT / "dist" / "annotator" / "annotator"),
        help="the bundle's executable (skipped when missing)",
    )
    parser.add_argument(
        "--venv-python",
        default=sys.executable,
        help="the interpreter for `python -m annotator` (default: this one)",
    )
    parser.add_argument(
        "--command", action="append", default=[], help="measure this command too (repeatable)"
    )
    args = parser.parse_args()
    targets = []
    if Path(args.bundle).is_file():
        targets.append(("bundle", [args.bundle]))
    else:
        print(f"no bundle at {args.bundle}: build it with packaging/build.sh", file=sys.stderr)
    targets.append(("venv", [args.venv_python, "-m", "annotator"]))
    targets.extend((f"cmd{n}", shlex.split(c)) for n, c in enumerate(args.command, start=1))
    status = 0
    for name, command in targets:
        try:
            measure(name, command, args.runs)
        except (RuntimeError, OSError) as exc:
            print(f"{name:<8} {exc}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
