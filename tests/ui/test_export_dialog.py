"""File ▸ Export: the dialog is made from the format table and the project; what it writes
is what `annotator export` writes with the same filters and settings, byte for byte; Cancel
and refused filters leave no file; every name is shown as plain text."""

from __future__ import annotations

import importlib
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QThread, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from annotator.core.formats.registry import writable
from annotator.core.layers import LayerFilter
from annotator.core.model import GOLD_LAYER
from annotator.core.store import Store
from annotator.ui.export_dialog import ExportDialog, ask_export, run_request
from annotator.ui.io_dialogs import export_job, run_export
from annotator.ui.plain_text import isolate
from tests.ui.team_project import ALICE, BOB, REVIEWER, annotate_team

cli_main = importlib.import_module("annotator.cli.main")
SCREEN_W, SCREEN_H = 1366, 768


@pytest.fixture
def team(seeded: Store) -> Store:
    return annotate_team(seeded)


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def dialog(team: Store, parent, qtbot) -> ExportDialog:
    shown = ExportDialog(team, parent)
    qtbot.addWidget(shown)
    return shown


def _cli(*argv: str) -> int:
    return cli_main.main(list(argv))


def _boxes(widget: QWidget, name: str | None = None) -> list[QMessageBox]:
    boxes = [b for b in widget.findChildren(QMessageBox) if name in (None, b.objectName())]
    for box in boxes:
        box.close()
    return boxes


def _span_labels(store: Store) -> list[str]:
    return [label.name for label in store.labels.all() if label.kind != "relation"]


def _left_over(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("project.db"))


# -- what the dialog offers --------------------------------------------------------------------


def test_the_dialog_offers_the_writable_formats_and_the_projects_names(dialog, team):
    combo = dialog.format_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [f.title for f in writable()]
    assert combo.currentData() == "jsonl"  # as `annotator export` without --format
    assert dialog.annotators.values() == [ALICE, BOB, REVIEWER, GOLD_LAYER]
    assert dialog.annotators.checked() == dialog.annotators.values()  # all, at first
    assert dialog.labels.values() == _span_labels(team) and "SAID_BY" not in dialog.labels.values()
    assert dialog.labels.selection() is None and dialog.annotators.selection() is None
    path = Path(dialog.path_edit.text())
    assert path.parent == team.path.parent and path.suffix == ".jsonl" and not path.exists()


def test_a_format_change_rebuilds_its_settings_and_the_output_name(dialog):
    dialog.set_format("conll")
    assert Path(dialog.path_edit.text()).suffix == ".conll"
    assert isinstance(dialog.settings.widget("clitics"), QComboBox)
    assert isinstance(dialog.settings.widget("no_pad"), QCheckBox)
    assert dialog.settings_box.isVisibleTo(dialog)
    typed = dialog.store.path.parent / "mine.conll"
    dialog.path_edit.setText(str(typed))
    dialog.set_format("jsonl")
    assert dialog.path_edit.text() == str(typed.with_suffix(".jsonl"))  # the name stays
    assert dialog.settings.options() == []
    assert dialog.settings.findChild(QLabel).text().endswith("has no settings.")


@pytest.mark.parametrize("fmt", writable(), ids=lambda f: f.name)
def test_every_formats_settings_become_widgets_of_their_kind(dialog, fmt):
    dialog.set_format(fmt.name)
    expected = [o for o in fmt.options if o.direction == "export"]
    assert dialog.settings.options() == expected
    kinds = {"flag": QCheckBox, "int": QSpinBox, "text": QLineEdit}
    for option in expected:
        widget = dialog.settings.widget(option.dest)
        assert isinstance(widget, QComboBox if option.choices else kinds[option.kind])
    values = dialog.settings.values()
    assert values == {o.dest: o.default for o in expected}  # untouched: the defaults
    folder = fmt.output == "folder"
    assert dialog.where_label.text() == ("Save to folder" if folder else "Save to file")
    smallest = dialog.minimumSizeHint()
    assert smallest.width() <= SCREEN_W and smallest.height() <= SCREEN_H - 60
    assert dialog.width() <= SCREEN_W and dialog.height() <= SCREEN_H - 60


# -- what it writes ------------------------------------------------------------------------------


def _choose_conll_with_filters(dialog: ExportDialog, out: Path) -> None:
    dialog.set_format("conll")
    dialog.annotators.set_checked(BOB, False)
    dialog.labels.set_checked("GPE", False)
    dialog.done_only.setChecked(True)
    clitics = dialog.settings.widget("clitics")
    clitics.setCurrentIndex(clitics.findData("split"))
    dialog.settings.widget("no_pad").setChecked(True)
    dialog.path_edit.setText(str(out))


def test_conll_export_from_the_dialog_is_the_clis_byte_for_byte(
    dialog, team, parent, tmp_path, capsys
):
    out = tmp_path / "<b>team &amp; co.conll"  # a name that would be markup
    _choose_conll_with_filters(dialog, out)
    dialog.export_button.click()
    request = dialog.request
    assert request is not None and dialog.result() == dialog.DialogCode.Accepted
    assert request.layers == LayerFilter.of(
        [ALICE, REVIEWER, GOLD_LAYER], [n for n in _span_labels(team) if n != "GPE"], True
    )
    outcome = run_request(parent, team.path, request)
    assert outcome.ok, outcome.error

    by_cli = tmp_path / "cli.conll"
    labels = [arg for n in _span_labels(team) if n != "GPE" for arg in ("--label", n)]
    argv = ["--db", str(team.path), "export", "--format", "conll", "-o", str(by_cli)]
    argv += ["--annotator", ALICE, "--annotator", REVIEWER, "--gold", *labels, "--done-only"]
    capsys.readouterr()
    assert _cli(*argv, "--clitics", "split", "--no-pad") == 0
    summary, *notes = capsys.readouterr().err.splitlines()
    assert out.read_bytes() == by_cli.read_bytes()
    everything = tmp_path / "all.conll"
    assert _cli("--db", str(team.path), "export", "--format", "conll", "-o", str(everything)) == 0
    assert "GPE" in everything.read_text(encoding="utf-8")
    assert "GPE" not in out.read_text(encoding="utf-8")  # the filters did something
    capsys.readouterr()

    (box,) = _boxes(parent, "exportReport")
    assert box.textFormat() == Qt.TextFormat.PlainText
    text = box.text()
    assert str(out) in text and summary.lower() in text.lower()  # the CLI's own summary
    assert (
        notes and [f"note: {line[2:]}" for line in text.splitlines() if line[:2] == "• "] == notes
    )


@pytest.mark.parametrize("fmt", writable(), ids=lambda f: f.name)
def test_every_format_refuses_an_unknown_name_before_any_file(team, parent, tmp_path, fmt):
    out = tmp_path / ("out" + (fmt.suffixes[0] if fmt.output == "file" and fmt.suffixes else ""))
    layers = LayerFilter.of(["nobody"])
    outcome = run_export(parent, team.path, out, format_name=fmt.name, layers=layers)
    assert outcome.error == "no annotator called 'nobody'"
    assert _left_over(tmp_path) == []
    (box,) = _boxes(parent)
    assert box.textFormat() == Qt.TextFormat.PlainText


@pytest.mark.parametrize("which", ["annotators", "labels"])
def test_a_filter_naming_nothing_is_refused_in_the_dialog(dialog, tmp_path, which):
    dialog.path_edit.setText(str(tmp_path / "out.jsonl"))
    getattr(dialog, which).set_all(Qt.CheckState.Unchecked)
    dialog.export_button.click()
    assert dialog.request is None and dialog.result() != dialog.DialogCode.Accepted
    assert dialog.problem.isVisibleTo(dialog)
    assert "this would export nothing" in dialog.problem.text()
    assert dialog.problem.textFormat() == Qt.TextFormat.PlainText
    assert _left_over(tmp_path) == []


def test_a_folder_that_is_not_empty_is_refused_in_the_dialog(dialog, tmp_path):
    folder_formats = [f for f in writable() if f.output == "folder"]
    if not folder_formats:
        pytest.skip("no format in the table writes a folder yet")
    dialog.set_format(folder_formats[0].name)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine", encoding="utf-8")
    dialog.path_edit.setText(str(busy))
    dialog.export_button.click()
    assert dialog.request is None and "not empty" in dialog.problem.text()
    assert [p.name for p in busy.iterdir()] == ["keep.txt"]


def _cancel_at_first_progress(job) -> None:
    pressed = threading.Event()

    def hold(_done: int, _total: int) -> None:  # the worker waits for the press
        pressed.wait(10)

    def press(_done: int, _total: int) -> None:
        assert QThread.currentThread() is QCoreApplication.instance().thread()
        if not pressed.is_set():
            job.dialog.findChild(QPushButton).click()
            pressed.set()

    job.worker.progressed.connect(hold, Qt.ConnectionType.DirectConnection)
    job.progressed.connect(press)


def test_cancel_leaves_no_file(dialog, team, parent, tmp_path, qtbot):
    out = tmp_path / "cancelled.jsonl"
    dialog.path_edit.setText(str(out))
    dialog.export_button.click()
    request = dialog.request
    job = export_job(
        parent, team.path, request.path, format_name=request.format_name, layers=request.layers
    )
    _cancel_at_first_progress(job)
    with qtbot.waitSignal(job.finished, timeout=20_000) as blocker:
        job.start()
    outcome = blocker.args[0]
    assert outcome.cancelled and outcome.error is None
    assert _left_over(tmp_path) == []
    assert "nothing was written" in outcome.summary()


def test_an_existing_file_is_replaced_only_when_the_user_says_so(dialog, tmp_path, monkeypatch):
    out = tmp_path / "there.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        assert box.textFormat() == Qt.TextFormat.PlainText
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "exec", answer)
    dialog.path_edit.setText(str(out))
    dialog.export_button.click()
    assert asked == [f"{isolate(out)} exists already. Replace it?"] and dialog.request is None
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    dialog.export_button.click()
    assert dialog.request is not None and dialog.request.path == out


def test_hostile_names_are_listed_as_plain_text(store: Store, parent, qtbot):
    store.ensure_annotator("<b>bold</b> &amp;")
    shown = ExportDialog(store, parent)
    qtbot.addWidget(shown)
    assert "<b>bold</b> &amp;" in shown.annotators.values()
    texts = [shown.annotators.list.item(i).text() for i in range(shown.annotators.list.count())]
    assert "<b>bold</b> &amp;" in texts  # item texts are never read as markup


# -- from the window's menu ------------------------------------------------------------------------


def test_file_export_in_the_window_runs_the_dialog(team, tmp_path, qtbot):
    from annotator.ui.app import build_window

    window = build_window(team, ALICE)
    qtbot.addWidget(window)
    window.show()
    out = tmp_path / "from-menu.conll"
    seen: list[ExportDialog] = []

    def drive() -> None:
        shown = QApplication.activeModalWidget()
        assert isinstance(shown, ExportDialog)
        seen.append(shown)
        shown.set_format("conll")
        shown.path_edit.setText(str(out))
        shown.export_button.click()

    QTimer.singleShot(0, drive)
    action = next(a for a in window.actions() if a.text() == "&Export…")
    action.trigger()
    assert seen and out.is_file()
    assert window.statusBar().currentMessage().startswith("Exported ")
    assert _boxes(window, "exportReport")


def test_cancelling_the_dialog_exports_nothing(team, parent, tmp_path):
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert ask_export(parent, team) is None
    assert _left_over(tmp_path) == []


def test_a_setting_that_makes_a_folder_makes_the_dialog_ask_for_a_folder(
    dialog, team, parent, tmp_path
):
    dialog.set_format("conll")
    dialog.settings.widget("per_annotator").setChecked(True)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine", encoding="utf-8")
    dialog.path_edit.setText(str(busy))
    dialog.export_button.click()
    assert dialog.request is None and "not empty" in dialog.problem.text()
    assert dialog.where_label.text() == "Save to folder"

    out = tmp_path / "by-annotator"
    dialog.path_edit.setText(str(out))
    assert dialog.output_path() == out  # no .conll ending added to a folder
    dialog.export_button.click()
    assert dialog.request is not None
    outcome = run_request(parent, team.path, dialog.request)
    assert outcome.ok, outcome.error
    assert out.is_dir() and sorted(p.suffix for p in out.iterdir()) == [".conll"] * len(
        list(out.iterdir())
    )
    assert len(list(out.iterdir())) >= 2  # one file per annotator
    _boxes(parent, "exportReport")
