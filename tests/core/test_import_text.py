"""Article import: seeds, encodings, folders, errors that leave the project unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import Cancelled, InputError
from annotator.core.formats.import_text import import_text_files
from annotator.core.store import Store


def _snapshot(store: Store) -> tuple:
    return tuple(
        store.db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        for table in ("documents", "spans", "relations", "annotators", "labels")
    )


def test_seeds_import_with_titles_and_metadata(store: Store, seed_paths: list[Path]):
    report = import_text_files(store, seed_paths)
    assert report.added == 5 and report.existing == 0
    docs = list(store.documents.iter_all())
    for doc, path in zip(docs, seed_paths, strict=True):
        assert doc.meta["file"] == path.name
        assert doc.meta["encoding"] == "utf-8"
        assert doc.text == path.read_text(encoding="utf-8")  # seeds need no normalization
        assert doc.title and "\n" not in doc.title
    dated = next(d for d in docs if d.meta["file"].startswith("003_"))
    assert dated.published == "2022-12-19"
    assert dated.title.startswith("بوتين يدعو")


def test_import_is_idempotent(store: Store, seed_paths: list[Path]):
    import_text_files(store, seed_paths)
    again = import_text_files(store, [seed_paths[0].parent])
    assert again.added == 0 and again.existing == 5
    assert store.documents.count() == 5


def test_other_encodings_and_crlf_give_the_same_text(store: Store, seed_paths, tmp_path):
    text = seed_paths[3].read_text(encoding="utf-8")  # no typographic quotes: cp1256-safe
    variants = {
        "bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf16.txt": text.encode("utf-16"),
        "crlf.txt": text.replace("\n", "\r\n").encode("utf-8"),
        "cp1256.txt": text.replace("\n", "\r\n").encode("cp1256"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
    report = import_text_files(store, [tmp_path])
    assert report.added == 1 and report.existing == 3
    assert store.documents.get(report.ids[0]).text == text


def test_presentation_forms_are_normalized_before_offsets_exist(store: Store, tmp_path: Path):
    (tmp_path / "pdf.txt").write_text("\ufefbعب \ufdf2 اكبر\r\n", encoding="utf-8")
    report = import_text_files(store, [tmp_path / "pdf.txt"])
    assert store.documents.get(report.ids[0]).text == "لاعب الله اكبر\n"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("nul.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "NUL"),
        ("empty.txt", b"", "empty"),
        ("cut.txt", "سطر أول\nمحمد".encode()[:-1], "truncated UTF-8"),
    ],
)
def test_bad_file_names_itself_and_changes_nothing(
    store, seed_paths, tmp_path, name, data, message
):
    bad = tmp_path / name
    bad.write_bytes(data)
    before = _snapshot(store)
    with pytest.raises(InputError, match=message) as info:
        import_text_files(store, [*seed_paths, bad])
    assert str(bad) in str(info.value)
    assert _snapshot(store) == before


def test_skip_bad_reports_and_imports_the_rest(store, seed_paths, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    report = import_text_files(store, [*seed_paths, bad], skip_bad=True)
    assert report.added == 5
    assert report.skipped and report.skipped[0][0] == str(bad)


def test_missing_path_and_cancel(store, seed_paths, tmp_path):
    with pytest.raises(InputError, match="no such file"):
        import_text_files(store, [tmp_path / "nope"])
    with pytest.raises(Cancelled):
        import_text_files(store, seed_paths, progress=lambda done, total: done < 3)
    assert store.documents.count() == 0
