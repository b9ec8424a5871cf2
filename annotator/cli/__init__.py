"""The `annotator` command. Each command group lives in its own module and registers
itself through `register(commands)`, returning its handlers by command name."""

from annotator.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
