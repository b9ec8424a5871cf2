"""The review window on three annotators' layers: see, accept, reject, undo, export gold."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.formats.export_jsonl import iter_records
from annotator.core.store import Store
from annotator.core.team import review
from annotator.ui.review_window import ReviewWindow


@pytest.fixture
def team(seeded: Store):
    doc = seeded.documents.ids()[0]
    text = seeded.documents.text(doc)
    putin = text.index("بوتين")
    china = text.index("الصيني")
    quote = text.index("”في مواجهة") + 1
    quote_end = text.index("”", quote)
    speaker = text.index("بوتين", text.index("قال بوتين"))
    for name in ("ali", "mona", "sara"):
        who = seeded.ensure_annotator(name).id
        seeded.annotations.add_span(doc, who, "PERSON", putin, putin + 5)
        if name != "sara":
            seeded.annotations.add_span(doc, who, "GPE", china, china + 6)
        q = seeded.annotations.add_span(doc, who, "QUOTE", quote, quote_end)
        s = seeded.annotations.add_span(doc, who, "PERSON", speaker, speaker + 5)
        seeded.annotations.add_relation(q.id, s.id, "SAID_BY")
    # a second document where they disagree completely sorts first
    other = seeded.documents.ids()[1]
    other_text = seeded.documents.text(other)
    at = other_text.index("بوتين")
    seeded.annotations.add_span(other, seeded.annotator_by_name("ali").id, "PERSON", at, at + 5)
    seeded.annotations.add_span(other, seeded.annotator_by_name("mona").id, "ORG", at, at + 5)
    reviewer = seeded.ensure_annotator("rev", role="reviewer")
    return seeded, doc, other, reviewer


@pytest.fixture
def window(qtbot, team):
    store, _doc, _other, reviewer = team
    win = ReviewWindow(store, reviewer)
    qtbot.addWidget(win)
    win.show()
    return win


def test_documents_sorted_by_disagreement_and_lanes_shown(window, team):
    _store, doc, other, _rev = team
    model = window.documents.documents
    assert model.document_id(0) == other  # 0% agreement first
    assert model.index(0, 1).data() == "0%"
    window.documents.select_document(doc)
    assert sorted(window.lanes) == ["ali", "mona", "sara"]
    assert all(view.text() == window.editor.text for view in window.lanes.values())
    assert len(window.lanes["sara"].spans()) == 3 and len(window.lanes["ali"].spans()) == 4


def test_merged_view_marks_agreement_with_colour_and_count(window, team):
    _store, doc, _other, _rev = team
    window.documents.select_document(doc)
    rows = window.candidates.row_texts()
    markers = {row[1] + " " + row[0] for row in rows if row[1] != "SAID_BY"}
    assert "GPE ●●○ 2/3" in markers and "QUOTE ●●● 3/3" in markers
    gpe = next(s for s in window.merged.spans() if s.label == "GPE")
    assert "some: 2 of 3" in gpe.tooltip


def test_accept_reject_threshold_and_undo(qtbot, window, team):
    store, doc, _other, _rev = team
    window.documents.select_document(doc)
    gold = store.gold_layer().id
    rows = window.candidates.row_texts()
    window.candidates.select_row(next(i for i, r in enumerate(rows) if r[1] == "GPE"))
    qtbot.keyClick(window.candidates, Qt.Key.Key_A)
    assert [s.label for s in store.annotations.spans(doc, gold)] == ["GPE"]
    qtbot.keyClick(window.candidates, Qt.Key.Key_R)
    assert store.annotations.spans(doc, gold) == []
    assert window.candidates.current().decision == "rejected"
    window.session.undo_group.undo()
    assert [s.label for s in store.annotations.spans(doc, gold)] == ["GPE"]
    window.session.undo_group.undo()
    assert store.annotations.spans(doc, gold) == []
    assert review.candidates(store, doc)[0].decision is None
    window.accept_agreed()
    assert sorted(s.label for s in store.annotations.spans(doc, gold)) == [
        "PERSON",
        "PERSON",
        "QUOTE",
    ]
    link_row = next(i for i, r in enumerate(window.candidates.row_texts()) if r[1] == "SAID_BY")
    window.candidates.select_row(link_row)
    window.accept_current()
    (record,) = iter_records(store, annotators=["gold"])
    assert [r["label"] for r in record["relations"]] == ["SAID_BY"]
    window.session.undo_group.undo()
    window.session.undo_group.undo()
    assert store.annotations.spans(doc, gold) == []


def test_gold_is_edited_with_label_keys_by_the_reviewer(qtbot, window, team):
    store, doc, _other, _rev = team
    window.documents.select_document(doc)
    text = window.editor.text
    at = text.index("موسكو")
    window.gold.select_offsets(at, at + 5)
    window._label_gold("GPE", False)
    (span,) = store.annotations.spans(doc, store.gold_layer().id)
    assert text[span.start : span.end] == "موسكو"


def test_ctrl_enter_marks_gold_done_so_done_only_export_has_it(qtbot, window, team, tmp_path):
    from annotator.cli.main import main

    store, doc, other, _rev = team
    gold = store.gold_layer().id
    ctrl = Qt.KeyboardModifier.ControlModifier
    window.documents.select_document(other)  # the most disputed document comes first
    qtbot.keyClick(window.candidates, Qt.Key.Key_Return, ctrl)
    assert store.annotations.status(other, gold) == "done"
    assert window.document_id == doc  # and the next document is open
    window.accept_agreed()
    qtbot.keyClick(window.candidates, Qt.Key.Key_Enter, ctrl)
    assert store.annotations.status(doc, gold) == "done"
    out = tmp_path / "gold.jsonl"
    args = ["--db", str(store.path), "export", "--annotator", "gold", "--done-only"]
    assert main([*args, "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all('"status": "done"' in line for line in lines)
    window.session.undo_group.undo()  # marking done is one undo step, like any edit
    assert store.annotations.status(doc, gold) != "done"


@pytest.mark.parametrize(
    "key, modifier",
    [(Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_Escape, None)],
    ids=["ctrl+w", "escape"],
)
def test_keys_close_the_review_window(qtbot, window, key, modifier):
    qtbot.waitExposed(window)
    if modifier is None:
        qtbot.keyClick(window.candidates, key)
    else:
        qtbot.keyClick(window.candidates, key, modifier)
    assert not window.isVisible()


def test_accept_agreed_takes_the_links_everyone_drew(qtbot, window, team):
    store, doc, _other, _rev = team
    text = store.documents.text(doc)
    ali = store.annotator_by_name("ali").id
    spans = {(s.label, s.start): s for s in store.annotations.spans(doc, ali)}
    quote = next(s for (label, _), s in spans.items() if label == "QUOTE")
    first_putin = spans[("PERSON", text.index("بوتين"))]
    store.annotations.add_relation(quote.id, first_putin.id, "SAID_BY")  # ali alone
    window.documents.select_document(doc)
    qtbot.keyClick(
        window.candidates,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    gold = store.gold_layer().id
    (link,) = store.annotations.relations(doc, gold)
    by_id = {s.id: s for s in store.annotations.spans(doc, gold)}
    speaker_at = text.index("بوتين", text.index("قال بوتين"))
    assert link.label == "SAID_BY"
    assert by_id[link.head_id].label == "QUOTE"
    assert (by_id[link.child_id].start, by_id[link.child_id].label) == (speaker_at, "PERSON")
    window.session.undo_group.undo()
    assert store.annotations.relations(doc, gold) == []
    assert store.annotations.spans(doc, gold) == []
    window.accept_agreed_everywhere()  # the corpus-wide action takes the agreed link too
    assert [r.label for r in store.annotations.relations(doc, gold)] == ["SAID_BY"]


def test_one_agreement_badge_per_span(window, team):
    from collections import Counter

    _store, doc, _other, _rev = team
    window.documents.select_document(doc)
    merged = window.merged
    per_span = Counter(
        badge.span_id for badges in merged._index.badges.values() for badge in badges
    )
    assert per_span and set(per_span.values()) == {1}
    assert set(per_span) == {span.id for span in merged.spans()}
    block = merged.document().firstBlock()
    while block.isValid():
        chips = [rect for rect, _number, _colour in merged._layout_badges(block)]
        for i, a in enumerate(chips):
            assert not any(a.intersects(b) for b in chips[i + 1 :])
        block = block.next()


@pytest.mark.parametrize("width", [1366, 1024])
def test_legend_and_chips_whole_on_a_laptop_screen(qtbot, window, width):
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QApplication, QLabel

    from annotator.ui.window_layout import REVIEW_WINDOW_SIZE, fitted_size

    window.resize(fitted_size(QRect(0, 0, width, 768), REVIEW_WINDOW_SIZE))
    QApplication.processEvents()
    centre = QRect(window.centre.mapTo(window, QPoint(0, 0)), window.centre.size())
    labels = [label for label in window.legend.findChildren(QLabel) if label.isVisible()]
    assert len(labels) == 4  # three chips, the explanation
    for label in labels:
        shown = QRect(label.mapTo(window, QPoint(0, 0)), label.size())
        assert centre.contains(shown), f"{label.text()!r} at {shown} outside {centre}"
        assert label.width() >= label.sizeHint().width(), f"{label.text()!r} is cut short"
    bar = window.label_bar
    for name in (label.name for label in window.store.labels.all()):
        assert bar.rect().contains(bar.chip(name).geometry()), name


def test_accept_everywhere_has_its_own_project_level_undo(qtbot, window, team):
    store, doc, _other, _rev = team
    window.documents.select_document(doc)
    gold = store.gold_layer().id
    with qtbot.waitSignal(window.session.operations.changed) as changed:
        window.accept_agreed_everywhere()
    made = store.annotations.spans(doc, gold)
    assert made and {s.id for s in made} <= changed.args[0].spans
    assert "Undo in every document" in window.statusBar().currentMessage()
    assert window.session.stack(doc).count() == 0  # not on one document's Ctrl+Z
    assert window.session.project_stack.count() == 1
    window.session.project_stack.undo()
    assert store.annotations.spans(doc, gold) == []
    assert store.annotations.relations(doc, gold) == []
    assert {c.decision for c in review.candidates(store, doc)} == {None}
    window.session.project_stack.redo()
    assert len(store.annotations.spans(doc, gold)) == len(made)
