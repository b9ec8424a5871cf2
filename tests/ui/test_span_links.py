"""The spans panel lists the links of the current span; Delete on a selected link removes
that link only, and the database shows it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from tests.ui.window_fixture import shown_window

TEXT = "قال بوتين في موسكو إن «الحوار ممكن» اليوم"


@pytest.fixture
def project(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        store.documents.add_many([NewDocument(TEXT, "one")])
        yield store


@pytest.fixture
def window(qtbot, project):
    return shown_window(qtbot, project)


def select(window, word: str) -> None:
    start = TEXT.index(word)
    window.view.select_offsets(start, start + len(word))


def click_span(window, word: str) -> None:
    """Put the cursor inside a word, as a click does: its span becomes current."""
    at = TEXT.index(word) + 1
    window.view.select_offsets(at, at)


def layer(store: Store):
    who = store.annotator_by_name("tester").id
    doc = store.documents.ids()[0]
    return store.annotations.spans(doc, who), store.annotations.relations(doc, who)


@pytest.fixture
def linked(qtbot, window):
    """A quote linked to its speaker by the L key, made as an annotator does."""
    select(window, "بوتين")
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    select(window, "«الحوار ممكن»")
    qtbot.keyClick(window.view, Qt.Key.Key_8)
    select(window, "بوتين")
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    return window


def test_the_links_of_the_current_span_are_listed_both_ways(linked):
    window = linked
    links = window.span_links
    click_span(window, "الحوار")
    assert window.editor.span(window.editor.current_span_id).label == "QUOTE"
    assert links.row_texts() == ["SAID_BY → بوتين"]
    assert not links.list.isHidden()
    click_span(window, "بوتين")
    assert links.row_texts() == ["SAID_BY ← «الحوار ممكن»"]
    click_span(window, "موسكو")  # no span there
    assert links.row_texts() == [] and links.list.isHidden()


def test_delete_on_a_selected_link_removes_only_the_link(qtbot, linked, project):
    window = linked
    click_span(window, "الحوار")
    window.span_links.list.setFocus()
    window.span_links.list.setCurrentRow(0)
    qtbot.keyClick(window.span_links.list, Qt.Key.Key_Delete)
    spans, relations = layer(project)
    assert relations == [] and sorted(s.label for s in spans) == ["PERSON", "QUOTE"]
    assert window.span_links.row_texts() == []
    window.session.undo_group.undo()
    assert len(layer(project)[1]) == 1
    assert window.span_links.row_texts() == ["SAID_BY → بوتين"]


def test_delete_in_the_article_still_deletes_the_span(qtbot, linked, project):
    window = linked
    click_span(window, "الحوار")
    window.span_links.list.setCurrentRow(0)  # selected, but the focus is in the article
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    spans, relations = layer(project)
    assert [s.label for s in spans] == ["PERSON"] and relations == []


def test_activating_a_link_goes_to_its_other_end(qtbot, linked):
    window = linked
    click_span(window, "الحوار")
    item = window.span_links.list.item(0)
    window.span_links.list.itemActivated.emit(item)
    current = window.editor.span(window.editor.current_span_id)
    assert TEXT[current.start : current.end] == "بوتين"
