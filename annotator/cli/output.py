"""Command output when the reader may have gone away (`annotator … | head -c1`).

A command that writes builds its report while it works and prints it only after its
commit (`Report`): a pipe closed early then costs the report, never the data, and the
command still exits 0. Any other output that cannot be delivered (an export, stats) makes
the command exit 1 (`handle_closed_output`). Either way no traceback is shown, also not
when Python flushes its streams at exit: a stream whose reader left is pointed at
/dev/null.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable
from typing import TextIO

# What a command whose output was not delivered exits with.
CLOSED_OUTPUT_STATUS = 1


def silence(stream: TextIO) -> None:
    """Send what is still to come on `stream` (a closed pipe) to /dev/null, so that no
    later write or Python's flush at exit raises BrokenPipeError again."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (captured in tests)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def echo(args: argparse.Namespace, text: str) -> None:
    """Print a line that may hold Arabic, reshaped when --visual was given."""
    if args.visual:  # reshaping loads arabic-reshaper and python-bidi: only when asked
        from annotator.core.text.visual import terminal_text

        text = terminal_text(text, True)
    print(text)


class Report:
    """The lines a writing command will print: collected while it works, printed after
    its commit with `print()`."""

    def __init__(self) -> None:
        self._lines: list[tuple[bool, str]] = []  # (to standard error?, text)

    def out(self, text: str) -> None:
        """A line for standard output."""
        self._lines.append((False, text))

    def err(self, text: str) -> None:
        """A line for standard error (warnings, skipped input)."""
        self._lines.append((True, text))

    def print(self) -> None:
        """Print the lines, in order. A stream whose reader went away loses the rest of its
        lines (the other stream still gets its own): the data is stored, so that is no error."""
        for to_err, text in self._lines:
            stream = sys.stderr if to_err else sys.stdout
            try:
                print(text, file=stream, flush=True)
            except BrokenPipeError:
                silence(stream)


def handle_closed_output(main: Callable[..., int]) -> Callable[..., int]:
    """Wrap the command line's `main`: output that cannot be delivered because the reader
    closed the pipe ends the command with exit status 1 and no traceback."""

    @functools.wraps(main)
    def run(*args, **kwargs) -> int:
        try:
            try:
                status = main(*args, **kwargs)
            except SystemExit:  # argparse after --help or a usage error
                sys.stdout.flush()
                raise
            sys.stdout.flush()  # what is still buffered counts as output too
            return status
        except BrokenPipeError:
            silence(sys.stdout)
            silence(sys.stderr)
            return CLOSED_OUTPUT_STATUS

    return run
