"""The project file: the one package that talks SQL. `Store` is its front door.

`Store` is loaded on first use, so that a light module of this package (where the project
lives, backup file names) can be imported without SQLite and sqlite-utils.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.core.store.project_store import Store

__all__ = ["Store"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from annotator.core.store.project_store import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
