"""CSV tables that a spreadsheet opens as data, never as formulas.

Excel, LibreOffice and Google Sheets run a cell that begins with = + - or @ as a formula
(`=HYPERLINK(…)` in a label or a document title becomes a live link), and some take a
leading TAB or CR the same way. As OWASP advises, such a text cell gets a leading
apostrophe: the spreadsheet shows the text, the apostrophe marks it as text. Numbers we
write as numbers (a negative kappa) are left alone. Every CSV file goes through here.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """`value` as a CSV cell: text that a spreadsheet would run gets a leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_rows(path: Path, rows: Iterable[dict[str, Any]]) -> Path:
    """Write dict rows (the first one's keys are the header) as a UTF-8 CSV file; an
    empty table is an empty file. Returns `path`."""
    rows = list(rows)
    with path.open("w", encoding="utf-8", newline="") as out:
        if rows:
            header = list(rows[0])
            writer = csv.writer(out)
            writer.writerow([spreadsheet_cell(name) for name in header])
            for row in rows:
                writer.writerow([spreadsheet_cell(row.get(name)) for name in header])
    return path
