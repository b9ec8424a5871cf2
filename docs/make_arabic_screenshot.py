"""Take docs/arabic-interface.png: the real window in Arabic (as `annotator --lang ar`) on
the demo project of make_screenshot.py, its Go menu (انتقال) open, so the translated menus, the
shortcuts beside them and the mirrored menu bar are all in the picture.

Usage, on a 1366x768 screen with fresh window settings:
    Xvfb :91 -screen 0 1366x768x24 &
    XDG_CONFIG_HOME=$(mktemp -d) DISPLAY=:91 python docs/make_arabic_screenshot.py PROJECT.db
The whole screen is grabbed, as `import -window root` would."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS))

from make_screenshot import main as make_demo  # noqa: E402

from annotator.core.store import Store  # noqa: E402
from annotator.ui.app import application, build_window  # noqa: E402
from annotator.ui.i18n import install_language  # noqa: E402
from annotator.ui.session import CURRENT_ANNOTATOR_KEY  # noqa: E402


def settle(app: QApplication, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()
        app.thread().msleep(20)


def main(path: str) -> None:
    if not Path(path).exists():
        make_demo(path)
    app = application()
    install_language("ar")
    with Store.open(path) as store:
        window = build_window(store, store.setting(CURRENT_ANNOTATOR_KEY) or "سارة")
        window.show()
        settle(app)
        bar = window.menuBar()
        edit = bar.actions()[3]  # انتقال: a short menu, the document list stays in view
        place = bar.actionGeometry(edit)
        edit.menu().popup(bar.mapToGlobal(QPoint(place.right(), place.bottom())))
        settle(app)
        QGuiApplication.primaryScreen().grabWindow(0).save(str(DOCS / "arabic-interface.png"))
        print("wrote docs/arabic-interface.png")
        edit.menu().close()
        window.close()
        settle(app, 5)


if __name__ == "__main__":
    main(sys.argv[1])
