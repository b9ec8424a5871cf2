"""Run the benchmarks and end with one table of their headline figures.

Each benchmark prints, as its last word, one line made by `summary_line`:

    SUMMARY name=merge_2x10000 value=2.10x target=<=2.5x ok=OK   (or ok=MISSED)

This script runs `bench/bench_*.py` one after another (their output shown as it comes),
collects those lines and prints them as a table: measure, median, target, met or not. A
benchmark that fails or prints no such line is listed as such. With `--quick`, each
benchmark that has a `--quick` option runs with it.

    .venv/bin/python bench/summary.py [--quick] [bench/bench_x.py …]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PREFIX = "SUMMARY "


def summary_line(name: str, value: str, target: str, ok: bool) -> str:
    """The line a benchmark prints last: its headline figure against its target."""
    return f"{PREFIX}name={name} value={value} target={target} ok={'OK' if ok else 'MISSED'}"


def parse(line: str) -> dict[str, str] | None:
    """The fields of a SUMMARY line (values hold no spaces), or None for any other line."""
    if not line.startswith(PREFIX):
        return None
    fields = dict(part.partition("=")[::2] for part in line[len(PREFIX) :].split())
    return fields if {"name", "value", "target", "ok"} <= fields.keys() else None


def run(script: Path, quick: bool) -> tuple[list[dict[str, str]], int]:
    """Run one benchmark, echoing its output; its SUMMARY lines and exit status (and how
    long it took, echoed last)."""
    command = [sys.executable, str(script)]
    if quick and "--quick" in script.read_text(encoding="utf-8"):
        command.append("--quick")
    print(f"\n$ {' '.join(command[1:])}", flush=True)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    found: list[dict[str, str]] = []
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as process:
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            fields = parse(line.strip())
            if fields:
                found.append(fields)
    print(f"({script.name}: {time.perf_counter() - started:.0f} s)", flush=True)
    return found, process.returncode


def table(rows: list[dict[str, str]]) -> str:
    """The summary as an aligned text table."""
    header = {"name": "measure", "value": "median", "target": "target", "ok": "met"}
    lines = [header, *rows]
    widths = {key: max(len(row[key]) for row in lines) for key in header}
    return "\n".join(
        "  ".join(row[key].ljust(widths[key]) for key in header).rstrip() for row in lines
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--quick", action="store_true", help="each benchmark's quick mode")
    parser.add_argument("scripts", nargs="*", type=Path, help="default: bench/bench_*.py")
    args = parser.parse_args()
    scripts = args.scripts or sorted(HERE.glob("bench_*.py"))
    rows: list[dict[str, str]] = []
    failed = False
    started = time.perf_counter()
    for script in scripts:
        found, status = run(script, args.quick)
        rows += found
        if status != 0 or not found:
            failed = failed or status != 0
            why = f"exit {status}" if status != 0 else "no SUMMARY line"
            rows.append({"name": script.stem, "value": "-", "target": "-", "ok": why})
    print("\n" + table(rows))
    print(f"\n{len(scripts)} benchmarks in {time.perf_counter() - started:.0f} s")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
