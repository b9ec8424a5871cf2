"""Opening the files a user gives us: regular files only, never blocking, never too large.

Reading a FIFO blocks until someone writes to it (an import that hangs forever), and a
device such as /dev/zero never ends (MemoryError). So a path is checked with `os.stat`
before it is opened, opened with O_NONBLOCK (opening a FIFO for reading would block),
and checked again on the open descriptor, in case it was swapped meanwhile.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from annotator.core.errors import InputError

MAX_INPUT_MB = 50
# The most one article file, one scheme file or one JSONL/CoNLL line may hold.
MAX_INPUT_BYTES = MAX_INPUT_MB * 1024 * 1024

NOT_REGULAR = "not a regular file"
MISSING = "no such file or folder"
TOO_LARGE = f"larger than {MAX_INPUT_MB} MB, the most one file may be"
LINE_TOO_LONG = f"longer than {MAX_INPUT_MB} MB, the most one line may be"


def file_problem(path: str | Path) -> str | None:
    """None if `path` (symbolic links followed) is a regular file, else what it is instead."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return MISSING
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc})"
    return None if stat.S_ISREG(mode) else NOT_REGULAR


def open_input(path: str | Path) -> BinaryIO:
    """Open a regular file for reading in binary; InputError for anything else."""
    name = str(path)
    problem = file_problem(path)
    if problem is not None:
        raise InputError(name, problem)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(name, MISSING) from None
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(name, NOT_REGULAR)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_input(path: str | Path) -> bytes:
    """The bytes of a regular file of at most MAX_INPUT_BYTES; InputError otherwise."""
    with open_input(path) as handle:
        try:
            data = handle.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(str(path), TOO_LARGE)
    return data


def read_lines(handle: BinaryIO, path: str | Path) -> Iterator[tuple[int, bytes]]:
    """(number, bytes with line end) of every line; one over MAX_INPUT_BYTES is an error."""
    number = 0
    while line := handle.readline(MAX_INPUT_BYTES + 1):
        number += 1
        if len(line) > MAX_INPUT_BYTES:
            raise InputError(str(path), LINE_TOO_LONG, number)
        yield number, line
