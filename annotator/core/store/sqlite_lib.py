"""The one import of sqlite-utils, without the modules it loads only for its own uses.

sqlite-utils imports pandas and numpy when they are installed, only to type their values,
which the store never hands it; that costs ~0.3 s and, with pyarrow, ~100 MB on every
start. Both are hidden while it loads; later imports of them work as usual. Its date
parser (dateutil's, for its `parsedate` recipes, which the store never calls) loads on
first use instead of at start.
"""

import importlib
import sys
from types import ModuleType
from typing import Any


class _OnFirstUse(ModuleType):
    """Stands for submodule `name` of an imported package until one of its attributes
    is read, then imports it (so `from package import name` costs nothing until used)."""

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self.__name__), attribute)


def _on_first_use(package: str, name: str) -> None:
    if f"{package}.{name}" in sys.modules:
        return
    try:
        parent = importlib.import_module(package)
    except ImportError:
        return
    if name not in vars(parent):  # not hasattr: a package may import it on asking
        setattr(parent, name, _OnFirstUse(f"{package}.{name}"))


_hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
for _name in _hidden:
    sys.modules[_name] = None  # type: ignore[assignment]  # `import` raises ImportError
try:
    _on_first_use("dateutil", "parser")
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations
finally:
    for _name in _hidden:
        del sys.modules[_name]

__all__ = ["Database", "Migrations"]
