"""The project file: the one package that talks SQL. `Store` is its front door."""

import sys


def _import_sqlite_utils_without_pandas() -> None:
    """sqlite-utils imports pandas and numpy when they are installed, only to type their
    values, which the store never hands it; that costs ~0.3 s and, with pyarrow, ~100 MB
    on every start. Hide both while it loads; later imports of them work as usual."""
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # `import` raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


_import_sqlite_utils_without_pandas()

from annotator.core.store.project_store import Store  # noqa: E402

__all__ = ["Store"]
