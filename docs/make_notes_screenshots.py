"""Take the screenshots of skips, flags and comments in docs/: a flagged document in the
review window (docs/flagged-review.png, the list filtered to flagged documents, every
annotator's notes above the merged view) and the Progress dialog over the annotation
window (docs/progress.png), on the team demo project of make_screenshot.py with a few
notes added.

Usage, on a 1366x768 screen with fresh window settings:
    Xvfb :93 -screen 0 1366x768x24 &
    XDG_CONFIG_HOME=$(mktemp -d) DISPLAY=:93 python docs/make_notes_screenshots.py PROJECT.db
The whole screen is grabbed, as `import -window root` would."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS))

from make_screenshot import main as make_demo  # noqa: E402

from annotator.core.store import Store  # noqa: E402
from annotator.ui.app import application, build_window  # noqa: E402
from annotator.ui.progress_dialog import show_progress  # noqa: E402
from annotator.ui.review_window import open_review_window  # noqa: E402


def settle(app: QApplication, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()
        QApplication.instance().thread().msleep(20)


def grab(app: QApplication, name: str) -> None:
    settle(app)
    QGuiApplication.primaryScreen().grabWindow(0).save(str(DOCS / name))
    print(f"wrote docs/{name}")


def add_notes(store: Store) -> None:
    """What the team said: a flag and a comment on the first article, a skip, a flag of a
    duplicate, and a little progress on the others."""
    ids = store.documents.ids()
    laila, omar, sara = (store.annotator_by_name(n).id for n in ("ليلى", "عمر", "سارة"))
    notes, annotations = store.notes, store.annotations
    notes.set_flag(ids[0], omar, "flagged", "unclear", "هل «والزعيم الصيني» اسم شخص أم وصف؟")
    speaker = next(s for s in annotations.spans(ids[0], laila) if s.label == "PERSON")
    notes.add_comment(ids[0], laila, "الاسم الكامل في الفقرة الأولى", speaker)
    notes.add_comment(ids[0], sara, "الاقتباس يمتد إلى آخر الجملة")
    notes.set_flag(ids[1], laila, "flagged", "duplicate", "نفس خبر الوكالة بعنوان آخر")
    notes.set_flag(ids[2], omar, "skipped", "", "ليس خبرا: إعلان")
    for who in (laila, omar, sara):
        annotations.set_status(ids[0], who, "done")
    annotations.set_status(ids[3], sara, "done")
    annotations.set_status(ids[1], omar, "in_progress")


def main(path: str) -> None:
    if not Path(path).exists():
        make_demo(path, True)
        with Store.open(path) as store:
            add_notes(store)
    app = application()
    with Store.open(path) as store:
        review = open_review_window(store, "مراجع")
        review.resize(1366, 740)
        review.move(0, 0)
        box = review.documents.note_filter_box
        box.setCurrentIndex(box.findData("flagged"))
        review.documents.select_document(store.documents.ids()[0])
        grab(app, "flagged-review.png")
        review.close()

        window = build_window(store, "سارة")
        window.resize(1366, 740)
        window.move(0, 0)
        window.show()
        settle(app)
        dialog = show_progress(window, store)
        dialog.resize(980, 210)
        dialog.move(window.geometry().center() - dialog.rect().center())
        grab(app, "progress.png")
        dialog.close()
        window.close()
        settle(app, 5)


if __name__ == "__main__":
    main(sys.argv[1])
