"""Where the bundled seeds and resources are, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def resource_dir(name: str) -> Path:
    """The folder `name` ("seeds" or "resources"): packaged copy first, then the checkout."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from this installation")


def default_scheme_path() -> Path:
    """The label scheme a new project starts with."""
    return resource_dir("resources") / "labels.json"


def seed_files() -> list[Path]:
    """The demo articles, in name order."""
    return sorted(resource_dir("seeds").glob("*.txt"))
