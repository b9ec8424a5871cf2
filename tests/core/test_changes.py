"""Every core operation that changes the project says what it changed (`Changes`)."""

from __future__ import annotations

from annotator.core.changes import EVERYTHING, Changes, in_document, of_import, of_labels
from annotator.core.import_files import ImportResult
from annotator.core.model import Label
from annotator.core.store import Store
from annotator.core.team import review_steps


def test_span_relation_and_status_edits_name_what_they_touched(seeded: Store):
    doc = seeded.documents.ids()[0]
    who = seeded.ensure_annotator("ali").id
    quote = seeded.annotations.add_span(doc, who, "QUOTE", 0, 5)
    speaker = seeded.annotations.add_span(doc, who, "PERSON", 6, 10)
    assert quote.changes == in_document(doc, spans=[quote.id])
    link = seeded.annotations.add_relation(quote.id, speaker.id, "SAID_BY")
    assert link.changes == in_document(doc, relations=[link.id])
    moved = seeded.annotations.update_span(speaker.id, end=11)
    assert moved.changes.spans == {speaker.id}
    deleted = seeded.annotations.delete_span(speaker.id)
    assert deleted.changes == in_document(doc, [speaker.id], [link.id])
    assert seeded.annotations.restore_span(deleted).changes.spans == {speaker.id}
    status = seeded.annotations.set_status(doc, who, "done")
    assert status.statuses == {doc} and status.changes is status


def test_label_edits_name_the_labels(seeded: Store):
    added = seeded.labels.add(Label("WEAPON", "entity", "#cc0000"))
    assert added.changes == of_labels("WEAPON")
    assert seeded.labels.update("WEAPON", name="ARMS").changes == of_labels("ARMS")
    assert seeded.labels.remove("ARMS") == of_labels("ARMS")
    assert seeded.labels.install([Label("EVENT2", "entity", "#00cc00")]) == of_labels("EVENT2")


def test_import_and_reload_changes():
    result = ImportResult(ids=[3, 4], labels_created=["X"])
    assert of_import(result) == Changes(
        documents=frozenset({3, 4}), documents_added=frozenset({3, 4}), labels=frozenset({"X"})
    )
    assert of_import(ImportResult(read=[("a.jsonl", None)])).everything
    assert EVERYTHING.touches(12345) and not Changes()
    assert (in_document(1) | in_document(2, spans=[7])).documents == {1, 2}


def test_a_review_step_is_undone_by_the_core(seeded: Store):
    doc = seeded.documents.ids()[0]
    for name in ("ali", "mona"):
        seeded.annotations.add_span(doc, seeded.ensure_annotator(name).id, "PERSON", 0, 5)
    boss = seeded.ensure_annotator("rev", role="reviewer").id
    gold = seeded.gold_layer().id
    step = review_steps.accept_threshold(seeded, boss, None, [doc])
    (span,) = seeded.annotations.spans(doc, gold)
    assert step.changes.spans == {span.id} and step.span_count() == 1
    assert seeded.review_decisions.get(doc, (0, 5, "PERSON")) == "accepted"
    undone = review_steps.undo_step(seeded, boss, step)
    assert undone == step.changes
    assert seeded.annotations.spans(doc, gold) == []
    assert seeded.review_decisions.get(doc, (0, 5, "PERSON")) is None
    rejected = review_steps.reject(seeded, boss, doc, (0, 5, "PERSON"))
    assert seeded.review_decisions.in_document(doc) == {(0, 5, "PERSON"): "rejected"}
    review_steps.undo_step(seeded, boss, rejected)
    assert seeded.review_decisions.in_document(doc) == {}
