"""Peak memory of a JSONL export of a large project: does it stream?

Setup (not measured): a project of 100,000 articles (~1,300–1,500 characters) with 30
spans each in one annotator's layer, built by direct SQL into the store's own schema.

Two child processes, each a fresh interpreter (`python -c ...`):
  baseline  imports the package and opens the store;
  export    the same, then the lines `export_jsonl` writes (`write_layer_lines`, its
            writer) into /dev/null.
Each prints its own peak RSS (VmHWM from /proc/self/status) when done: that is the
figure judged. The parent also shows the child's ru_maxrss from os.wait4, for reference
only: Linux keeps the high-water mark of the memory the child had before exec, which
(subprocess uses vfork) is the parent's, so it never reads below the parent's own peak
RSS. The lines go to /dev/null, so gigabytes of JSONL are neither written nor cached:
`export_jsonl` adds only the file around the same writer (a temporary file with a random
name, flushed and renamed), which holds no lines in memory.
Target: export peak RSS < 150 MB.

    .venv/bin/python bench/bench_export_memory.py [--quick] [--docs N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _data
from summary import summary_line

TARGET_MB = 150
SPANS = 30

CHILD = """
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
from annotator.core.formats.export_jsonl import write_layer_lines
from annotator.core.layers import LayerFilter
from annotator.core.store import Store

mode, db = sys.argv[2], sys.argv[3]
started = time.perf_counter()
store = Store.open(db)
result = {}
if mode == "export":
    with open(os.devnull, "w", encoding="utf-8", newline="\\n") as sink:
        report = write_layer_lines(store, LayerFilter(), sink)
    result.update(lines=report.lines, spans=report.spans)
store.close()
result["seconds"] = time.perf_counter() - started
with open("/proc/self/status") as status:
    for line in status:
        if line.startswith("VmHWM:"):
            result["vmhwm_kb"] = int(line.split()[1])
result["ru_maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(result))
"""


def run_child(mode: str, db: Path) -> dict:
    """Run one child; returns what it printed plus the parent's view of its peak RSS."""
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(_data.ROOT), mode, str(db)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    printed = process.stdout.read()
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{mode} child failed with exit code {process.returncode}")
    result = json.loads(printed.strip().splitlines()[-1])
    result["wait4_maxrss_kb"] = usage.ru_maxrss  # KB on Linux
    return result


def mb(kb: int) -> str:
    return f"{kb / 1024:6.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 documents, not 100,000")
    parser.add_argument("--docs", type=int, help="number of documents")
    args = parser.parse_args()
    documents = args.docs or (10_000 if args.quick else 100_000)

    root = Path(tempfile.mkdtemp(prefix="bench-export-memory-"))
    try:
        db = root / "p.db"
        started = time.perf_counter()
        _data.build_project(db, documents, SPANS, min_chars=1300, max_chars=1500)
        print(
            f"export memory: {documents:,} documents x {SPANS} spans, one annotator; project "
            f"{db.stat().st_size / 1e6:.0f} MB (built in {time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        base = run_child("baseline", db)
        export = run_child("export", db)
        if export.get("lines") != documents or export.get("spans") != documents * SPANS:
            raise SystemExit(f"the export wrote {export} for {documents} documents")

        print(f"{'':<10} {'VmHWM':>10} {'wait4 maxrss':>14} {'time':>9}")
        for name, result in (("baseline", base), ("export", export)):
            print(
                f"{name:<10} {mb(result['vmhwm_kb']):>10} {mb(result['wait4_maxrss_kb']):>14} "
                f"{result['seconds']:8.1f}s"
            )
        parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"(wait4 maxrss never reads below the parent's own peak, here {mb(parent)})")
        peak = export["vmhwm_kb"] / 1024
        growth = peak - base["vmhwm_kb"] / 1024
        verdict = "OK" if peak < TARGET_MB else "ABOVE TARGET"
        print(
            f"export peak RSS (VmHWM) {peak:.1f} MB, {growth:+.1f} MB over the baseline; "
            f"{documents / export['seconds']:,.0f} documents/s "
            f"(target < {TARGET_MB} MB: {verdict})"
        )
        print(
            summary_line(
                f"export_peak_rss_{documents}", f"{peak:.0f}MB", f"<{TARGET_MB}MB", peak < TARGET_MB
            )
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
