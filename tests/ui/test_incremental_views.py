"""Edits update the article view and the spans panel by change, not by rebuilding them:
after every add, nested add, relabel, move, delete, link, undo and redo, what the window
shows is what a view and a panel built afresh from the project show."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui.app import build_window
from annotator.ui.span_painter import SpanIndex
from annotator.ui.spans_panel import SpansPanel

WORDS = [
    "قال",
    "الرئيس",
    "بوتين",
    "في",
    "موسكو",
    "إن",
    "الحوار",
    "مع",
    "بكين",
    "ممكن",
    "اليوم",
    "وغدا",
]


@pytest.fixture
def project(tmp_path):
    rng = random.Random(3)
    text = "\n".join(" ".join(rng.choice(WORDS) for _ in range(30)) for _ in range(12))
    with Store.open(tmp_path / "p.db") as store:
        doc = store.documents.add_many([NewDocument(text, "long")]).ids[0]
        who = store.ensure_annotator("tester").id
        for n in range(0, 300, 7):  # nested and crossing spans from the start
            store.annotations.add_span(doc, who, "PERSON", n * 5, n * 5 + 4)
            store.annotations.add_span(doc, who, "CLAIM", n * 5, n * 5 + 40)
        yield store


@pytest.fixture
def window(qtbot, project):
    win = build_window(project, "tester")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.view.setFocus()
    return win


def assert_same_as_rebuilt(window) -> None:
    """The window's view index and panel rows equal ones built from the project anew."""
    QApplication.processEvents()
    store, editor = window.store, window.editor
    spans = store.annotations.spans(editor.document_id, window.session.layer_id)
    assert editor.spans == sorted(spans, key=lambda s: (s.start, -s.end, s.id))
    for offset in range(0, len(editor.text), 3):
        covering = [s for s in spans if s.start <= offset < s.end] or [
            s for s in spans if s.end == offset
        ]
        innermost = min(covering, key=lambda s: (s.end - s.start, s.id)) if covering else None
        assert editor.span_at(offset) == innermost
    shown = window.view._index
    painted, links = window._paint_data()
    fresh = SpanIndex(painted, links, shown.block_starts, shown.text_length)
    assert shown.spans == fresh.spans
    assert shown.depth == fresh.depth
    assert shown.by_block == fresh.by_block
    assert shown.badges == fresh.badges
    for n in range(len(fresh.block_starts)):
        assert shown.background_segments(n) == fresh.background_segments(n)
    panel = SpansPanel()
    panel.set_content(editor.text, spans, editor.relations, editor.labels())
    assert window.spans_panel.row_texts() == panel.row_texts()
    model = window.spans_panel.model()
    for row in range(model.rowCount()):  # what Qt asks for, not only our own helper
        cells = [model.index(row, c).data() for c in range(model.columnCount())]
        assert cells == panel.row_texts()[row]


def select(window, start: int, end: int) -> None:
    window.view.select_offsets(start, end)


def test_edits_undo_and_redo_update_like_a_rebuild(qtbot, window):
    assert_same_as_rebuilt(window)
    text = window.editor.text
    words = [(i, i + len(w)) for i, w in _words(text)]
    for start, end in words[3:60:9]:  # new spans, some inside existing ones
        select(window, start, end)
        qtbot.keyClick(window.view, Qt.Key.Key_3)
        assert_same_as_rebuilt(window)
    select(window, words[2][0], words[20][1])  # one long span over many others
    qtbot.keyClick(window.view, Qt.Key.Key_7)
    assert_same_as_rebuilt(window)
    select(window, words[12][1], words[12][1])  # no selection: relabel the current span
    span_id = window.editor.current_span_id
    assert span_id
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert window.editor.span(span_id).label == "ORG"
    assert_same_as_rebuilt(window)
    window.editor.move_edge("end", 1)
    assert_same_as_rebuilt(window)
    span_id = window.editor.current_span_id  # the cursor sits at the span's end now
    assert span_id
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert window.editor.span(span_id) is None
    assert_same_as_rebuilt(window)
    select(window, words[5][0], words[5][1])  # a quote, then its speaker: a link row
    qtbot.keyClick(window.view, Qt.Key.Key_8)
    quote = next(s for s in window.editor.spans if s.label == "QUOTE")
    window.editor.set_current(quote.id)  # the cursor after it may sit in a claim
    select(window, words[40][0], words[40][1])
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    assert window.editor.relations
    assert_same_as_rebuilt(window)
    undo = window.session.undo_group
    for _ in range(8):
        undo.undo()
        assert_same_as_rebuilt(window)
    for _ in range(8):
        undo.redo()
        assert_same_as_rebuilt(window)


def test_panel_keeps_the_current_span_selected_across_edits(qtbot, window):
    text = window.editor.text
    words = [(i, i + len(w)) for i, w in _words(text)]
    select(window, *words[50])
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    current = window.editor.current_span_id
    assert window.spans_panel.current_span_id() == current
    select(window, *words[4])  # a span added before it shifts its row
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    assert window.spans_panel.current_span_id() == window.editor.current_span_id
    doomed = window.editor.spans[4].id
    window.editor.set_current(doomed)
    assert window.spans_panel.current_span_id() == doomed
    window.editor.delete_current()
    assert_same_as_rebuilt(window)
    assert window.spans_panel.current_span_id() is None  # its row is gone: no row current


def _words(text: str) -> list[tuple[int, str]]:
    out, at = [], 0
    for word in text.split():
        at = text.index(word, at)
        out.append((at, word))
        at += len(word)
    return out


def test_panel_repaints_after_the_article_and_then_shows_the_new_row(qtbot, window):
    words = [(i, i + len(w)) for i, w in _words(window.editor.text)]
    select(window, *words[7])
    qtbot.keyClick(window.view, Qt.Key.Key_4)
    panel = window.spans_panel
    assert not panel.viewport().updatesEnabled()  # out of the key's frame
    qtbot.waitUntil(lambda: panel.viewport().updatesEnabled(), timeout=2000)
    assert "LOC" in [row[1] for row in panel.row_texts()]
