"""Every relation label of the scheme gets its key, not only L and K: pressed on the real
window, it links the last span of the relation's head kind, and the database shows it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Label
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from tests.ui.window_fixture import shown_window

TEXT = "قال بوتين في بكين ثم في موسكو إن «الحوار ممكن» اليوم"


@pytest.fixture
def project(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        store.documents.add_many([NewDocument(TEXT, "one")])
        # a claim is about an entity; an entity belongs to another: a head of any kind
        store.labels.add(
            Label(
                "ABOUT",
                "relation",
                "#6aa84f",
                "j",
                "CLAIM → what it is about",
                options={"head": ["claim"], "child": ["entity"]},
            )
        )
        store.labels.add(
            Label(
                "MEMBER_OF",
                "relation",
                "#8e7cc3",
                "m",
                "entity → the entity it belongs to",
                options={"head": ["entity"], "child": ["entity"]},
            )
        )
        yield store


@pytest.fixture
def window(qtbot, project):
    return shown_window(qtbot, project)


def select(window, word: str) -> None:
    start = TEXT.index(word)
    window.view.select_offsets(start, start + len(word))


def stored(store: Store) -> list[tuple[str, str, str]]:
    """(relation, head text, child text) of the tester's links."""
    who = store.annotator_by_name("tester").id
    doc = store.documents.ids()[0]
    spans = {s.id: s for s in store.annotations.spans(doc, who)}
    return [
        (
            r.label,
            TEXT[spans[r.head_id].start : spans[r.head_id].end],
            TEXT[spans[r.child_id].start : spans[r.child_id].end],
        )
        for r in store.annotations.relations(doc, who)
    ]


def test_a_third_relation_has_its_chip_and_key(qtbot, window, project):
    assert "j" in window.label_bar.chip("ABOUT").text()
    select(window, "إن «الحوار ممكن» اليوم")
    qtbot.keyClick(window.view, Qt.Key.Key_7)  # CLAIM: the head of ABOUT
    select(window, "موسكو")
    qtbot.keyClick(window.view, Qt.Key.Key_3)  # GPE, now the current span
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    assert stored(project) == [("ABOUT", "إن «الحوار ممكن» اليوم", "موسكو")]
    window.session.undo_group.undo()
    assert stored(project) == []


def test_a_relation_key_links_to_selected_words_of_an_existing_span(qtbot, window, project):
    select(window, "بوتين")
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # PERSON
    select(window, "إن «الحوار ممكن» اليوم")
    qtbot.keyClick(window.view, Qt.Key.Key_7)
    select(window, "بوتين")
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    assert stored(project) == [("ABOUT", "إن «الحوار ممكن» اليوم", "بوتين")]


def test_a_relation_from_entity_to_entity_takes_the_one_before(qtbot, window, project):
    select(window, "بكين")
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    select(window, "موسكو")
    qtbot.keyClick(window.view, Qt.Key.Key_3)  # current: the child
    qtbot.keyClick(window.view, Qt.Key.Key_M)
    assert stored(project) == [("MEMBER_OF", "بكين", "موسكو")]


def test_without_a_head_the_key_says_so_and_changes_nothing(qtbot, window, project):
    select(window, "موسكو")
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    qtbot.keyClick(window.view, Qt.Key.Key_J)  # no claim yet
    assert stored(project) == []
    assert "claim" in window.statusBar().currentMessage()


def test_said_by_still_takes_the_last_quote(qtbot, window, project):
    select(window, "«الحوار ممكن»")
    qtbot.keyClick(window.view, Qt.Key.Key_8)
    select(window, "إن «الحوار ممكن» اليوم")
    qtbot.keyClick(window.view, Qt.Key.Key_7)  # a claim in between does not matter
    select(window, "بوتين")
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    assert stored(project) == [("SAID_BY", "«الحوار ممكن»", "بوتين")]
