"""`annotator self-test`: the real window on a throw-away project, driven end to end.

Checks what a broken installation or bundle gets wrong first: the bundled seeds and label
scheme, the Qt platform plugin, the main window, an Arabic font, an edit through the
Editor reaching SQLite, undo, and an export whose offsets slice the text. Runs from a
PyInstaller bundle as well as from a checkout: it relies on nothing outside the package.
Prints one `ok: …` line per step; returns 0, or 1 with the step that failed.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TextIO

SELF_TEST_ANNOTATOR = "self-test"
TEST_LABEL = "PERSON"
# A run of Arabic letters: the word the test labels.
_ARABIC_WORD = re.compile(r"[\u0621-\u064A]{3,}")


class SelfTestFailure(Exception):
    """A check that did not hold; the message says what was expected."""


def needs_offscreen(environ: Mapping[str, str] | None = None) -> bool:
    """True when no Qt platform was chosen and there is no display to show a window on."""
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM"):
        return False
    if not sys.platform.startswith("linux"):
        return False
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def choose_platform(force_offscreen: bool = False) -> str:
    """Set QT_QPA_PLATFORM=offscreen when needed (before any QApplication); returns the
    platform the process will ask Qt for ("" for Qt's default)."""
    if force_offscreen or needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return os.environ.get("QT_QPA_PLATFORM", "")


class _Run:
    """Runs the steps in order and reports each one."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out = out
        self.err = err
        self.step = "start"

    def ok(self, message: str) -> None:
        print(f"ok: {message}", file=self.out, flush=True)

    def check(self, condition: bool, message: str) -> None:
        if not condition:
            raise SelfTestFailure(message)


def _check_data(run: _Run) -> list[Path]:
    from annotator.core.resources import default_scheme_path, resource_dir, seed_files

    run.step = "bundled data"
    seeds = seed_files()
    run.check(bool(seeds), f"no seed articles in {resource_dir('seeds')}")
    scheme = default_scheme_path()
    run.check(scheme.is_file(), f"label scheme missing: {scheme}")
    from PySide6.QtCore import QTranslator

    from annotator.ui.i18n import catalogue_path, qt_catalogue_folders

    ours, qt = QTranslator(), QTranslator()
    run.check(ours.load(str(catalogue_path("ar"))), f"cannot read {catalogue_path('ar')}")
    found = any(qt.load("qtbase_ar", folder) for folder in qt_catalogue_folders())
    run.check(found, f"Qt's qtbase_ar.qm is in none of {qt_catalogue_folders()}")
    where = "packaged" if "_data" in scheme.parts else "source checkout"
    run.ok(
        f"bundled data: {len(seeds)} seed articles, the label scheme and the Arabic "
        f"interface ({where} copy)"
    )
    return seeds


def _first_word(text: str) -> tuple[int, int]:
    match = _ARABIC_WORD.search(text)
    if match is None:
        raise SelfTestFailure("the first document holds no Arabic word")
    return match.start(), match.end()


def _steps(run: _Run, workdir: Path, started: float) -> None:
    seeds = _check_data(run)

    run.step = "Qt"
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app import application, build_window
    from annotator.ui.window_layout import use_settings_folder

    app = application()
    use_settings_folder(workdir)  # the test window must not move the user's own windows
    platform = QApplication.platformName()
    run.ok(f"Qt {qVersion()} (PySide6 {pyside_version}), platform {platform!r}")

    run.step = "project"
    from annotator.core.formats.import_text import import_text_files
    from annotator.core.store import Store

    store = Store.open(workdir / "self-test.db")
    try:
        store.set_setting("language", "ar")
        report = import_text_files(store, seeds)
        run.check(
            report.added == len(seeds), f"imported {report.added} of {len(seeds)} seed articles"
        )
        run.ok(f"temporary project with {report.added} articles in {workdir}")
        _window_steps(run, app, store, workdir, started, build_window)
    finally:
        store.close()


def _window_steps(run: _Run, app, store, workdir: Path, started: float, build_window) -> None:
    run.step = "main window"
    window = build_window(store, SELF_TEST_ANNOTATOR)
    try:
        window.show()
        app.processEvents()
        run.check(window.isVisible(), "the main window did not become visible")
        elapsed = (time.perf_counter() - started) * 1000
        run.ok(f"main window shown in {elapsed:.0f} ms")

        run.step = "Arabic font"
        from annotator.ui.fonts import arabic_families, arabic_family

        families = arabic_families()
        run.check(
            bool(families),
            "no installed font family supports Arabic (install fonts-noto-core or "
            "fonts-dejavu-core; fontconfig must be able to find them)",
        )
        run.ok(
            f"{len(families)} font families cover Arabic; the article view uses {arabic_family()!r}"
        )

        _edit_steps(run, app, window, store, workdir)
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()


def _edit_steps(run: _Run, app, window, store, workdir: Path) -> None:
    run.step = "label a span"
    editor = window.editor
    if editor.document_id is None:
        first = store.documents.ids()[0]
        window.open_document(first)
    doc = editor.document_id
    run.check(doc is not None, "no document is open in the window")
    start, end = _first_word(editor.text)
    window.view.select_offsets(start, end)
    app.processEvents()
    sel = window.view.selection_offsets()
    run.check(sel == (start, end), f"selected {start}-{end} in the view but it reports {sel}")
    span = editor.apply_label(TEST_LABEL, *sel)
    run.check(span is not None, f"the Editor refused to label {start}-{end} as {TEST_LABEL}")
    who = store.annotator_by_name(SELF_TEST_ANNOTATOR).id

    def stored() -> list:
        return [(s.label, s.start, s.end) for s in store.annotations.spans(doc, who)]

    run.check(
        stored() == [(TEST_LABEL, span.start, span.end)],
        f"expected one {TEST_LABEL} span {span.start}-{span.end} in the database, found {stored()}",
    )
    run.ok(
        f"labelled {TEST_LABEL} at {span.start}-{span.end} of document {doc}; it is in the database"
    )

    run.step = "undo"
    undo = window.session.undo_group
    run.check(undo.canUndo(), "nothing to undo after labelling")
    undo.undo()
    run.check(stored() == [], f"after undo the database still holds {stored()}")
    undo.redo()
    run.check(len(stored()) == 1, f"after redo the database holds {stored()}")
    run.ok("undo removed the span from the database; redo put it back")

    run.step = "export"
    from annotator.core.formats.export_jsonl import export_jsonl

    path = workdir / "export.jsonl"
    report = export_jsonl(store, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    run.check(len(lines) == report.lines and lines, f"export wrote {len(lines)} lines")
    spans = 0
    for number, line in enumerate(lines, start=1):
        record = json.loads(line)
        text = record["text"]
        for item in record["spans"]:
            spans += 1
            got = text[item["start"] : item["end"]]
            run.check(
                got == item["text"],
                f"{path.name}, line {number}: text[{item['start']}:{item['end']}] is "
                f"{got!r}, the span says {item['text']!r}",
            )
    run.check(spans >= 1, "the export holds no span")
    run.ok(
        f"exported {len(lines)} JSONL line(s) with {spans} span(s); "
        "every span slices its text exactly"
    )


def run_self_test(
    *,
    force_offscreen: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
    steps: Callable[[_Run, Path, float], None] = _steps,
) -> int:
    """Run every check; returns the exit status (0 passed, 1 failed)."""
    started = time.perf_counter()
    out = out or sys.stdout
    err = err or sys.stderr
    choose_platform(force_offscreen)
    run = _Run(out, err)
    try:
        with tempfile.TemporaryDirectory(prefix="annotator-self-test-") as tmp:
            steps(run, Path(tmp), started)
    except SelfTestFailure as exc:
        print(f"self-test FAILED at {run.step}: {exc}", file=err, flush=True)
        return 1
    except Exception as exc:
        traceback.print_exc(file=err)
        print(f"self-test FAILED at {run.step}: {type(exc).__name__}: {exc}", file=err, flush=True)
        return 1
    total = (time.perf_counter() - started) * 1000
    print(f"self-test passed in {total:.0f} ms", file=out, flush=True)
    return 0
