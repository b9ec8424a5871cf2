"""Training from the window: `annotator train` runs as a process of its own while the
window keeps working; too few examples are said in the status bar, a trained model's
suggestions appear on the next document, and Cancel leaves no model behind."""

from __future__ import annotations

import pytest

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.suggest.model.folder import default_model_dir
from annotator.ui.app import build_window
from tests.suggest.model.project import ANNOTATOR, build

pytest.importorskip("spacy")

# not one of the training texts: names it has seen, in a sentence it has not
FRESH = "وصل كريم منصور إلى تونس أمس حيث التقى ممثلي وزارة الصحة في القاهرة."


def _window(qtbot, store: Store):
    win = build_window(store, ANNOTATOR)
    win.suggestions.set_recipe_on("quotes", False)
    win.suggestions.set_recipe_on("propagate", False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _train(qtbot, window, timeout: int = 120_000) -> tuple[bool, str]:
    with qtbot.waitSignal(window.suggestions.training.finished, timeout=timeout) as done:
        window.suggestions.training.start(str(window.store.path), ANNOTATOR)
        assert window.suggestions.training.running
    return tuple(done.args)


def test_too_few_examples_are_said_and_nothing_is_written(qtbot, tmp_path):
    with Store.open(tmp_path / "few.db") as store:
        build(store, documents=1)
        window = _window(qtbot, store)
        ok, last = _train(qtbot, window)
        assert not ok and "more" in last
        assert not default_model_dir(store.path, ANNOTATOR).exists()


def test_trained_model_suggests_on_the_next_document_and_cancel_leaves_nothing(qtbot, tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        build(store, documents=12)
        (fresh,) = store.documents.add_many([NewDocument(FRESH, "fresh")]).ids
        window = _window(qtbot, store)
        # cancelled at once: no model folder, nothing half written beside it
        window.suggestions.training.start(str(store.path), ANNOTATOR)
        qtbot.wait(300)
        with qtbot.waitSignal(window.suggestions.training.finished, timeout=20_000) as done:
            window.suggestions.training.cancel()
        assert done.args[0] is False
        folder = default_model_dir(store.path, ANNOTATOR)
        assert not folder.exists()
        assert not [p for p in folder.parent.glob("*") if p.name.startswith(folder.name)]
        ok, last = _train(qtbot, window)
        assert ok, last
        # waitSignal runs an event loop that lets the worker thread have the interpreter
        # (QTest.qWait, under waitUntil, barely does while a window is shown)
        with qtbot.waitSignal(
            window.suggestions.runner.finished,
            timeout=60_000,
            check_params_cb=lambda result: result.job.document_id == fresh,
        ) as ran:
            window.documents.select_document(fresh)
        assert ran.args[0].problems == []
        assert any(s.recipe == "model" for s in window.suggestions.items)
        text = store.documents.text(fresh)
        for s in window.suggestions.items:
            assert s.layer == "suggest:model" and 0 < s.confidence <= 1
            assert text[s.start : s.end].strip() == text[s.start : s.end]
        assert store.annotations.spans(fresh) == []  # suggestions, not annotations


def test_a_trained_model_is_retrained_as_annotations_grow(qtbot, tmp_path, monkeypatch):
    from annotator.ui import retraining

    monkeypatch.setattr(retraining, "EDITS_PER_TRAINING", 3)
    with Store.open(tmp_path / "p.db") as store:
        build(store, documents=12)
        window = _window(qtbot, store)
        for _ in range(4):  # no model yet: edits start nothing
            window.editor.apply_label("PERSON", 0, 2, exact=True)
            window.editor.delete_current()
        assert not window.suggestions.training.running
        ok, last = _train(qtbot, window)
        assert ok, last
        marker = default_model_dir(store.path, ANNOTATOR) / "annotator-model.json"
        first = marker.stat().st_mtime_ns
        with qtbot.waitSignal(window.suggestions.training.finished, timeout=120_000) as done:
            for _ in range(2):  # four span edits: the fourth crosses the count
                window.editor.apply_label("PERSON", 0, 2, exact=True)
                window.editor.delete_current()
        assert done.args[0] is True
        assert marker.stat().st_mtime_ns != first
        retraining.Retraining.set_enabled(False)  # the setting turns it off
        for _ in range(4):
            window.editor.apply_label("PERSON", 0, 2, exact=True)
            window.editor.delete_current()
        assert not window.suggestions.training.running
        window.close()  # before the project closes
