"""Suggestions in the real window, driven by keys: they appear without blocking the
window, N moves to one, A accepts a quote with its speaker and link in one undo step, X
rejects for good, Shift+A accepts all; none of it is an annotation until accepted."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from annotator.core.formats.registry import get_format
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui.app import build_window

TEXT = (
    "قال وزير الخارجية سامر الحلبي: «سنواصل المفاوضات حتى نصل إلى اتفاق عادل». "
    "وأضاف أن الحكومة «لن تتراجع عن مطالبها مهما طال الوقت».\n"
    "وبثت قناة «النهار» المقابلة كاملة."
)
PLAIN = "نص بلا علامات اقتباس ولا متحدثين."

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def project(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        store.documents.add_many([NewDocument(TEXT, "quotes"), NewDocument(PLAIN, "plain")])
        yield store


@pytest.fixture
def window(qtbot, project):
    win = build_window(project, "mona")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.view.setFocus()
    qtbot.waitUntil(lambda: len(win.suggestions.items) >= 3, timeout=10000)
    return win


def layer(store: Store):
    who = store.annotator_by_name("mona").id
    doc = store.documents.ids()[0]
    spans = store.annotations.spans(doc, who)
    return sorted((s.label, TEXT[s.start : s.end]) for s in spans), store.annotations.relations(
        doc, who
    )


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window.view, key, modifier)


def test_suggestions_are_drawn_not_stored_as_annotations(window, project):
    labels = {(s.label, TEXT[s.start : s.end]) for s in window.suggestions.items}
    assert ("QUOTE", "سنواصل المفاوضات حتى نصل إلى اتفاق عادل") in labels
    assert any(label == "PERSON" and text.endswith("سامر الحلبي") for label, text in labels)
    assert not any(text == "النهار" for _, text in labels)  # a channel's name in marks
    assert window.view.suggestion_marks.marks  # the view was handed them
    assert layer(project) == ([], [])
    tips = window.view.tooltip_html_at(TEXT.index("المفاوضات"))
    assert "suggest:quotes" in tips and "QUOTE" in tips


def test_accept_quote_with_speaker_is_one_undo_step(qtbot, window, project):
    press(qtbot, window, Qt.Key.Key_N)
    first = window.suggestions.current
    assert first is not None
    quote = next(s for s in window.suggestions.items if s.label == "QUOTE" and s.links)
    window.suggestions.select(quote)
    press(qtbot, window, Qt.Key.Key_A)
    spans, relations = layer(project)
    assert [label for label, _ in spans] == ["PERSON", "QUOTE"]
    assert spans[0][1].endswith("سامر الحلبي")
    assert spans[1][1] == "سنواصل المفاوضات حتى نصل إلى اتفاق عادل"
    assert [r.label for r in relations] == ["SAID_BY"]
    ids = {s.id for s in project.annotations.spans(project.documents.ids()[0])}
    assert window.suggestions.current is not None  # the next one is current
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert layer(project) == ([], [])
    assert any(s.label == "QUOTE" and s.links for s in window.suggestions.items)
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert {s.id for s in project.annotations.spans(project.documents.ids()[0])} == ids
    assert len(layer(project)[1]) == 1


def test_reject_is_remembered_and_undoable(qtbot, window, project):
    quote = next(s for s in window.suggestions.items if s.label == "QUOTE")
    window.suggestions.select(quote)
    press(qtbot, window, Qt.Key.Key_X)
    (rejection,) = project.suggestions.rejections()
    assert (rejection.label, rejection.start) == ("QUOTE", quote.start)
    assert all((s.label, s.start) != ("QUOTE", quote.start) for s in window.suggestions.items)
    window.suggestions.schedule()  # the recipe runs again: the rejection holds
    qtbot.wait(300)
    qtbot.waitUntil(lambda: not window.suggestions.runner.busy)
    assert all((s.label, s.start) != ("QUOTE", quote.start) for s in window.suggestions.items)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert project.suggestions.rejections() == []
    assert any((s.label, s.start) == ("QUOTE", quote.start) for s in window.suggestions.items)


def test_accept_all_then_export_holds_only_accepted_spans(qtbot, window, project, tmp_path):
    shown = len({(s.label, s.start, s.end) for s in window.suggestions.items})
    press(qtbot, window, Qt.Key.Key_A, SHIFT)
    spans, relations = layer(project)
    assert len(spans) == shown and len(relations) == 2  # both quotes linked to the minister
    assert window.suggestions.items == []
    out = tmp_path / "out.jsonl"
    get_format("jsonl").write(project, out, LayerFilter.of(), {})
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {line.get("_annotator_id") for line in lines if line.get("spans")} == {"mona"}


def test_a_document_without_marks_has_no_suggestions_and_no_error(qtbot, window, project):
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # next document
    qtbot.waitUntil(lambda: window.editor.text == PLAIN)
    qtbot.wait(400)
    qtbot.waitUntil(lambda: not window.suggestions.runner.busy)
    assert window.suggestions.items == []
    press(qtbot, window, Qt.Key.Key_A)  # nothing chosen: said, nothing made
    assert "No suggestion" in window.statusBar().currentMessage()
