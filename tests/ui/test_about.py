"""Help ▸ About: the version, the open project's path and the data folder, as plain text."""

from __future__ import annotations

import os

import PySide6
import pytest
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QApplication, QLabel

import annotator
from annotator.ui.about_dialog import AboutDialog
from tests.ui.window_fixture import open_window


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "<b>data"))
    folder = tmp_path / "<i>proj &amp;"
    folder.mkdir()
    yield from open_window(qtbot, folder)


def open_about(qtbot, window) -> AboutDialog:
    help_menu = next(
        action.menu() for action in window.menuBar().actions() if action.text() == "&Help"
    )
    about = next(action for action in help_menu.actions() if action.text() == "&About")
    about.trigger()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog, "aboutDialog") is not None)
    return window.findChild(AboutDialog, "aboutDialog")


def test_about_names_version_project_and_data_folder(qtbot, window, tmp_path):
    dialog = open_about(qtbot, window)
    shown = {
        label.objectName(): label.text()
        for label in dialog.findChildren(QLabel)
        if label.objectName().startswith("about_")
    }
    assert shown["about_version"] == annotator.__version__
    assert shown["about_project"] == str((tmp_path / "<i>proj &amp;" / "p.db").resolve())
    assert shown["about_data"] == os.path.join(tmp_path, "<b>data", "arabic-news-annotator")
    assert shown["about_qt"] == qVersion()
    assert shown["about_pyside"] == PySide6.__version__
    # paths with markup in them are shown as they are
    for label in dialog.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
    dialog.close()
    QApplication.processEvents()
