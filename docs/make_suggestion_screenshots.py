"""Screenshots of suggestions in the real window, on the seeds (docs/suggestions-*.png):
quotes suggested when a document opens, a quote accepted with its speaker in one key,
a name tagged once and propagated to its other occurrences (behind a clitic too), and,
with --model, a model trained on the Wojood sample suggesting entities.

The window is the real one on an X server; each picture is `import -window root` of a
1366x768 screen:
    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 XDG_CONFIG_HOME=$(mktemp -d) python docs/make_suggestion_screenshots.py [--model]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest

from annotator.core.formats.import_text import import_text_files
from annotator.core.resources import seed_files
from annotator.core.store import Store
from annotator.ui.app import application, build_window

DOCS = Path(__file__).resolve().parent
WOJOOD = DOCS.parents[1] / "shared" / "data" / "wojood-sample"


def wait(ms: int) -> None:
    """Run the event loop for a while (QTest.qWait would starve the worker thread)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def settle(window, ms: int = 400) -> None:
    """Let the recipes run and the window paint."""
    wait(ms)
    deadline = time.monotonic() + 60
    while window.suggestions.runner.busy and time.monotonic() < deadline:
        wait(50)
    wait(ms)


def shot(window, name: str) -> None:
    settle(window)
    subprocess.run(["import", "-window", "root", str(DOCS / name)], check=True)
    print(f"wrote docs/{name}")


def open_document(window, store: Store, starts_with: str) -> int:
    doc = next(d.id for d in store.documents.iter_all() if d.text.startswith(starts_with))
    window.documents.select_document(doc)
    window.view.setFocus()
    settle(window)
    return doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--model", action="store_true", help="also train and show a model")
    args = parser.parse_args()
    _app = application()  # kept alive while the window is shown
    folder = Path(tempfile.mkdtemp(prefix="suggestion-shots-"))
    db = folder / "demo.db"
    with Store.open(db) as store:
        import_text_files(store, seed_files())
        store.ensure_annotator("منى")
    store = Store.open(db)
    window = build_window(store, "منى")
    window.setGeometry(0, 0, 1366, 740)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)

    # 1. quotes and speakers suggested as the document opens; the first quote current
    open_document(window, store, "بوتين وشي")
    controller = window.suggestions
    quote = next(s for s in controller.items if s.label == "QUOTE" and s.links)
    controller.select(quote)
    shot(window, "suggestions-quotes.png")

    # 2. A: the quote, its speaker and the SAID_BY link, one undo step
    QTest.keyClick(window.view, Qt.Key.Key_A)
    shot(window, "suggestions-accepted.png")

    # 3. بوتين tagged once: its other occurrences suggested, فبوتين without its clitic
    text = window.editor.text
    at = text.index("بوتين")
    window.view.select_offsets(at, at + len("بوتين"))
    QTest.keyClick(window.view, Qt.Key.Key_1)
    settle(window, 900)
    window.view.scroll_to_offsets(text.index("فبوتين"), text.index("فبوتين") + 6)
    shot(window, "suggestions-propagation.png")

    if args.model:
        if not (WOJOOD / "val.txt").is_file():
            sys.exit("--model needs ../shared/data/wojood-sample/val.txt")
        command = [sys.executable, "-m", "annotator", "--db", str(db)]
        subprocess.run(
            [
                *command,
                "import",
                str(WOJOOD / "val.txt"),
                "--format",
                "conll",
                "--annotator",
                "wojood",
                "--map-wojood",
                "--create-labels",
            ],
            check=True,
        )
        from annotator.core.suggest.model.folder import default_model_dir

        # trained on the Wojood layer, into منى's model folder: her window uses it
        out = default_model_dir(db, "منى")
        subprocess.run([*command, "train", "--annotator", "wojood", "-o", str(out)], check=True)
        controller.set_recipe_on("quotes", False)  # the model's suggestions alone
        controller.set_recipe_on("propagate", False)
        open_document(window, store, "أعلن الرئيس الصيني")
        controller.step(1)  # the first one current: its confidence in the status bar
        shot(window, "suggestions-model.png")
        controller.set_recipe_on("quotes", True)
        controller.set_recipe_on("propagate", True)
    window.close()
    store.close()


if __name__ == "__main__":
    main()
