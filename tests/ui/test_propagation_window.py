"""Propagation in the real window: a name tagged once with its label key is suggested on
its other occurrences (behind a clitic too) while the annotator works, and accepting one
with A makes it theirs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui.app import build_window

TEXT = "قال بوتين إن الحوار ممكن. ورد ماكرون على بوتين، ثم اتصل لبوتين أمس."
OTHER = "وفي موسكو قال بوتين كلاما آخر."


@pytest.fixture
def window(qtbot, tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        store.documents.add_many([NewDocument(TEXT, "one"), NewDocument(OTHER, "two")])
        win = build_window(store, "mona")
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        win.view.setFocus()
        yield win, store
        win.close()


def _propagated(win) -> list[tuple[str, int]]:
    return sorted((s.label, s.start) for s in win.suggestions.items if s.recipe == "propagate")


def test_a_name_tagged_once_is_suggested_elsewhere_and_accepted_with_a(qtbot, window):
    win, store = window
    first = TEXT.index("بوتين")
    win.view.select_offsets(first, first + 5)
    qtbot.keyClick(win.view, Qt.Key.Key_1)  # PERSON
    second, third = TEXT.index("بوتين", first + 1), TEXT.index("لبوتين") + 1
    qtbot.waitUntil(lambda: _propagated(win) == [("PERSON", second), ("PERSON", third)])
    mona = store.annotator_by_name("mona").id
    qtbot.keyClick(win.view, Qt.Key.Key_N)
    qtbot.keyClick(win.view, Qt.Key.Key_A)
    doc = store.documents.ids()[0]
    qtbot.waitUntil(lambda: len(store.annotations.spans(doc, mona)) == 2)
    spans = sorted((s.label, s.start, s.end) for s in store.annotations.spans(doc, mona))
    assert spans[0] == ("PERSON", first, first + 5)
    assert spans[1][0] == "PERSON" and TEXT[spans[1][1] : spans[1][2]] == "بوتين"
    # another document: the name is suggested there as it opens
    win.open_document(store.documents.ids()[1])
    qtbot.waitUntil(lambda: _propagated(win) == [("PERSON", OTHER.index("بوتين"))])
