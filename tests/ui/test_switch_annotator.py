"""File ▸ Switch annotator: typing "gold" is refused with a plain explanation, no traceback.

The real action runs the real dialog code (`ask_annotator_name`); only the input box is
replaced by one that answers as a user would.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui.app import build_window, current_annotator_name
from annotator.ui.plain_text import isolate

REFUSAL = (
    "gold is the adjudicated layer, not an annotator; open the review window "
    "(File ▸ Review disagreements…) to edit it as a reviewer."
)


@pytest.fixture
def window(qtbot, tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        store.documents.add_many([NewDocument("قال بوتين اليوم", "خبر")])
        store.gold_layer()  # a reviewer has worked here: gold exists
        store.ensure_annotator("mona")
        win = build_window(store, "ali")
        qtbot.addWidget(win)
        win.show()
        yield win


def answer(monkeypatch, name: str) -> list[list[str]]:
    """Make the input box answer `name`; returns the lists of names it was offered."""
    offered: list[list[str]] = []

    def get_item(_parent, _title, _label, items, *args, **kwargs):
        offered.append(list(items))
        return name, True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    return offered


def switch_action(window):
    return next(a for a in window.actions() if a.text() == "Switch &annotator…")


def test_switching_to_gold_is_explained_not_a_traceback(qtbot, window, monkeypatch, capsys):
    hooked: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, value, _tb: hooked.append(value))
    offered = answer(monkeypatch, "gold")
    with qtbot.captureExceptions() as caught:
        switch_action(window).trigger()
        qtbot.wait(10)
    assert caught == [] and hooked == []
    assert capsys.readouterr().err == ""
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert box.text() == REFUSAL
    assert window.statusBar().currentMessage() == REFUSAL
    assert window.session.annotator.name == "ali"
    assert window.who.text().endswith(isolate("ali"))
    assert "gold" not in offered[0] and "mona" in offered[0]
    box.close()


def test_switching_to_another_annotator_still_works(qtbot, window, monkeypatch):
    answer(monkeypatch, "mona")
    switch_action(window).trigger()
    assert window.session.annotator.name == "mona"
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def test_a_name_the_core_refuses_is_explained(qtbot, window, monkeypatch):
    answer(monkeypatch, "x" * 101)
    with qtbot.captureExceptions() as caught:
        switch_action(window).trigger()
    assert caught == []
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert "1–100 characters" in box.text()
    assert window.session.annotator.name == "ali"
    box.close()


def test_first_start_asks_again_after_gold(qtbot, tmp_path, monkeypatch):
    """The first start's question refused "gold" with a traceback out of the app."""
    answers = iter(["gold", "  ", "ali"])
    prompts: list[str] = []

    def get_item(_parent, _title, label, items, *args, **kwargs):
        prompts.append(label)
        name = next(answers)
        return name, bool(name.strip())

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    with Store.open(tmp_path / "p.db") as store:
        store.gold_layer()
        assert current_annotator_name(store) is None  # the blank answer is a Cancel
        assert prompts[1].startswith(REFUSAL)
        assert current_annotator_name(store) == "ali"
        assert "gold" not in {a.name for a in store.annotators() if a.role == "annotator"}
