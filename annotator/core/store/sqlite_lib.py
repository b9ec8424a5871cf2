"""The one import of sqlite-utils, without the pandas and numpy it would load.

sqlite-utils imports pandas and numpy when they are installed, only to type their values,
which the store never hands it; that costs ~0.3 s and, with pyarrow, ~100 MB on every
start. Both are hidden while it loads; later imports of them work as usual.
"""

import sys

_hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
for _name in _hidden:
    sys.modules[_name] = None  # type: ignore[assignment]  # `import` raises ImportError
try:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations
finally:
    for _name in _hidden:
        del sys.modules[_name]

__all__ = ["Database", "Migrations"]
