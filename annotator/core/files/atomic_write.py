"""Writing an output file whole or not at all.

`atomic_write` writes to a temporary file beside the target, flushes it to disk, renames
it over the target and flushes the folder, so after a crash, a full disk or Ctrl+C the
target holds either its old content or the complete new one. The temporary file is
removed on every error (a SIGKILL can still leave one, named `<target>.<random>.part`).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from annotator.core.errors import AnnotatorError


class OutputError(AnnotatorError):
    """An output file could not be written; the message names it. Nothing was changed."""


def check_target(path: str | Path) -> Path:
    """The target as a Path; OutputError if it is a folder or its folder is missing."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name")
    if not target.parent.is_dir():
        raise OutputError(f"{target}: cannot write (no folder {target.parent})")
    return target


@contextmanager
def atomic_write(
    path: str | Path, *, binary: bool = False, encoding: str = "utf-8", newline: str = "\n"
) -> Iterator[IO[Any]]:
    """Open a file to write `path` in full: text (UTF-8, LF lines) or `binary`.

    The target changes only when the `with` block ends without an error; an OSError on
    the way becomes an OutputError naming the target.
    """
    target = check_target(path)
    temporary = target.with_name(f"{target.name}.{secrets.token_hex(4)}.part")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    try:
        if binary:
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline=newline)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; some file systems cannot sync a folder, which is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def check_folder_target(path: str | Path) -> Path:
    """The target folder of an export as a Path: OutputError if it is a file, holds
    anything already, or its parent folder is missing."""
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: is a file; give a new folder name")
    if target.is_dir() and any(target.iterdir()):
        raise OutputError(f"{target}: folder is not empty; give a new or empty folder")
    if not target.parent.is_dir():
        raise OutputError(f"{target}: cannot write (no folder {target.parent})")
    return target


@contextmanager
def atomic_folder(path: str | Path) -> Iterator[Path]:
    """A temporary folder beside `path` to fill; it becomes `path` only when the `with`
    block ends without an error (`path` must be missing or empty), else it is removed."""
    import shutil

    target = check_folder_target(path)
    temporary = target.with_name(f"{target.name}.{secrets.token_hex(4)}.part")
    try:
        temporary.mkdir()
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    try:
        yield temporary
        # os.walk, not Path.rglob: rglob keeps every path it yielded in a set (a
        # folder of 200,000 files cost 140 MB)
        for here, _folders, files in os.walk(temporary):
            for name in files:
                with open(os.path.join(here, name), "rb+") as handle:
                    os.fsync(handle.fileno())
        if target.is_dir():
            target.rmdir()  # empty, checked above
        os.replace(temporary, target)
    except BaseException as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
        raise
    _sync_folder(target.parent)
