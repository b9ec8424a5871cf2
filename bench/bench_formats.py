"""Every export format against our JSONL export, in the same run, and each one's peak memory.

Setup (not measured): a project of N articles (default 10,000, ~1,300–1,500 characters)
with 30 spans each in one annotator's layer (`_data.build_project`).

Timing: each format's writer runs in a fresh interpreter (`python -c`), which times only
the `Format.write` call and reports its own peak RSS (VmHWM). Runs are interleaved —
jsonl, F1, F2, …, jsonl, F1, F2, … — so a change of load on the shared machine moves
every format alike, and each format's ratio is taken against the JSONL medians of the
same rounds. Output goes to a fresh path per run under a temporary folder.

Memory (`--memory`): one run per streaming format at 100,000 documents (target: every
streaming format's peak RSS < 150 MB).

    .venv/bin/python bench/bench_formats.py [--quick] [--docs N] [--rounds R] [--memory]
        [--only F,F]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _data
from summary import summary_line

SPANS = 30
MEMORY_TARGET_MB = 150

CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from annotator.core.formats.registry import get_format
from annotator.core.layers import LayerFilter
from annotator.core.store import Store

name, db, out = sys.argv[2], sys.argv[3], Path(sys.argv[4])
fmt = get_format(name)
defaults = {o.dest: o.default for o in fmt.options if o.direction == "export"}
store = Store.open(db)
started = time.perf_counter()
report = fmt.write(store, out, LayerFilter(), defaults)
seconds = time.perf_counter() - started
store.close()
result = {"seconds": seconds, "spans": report.spans, "lines": report.lines}
with open("/proc/self/status") as status:
    for line in status:
        if line.startswith("VmHWM:"):
            result["vmhwm_kb"] = int(line.split()[1])
print(json.dumps(result))
"""


def writable_formats() -> list[str]:
    """The names of every format with a writer, JSONL first."""
    from annotator.core.formats.registry import writable

    names = [f.name for f in writable()]
    return ["jsonl", *[n for n in names if n != "jsonl"]]


def run_child(name: str, db: Path, out: Path) -> dict:
    """One export in a fresh interpreter; what it printed (seconds, spans, VmHWM)."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(_data.ROOT), name, str(db), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise SystemExit(f"{name} export failed: {last}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def timing(names: list[str], db: Path, root: Path, rounds: int) -> dict[str, list[dict]]:
    """`rounds` interleaved rounds of every format's export."""
    results: dict[str, list[dict]] = {name: [] for name in names}
    for number in range(rounds):
        for name in names:
            out = root / f"out-{name}-{number}"
            results[name].append(run_child(name, db, out))
            _remove(out)
        print(f"  round {number + 1}/{rounds} done", flush=True)
    return results


def table(results: dict[str, list[dict]], documents: int) -> None:
    """min/median/max per format and the ratio of medians to JSONL's."""
    base = statistics.median(r["seconds"] for r in results["jsonl"])
    print(f"{'format':<14} {'min':>8} {'median':>8} {'max':>8} {'vs jsonl':>9} {'peak RSS':>10}")
    for name, runs in results.items():
        times = [r["seconds"] for r in runs]
        peak = max(r.get("vmhwm_kb", 0) for r in runs) / 1024
        ratio = statistics.median(times) / base
        print(
            f"{name:<14} {min(times):7.2f}s {statistics.median(times):7.2f}s "
            f"{max(times):7.2f}s {ratio:8.2f}x {peak:8.1f} MB"
        )
        spans = {r["spans"] for r in runs}
        if spans != {documents * SPANS}:
            print(f"  (note: {name} wrote {sorted(spans)} spans of {documents * SPANS})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 documents, 2 rounds")
    parser.add_argument("--docs", type=int, help="number of documents (default 10,000)")
    parser.add_argument("--rounds", type=int, help="interleaved rounds (default 3)")
    parser.add_argument("--memory", action="store_true", help="peak RSS at 100,000 documents")
    parser.add_argument("--only", help="comma-separated format names (JSONL is always run)")
    args = parser.parse_args()
    names = writable_formats()
    if args.only:
        wanted = set(args.only.split(","))
        names = [n for n in names if n == "jsonl" or n in wanted]
    if args.memory:
        documents, rounds = args.docs or 100_000, 1
    else:
        documents = args.docs or (1_000 if args.quick else 10_000)
        rounds = args.rounds or (2 if args.quick else 3)

    root = Path(tempfile.mkdtemp(prefix="bench-formats-"))
    try:
        db = root / "p.db"
        started = time.perf_counter()
        _data.build_project(db, documents, SPANS, min_chars=1300, max_chars=1500)
        print(
            f"export formats: {documents:,} documents x {SPANS} spans, one annotator, "
            f"{rounds} interleaved rounds (built in {time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        results = timing(names, db, root, rounds)
        table(results, documents)
        worst = max(max(r.get("vmhwm_kb", 0) for r in runs) for runs in results.values()) / 1024
        verdict = "OK" if worst < MEMORY_TARGET_MB else "ABOVE TARGET"
        print(f"largest peak RSS {worst:.1f} MB (target < {MEMORY_TARGET_MB}: {verdict})")
        # formats have no time target of their own (JSONL's against the floor is in
        # bench_export): the summary carries the memory target
        base = statistics.median(r["seconds"] for r in results["jsonl"])
        slowest = max(statistics.median(r["seconds"] for r in runs) for runs in results.values())
        print(f"slowest format / JSONL {slowest / base:.2f}x")
        ok = worst < MEMORY_TARGET_MB
        print(summary_line(f"formats_peak_rss_{documents}", f"{worst:.0f}MB", "<150MB", ok))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
