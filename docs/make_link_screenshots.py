"""Take docs/quote-speaker-link.png (a quote drawn linked to its speaker, the quote current,
its link listed under the spans table) and docs/dark-mode.png (the same in View ▸ Dark
mode) of the real window on an X screen.

Usage (a 1366x768 laptop screen; nothing of the user's own settings is read or written):
    Xvfb :94 -screen 0 1366x768x24 &
    DISPLAY=:94 python docs/make_link_screenshots.py [OUTPUT_FOLDER]
QT_SCALE_FACTOR=2 with a 2732x1536 screen gives the same pictures at twice the pixels.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest

from annotator.core.store import Store
from annotator.ui.app import application, build_window


def add_reported_speech(store: Store, annotator: str) -> int:
    """A reported quote a few words from its speaker (so the arc has room to show), and a
    quote two lines below its speaker, with their SAID_BY links; returns the first
    quote's span id."""
    who = store.ensure_annotator(annotator).id
    doc = store.documents.ids()[0]
    text = store.documents.text(doc)
    add = store.annotations.add_span
    name = text.index("كيريلو تيموشينكو")
    speaker = add(doc, who, "PERSON", name, name + len("كيريلو تيموشينكو"))
    start = text.index("أربعة مدنيين")
    quote = add(doc, who, "QUOTE", start, text.index("القصف.", start) + len("القصف"))
    store.annotations.add_relation(quote.id, speaker.id, "SAID_BY")
    # and one whose ends are lines apart: drawn through the margin
    name = text.index("بوتين", text.index("لم يشر"))
    speakers = add(doc, who, "PERSON", name, name + len("بوتين"))
    start = text.index("الوضع الدولي الصعب")
    words = add(doc, who, "QUOTE", start, start + len("الوضع الدولي الصعب"))
    store.annotations.add_relation(words.id, speakers.id, "SAID_BY")
    return quote.id


def settle(ms: int = 400) -> None:
    QTest.qWait(ms)


def main(out: Path) -> None:
    import make_screenshot

    from annotator.ui import appearance

    folder = Path(tempfile.mkdtemp(prefix="link-shots-"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    db = folder / "demo.db"
    make_screenshot.main(str(db))
    app = application()
    with Store.open(db) as store:
        quote = add_reported_speech(store, "سارة")
        window = build_window(store, "سارة")
        window.setGeometry(0, 0, 1366, 740)
        window.show()
        settle()
        window.editor.set_current(quote)
        window.view.scroll_to_span(quote, flash=False)
        settle()
        window.view.setFocus()
        shot = app.primaryScreen().grabWindow(window.winId())
        shot.save(str(out / "quote-speaker-link.png"))
        appearance.set_dark(True)
        settle()
        app.primaryScreen().grabWindow(window.winId()).save(str(out / "dark-mode.png"))
        appearance.set_dark(False)
        window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
