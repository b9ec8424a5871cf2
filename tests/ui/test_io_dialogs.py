"""Import/export dialogs: worker thread with its own Store, cancel rolls back, plain errors."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QThread
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from annotator.core.store import Store
from annotator.ui.background_job import BackgroundJob
from annotator.ui.io_dialogs import (
    ExportOutcome,
    ImportOutcome,
    export_job,
    import_job,
    run_export,
    run_import,
)
from tests.conftest import SEEDS


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _ids(store: Store) -> list[int]:
    return store.documents.ids()


def _articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"article_{n:03d}.txt").write_text(
            f"خبر رقم {n} عن الاقتصاد\nقال الوزير إن النمو بلغ {n} في المئة هذا العام.\n",
            encoding="utf-8",
        )
    return folder


def _cancel_on_first_progress(job: BackgroundJob) -> list[tuple[int, int, bool]]:
    """Press the dialog's Cancel button when the first progress signal reaches the GUI.

    The worker waits (in its own thread) until the button was pressed, so the cancel
    lands at the first step whatever the speed of the machine.
    """
    pressed = threading.Event()
    seen: list[tuple[int, int, bool]] = []

    def hold_worker(_done: int, _total: int) -> None:  # runs in the worker thread
        pressed.wait(10)

    def press_cancel(done: int, total: int) -> None:  # runs in the GUI thread
        in_gui = QThread.currentThread() is QCoreApplication.instance().thread()
        seen.append((done, total, in_gui))
        if not pressed.is_set():
            job.dialog.findChild(QPushButton).click()
            pressed.set()

    job.worker.progressed.connect(hold_worker, Qt.ConnectionType.DirectConnection)
    job.progressed.connect(press_cancel)
    return seen


def _close_boxes(widget: QWidget) -> list[QMessageBox]:
    boxes = widget.findChildren(QMessageBox)
    for box in boxes:
        box.close()
    return boxes


# -- import -----------------------------------------------------------------------------------


def test_import_of_the_seeds_folder_adds_five_documents(store: Store, window):
    outcome = run_import(window, store.path, [SEEDS], None)
    assert isinstance(outcome, ImportOutcome)
    assert outcome.ok, outcome.error
    assert (outcome.documents_added, outcome.documents_existing, outcome.files) == (5, 0, 5)
    assert len(outcome.ids) == 5
    assert store.documents.count() == 5  # the GUI's own connection sees the commit
    assert "5 new" in outcome.summary()
    again = run_import(window, store.path, [SEEDS], None)
    assert (again.documents_added, again.documents_existing) == (0, 5)
    assert window.findChildren(QMessageBox) == []


def test_import_of_nothing_returns_none(store: Store, window):
    assert run_import(window, store.path, [], None) is None


def test_cancelled_import_of_300_files_stores_nothing(seeded: Store, window, tmp_path, qtbot):
    folder = _articles(tmp_path / "many", 300)
    before = _ids(seeded)
    job = import_job(window, seeded.path, [folder])
    seen = _cancel_on_first_progress(job)
    with qtbot.waitSignal(job.finished, timeout=20_000) as blocker:
        job.start()
    outcome = blocker.args[0]
    assert outcome.cancelled and outcome.error is None
    assert outcome is job.outcome
    assert seen and seen[0][1] == 300 and seen[0][2]  # total known, delivered in the GUI
    assert seen[0][0] < 300
    assert _ids(seeded) == before
    assert "nothing was stored" in outcome.summary()


def test_uncancelled_import_of_300_files_reports_progress(store: Store, window, tmp_path):
    folder = _articles(tmp_path / "many", 300)
    steps: list[int] = []
    job = import_job(window, store.path, [folder])
    job.progressed.connect(lambda done, _total: steps.append(done))
    job.start()
    outcome = job.wait()
    assert outcome.ok and outcome.documents_added == 300
    assert steps and steps[-1] == 300 and steps == sorted(steps)
    assert store.documents.count() == 300


def test_bad_jsonl_shows_file_and_line_as_plain_text_and_stores_nothing(
    seeded: Store, window, tmp_path
):
    bad = tmp_path / "<img src=x>.jsonl"
    bad.write_text(
        json.dumps({"text": "قال الوزير إن الاقتصاد ينمو."}, ensure_ascii=False)
        + "\n"
        + '{"text": "نص مقطوع\n',
        encoding="utf-8",
    )
    before = _ids(seeded)
    outcome = run_import(window, seeded.path, [bad], "سارة")
    assert outcome.error is not None and not outcome.cancelled
    assert str(bad) in outcome.error and "line 2" in outcome.error
    assert _ids(seeded) == before  # line 1 was rolled back with the rest
    boxes = _close_boxes(window)
    assert len(boxes) == 1
    assert boxes[0].textFormat() == Qt.TextFormat.PlainText
    assert boxes[0].text() == outcome.error


def test_error_in_a_later_file_takes_back_the_earlier_ones(seeded: Store, window, tmp_path):
    folder = _articles(tmp_path / "few", 3)
    bad = tmp_path / "bad.ndjson"
    bad.write_text("[1, 2]\n", encoding="utf-8")
    before = _ids(seeded)
    outcome = run_import(window, seeded.path, [folder, bad], None)
    assert outcome.error and "bad.ndjson, line 1" in outcome.error
    assert _ids(seeded) == before
    _close_boxes(window)


def test_missing_file_is_an_error(store: Store, window, tmp_path):
    outcome = run_import(window, store.path, [tmp_path / "nowhere.txt"], None)
    assert outcome.error and "nowhere.txt" in outcome.error
    _close_boxes(window)


def test_jsonl_import_stores_spans_in_the_named_layer(store: Store, window, tmp_path):
    lines = tmp_path / "doccano.jsonl"
    lines.write_text(
        json.dumps({"text": "قال بوتين في موسكو.", "label": [[4, 9, "PERSON"]]}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    outcome = run_import(window, store.path, [lines], "سارة")
    assert outcome.ok, outcome.error
    assert (outcome.documents_added, outcome.spans_added) == (1, 1)
    sara = store.annotator_by_name("سارة").id
    doc = store.documents.ids()[0]
    assert [(s.start, s.end, s.label) for s in store.annotations.spans(doc, sara)] == [
        (4, 9, "PERSON")
    ]


# -- export -----------------------------------------------------------------------------------


@pytest.fixture
def annotated(seeded: Store):
    who = seeded.ensure_annotator("سارة").id
    for doc in seeded.documents.ids():
        text = seeded.documents.text(doc)
        start = text.index("بوتين")
        seeded.annotations.add_span(doc, who, "PERSON", start, start + 5)
    seeded.annotations.set_status(seeded.documents.ids()[0], who, "done")
    return seeded


def test_export_writes_valid_jsonl_and_no_part_file(annotated: Store, window, tmp_path):
    out = tmp_path / "out.jsonl"
    outcome = run_export(window, annotated.path, out)
    assert isinstance(outcome, ExportOutcome) and outcome.ok, outcome.error
    assert (outcome.lines, outcome.spans) == (5, 5)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    assert all(r["spans"][0]["text"] == "بوتين" for r in records)
    assert list(tmp_path.glob("*.part")) == []


def test_export_filters_pass_through(annotated: Store, window, tmp_path):
    out = tmp_path / "done.jsonl"
    outcome = run_export(window, annotated.path, out, done_only=True)
    assert outcome.ok and outcome.lines == 1
    unknown = run_export(window, annotated.path, tmp_path / "x.jsonl", annotators=["nobody"])
    assert unknown.error == "no annotator called 'nobody'"
    assert not (tmp_path / "x.jsonl").exists() and not list(tmp_path.glob("*.part"))
    _close_boxes(window)


def test_cancelled_export_leaves_no_file(annotated: Store, window, tmp_path, qtbot):
    out = tmp_path / "out.jsonl"
    job = export_job(window, annotated.path, out)
    seen = _cancel_on_first_progress(job)
    with qtbot.waitSignal(job.finished, timeout=20_000) as blocker:
        job.start()
    outcome = blocker.args[0]
    assert seen and outcome.cancelled and outcome.error is None
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("project.db")] == []


def test_export_to_an_unwritable_place_is_an_error(annotated: Store, window, tmp_path):
    out = tmp_path / "missing-folder" / "out.jsonl"
    outcome = run_export(window, annotated.path, out)
    assert outcome.error == f"{out}: cannot write (no folder {out.parent})"
    assert not out.exists()
    boxes = _close_boxes(window)
    assert boxes and boxes[0].textFormat() == Qt.TextFormat.PlainText
