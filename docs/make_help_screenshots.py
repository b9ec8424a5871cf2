"""Take the screenshots of the help and scheme windows in docs/: the shortcut sheet
(docs/shortcut-sheet.png), the Guidelines panel (docs/guidelines-panel.png, and its
document tab, docs/guidelines-document.png) and the labels dialog (docs/label-dialog.png),
of the real window on the demo project of make_screenshot.py, with
docs/guidelines-example.md as its guidelines document.

Usage, on a 1366x768 screen with fresh window settings:
    Xvfb :92 -screen 0 1366x768x24 &
    XDG_CONFIG_HOME=$(mktemp -d) DISPLAY=:92 python docs/make_help_screenshots.py PROJECT.db
The whole screen is grabbed, as `import -window root` would."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS))

from make_screenshot import main as make_demo  # noqa: E402

from annotator.core.guidelines import store_guidelines_file  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.ui.app import application, build_window  # noqa: E402
from annotator.ui.guidelines_panel import GuidelinesPanel  # noqa: E402
from annotator.ui.help_menu import show_shortcut_sheet, toggle_guidelines  # noqa: E402
from annotator.ui.labels_dialog import open_labels_dialog  # noqa: E402
from annotator.ui.session import CURRENT_ANNOTATOR_KEY  # noqa: E402
from annotator.ui.shortcut_sheet import ShortcutSheet  # noqa: E402


def settle(app: QApplication, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()
        QApplication.instance().thread().msleep(20)


def grab(app: QApplication, name: str) -> None:
    settle(app)
    QGuiApplication.primaryScreen().grabWindow(0).save(str(DOCS / name))
    print(f"wrote docs/{name}")


def main(path: str) -> None:
    if not Path(path).exists():
        make_demo(path)
    app = application()
    with Store.open(path) as store:
        store_guidelines_file(store, DOCS / "guidelines-example.md")
        window = build_window(store, store.setting(CURRENT_ANNOTATOR_KEY) or "سارة")
        window.show()
        settle(app)

        show_shortcut_sheet(window)
        sheet = window.findChild(ShortcutSheet, "shortcutSheet")
        sheet.resize(640, 700)
        sheet.move(window.geometry().center() - sheet.rect().center())
        grab(app, "shortcut-sheet.png")
        sheet.close()

        window.guidelines_action.setChecked(True)
        toggle_guidelines(window)
        grab(app, "guidelines-panel.png")
        panel = window.findChild(GuidelinesPanel, "guidelinesPanel")
        panel.tabs.setCurrentIndex(1)  # the document
        grab(app, "guidelines-document.png")
        window.guidelines_action.setChecked(False)
        toggle_guidelines(window)

        dialog = open_labels_dialog(window, window.session)
        dialog.select_label("QUOTE")
        dialog.move(window.geometry().center() - dialog.rect().center())
        grab(app, "label-dialog.png")
        dialog.close()
        window.close()
        settle(app, 5)


if __name__ == "__main__":
    main(sys.argv[1])
