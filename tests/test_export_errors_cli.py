"""`annotator export` and `export-conll` when the output cannot be written or the filters
name nobody: one line, exit 1, no file left behind (no `.part` either), an existing
output untouched. A full disk is tested for real on a 16 KB tmpfs when mounting is
permitted, and simulated (fsync failing with ENOSPC) everywhere.
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.formats.import_text import import_text_files
from annotator.core.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EXPORTS = [["export"], ["export-conll"]]
IDS = ["jsonl", "conll"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """The seeds with a PERSON span per article in Sara's layer (60 KB and more exported)."""
    path = tmp_path_factory.mktemp("project") / "p.db"
    with Store.open(path) as store:
        import_text_files(store, [SEEDS])
        sara = store.ensure_annotator("sara").id
        for doc in store.documents.ids():
            text = store.documents.text(doc)
            start = text.index("بوتين")
            store.annotations.add_span(doc, sara, "PERSON", start, start + 5)
    return path


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def atomic_os():
    """The `os` module as the one atomic writer sees it (patched to fail or to record)."""
    return importlib.import_module("annotator.core.files.atomic_write").os


def listing(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def failed(capsys, db: Path, command: list[str], *args: str) -> str:
    status = main(["--db", str(db), *command, *args])
    stdout, err = capsys.readouterr()
    assert status == 1, err
    assert stdout == ""
    assert "Traceback" not in err and err.count("\n") == 1, err
    return err.rstrip("\n")


@pytest.mark.parametrize("command", EXPORTS, ids=IDS)
def test_export_into_a_missing_folder(capsys, db: Path, out: Path, command):
    target = out / "missing" / "x.out"
    assert failed(capsys, db, command, "-o", str(target)) == (
        f"annotator: error: {target}: cannot write (no folder {target.parent})"
    )
    assert listing(out) == {}


@pytest.mark.parametrize("command", EXPORTS, ids=IDS)
def test_export_onto_a_folder(capsys, db: Path, out: Path, command):
    folder = out / "d"
    folder.mkdir()
    (folder / "kept.txt").write_text("x", encoding="utf-8")
    before = listing(out)
    assert failed(capsys, db, command, "-o", str(folder)) == (
        f"annotator: error: {folder}: is a folder; give a file name"
    )
    assert listing(out) == before


@pytest.mark.parametrize("command", EXPORTS, ids=IDS)
@pytest.mark.parametrize(
    ("filters", "problem"),
    [
        (["--annotator", "nobody"], "no annotator called 'nobody'"),
        (
            ["--annotator", "sara", "--annotator", "x", "--annotator", "y"],
            "no annotator called 'x', 'y'",
        ),
        (["--label", "NOPE"], "no label called 'NOPE'"),
    ],
    ids=["annotator", "two-annotators", "label"],
)
@pytest.mark.parametrize("to", ["file", "stdout"])
def test_unknown_filters_are_refused_before_any_file(
    capsys, db, out, command, filters, problem, to
):
    target = "-" if to == "stdout" else str(out / "x.out")
    assert failed(capsys, db, command, *filters, "-o", target) == f"annotator: error: {problem}"
    assert listing(out) == {}


@pytest.mark.parametrize("command", EXPORTS, ids=IDS)
def test_a_failing_fsync_keeps_the_old_file_and_leaves_no_part(
    capsys, db, out, command, monkeypatch
):
    target = out / "x.out"
    target.write_text("the previous export\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic_os(), "fsync", full)
    assert failed(capsys, db, command, "-o", str(target)) == (
        f"annotator: error: {target}: cannot write (No space left on device)"
    )
    assert listing(out) == {"x.out": b"the previous export\n"}


@pytest.fixture
def tiny(tmp_path: Path):
    """A 16 KB tmpfs, or a skip where mounting is not permitted."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.parametrize("command", EXPORTS, ids=IDS)
def test_a_full_disk_for_real(capsys, db: Path, tiny: Path, command):
    target = tiny / "x.out"
    target.write_text("the previous export\n", encoding="utf-8")
    assert failed(capsys, db, command, "-o", str(target)) == (
        f"annotator: error: {target}: cannot write (No space left on device)"
    )
    assert listing(tiny) == {"x.out": b"the previous export\n"}


@pytest.mark.parametrize("command", EXPORTS, ids=IDS)
def test_export_syncs_the_file_before_renaming_it(capsys, db, out, command, monkeypatch):
    events: list[str] = []
    target = out / "x.out"
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync folder" if Path(f"/proc/self/fd/{fd}").resolve() == out else "fsync")
        real_fsync(fd)

    def replace(src, dst) -> None:
        events.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(atomic_os(), "fsync", fsync)
    monkeypatch.setattr(atomic_os(), "replace", replace)
    assert main(["--db", str(db), *command, "-o", str(target)]) == 0
    assert events == ["fsync", "rename", "fsync folder"]
    assert list(listing(out)) == ["x.out"]
    if command == ["export"]:
        lines = target.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 5 and json.loads(lines[0])["spans"][0]["text"] == "بوتين"
