"""Starting the window: the Qt application, the project, who is annotating."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.core.project import open_project
from annotator.core.store import Store
from annotator.core.store.file_health import DamagedProjectError, restore_offer
from annotator.core.store.location import resolve_project_path
from annotator.core.store.restore import restore_backup
from annotator.desktop import APP_ID
from annotator.ui.dialogs import annotator_refusal, ask_annotator_name
from annotator.ui.i18n import chosen_language, install_language
from annotator.ui.main_window import MainWindow
from annotator.ui.opening_backup import OpeningBackup, wait_for_backups
from annotator.ui.session import CURRENT_ANNOTATOR_KEY, Session


def application() -> QApplication:
    """The one QApplication (created if needed)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Arabic News Annotator")
        app.setApplicationVersion(__version__)
        app.setOrganizationName("arabic-news-annotator")
        app.setDesktopFileName(APP_ID)
    return app


def current_annotator_name(store: Store, ask: bool = True) -> str | None:
    """The annotator stored in the project, else asked for (first start)."""
    name = store.setting(CURRENT_ANNOTATOR_KEY)
    if name:
        return name
    if not ask:
        return None
    problem = ""
    while True:  # until a name the project accepts, or Cancel
        name = ask_annotator_name(None, [a.name for a in store.annotators()], problem=problem)
        if not name:
            return None
        try:
            return store.ensure_annotator(name).name
        except AnnotatorError as exc:
            problem = annotator_refusal(name, exc)


def build_window(store: Store, annotator_name: str) -> MainWindow:
    """A main window for this project and annotator (used by the app and the tests)."""
    annotator = store.ensure_annotator(annotator_name)
    store.set_setting(CURRENT_ANNOTATOR_KEY, annotator.name)
    return MainWindow(Session(store, annotator))


def _plain_box(title: str, message: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Critical, title, "")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message)
    return box


def open_or_restore(db: str | None) -> Store | None:
    """Open the project; a damaged file with a backup gets an offer to restore it. The
    backup due on opening is left to the shown window (`OpeningBackup`)."""
    try:
        return open_project(db, backup=False)
    except DamagedProjectError as exc:
        offer = restore_offer(resolve_project_path(db)[0])
        if offer is None:
            _plain_box(
                QCoreApplication.translate("App", "Cannot open the project"), str(exc)
            ).exec()
            return None
        box = _plain_box(
            QCoreApplication.translate("App", "The project file is damaged"), offer.message
        )
        restore = box.addButton(
            QCoreApplication.translate("App", "Restore backup"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not restore:
            return None
        try:
            restore_backup(offer.db_path, offer.backup.path)
            return open_project(db, backup=False)
        except AnnotatorError as again:
            _plain_box(QCoreApplication.translate("App", "Restore failed"), str(again)).exec()
            return None
    except AnnotatorError as exc:
        _plain_box(QCoreApplication.translate("App", "Cannot open the project"), str(exc)).exec()
        return None


def run_app(db: str | None = None, language: str | None = None) -> int:
    """Open the window on the chosen project in `language` ("ar" or "en"; None: the saved
    choice, else the system's); returns the exit status."""
    app = application()
    install_language(chosen_language(language))
    store = open_or_restore(db)
    if store is None:
        return 1
    name = current_annotator_name(store)
    if not name:
        store.close()
        return 0
    window = build_window(store, name)
    window.show()
    OpeningBackup(window, store.path).start()
    try:
        return app.exec()
    finally:
        wait_for_backups()
        store.close()
