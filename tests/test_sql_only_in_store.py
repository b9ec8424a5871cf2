"""House rule: only the store talks SQL. import-linter keeps `sqlite3`/`sqlite_utils`
imports inside `annotator/core/store` (see pyproject.toml); this test catches what an
import check cannot: SQL run through a connection or a `Store.db` handed elsewhere."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "annotator"
STORE = PACKAGE / "core" / "store"
SQL_CALLS = {"execute", "executemany", "executescript", "query"}


def sql_calls(path: Path) -> list[str]:
    """Calls such as `x.execute(...)` in a source file, as "file:line name"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SQL_CALLS
        ):
            found.append(f"{path.name}:{node.lineno} {node.func.attr}")
    return found


def test_no_sql_outside_the_store():
    outside = [
        f"{path.parent.relative_to(ROOT)}/{call}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if STORE not in path.parents
        for call in sql_calls(path)
    ]
    assert outside == []


def test_the_check_sees_sql(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f(store):\n    return store.db.execute('SELECT 1').fetchone()\n")
    assert sql_calls(sample) == ["sample.py:2 execute"]
