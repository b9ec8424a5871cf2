"""`atomic_write`: the target holds its old content or the whole new one, whatever stops
the writing, and no temporary file is left behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from annotator.core.files import atomic_write as module
from annotator.core.files.atomic_write import OutputError, atomic_write


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_text_with_lf_lines_and_the_usual_permissions(tmp_path: Path):
    target = tmp_path / "out.jsonl"
    old_umask = os.umask(0o022)
    try:
        with atomic_write(target) as out:
            out.write("سطر\nline\n")
    finally:
        os.umask(old_umask)
    assert target.read_bytes() == "سطر\nline\n".encode()
    assert target.stat().st_mode & 0o777 == 0o644
    assert names(tmp_path) == ["out.jsonl"]


def test_binary(tmp_path: Path):
    target = tmp_path / "icon.svg"
    with atomic_write(target, binary=True) as out:
        out.write(b"<svg/>")
    assert target.read_bytes() == b"<svg/>"


@pytest.mark.parametrize("stop", [KeyboardInterrupt, ValueError, SystemExit])
def test_anything_that_stops_the_writing_keeps_the_old_file(tmp_path: Path, stop):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(stop), atomic_write(target) as out:
        out.write("new, half written\n" * 10_000)
        raise stop()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert names(tmp_path) == ["out.jsonl"]


def test_a_write_error_names_the_target(tmp_path: Path, monkeypatch):
    target = tmp_path / "out.jsonl"

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(module.os, "fsync", full)
    with pytest.raises(OutputError) as info, atomic_write(target) as out:
        out.write("x")
    assert str(info.value) == f"{target}: cannot write (No space left on device)"
    assert names(tmp_path) == []


def test_a_folder_or_a_missing_folder_is_refused_before_anything_is_made(tmp_path: Path):
    with pytest.raises(OutputError, match="is a folder; give a file name"):
        atomic_write(tmp_path).__enter__()
    missing = tmp_path / "no" / "out.jsonl"
    with pytest.raises(OutputError, match=f"no folder {tmp_path / 'no'}"):
        atomic_write(missing).__enter__()
    assert names(tmp_path) == []


def test_two_writers_of_one_target_do_not_share_a_temporary_file(tmp_path: Path):
    target = tmp_path / "out.jsonl"
    with atomic_write(target) as first, atomic_write(target) as second:
        first.write("first\n")
        second.write("second\n")
    assert target.read_text(encoding="utf-8") == "first\n"
    assert names(tmp_path) == ["out.jsonl"]
