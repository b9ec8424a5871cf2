"""A main window on a small real project, for the help, guidelines and labels tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui.app import build_window
from annotator.ui.main_window import MainWindow

TEXT = "قال بوتين في موسكو إن الحوار ممكن"


def shown_window(qtbot, store: Store, annotator: str = "tester") -> MainWindow:
    """The window on `store`, shown, active (label keys are window shortcuts) and with
    the article focused, as an annotator starts."""
    win = build_window(store, annotator)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.view.setFocus()
    return win


def open_window(qtbot, folder: Path) -> Iterator[MainWindow]:
    """Yield a shown window on a new project of one document; closes the project after."""
    with Store.open(folder / "p.db") as store:
        store.documents.add_many([NewDocument(TEXT, "doc")])
        win = shown_window(qtbot, store)
        yield win
        # gone, timers and all, before the project closes under it
        win.close()
        win.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
