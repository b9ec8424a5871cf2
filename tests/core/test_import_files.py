"""An import reads and validates without holding the project's write lock, then stores
everything in one short transaction: other writers are never kept waiting for the
length of an import, and an import is still all or nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.import_files import import_files
from annotator.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
TEXT = "قال بوتين إن موسكو مستعدة للحوار"


def _line(text: str, who: str = "sara", status: str = "in_progress") -> str:
    spans = [{"start": 4, "end": 9, "label": "PERSON"}, {"start": 13, "end": 18, "label": "GPE"}]
    return json.dumps(
        {"text": text, "spans": spans, "_annotator_id": who, "meta": {"status": status}},
        ensure_ascii=False,
    )


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _other_writer(db: Path) -> sqlite3.Connection:
    """Another program's connection that gives up after 0.2 s of waiting for the lock."""
    return sqlite3.connect(db, timeout=0.2, isolation_level=None)


def test_other_writers_go_on_while_an_import_reads(store: Store, tmp_path: Path):
    source = _jsonl(tmp_path / "a.jsonl", [_line(f"{TEXT} {n}") for n in range(6)])
    other = _other_writer(store.path)
    wrote = []

    def progress(done: int, total: int) -> bool:
        # half-way through reading the file, another program writes to the project
        if done == 3:
            other.execute("BEGIN IMMEDIATE")
            other.execute("INSERT INTO settings (key, value) VALUES ('other', 'x')")
            other.execute("COMMIT")
            wrote.append(done)
        return True

    result = import_files(store, [ROOT / "seeds", source], progress=progress)
    other.close()
    assert wrote == [3]
    assert store.setting("other") == "x"
    assert (result.documents_added, result.spans_added) == (11, 12)
    assert len(result.ids) == 5 and store.documents.count() == 11


def test_an_error_in_the_last_file_stores_nothing_of_the_others(store: Store, tmp_path: Path):
    good = _jsonl(tmp_path / "good.jsonl", [_line(TEXT)])
    bad = _jsonl(tmp_path / "bad.jsonl", [_line(TEXT + " ثانية"), '{"text": "x", "spans": 5}'])
    with pytest.raises(InputError, match=r"bad\.jsonl, line 2"):
        import_files(store, [ROOT / "seeds", good, bad])
    assert store.documents.count() == 0
    assert store.stats()["spans"] == 0
    assert [a.name for a in store.annotators()] == []


def test_counts_are_what_the_project_gained(store: Store, tmp_path: Path):
    first = import_files(store, [ROOT / "seeds"])
    assert (first.documents_added, first.documents_existing) == (5, 0)
    again = import_files(store, [ROOT / "seeds"])
    assert (again.documents_added, again.documents_existing) == (0, 5)
    assert again.ids == first.ids  # the ids the project gave them the first time
    source = _jsonl(tmp_path / "a.jsonl", [_line(TEXT)])
    assert import_files(store, [source]).spans_added == 2
    repeat = import_files(store, [source])
    assert (repeat.documents_added, repeat.spans_added) == (0, 0)  # nothing doubled


def test_an_import_never_takes_a_document_back_from_done(store: Store, tmp_path: Path):
    import_files(store, [_jsonl(tmp_path / "done.jsonl", [_line(TEXT, status="done")])])
    doc = store.documents.ids()[0]
    sara = store.annotator_by_name("sara").id
    assert store.annotations.status(doc, sara) == "done"
    import_files(store, [_jsonl(tmp_path / "later.jsonl", [_line(TEXT, status="in_progress")])])
    assert store.annotations.status(doc, sara) == "done"


def test_labels_created_by_an_import_arrive_with_it(store: Store, tmp_path: Path):
    line = json.dumps(
        {"text": TEXT, "spans": [{"start": 4, "end": 9, "label": "WEAPON"}]}, ensure_ascii=False
    )
    result = import_files(store, [_jsonl(tmp_path / "w.jsonl", [line])], create_labels=True)
    assert result.labels_created == ["WEAPON"]
    assert "WEAPON" in store.labels.names()
    assert store.stats()["spans_per_label"] == {"WEAPON": 1}


def test_a_staging_folder_left_by_a_killed_import_is_swept_a_day_later(
    store: Store, tmp_path: Path
):
    fresh = tmp_path / f".{store.path.name}.staging-fresh"
    stale = tmp_path / f".{store.path.name}.staging-stale"
    for folder in (fresh, stale):
        folder.mkdir()
        (folder / "staging.db").write_bytes(b"x")
    day_ago = time.time() - 25 * 3600
    os.utime(stale, (day_ago, day_ago))
    import_files(store, [ROOT / "seeds"])
    assert fresh.exists() and not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if "staging" in p.name) == [fresh.name]
