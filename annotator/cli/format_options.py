"""Each format's own settings as command-line options, made from the format table so the
command line and the window offer the same ones."""

from __future__ import annotations

import argparse
from typing import Any

from annotator.core.formats.registry import Format, check_options, formats


def add_format_options(parser: argparse.ArgumentParser, direction: str) -> None:
    """Add every format's `direction` ("import"/"export") settings, saying which
    formats take each."""
    seen: dict[str, list[str]] = {}
    options = {}
    for fmt in formats():
        for option in fmt.options:
            if option.direction == direction:
                seen.setdefault(option.dest, []).append(fmt.name)
                options.setdefault(option.dest, option)
    group = parser.add_argument_group(f"format settings ({direction})")
    for dest, option in options.items():
        where = f" [{', '.join(seen[dest])}]"
        if option.kind == "flag":
            group.add_argument(
                option.flag, dest=dest, action="store_true", default=None, help=option.help + where
            )
        else:
            group.add_argument(
                option.flag,
                dest=dest,
                default=None,
                choices=option.choices,
                type=int if option.kind == "int" else str,
                help=option.help + where,
            )


def given_options(args: argparse.Namespace, direction: str) -> dict[str, Any]:
    """The format settings of `direction` given on the command line, by `dest`."""
    return {
        option.dest: getattr(args, option.dest)
        for f in formats()
        for option in f.options
        if option.direction == direction and getattr(args, option.dest, None) is not None
    }


def chosen_options(args: argparse.Namespace, fmt: Format, direction: str) -> dict[str, Any]:
    """The settings given on the command line, checked against `fmt` (a setting another
    format takes is a ValidationError), with this format's defaults for the rest."""
    given = given_options(args, direction)
    check_options(fmt, direction, given)
    defaults = {o.dest: o.default for o in fmt.options if o.direction == direction}
    return {**defaults, **given}
