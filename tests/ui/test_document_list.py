"""Document list: the lazy model over a real store, then the widget built around it."""

from __future__ import annotations

import hashlib
import html
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from annotator.core.changes import Changes
from annotator.core.store import Store
from annotator.core.store.database import now
from annotator.core.store.documents import NewDocument
from annotator.core.store.listing import document_ids
from annotator.ui import document_list
from annotator.ui.document_list import (
    DOC_ID_ROLE,
    SPANS,
    STATUS,
    TITLE,
    DocumentListModel,
)
from annotator.ui.document_list_widget import DocumentListWidget

HTML_TITLE = "<b>x</b><img src=x>"
DISPLAY = Qt.ItemDataRole.DisplayRole


def _first_word(text: str) -> tuple[int, int]:
    match = re.search(r"[\u0621-\u064a]{3,}", text)
    assert match
    return match.span()


@pytest.fixture
def project(seeded: Store):
    """The five seeds plus a document with harakat and an HTML-looking title."""
    extra = seeded.documents.add_many(
        [NewDocument(text="قال بُوتِين إن قُرْطُبَة مستعدة.", title=HTML_TITLE)]
    ).ids[0]
    who = seeded.ensure_annotator("سارة").id
    ids = seeded.documents.ids()
    seeded.annotations.set_status(ids[1], who, "done")
    seeded.annotations.set_status(ids[2], who, "in_progress")
    return seeded, who, ids, extra


def _cell(model: DocumentListModel, row: int, column: int, role=DISPLAY):
    return model.data(model.index(row, column), role)


def test_rows_are_the_filtered_ids(project):
    store, who, ids, _ = project
    model = DocumentListModel(store, who)
    assert model.rowCount() == len(ids) == 6
    assert model.columnCount() == 3
    assert [model.id_at(row) for row in range(model.rowCount())] == ids
    assert all(model.row_of(doc_id) == row for row, doc_id in enumerate(ids))
    assert model.row_of(999_999) is None
    assert _cell(model, 0, TITLE, DOC_ID_ROLE) == ids[0]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Title",
        "Status",
        "Spans",
    ]


def test_status_is_a_word_with_a_marker(project):
    store, who, _ids, _ = project
    model = DocumentListModel(store, who)
    assert _cell(model, 0, STATUS) == "new"
    assert _cell(model, 1, STATUS) == "✓ done"
    assert _cell(model, 2, STATUS) == "… in progress"
    assert _cell(model, 0, SPANS) == "0"
    assert all(isinstance(_cell(model, r, c), str) for r in range(6) for c in range(3))


def test_status_filter(project):
    store, who, ids, _ = project
    model = DocumentListModel(store, who)
    model.set_filter("done", "")
    assert model.ids() == [ids[1]]
    assert model.row_of(ids[1]) == 0 and model.row_of(ids[0]) is None
    model.set_filter("new", "")
    assert model.ids() == [ids[0], *ids[3:]]
    model.set_filter(None, "")
    assert model.ids() == ids


def test_search_folds_arabic(project):
    store, who, ids, extra = project
    model = DocumentListModel(store, who)
    model.set_filter(None, "قرطبه")  # stored as قُرْطُبَة
    assert model.ids() == [extra]
    model.set_filter(None, "بوتين")  # in every seed, and as بُوتِين in the extra one
    assert model.ids() == document_ids(store, who, None, "بوتين") == ids
    model.set_filter("done", "بوتين")
    assert model.ids() == [ids[1]]


def test_refresh_document_repaints_one_row(project, qtbot):
    store, who, ids, _ = project
    model = DocumentListModel(store, who)
    row = model.row_of(ids[3])
    assert _cell(model, row, SPANS) == "0"
    start, end = _first_word(store.documents.text(ids[3]))
    store.annotations.add_span(ids[3], who, "PERSON", start, end)
    assert _cell(model, row, SPANS) == "0"  # cached until told

    def one_row(top_left, bottom_right, _roles=()):
        return top_left.row() == bottom_right.row() == row and (
            top_left.column(),
            bottom_right.column(),
        ) == (0, 2)

    with qtbot.waitSignal(model.dataChanged, check_params_cb=one_row, timeout=1000):
        model.refresh_document(ids[3])
    assert _cell(model, row, SPANS) == "1"
    assert _cell(model, row, STATUS) == "… in progress"
    assert _cell(model, row - 1, SPANS) == "0"


def test_refresh_of_a_filtered_out_document_emits_nothing(project, qtbot):
    store, who, ids, _ = project
    model = DocumentListModel(store, who)
    model.set_filter("done", "")
    with qtbot.assertNotEmitted(model.dataChanged):
        model.refresh_document(ids[0])


def test_html_title_is_literal_in_display_and_escaped_in_tooltip(project):
    store, who, _, extra = project
    model = DocumentListModel(store, who)
    row = model.row_of(extra)
    assert _cell(model, row, TITLE) == HTML_TITLE
    tooltip = _cell(model, row, TITLE, Qt.ItemDataRole.ToolTipRole)
    assert html.escape(HTML_TITLE, quote=False) in tooltip and "<img" not in tooltip
    shown = QTextDocument()
    shown.setHtml(tooltip)
    assert shown.toPlainText() == HTML_TITLE


def test_model_passes_the_model_tester(project, qtmodeltester):
    store, who, _, _ = project
    model = DocumentListModel(store, who, page_size=2, cache_size=3)
    qtmodeltester.check(model)
    model.set_filter("done", "")
    qtmodeltester.check(model)


def test_set_annotator_shows_their_layer(project):
    store, who, _ids, _ = project
    other = store.ensure_annotator("عمر").id
    model = DocumentListModel(store, who)
    model.set_filter("done", "")
    model.set_annotator(other)
    assert model.ids() == []
    model.set_filter(None, "")
    assert _cell(model, 1, STATUS) == "new"


# -- widget ---------------------------------------------------------------------------------


@pytest.fixture
def widget(project, qtbot):
    store, who, ids, extra = project
    model = DocumentListModel(store, who)
    view = DocumentListWidget(model)
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    return view, model, ids, extra


def test_widget_emits_the_id_when_the_current_row_changes(widget, qtbot):
    view, model, ids, _ = widget
    assert view.current_id() is None
    with qtbot.waitSignal(view.documentActivated, timeout=1000) as blocker:
        assert view.select_document(ids[2])
    assert blocker.args == [ids[2]]
    assert view.current_id() == ids[2]
    view.view.setFocus()
    with qtbot.waitSignal(view.documentActivated, timeout=1000) as blocker:
        qtbot.keyClick(view.view, Qt.Key.Key_Down)
    assert blocker.args == [ids[3]]
    rect = view.view.visualRect(model.index(0, TITLE))
    with qtbot.waitSignal(view.documentActivated, timeout=1000) as blocker:
        qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [ids[0]]
    assert view.select_document(999_999) is False


def test_widget_filters_keep_the_current_document(widget, qtbot):
    view, model, ids, _ = widget
    view.select_document(ids[1])  # done
    with qtbot.assertNotEmitted(view.documentActivated):
        view.status_box.setCurrentIndex(view.status_box.findData("done"))
    assert model.ids() == [ids[1]]
    assert view.current_id() == ids[1]
    view.status_box.setCurrentIndex(view.status_box.findData("new"))
    assert view.current_id() is None
    view.status_box.setCurrentIndex(0)
    assert model.ids() == ids


def test_widget_search_box_filters_with_folding(widget, qtbot):
    view, model, _, extra = widget
    assert view.search.placeholderText() == "Search…"  # English interface
    view.search.setText("قُرطبة")
    qtbot.waitUntil(lambda: model.query == "قُرطبة", timeout=2000)
    assert model.ids() == [extra]
    assert view.progress_label.textFormat() == Qt.TextFormat.PlainText
    assert "1 shown" in view.progress_label.text()
    view.search.clear()
    view.apply_filter()
    assert model.rowCount() == 6


def test_a_query_under_three_letters_waits_for_enter(widget, qtbot):
    # Under 3 letters there is no trigram to ask the index: the query reads every
    # document (4 s at a million), so it runs on Enter, not while the user types on.
    view, model, _, extra = widget
    view.search.insert("قُر")  # typed (QTest types Latin-1 only); 2 letters once folded
    qtbot.wait(view.SEARCH_DELAY_MS + 200)
    assert model.query == ""
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert model.query == "قُر"
    view.search.insert("طبة")
    qtbot.waitUntil(lambda: model.query == "قُرطبة", timeout=2000)
    assert model.ids() == [extra]
    view.search.clear()  # a blank query lists everything again as soon as typing pauses
    qtbot.waitUntil(lambda: model.query == "", timeout=2000)
    assert model.rowCount() == 6


def test_widget_view_settings(widget):
    view, _, _, _ = widget
    table = view.view
    assert table.selectionMode() == table.SelectionMode.SingleSelection
    assert table.selectionBehavior() == table.SelectionBehavior.SelectRows
    assert table.wordWrap() is False
    header = table.horizontalHeader()
    assert header.sectionResizeMode(TITLE) == header.ResizeMode.Stretch


def test_widget_refresh_updates_tally(widget):
    view, model, ids, _ = widget
    assert view.progress_label.text().startswith("1 of 6 done")
    model.store.annotations.set_status(ids[0], model.annotator_id, "done")
    view.refresh_document(ids[0])
    assert view.progress_label.text().startswith("2 of 6 done")
    assert _cell(model, 0, STATUS) == "✓ done"


def test_widget_follows_the_changes_an_operation_announces(widget):
    view, model, ids, _ = widget
    changes = model.store.annotations.set_status(ids[0], model.annotator_id, "done")
    view.apply_changes(changes)  # what changed(Changes) hands every view
    assert view.progress_label.text().startswith("2 of 6 done")
    assert _cell(model, 0, STATUS) == "✓ done"
    added = model.store.documents.add_many([NewDocument("خبر جديد عن الطقس", "new")]).ids
    view.apply_changes(Changes(documents_added=frozenset(added)))
    assert view.row_count() == 7


# -- 100,000 documents ------------------------------------------------------------------------


def _fill(store: Store, count: int) -> None:
    stamp = now()
    rows = (
        (
            f"نص رقم {n} عن السياسة",
            f"عنوان {n}",
            "{}",
            hashlib.sha256(str(n).encode()).hexdigest(),
            f"نص رقم {n} عن السياسه",
            stamp,
        )
        for n in range(count)
    )
    with store.transaction():
        store.db.conn.executemany(
            "INSERT INTO documents (text, title, meta, sha256, search_text, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )


def test_large_project_loads_rows_lazily(store: Store, monkeypatch):
    _fill(store, 100_000)
    who = store.ensure_annotator("a").id
    calls: list[int] = []
    real = document_list.summaries

    def counting(store_, annotator_id, ids):
        calls.append(len(ids))
        return real(store_, annotator_id, ids)

    monkeypatch.setattr(document_list, "summaries", counting)
    model = DocumentListModel(store, who)
    assert model.rowCount() == 100_000
    assert calls == []
    for row in range(51):
        for column in range(3):
            assert _cell(model, row, column)
    assert len(calls) <= 2
    assert sum(calls) <= 2 * model.page_size
    assert model.cached_rows() <= 2 * model.page_size
    # far rows load their own page; the cache stays bounded
    for row in range(0, 100_000, 97):
        _cell(model, row, TITLE)
    assert model.cached_rows() <= model.cache_size
    assert _cell(model, 99_999, TITLE) == "عنوان 99999"
    model.set_filter(None, "رقم 4242 عن")
    assert model.rowCount() == 1


def test_widget_navigation_helpers(widget, qtbot):
    view, model, ids, extra = widget
    assert view.first_id() == ids[0] and view.current_row() is None
    assert view.row_count() == 6
    with qtbot.waitSignal(view.documentActivated, timeout=1000) as blocker:
        assert view.step(1)
    assert blocker.args == [ids[0]] and view.current_row() == 0
    assert view.step(-1) is False
    view.select_document(ids[-1])
    assert view.step(1) is False
    with qtbot.waitSignal(view.documentActivated, timeout=1000) as blocker:
        assert view.step(-1)
    assert blocker.args == [ids[-2]]
    view.set_query("قرطبه")
    assert model.ids() == [extra] and view.search.text() == "قرطبه"
    assert view.row_count() == 1
