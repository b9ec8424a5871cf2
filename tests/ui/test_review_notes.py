"""The reviewer sees every annotator's skips, flags and comments, and filters the list by
them: the model is built, handed to the window, changed, and the window checked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui.review_window import ReviewWindow

TEXTS = ("قال بوتين في موسكو إن الحوار ممكن", "خبر ثان عن الاقتصاد", "خبر ثالث قصير")


@pytest.fixture
def team(store: Store):
    ids = store.documents.add_many([NewDocument(t, f"title {n}") for n, t in enumerate(TEXTS)]).ids
    ali, mona = (store.ensure_annotator(name).id for name in ("ali", "mona"))
    for who in (ali, mona):
        store.annotations.add_span(ids[0], who, "PERSON", 4, 9)
    span = store.annotations.spans(ids[0], mona)[0]
    store.notes.add_comment(ids[0], mona, "<i>كامل؟</i>", span)
    store.notes.set_flag(ids[1], ali, "flagged", "duplicate", "مثل الخبر الأول")
    store.notes.set_flag(ids[2], mona, "skipped", "", "قصير جدا")
    return store, ids, store.ensure_annotator("rev", role="reviewer")


@pytest.fixture
def window(qtbot, team):
    store, _ids, reviewer = team
    win = ReviewWindow(store, reviewer)
    qtbot.addWidget(win)
    win.show()
    return win


def test_flagged_documents_without_layers_are_listed_with_their_notes(window, team):
    _store, ids, _rev = team
    model = window.documents.documents
    listed = {model.document_id(row): row for row in range(model.rowCount())}
    assert set(listed) == set(ids)  # the flagged and skipped ones have no layer
    assert model.index(listed[ids[1]], 3).data() == "⚑ 1"
    assert model.index(listed[ids[2]], 3).data() == "⤼ 1"
    assert model.index(listed[ids[0]], 3).data() == "✎ 1"


def test_the_notes_strip_names_each_annotator_in_plain_text(window, team):
    _store, ids, _rev = team
    window.documents.select_document(ids[1])
    strip = window.notes_panel
    assert strip.isVisible() and strip.textFormat() == Qt.TextFormat.PlainText
    assert (
        "ali" in strip.text() and "Duplicate" in strip.text() and "مثل الخبر الأول" in strip.text()
    )
    window.documents.select_document(ids[0])
    assert "<i>كامل؟</i>" in strip.text() and "mona" in strip.text() and "PERSON" in strip.text()


def test_the_filter_keeps_flagged_then_commented_documents(qtbot, window, team):
    store, ids, _rev = team
    box = window.documents.note_filter_box
    model = window.documents.documents
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # All documents → Flagged
    assert box.currentData() == "flagged"
    assert [model.document_id(r) for r in range(model.rowCount())] == [ids[1]]
    box.setCurrentIndex(box.findData("commented"))
    assert [model.document_id(r) for r in range(model.rowCount())] == [ids[0]]
    # a new note reaches the list when it is read again (after a merge or refresh)
    store.notes.add_comment(ids[2], store.annotator_by_name("ali").id, "نعم")
    model.reload()
    assert {model.document_id(r) for r in range(model.rowCount())} == {ids[0], ids[2]}
