"""The project's guidelines document: stored from a file, read back, bad files refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import InputError
from annotator.core.guidelines import guidelines, store_guidelines_file
from annotator.core.store import Store

GUIDE = "# إرشادات\r\n\r\nوسم **الأشخاص** بأسمائهم الكاملة.\r\n<b>x</b>\r\n"


def test_stored_file_reads_back_with_lf_lines(store: Store, tmp_path: Path):
    path = tmp_path / "guide.md"
    path.write_bytes(b"\xef\xbb\xbf" + GUIDE.encode("utf-8"))
    store_guidelines_file(store, path)
    assert guidelines(store) == GUIDE.replace("\r\n", "\n")


def test_bad_file_names_file_and_line_and_changes_nothing(store: Store, tmp_path: Path):
    store_guidelines_file(store, _write(tmp_path / "ok.md", "old"))
    bad = tmp_path / "bad.md"
    bad.write_bytes("سطر\nسطر\n".encode() + b"\xff\n")
    with pytest.raises(InputError, match=r"bad\.md, line 3: not valid UTF-8"):
        store_guidelines_file(store, bad)
    with pytest.raises(InputError, match="no such file"):
        store_guidelines_file(store, tmp_path / "missing.md")
    with pytest.raises(InputError, match="not a regular file"):
        store_guidelines_file(store, tmp_path)
    assert guidelines(store) == "old"


def test_cli_stores_prints_and_removes(tmp_path: Path, capsys):
    db = str(tmp_path / "p.db")
    path = _write(tmp_path / "guide.md", GUIDE)
    assert main(["--db", db, "guidelines", str(path)]) == 0
    assert "guidelines stored" in capsys.readouterr().out
    assert main(["--db", db, "guidelines"]) == 0
    assert capsys.readouterr().out == GUIDE.replace("\r\n", "\n")
    assert main(["--db", db, "guidelines", str(tmp_path / "nope.md")]) == 1
    assert "nope.md: no such file" in capsys.readouterr().err
    assert main(["--db", db, "guidelines", "--remove"]) == 0
    with Store.open(db) as store:
        assert guidelines(store) == ""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
