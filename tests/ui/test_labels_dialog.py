"""Edit ▸ Labels…: the scheme edited by keyboard in the dialog, checked in the database;
every change undoable, refusals shown, the label bar and the article following."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QColorDialog, QMessageBox

from annotator.core.store import Store
from annotator.core.store.labels import label_examples, load_scheme
from annotator.ui.labels_dialog import DESCRIPTION, EXAMPLES, KEY, KIND, NAME, LabelsDialog
from tests.ui.window_fixture import TEXT, open_window


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_window(qtbot, tmp_path)


@pytest.fixture
def dialog(qtbot, window) -> LabelsDialog:
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    next(a for a in edit.actions() if a.text() == "&Labels…").trigger()
    found = window.findChild(LabelsDialog, "labelsDialog")
    qtbot.waitExposed(found)
    found.activateWindow()
    found.table.setFocus()
    return found


def activate(qtbot, widget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def tag(qtbot, window, word: str, key) -> None:
    activate(qtbot, window)
    window.view.setFocus()
    start = TEXT.index(word)
    window.view.select_offsets(start, start + len(word))
    qtbot.keyClick(window.view, key)


def layer_labels(window) -> list[str]:
    doc = window.store.documents.ids()[0]
    who = window.session.layer_id
    return [span.label for span in window.store.annotations.spans(doc, who)]


def edit_cell(qtbot, dialog: LabelsDialog, name: str, column: int, typed: str) -> None:
    """Select the cell, F2, type over it, Enter: as a user does."""
    activate(qtbot, dialog)
    dialog.table.setFocus()
    dialog.select_label(name, column)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not dialog.table
    editor.selectAll()
    if typed:
        qtbot.keyClicks(editor, typed)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    committed(qtbot, dialog)


def committed(qtbot, dialog: LabelsDialog) -> None:
    """The item view commits an edit from a queued call after Enter."""
    qtbot.waitUntil(lambda: dialog.table.state() != QAbstractItemView.State.EditingState)


def undo(qtbot, dialog) -> None:
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def redo(qtbot, dialog) -> None:
    activate(qtbot, dialog)
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, mods)


def test_rename_moves_spans_and_undo_takes_it_back(qtbot, window, dialog):
    tag(qtbot, window, "موسكو", Qt.Key.Key_3)
    assert layer_labels(window) == ["GPE"]
    edit_cell(qtbot, dialog, "GPE", NAME, "PLACE")
    assert "PLACE" in window.store.labels.names() and "GPE" not in window.store.labels.names()
    assert layer_labels(window) == ["PLACE"]
    assert window.label_bar.chip("PLACE") is not None and window.label_bar.chip("GPE") is None
    assert [s.label for s in window.editor.spans] == ["PLACE"]
    undo(qtbot, dialog)
    assert layer_labels(window) == ["GPE"] and window.label_bar.chip("GPE") is not None
    assert dialog.table.item(2, NAME).text() == "GPE"
    redo(qtbot, dialog)
    assert layer_labels(window) == ["PLACE"]


def test_rekey_and_the_new_key_labels(qtbot, window, dialog):
    edit_cell(qtbot, dialog, "EVENT", KEY, "e")
    assert window.store.labels.get("EVENT").shortcut == "e"
    tag(qtbot, window, "الحوار", Qt.Key.Key_E)
    assert layer_labels(window) == ["EVENT"]


def test_a_taken_key_is_refused_with_the_cores_message(qtbot, window, dialog):
    edit_cell(qtbot, dialog, "EVENT", KEY, "1")
    assert "taken by 'PERSON'" in dialog.problem.text()
    assert window.store.labels.get("EVENT").shortcut == "6"
    assert dialog.table.item(5, KEY).text() == "6"  # the cell shows what is stored
    assert window.session.project_stack.count() == 0


def test_describe_and_examples(qtbot, window, dialog):
    edit_cell(qtbot, dialog, "LOC", DESCRIPTION, "rivers, seas <b>")
    edit_cell(qtbot, dialog, "LOC", EXAMPLES, "Nile | Black Sea |")
    loc = window.store.labels.get("LOC")
    assert loc.description == "rivers, seas <b>"
    assert label_examples(loc) == ["Nile", "Black Sea"]
    assert "Nile" in window.label_bar.chip("LOC").defaultAction().toolTip()
    edit_cell(qtbot, dialog, "LOC", EXAMPLES, "")
    assert label_examples(window.store.labels.get("LOC")) == []
    undo(qtbot, dialog)
    assert label_examples(window.store.labels.get("LOC")) == ["Nile", "Black Sea"]


def test_retire_refused_while_in_use_then_allowed_and_undone(qtbot, window, dialog):
    tag(qtbot, window, "بوتين", Qt.Key.Key_1)
    activate(qtbot, dialog)
    dialog.table.setFocus()
    dialog.select_label("PERSON")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert "PERSON" in window.store.labels.names()
    assert "is used by 1 annotations" in dialog.problem.text()
    dialog.select_label("EVENT")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert "EVENT" not in window.store.labels.names()
    assert window.label_bar.chip("EVENT") is None
    undo(qtbot, dialog)
    assert window.store.labels.get("EVENT").position == 6
    assert window.label_bar.chip("EVENT") is not None


def test_add_then_name_it_two_undo_steps(qtbot, window, dialog):
    qtbot.keyClick(dialog.table, Qt.Key.Key_Insert)
    assert "NEW" in window.store.labels.names()
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "WEAPON")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    committed(qtbot, dialog)
    weapon = window.store.labels.get("WEAPON")
    assert weapon.kind == "entity" and weapon.shortcut is None
    assert window.label_bar.chip("WEAPON") is not None
    undo(qtbot, dialog)
    assert "NEW" in window.store.labels.names()
    undo(qtbot, dialog)
    assert not {"NEW", "WEAPON"} & window.store.labels.names()


def test_undoing_an_add_once_the_label_is_used_is_refused_not_raised(
    qtbot, window, dialog, monkeypatch
):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Insert)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    committed(qtbot, dialog)
    edit_cell(qtbot, dialog, "NEW", KEY, "w")
    tag(qtbot, window, "الحوار", Qt.Key.Key_W)
    assert layer_labels(window) == ["NEW"]
    activate(qtbot, dialog)
    dialog.table.setFocus()
    undo(qtbot, dialog)  # the key
    assert window.store.labels.get("NEW").shortcut is None
    undo(qtbot, dialog)  # the label itself: in use now
    qtbot.waitUntil(lambda: bool(shown))
    assert "is used by 1 annotations" in shown[0]
    assert "NEW" in window.store.labels.names()
    qtbot.waitUntil(lambda: window.session.project_stack.index() == 1)


def test_kind_changes_only_while_unused(qtbot, window, dialog):
    row = dialog._names.index("EVENT")
    box = dialog.table.cellWidget(row, KIND)
    box.setCurrentIndex(box.findData("claim"))
    assert window.store.labels.get("EVENT").kind == "claim"
    tag(qtbot, window, "بوتين", Qt.Key.Key_1)
    box = dialog.table.cellWidget(0, KIND)
    box.setCurrentIndex(box.findData("speaker"))
    assert window.store.labels.get("PERSON").kind == "entity"
    assert "in use" in dialog.problem.text()
    assert dialog.table.cellWidget(0, KIND).currentData() == "entity"


def test_recolour_through_the_colour_dialog(qtbot, window, dialog):
    def choose() -> None:
        picker = QApplication.activeModalWidget()
        assert isinstance(picker, QColorDialog)
        picker.setCurrentColor(QColor("#123abc"))
        picker.accept()

    dialog.select_label("DATE")
    QTimer.singleShot(50, choose)
    qtbot.keyClick(dialog.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.store.labels.get("DATE").colour == "#123abc"
    assert "#123abc" in window.label_bar.chip("DATE").styleSheet()


def test_export_reads_back_and_import_adds_undoably(qtbot, window, dialog, tmp_path):
    edit_cell(qtbot, dialog, "ORG", EXAMPLES, "UN | NATO")
    path = tmp_path / "scheme.json"
    assert dialog.export_scheme(path)
    assert load_scheme(path) == window.store.labels.all()
    with Store.open(tmp_path / "fresh.db", scheme=path) as fresh:
        assert fresh.labels.all() == window.store.labels.all()

    extra = tmp_path / "extra.json"
    item = {"name": "WEAPON", "kind": "entity", "colour": "#445566", "examples": ["صاروخ"]}
    extra.write_text(json.dumps({"labels": [item]}), encoding="utf-8")
    assert dialog.import_scheme(extra)
    assert label_examples(window.store.labels.get("WEAPON")) == ["صاروخ"]
    assert window.label_bar.chip("WEAPON") is not None
    undo(qtbot, dialog)
    assert "WEAPON" not in window.store.labels.names()
    assert not dialog.import_scheme(path)  # nothing new in it
    assert "every label is in the project already" in dialog.problem.text()

    bad = tmp_path / "bad.json"
    bad.write_text('{"labels": [{"name": "X"}', encoding="utf-8")
    assert not dialog.import_scheme(bad)
    assert "bad.json" in dialog.problem.text()


def test_the_windows_edit_menu_undoes_a_label_change_after_the_dialog_closed(qtbot, window, dialog):
    edit_cell(qtbot, dialog, "DATE", NAME, "WHEN")
    dialog.close()
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    undo_label = next(a for a in edit.actions() if a.text().startswith("Undo scheme change:"))
    assert "Rename DATE to WHEN" in undo_label.text()
    undo_label.trigger()
    assert "DATE" in window.store.labels.names() and "WHEN" not in window.store.labels.names()
    assert window.label_bar.chip("DATE") is not None
