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
