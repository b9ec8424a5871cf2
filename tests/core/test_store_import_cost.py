"""Opening the store does not load pandas or numpy (sqlite-utils would, where installed)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
from annotator.core.store import Store
heavy = [name for name in ("pandas", "numpy", "pyarrow") if name in sys.modules]
import numpy  # still importable afterwards, for whoever needs it (spaCy does)
print(json.dumps({"heavy": heavy, "numpy": numpy.__name__}))
"""


@pytest.mark.skipif(
    importlib.util.find_spec("pandas") is None, reason="pandas is not installed here"
)
def test_the_store_loads_without_pandas_or_numpy():
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    result = json.loads(done.stdout)
    assert result == {"heavy": [], "numpy": "numpy"}


OPEN_PROBE = """
import json, sys
from annotator.core.project import open_project
from sqlite_utils import plugins
store = open_project(sys.argv[1])
store.close()
print(json.dumps({
    "date_parser": "dateutil.parser._parser" in sys.modules,
    "plugins_looked_for": plugins._plugins_loaded,
}))
"""


def test_opening_a_project_loads_no_date_parser_and_looks_for_no_plugins(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", OPEN_PROBE, str(tmp_path / "p.db")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(done.stdout) == {"date_parser": False, "plugins_looked_for": False}


def test_the_date_parser_still_works_when_used():
    from sqlite_utils import recipes

    import annotator.core.store.sqlite_lib  # noqa: F401

    assert recipes.parsedate("5 March 2024") == "2024-03-05"
    assert recipes.parsedatetime("2024-03-05 10:00") == "2024-03-05T10:00:00"
