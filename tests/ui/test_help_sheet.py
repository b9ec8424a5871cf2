"""The shortcut sheet: opened by F1 and "?", read from the window's own actions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from annotator.core.model import Label
from annotator.ui.shortcut_sheet import ShortcutSheet, key_texts, strip_mnemonic
from annotator.ui.window_menus import add_action
from tests.ui.window_fixture import open_window


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_window(qtbot, tmp_path)


def sheet_of(window) -> ShortcutSheet | None:
    sheet = window.findChild(ShortcutSheet, "shortcutSheet")
    return sheet if sheet is not None and sheet.isVisible() else None


def listed(window) -> set[tuple[str, tuple[str, ...]]]:
    return {(entry.text, entry.keys) for entry in sheet_of(window).listed()}


def test_f1_opens_a_sheet_of_every_action_with_a_key(qtbot, window):
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: sheet_of(window) is not None)
    shown = listed(window)
    with_keys = [action for action in window.actions() if key_texts(action)]
    assert len(with_keys) > 30  # menus, undo/redo and the label keys
    for action in with_keys:
        assert (strip_mnemonic(action.text()), key_texts(action)) in shown, action.text()
    groups = {entry.group for entry in sheet_of(window).listed()}
    assert {"File", "Edit", "View", "Go", "Help", "Labels"} <= groups
    assert ("Undo", ("Ctrl+Z",)) in shown
    assert ("PERSON", ("1",)) in shown and ("PERSON, exact characters", ("Alt+1",)) in shown


def test_an_added_action_appears_and_a_new_label_key_too(qtbot, window):
    menu = window.menuBar().actions()[0].menu()
    add_action(window, menu, "&Frobnicate R&&D", "Ctrl+Alt+J", lambda: None)
    window.store.labels.update("ORG", shortcut="o")
    window.reload_labels()
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: sheet_of(window) is not None)
    shown = listed(window)
    assert ("Frobnicate R&D", ("Ctrl+Alt+J",)) in shown
    assert ("ORG", ("O",)) in shown and ("ORG", ("2",)) not in shown


def test_question_mark_opens_the_sheet_but_types_into_the_find_bar(qtbot, window):
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    field = window.find_bar.field
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "who?")
    assert field.text() == "who?"
    search = window.documents.search
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClicks(search, "?")
    assert search.text() == "?"
    assert sheet_of(window) is None
    window.view.setFocus()
    qtbot.keyClick(window.view, "?")
    qtbot.waitUntil(lambda: sheet_of(window) is not None)


def test_no_two_actions_share_a_key(window):
    owners: dict[str, str] = {}
    for action in window.actions():
        for sequence in action.shortcuts():
            key = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            assert key not in owners, f"{key}: {owners.get(key)} and {action.text()}"
            owners[key] = action.text()


def test_a_label_name_is_listed_literally(qtbot, window):
    window.store.labels.add(Label("<b>R&D</b>", "entity", "#123456", "y"))
    window.reload_labels()
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: sheet_of(window) is not None)
    assert ("<b>R&D</b>", ("Y",)) in listed(window)
