"""PySide6 6.12.0 aborts CPython 3.11 after ~1000 void Qt calls (GUIDE.md section 1)."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = """
from PySide6.QtGui import QGuiApplication, QTextDocument
app = QGuiApplication([])
doc = QTextDocument()
for i in range(100_000):
    doc.setModified(i % 2 == 0)
print("ok")
"""


def test_100k_void_calls_do_not_abort_the_interpreter():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
