"""The window refreshes from the one `changed(Changes)` signal of the operation path: after
an import, a merge, a label rename and another process's commit (napari style: change the
model, wait for the signal, check the widgets)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from annotator.core.changes import Changes, of_labels
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui.app import build_window
from annotator.ui.plain_text import PDI

TEXT = "قال بوتين في بكين وموسكو إن الحوار ممكن اليوم"


@pytest.fixture
def project(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        store.documents.add_many([NewDocument(TEXT, "first")])
        yield store


@pytest.fixture
def window(qtbot, project):
    win = build_window(project, "tester")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _tag(window, word: str, label: str = "PERSON") -> None:
    start = window.editor.text.index(word)
    window.editor.apply_label(label, start, start + len(word))


def test_an_edit_announces_the_span_it_made(qtbot, window):
    with qtbot.waitSignal(window.session.operations.changed) as changed:
        _tag(window, "بوتين")
    changes: Changes = changed.args[0]
    (span,) = window.editor.spans
    assert changes.documents == {window.editor.document_id}
    assert changes.spans == {span.id}
    assert not changes.everything


def test_the_list_shows_an_import(qtbot, window, tmp_path: Path):
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "a.txt").write_text("أعلنت الحكومة اليوم خطة جديدة", encoding="utf-8")
    (folder / "b.txt").write_text("قالت الوزارة إن المحادثات مستمرة", encoding="utf-8")
    assert window.documents.row_count() == 1
    with qtbot.waitSignal(window.session.operations.changed) as changed:
        window.import_files([folder])
    assert len(changed.args[0].documents_added) == 2
    assert window.documents.row_count() == 3
    assert window.position.text().endswith("/ 3" + PDI)


def test_the_window_shows_a_merge(qtbot, window, project, tmp_path: Path, monkeypatch):
    source = tmp_path / "laila.db"
    with Store.open(source) as theirs:
        doc = theirs.documents.add_many([NewDocument(TEXT, "first")]).ids[0]
        laila = theirs.ensure_annotator("laila").id
        at = TEXT.index("بكين")
        theirs.annotations.add_span(doc, laila, "GPE", at, at + 4)
        theirs.documents.add_many([NewDocument("خبر آخر عن الاقتصاد", "second")])
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    with qtbot.waitSignal(window.session.operations.changed) as changed:
        window.merge_projects([source])
    assert changed.args[0].everything
    assert window.documents.row_count() == 2
    laila = project.annotator_by_name("laila").id
    assert project.annotations.spans(window.editor.document_id, laila)


def test_a_label_rename_reaches_the_article_the_panel_and_the_label_bar(qtbot, window, project):
    _tag(window, "بوتين")
    renamed = project.labels.update("PERSON", name="SHAKHS")
    with qtbot.waitSignal(window.session.operations.changed):
        window.session.operations.announce(renamed.changes)
    assert renamed.changes == of_labels("SHAKHS")
    assert [s.label for s in window.editor.spans] == ["SHAKHS"]
    assert [s.label for s in window.view.spans()] == ["SHAKHS"]
    assert "SHAKHS" in window.editor.labels()
    assert any("SHAKHS" in cell for row in window.spans_panel.row_texts() for cell in row)
    assert window.label_bar.chip("SHAKHS") is not None
    assert window.label_bar.chip("PERSON") is None


def test_another_process_commit_reloads_everything(qtbot, window, project):
    doc = window.editor.document_id
    _tag(window, "بوتين")
    with Store.open(project.path) as other:
        who = other.annotator_by_name("tester").id
        at = TEXT.index("موسكو")
        other.annotations.add_span(doc, who, "GPE", at, at + 5)
        other.documents.add_many([NewDocument("خبر من عملية أخرى", "other")])
    with qtbot.waitSignal(window.session.operations.changed) as changed:
        window.refresh()
    assert changed.args[0].everything
    assert sorted(s.label for s in window.view.spans()) == ["GPE", "PERSON"]
    assert window.documents.row_count() == 2
    assert window.session.stack(doc).count() == 0  # its spans may be gone: no stale undo


def test_a_failed_merge_shows_why_and_announces_nothing(qtbot, window, tmp_path: Path):
    bad = tmp_path / "notes.db"
    bad.write_text("not a project", encoding="utf-8")
    with qtbot.assertNotEmitted(window.session.operations.changed):
        window.merge_projects([bad])
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert [box.windowTitle() for box in boxes] == ["Merge failed"]
    for box in boxes:
        box.close()
    assert window.documents.row_count() == 1


def test_an_import_or_merge_is_backed_up_first_and_says_how_to_undo_it(
    qtbot, window, project, tmp_path: Path, monkeypatch
):
    """Ctrl+Z cannot take back an import or a merge: the window backs the project up just
    before and says that restoring that backup is the way back."""
    from annotator.core.store.backup_files import list_backups

    _tag(window, "بوتين")  # an edit after the project was opened: a backup must be new
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "a.txt").write_text("أعلنت الحكومة اليوم خطة جديدة", encoding="utf-8")
    before = len(list_backups(project.path))
    window.import_files([folder])
    backups = list_backups(project.path)
    assert len(backups) == before + 1
    message = window.statusBar().currentMessage()
    assert "Ctrl+Z\u2069 cannot undo this" in message and backups[-1].path.name in message
    with Store.open(backups[-1].path) as backup:  # the state just before the import
        assert backup.documents.count() == 1 and backup.stats()["spans"] == 1

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window.merge_projects([backups[-1].path])
    assert len(list_backups(project.path)) == before + 2
    assert "Ctrl+Z\u2069 cannot undo this" in shown[-1]
