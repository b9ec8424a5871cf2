"""Files that are not articles, given to `annotator import`: FIFOs, devices, files too
large, annotation formats we cannot read yet. One line naming the file, exit 1 and the
project unchanged; in a folder such files are skipped and each skip is reported.

FIFOs and devices are given to `annotator` in a subprocess with a timeout and a memory
limit: they used to hang forever or read until memory ran out.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.formats.input_kinds import NOT_AN_ARTICLE
from annotator.core.store import Store

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "عنوان الخبر\nقال الرئيس إن المحادثات ستستمر.\n"
MB = 1024 * 1024


def snapshot(db: Path) -> list:
    """Every row of every table, read without writing anything."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        # sorted in Python: the search index's own tables have no rowid
        return [(t, sorted(con.execute(f'SELECT * FROM "{t}"'), key=repr)) for t in tables]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "project" / "p.db"
    path.parent.mkdir()
    with Store.open(path):
        pass
    return path


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


def documents(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]


def _limit_memory() -> None:  # a regression reading /dev/zero must not exhaust the machine
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def run_process(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(db), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=20,
        preexec_fn=_limit_memory,
    )


def refused(capsys, db: Path, *argv: str, command: list[str] | None = None) -> str:
    """Run `annotator import …` (or `command`) in this process; it must fail with one line."""
    before = snapshot(db)
    status = main(["--db", str(db), *(command or ["import"]), *argv])
    out, err = capsys.readouterr()
    assert status == 1, (out, err)
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert snapshot(db) == before, "a refused file changed the project"
    return err.rstrip("\n")


# -- FIFOs and devices -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["import"], "pipe.txt"),
        (["import"], "pipe.jsonl"),
        (["import"], "pipe.json"),
        (["import-conll"], "pipe.conll"),
        (["labels", "import"], "scheme.json"),
    ],
)
def test_a_fifo_named_directly_is_not_a_regular_file(db: Path, work: Path, command, name):
    fifo = work / name
    os.mkfifo(fifo)
    before = snapshot(db)
    result = run_process(db, *command, str(fifo))
    assert result.returncode == 1
    assert result.stderr == f"annotator: error: {fifo}: not a regular file\n"
    assert snapshot(db) == before


def test_a_fifo_inside_a_folder_is_skipped_and_reported(db: Path, work: Path):
    (work / "article.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(work / "pipe.txt")
    (work / "sub").mkdir()
    os.mkfifo(work / "sub" / "z.txt")
    result = run_process(db, "import", str(work))
    assert result.returncode == 0, result.stderr
    assert "articles: 1 added" in result.stdout
    assert result.stderr.splitlines() == [
        f"skipped: {work / 'pipe.txt'}: not a regular file",
        f"skipped: {work / 'sub' / 'z.txt'}: not a regular file",
    ]
    assert documents(db) == 1


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
@pytest.mark.parametrize("command", [["import"], ["import-conll"], ["labels", "import"]])
def test_a_device_is_not_a_regular_file(db: Path, device: str, command):
    if not os.path.exists(device):
        pytest.skip(f"{device} is missing here")
    before = snapshot(db)
    result = run_process(db, *command, device)
    assert result.returncode == 1
    assert result.stderr == f"annotator: error: {device}: not a regular file\n"
    assert snapshot(db) == before


def test_a_missing_file_is_still_no_such_file(capsys, db: Path, work: Path):
    missing = work / "nowhere.txt"
    assert refused(capsys, db, str(missing)) == (
        f"annotator: error: {missing}: no such file or folder"
    )


# -- sizes -----------------------------------------------------------------------------------


def test_an_article_over_50_mb_is_refused(capsys, db: Path, work: Path):
    big = work / "big.txt"
    with big.open("wb") as handle:  # sparse: no 50 MB written to disk
        handle.truncate(50 * MB + 1)
    assert refused(capsys, db, str(big)) == (
        f"annotator: error: {big}: larger than 50 MB, the most one file may be"
    )


def test_an_article_of_50_mb_or_less_gets_past_the_size_check(capsys, db: Path, work: Path):
    big = work / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * MB)
    # read whole, then refused for what it holds (NUL bytes), not for its size
    assert refused(capsys, db, str(big)) == (
        f"annotator: error: {big}, line 1: contains NUL bytes: not a text file"
    )


def test_a_scheme_over_50_mb_is_refused(capsys, db: Path, work: Path):
    big = work / "scheme.json"
    with big.open("wb") as handle:
        handle.write(b'{"labels": []}')
        handle.truncate(50 * MB + 1)
    assert refused(capsys, db, str(big), command=["labels", "import"]) == (
        f"annotator: error: {big}: larger than 50 MB, the most one file may be"
    )


def test_a_jsonl_line_over_50_mb_is_refused(capsys, db: Path, work: Path):
    path = work / "long.jsonl"
    with path.open("wb") as handle:
        handle.write(json.dumps({"text": "سطر"}).encode() + b"\n")
        handle.truncate(handle.tell() + 50 * MB + 1)
    assert refused(capsys, db, str(path)) == (
        f"annotator: error: {path}, line 2: longer than 50 MB, the most one line may be"
    )


# -- formats we do not read as articles ------------------------------------------------------

REFUSED = [
    # a JSON array of objects that are neither Label Studio tasks nor doccano records
    (
        "ls2.json",
        '\ufeff\n  [\n {"id": 1}\n]\n',
        "cannot tell the format of ls2.json; use --format",
    ),
    ("notes.md", ARTICLE, "cannot tell the format of notes.md; use --format"),
    ("article", ARTICLE, "cannot tell the format of article; use --format"),
    ("a.xml", "<x/>", "cannot tell the format of a.xml; use --format"),
]


@pytest.mark.parametrize(("name", "content", "problem"), REFUSED, ids=[r[0] for r in REFUSED])
def test_other_formats_are_refused_by_name(capsys, db, work, name, content, problem):
    path = work / name
    path.write_text(content, encoding="utf-8")
    good = work / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    assert refused(capsys, db, str(good), str(path)) == f"annotator: error: {path}: {problem}"


def test_a_json_file_of_lines_is_still_read_as_jsonl(capsys, db: Path, work: Path):
    path = work / "doccano.json"
    path.write_text(json.dumps({"text": "قال بوتين", "label": [[4, 9, "PERSON"]]}) + "\n", "utf-8")
    assert main(["--db", str(db), "import", str(path)]) == 0, capsys.readouterr().err
    assert documents(db) == 1


def test_a_folder_skips_what_is_not_an_article_and_says_so(capsys, db: Path, work: Path):
    for name, content, _problem in REFUSED:
        (work / name).write_text(content, encoding="utf-8")
    (work / "x.jsonl").write_text(json.dumps({"text": "سطر"}) + "\n", encoding="utf-8")
    (work / "article.TXT").write_text(ARTICLE, encoding="utf-8")
    assert main(["--db", str(db), "import", str(work)]) == 0
    out, err = capsys.readouterr()
    assert "articles: 1 added" in out
    expected = {f"skipped: {work / name}: {NOT_AN_ARTICLE}" for name, _c, _p in REFUSED}
    named_only = "annotations ({}) are read only when named"
    expected.remove(f"skipped: {work / 'ls2.json'}: {NOT_AN_ARTICLE}")
    expected.add(f"skipped: {work / 'ls2.json'}: {named_only.format('label-studio, doccano')}")
    expected.add(f"skipped: {work / 'x.jsonl'}: {named_only.format('doccano, jsonl')}")
    assert set(err.splitlines()) == expected
    assert documents(db) == 1


# -- encodings that only look like Windows-1256 ----------------------------------------------


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("cp1252", "Die Straße führt über die Brücke. Größere Äpfel, Öl und Übung.\n"),
        ("koi8-r", "Президент России заявил, что переговоры продолжатся в пятницу.\n"),
        ("gb18030", "国家主席习近平在北京会见了俄罗斯总统普京。\n"),
    ],
)
def test_an_article_in_another_encoding_asks_for_encoding(capsys, db, work, codec, text):
    path = work / "article.txt"
    path.write_bytes(text.encode(codec))
    assert refused(capsys, db, str(path)) == (
        f"annotator: error: {path}: cannot tell its encoding (not UTF-8/UTF-16, and not "
        "Arabic Windows-1256); give it with --encoding"
    )
    assert main(["--db", str(db), "import", "--encoding", codec, str(path)]) == 0
    with Store.open(db) as store:
        (doc_id,) = store.documents.ids()
        assert store.documents.text(doc_id) == text
