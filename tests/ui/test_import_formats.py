"""File ▸ Import in every readable format: the file dialog's type list is made from the
format table, a format's line reads the files in that format, a CoNLL file comes in
through the window's import path as it does through `annotator import`, and a file whose
format cannot be told asks for one instead of only failing."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
)

from annotator.core.formats.registry import readable
from annotator.core.store import Store
from annotator.core.store.backup_files import list_backups
from annotator.core.store.documents import NewDocument
from annotator.ui.app import build_window
from annotator.ui.import_formats import (
    ALL_FILES,
    FormatChooser,
    cannot_tell,
    choose_import,
    file_filters,
)
from annotator.ui.import_settings import ImportSettingsDialog
from tests.ui.team_project import annotate_team

cli_main = importlib.import_module("annotator.cli.main")
TEXT = "قال بوتين في بكين وموسكو إن الحوار ممكن اليوم"


def _cli(*argv: str) -> int:
    return cli_main.main(list(argv))


@pytest.fixture(autouse=True)
def _settings_as_offered(monkeypatch):
    """File ▸ Import then asks for its settings (tests/ui/test_import_settings.py); here
    they are accepted as offered: the tester's own layer, no new labels."""
    monkeypatch.setattr(ImportSettingsDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)


@pytest.fixture
def conll_file(seeded: Store, tmp_path: Path, capsys) -> Path:
    """The team's layers as CoNLL, written by `annotator export`."""
    annotate_team(seeded)
    out = tmp_path / "team.conll"
    assert _cli("--db", str(seeded.path), "export", "--format", "conll", "-o", str(out)) == 0
    capsys.readouterr()
    return out


@pytest.fixture
def project(tmp_path: Path):
    with Store.open(tmp_path / "window.db") as store:
        store.documents.add_many([NewDocument(TEXT, "first")])
        yield store


@pytest.fixture
def window(qtbot, project):
    win = build_window(project, "tester")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _stats(db: Path, capsys) -> dict:
    capsys.readouterr()
    assert _cli("--db", str(db), "stats", "--json") == 0
    return json.loads(capsys.readouterr().out)


def _imported_by_cli(path: Path, tmp_path: Path, capsys, *extra: str) -> dict:
    db = tmp_path / "by-cli.db"
    with Store.open(db) as store:
        store.documents.add_many([NewDocument(TEXT, "first")])
    assert _cli("--db", str(db), "import", str(path), "--annotator", "tester", *extra) == 0
    return _stats(db, capsys)


# -- the file dialog's type list -------------------------------------------------------------


def test_the_type_list_names_every_readable_format_with_its_endings():
    rows = file_filters()
    named = {name: text for text, name in rows if name is not None}
    assert list(named) == [f.name for f in readable()]
    for fmt in readable():
        assert named[fmt.name].startswith(fmt.title + " (")
        assert all(f"*{suffix}" in named[fmt.name] for suffix in fmt.suffixes)
    first = rows[0][0]
    assert "*.txt" in first and all(f"*{s}" in first for f in readable() for s in f.suffixes)
    assert rows[-1] == (ALL_FILES, None)


def test_choosing_a_formats_line_reads_the_files_in_it(monkeypatch, tmp_path):
    rows = file_filters()
    conll_line = next(text for text, name in rows if name == "conll")
    seen: list[str] = []

    def fake(_parent, _caption, _folder, filters):
        seen.append(filters)
        return [str(tmp_path / "a.tags")], conll_line

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake))
    choice = choose_import(None)
    assert choice.paths == [tmp_path / "a.tags"] and choice.format_name == "conll"
    assert seen == [";;".join(text for text, _name in rows)]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a: ([str(tmp_path / "b")], ALL_FILES))
    )
    assert choose_import(None).format_name is None  # told from each file


# -- importing through the window -------------------------------------------------------------


def test_a_conll_file_imports_through_the_window_as_through_the_cli(
    window, project, conll_file, tmp_path, capsys
):
    before = len(list_backups(project.path))
    with_window = _stats(project.path, capsys)
    window.import_files([conll_file])
    assert window.findChildren(QMessageBox) == []  # no error
    after = _stats(project.path, capsys)
    expected = _imported_by_cli(conll_file, tmp_path, capsys)
    assert after == expected
    assert after["documents"] > with_window["documents"] and after["spans"] > 0
    assert len(list_backups(project.path)) == before + 1  # the backup before an import
    assert window.documents.row_count() == after["documents"]


def _unrecognisable(conll_file: Path) -> Path:
    """The same CoNLL data under a name no format claims, after a comment line the CoNLL
    reader skips but its sniffer does not accept."""
    odd = conll_file.with_name("team.tags")
    odd.write_text("#corpus: team\n" + conll_file.read_text(encoding="utf-8"), encoding="utf-8")
    assert cannot_tell(odd)  # the precondition of the tests below
    return odd


def test_a_file_whose_format_cannot_be_told_asks_for_one(
    window, project, conll_file, tmp_path, capsys
):
    odd = _unrecognisable(conll_file)
    shown: list[tuple[str, list[str]]] = []

    def choose() -> None:
        chooser = QApplication.activeModalWidget()
        assert isinstance(chooser, FormatChooser)
        titles = [chooser.formats.item(i).text() for i in range(chooser.formats.count())]
        shown.append((chooser.message.text(), titles))
        ok = chooser.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # nothing chosen yet
        chooser.select("conll")
        ok.click()

    QTimer.singleShot(0, choose)
    window.import_files([odd])
    ((message, titles),) = shown
    assert "Cannot tell the format of:\nteam.tags" in message
    assert titles == [f.title for f in readable()]
    expected = _imported_by_cli(odd, tmp_path, capsys, "--format", "conll")
    assert _stats(project.path, capsys) == expected and expected["spans"] > 0


def test_cancelling_the_chooser_imports_nothing_and_takes_no_backup(
    window, project, conll_file, capsys
):
    odd = _unrecognisable(conll_file)
    before, backups = _stats(project.path, capsys), len(list_backups(project.path))
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    window.import_files([odd])
    assert _stats(project.path, capsys) == before
    assert len(list_backups(project.path)) == backups


def test_a_wrong_choice_fails_with_the_file_and_line_and_stores_nothing(
    window, project, tmp_path, capsys
):
    odd = tmp_path / "<i>notes.tags"
    odd.write_text("just some notes\nwithout any tags\n", encoding="utf-8")
    assert cannot_tell(odd)
    before = _stats(project.path, capsys)

    def choose() -> None:
        chooser = QApplication.activeModalWidget()
        assert chooser.message.textFormat() == Qt.TextFormat.PlainText
        assert "<i>notes.tags" in chooser.message.text()
        chooser.select("conll")
        chooser.accept()

    QTimer.singleShot(0, choose)
    window.import_files([odd])
    (box,) = [b for b in window.findChildren(QMessageBox) if b.objectName() == "ioError"]
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text().startswith(f"{odd}, line 1: ")
    box.close()
    assert _stats(project.path, capsys) == before


def test_files_whose_format_is_known_are_not_asked_about(window, conll_file, monkeypatch):
    asked: list[object] = []
    monkeypatch.setattr(FormatChooser, "exec", lambda self: asked.append(self) or 0)
    window.import_files([conll_file])
    assert asked == []


def test_file_import_in_the_menu_opens_the_file_dialog_and_imports(
    window, project, conll_file, monkeypatch, capsys
):
    offered: list[str] = []

    def fake(_parent, _caption, _folder, filters):
        offered.append(filters)
        return [str(conll_file)], file_filters()[0][0]

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake))
    before = _stats(project.path, capsys)["documents"]
    action = next(a for a in window.actions() if a.text() == "&Import…")
    action.trigger()
    assert len(offered) == 1  # the menu's `checked` argument is not taken for paths
    assert _stats(project.path, capsys)["documents"] > before
