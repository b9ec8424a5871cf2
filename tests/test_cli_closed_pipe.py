"""A reader that closes the pipe early (`| head -c1`, `| head -n1`): an import is stored and
says so with exit status 0, an export that was not delivered exits non-zero, and neither
shows a traceback.

The commands run as real processes whose output goes into a real pipe that the test
reads one byte (or one line) of and then closes, as `head` does. The pipe is made as small
as Linux allows (4096 bytes) and the reports are longer than that, so the command is
always still writing when the pipe closes: the race that `head` loses or wins depending
on timing is lost every time.
"""

from __future__ import annotations

import fcntl
import importlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli.output import Report
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument

cli_main = importlib.import_module("annotator.cli.main")

ROOT = Path(__file__).resolve().parent.parent
PIPE_BYTES = 4096
RUNS = 3


def run_into_closed_pipe(
    argv: list[str], *, unbuffered: bool, stderr_too: bool, first_line: bool = False
) -> tuple[int, bytes, str]:
    """Run `annotator ARGV` with its output into a pipe closed after one byte (or line).

    Returns the exit status, what was read, and standard error (empty when `stderr_too`
    sends it into the pipe as well, like `2>&1`)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    read_end, write_end = os.pipe()
    fcntl.fcntl(read_end, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    process = subprocess.Popen(
        [sys.executable, "-m", "annotator", *argv],
        stdin=subprocess.DEVNULL,
        stdout=write_end,
        stderr=write_end if stderr_too else subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )
    os.close(write_end)
    read = os.read(read_end, 1)
    while first_line and read and not read.endswith(b"\n"):
        more = os.read(read_end, 1)
        if not more:
            break
        read += more
    os.close(read_end)
    _, err = process.communicate(timeout=120)
    return process.returncode, read, (err or b"").decode("utf-8", "replace")


def stored(db: Path) -> tuple[int, int]:
    """(documents, spans) in the project."""
    with Store.open(db) as store:
        stats = store.stats()
    return stats["documents"], stats["spans"]


def assert_no_traceback(err: str) -> None:
    for sign in ("Traceback", "Exception ignored", "BrokenPipeError"):
        assert sign not in err, err


@pytest.fixture
def rejected_lines(tmp_path: Path) -> Path:
    """One accepted line and 200 rejected ones: a long report of skipped lines."""
    accepted = {
        "text": "قال بوتين في موسكو",
        "spans": [{"start": 4, "end": 9, "label": "PERSON"}],
        "answer": "accept",
    }
    lines = [accepted] + [{"text": f"خبر مرفوض رقم {i}", "answer": "reject"} for i in range(200)]
    path = tmp_path / "x.jsonl"
    path.write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_import_to_a_closed_pipe_is_stored(tmp_path: Path, rejected_lines: Path, unbuffered):
    # annotator import x.jsonl 2>&1 | head -n1
    for run in range(RUNS):
        db = tmp_path / f"p{run}.db"
        status, read, _ = run_into_closed_pipe(
            ["--db", str(db), "import", str(rejected_lines)],
            unbuffered=unbuffered,
            stderr_too=True,
            first_line=True,
        )
        assert stored(db) == (1, 1), read
        assert status == 0, read  # the import is stored: only its report was cut short


@pytest.fixture
def mona_files(tmp_path: Path) -> list[Path]:
    """200 small CoNLL files, one news item each: a report of about 30 KB."""
    folder = tmp_path / "mona"
    folder.mkdir()
    paths = []
    for i in range(200):
        path = folder / f"mona_{i:03}.conll"
        path.write_text(f"الخبر O\nرقم O\n{i} O\nمن O\nموسكو B-GPE\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_import_conll_to_a_closed_pipe_is_stored(tmp_path: Path, mona_files, unbuffered):
    # annotator import-conll mona/*.conll | head -c1
    for run in range(RUNS):
        db = tmp_path / f"p{run}.db"
        status, read, err = run_into_closed_pipe(
            ["--db", str(db), "import-conll", "--annotator", "mona", *map(str, mona_files)],
            unbuffered=unbuffered,
            stderr_too=False,
        )
        assert stored(db) == (200, 200), err
        assert status == 0, err
        assert read  # the report began
        assert_no_traceback(err)


@pytest.fixture
def big_project(tmp_path: Path) -> Path:
    """200 annotated documents: an export of about 200 KB."""
    db = tmp_path / "big.db"
    with Store.open(db) as store:
        texts = [f"قال بوتين في موسكو اليوم، في الخبر رقم {i}" for i in range(200)]
        ids = store.documents.add_many([NewDocument(t, f"خبر {i}") for i, t in enumerate(texts)])
        ali = store.ensure_annotator("ali").id
        for doc_id in ids.ids:
            store.annotations.add_span(doc_id, ali, "PERSON", 4, 9)
    return db


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("command", [["export"], ["export-conll", "-o", "-"]])
def test_export_to_a_closed_pipe_fails_quietly(big_project: Path, command, unbuffered):
    # annotator export | head -c1: the export was not delivered, so it is not a success
    for _ in range(RUNS):
        status, read, err = run_into_closed_pipe(
            ["--db", str(big_project), *command], unbuffered=unbuffered, stderr_too=False
        )
        assert read
        assert status != 0, err
        assert err == ""  # quiet, like any program whose reader went away


class ClosedPipe(io.StringIO):
    """A stream whose reader has gone away."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_report_cut_short_still_reaches_the_other_stream(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    monkeypatch.setattr(sys, "stderr", err)
    report = Report()
    report.out("stored: 1 document")
    report.err("skipped: line 2")
    report.out("labels created: X")
    report.err("skipped: line 3")
    report.print()
    assert err.getvalue() == "skipped: line 2\nskipped: line 3\n"


def test_help_into_a_closed_pipe_exits_1_without_a_traceback(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert cli_main.main(["--help"]) == 1
    assert capsys.readouterr().err == ""
