"""Suggestions are stored apart from annotations: replaced per recipe, hidden once
rejected or already tagged, accepted with their links as one undoable step."""

from __future__ import annotations

import pytest

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Suggested, SuggestedLink, SuggestedSpan
from annotator.core.store.documents import NewDocument
from annotator.core.suggest.accept import accept, put_back, take_back
from annotator.core.suggest.recipes import get_recipe, run_recipe

TEXT = "قال الرئيس فلاديمير بوتين: «سنواصل العملية حتى تحقيق أهدافها كلها». وأضاف بوتين أن"


@pytest.fixture
def doc(store):
    (doc_id,) = store.documents.add_many([NewDocument(TEXT, "t")]).ids
    return doc_id


def _quote_and_speaker() -> Suggested:
    q0, q1 = TEXT.index("سنواصل"), TEXT.index("كلها") + len("كلها")
    s0 = TEXT.index("فلاديمير")
    return Suggested(
        [SuggestedSpan("QUOTE", q0, q1, 0.9), SuggestedSpan("PERSON", s0, s0 + 14, 0.8)],
        [SuggestedLink(0, 1, "SAID_BY")],
    )


def test_replace_keeps_one_run_per_recipe_and_links(store, doc):
    store.suggestions.replace(doc, "quotes", None, _quote_and_speaker())
    changes = store.suggestions.replace(doc, "quotes", None, _quote_and_speaker())
    assert changes.suggestions == {doc} and not changes.spans
    ann = store.ensure_annotator("mona")
    offered = store.suggestions.for_layer(doc, ann.id)
    assert [s.label for s in offered] == ["PERSON", "QUOTE"]  # reading order
    quote = next(s for s in offered if s.label == "QUOTE")
    speaker = next(s for s in offered if s.label == "PERSON")
    assert quote.links == ((speaker.id, "SAID_BY"),)
    assert TEXT[speaker.start : speaker.end] == "فلاديمير بوتين"
    assert quote.layer == "suggest:quotes"


def test_suggestions_are_not_annotations(store, doc):
    store.suggestions.replace(doc, "quotes", None, _quote_and_speaker())
    assert store.annotations.spans(doc) == []


def test_bad_suggestions_are_refused_whole(store, doc):
    store.suggestions.replace(doc, "quotes", None, _quote_and_speaker())
    bad = Suggested([SuggestedSpan("QUOTE", 0, 4), SuggestedSpan("QUOTE", 5, len(TEXT) + 1)])
    with pytest.raises(ValidationError, match="outside document"):
        store.suggestions.replace(doc, "quotes", None, bad)
    with pytest.raises(ValidationError, match="not in the project"):
        store.suggestions.replace(doc, "quotes", None, Suggested([SuggestedSpan("NOPE", 0, 3)]))
    ann = store.ensure_annotator("mona")
    assert len(store.suggestions.for_layer(doc, ann.id)) == 2  # the earlier run stands


def test_rejected_stays_hidden_across_runs_and_per_annotator(store, doc):
    mona, sami = store.ensure_annotator("mona"), store.ensure_annotator("sami")
    store.suggestions.replace(doc, "quotes", None, _quote_and_speaker())
    quote = next(s for s in store.suggestions.for_layer(doc, mona.id) if s.label == "QUOTE")
    store.suggestions.reject(quote, mona.id)
    store.suggestions.replace(doc, "quotes", None, _quote_and_speaker())  # a re-run
    assert [s.label for s in store.suggestions.for_layer(doc, mona.id)] == ["PERSON"]
    assert len(store.suggestions.for_layer(doc, sami.id)) == 2
    (rejection,) = store.suggestions.rejections(mona.id)
    assert (rejection.label, rejection.recipe) == ("QUOTE", "quotes")
    assert store.suggestions.counts() == {"quotes": (2, 1)}
    again = next(s for s in store.suggestions.for_layer(doc, sami.id) if s.label == "QUOTE")
    store.suggestions.unreject(again, mona.id)
    assert len(store.suggestions.for_layer(doc, mona.id)) == 2


def test_accept_copies_quote_speaker_and_link_and_undo_redo_keep_ids(store, doc):
    mona = store.ensure_annotator("mona")
    store.suggestions.replace(doc, "quotes", None, _quote_and_speaker())
    quote = next(s for s in store.suggestions.for_layer(doc, mona.id) if s.label == "QUOTE")
    accepted = accept(store, quote.id, mona.id, mona.id)
    spans = store.annotations.spans(doc, mona.id)
    assert sorted((s.label, TEXT[s.start : s.end]) for s in spans) == [
        ("PERSON", "فلاديمير بوتين"),
        ("QUOTE", "سنواصل العملية حتى تحقيق أهدافها كلها"),
    ]
    (relation,) = store.annotations.relations(doc, mona.id)
    assert relation.label == "SAID_BY" and relation.head_id == accepted.span.id
    assert store.suggestions.for_layer(doc, mona.id) == []  # both now in the layer
    before = {s.id for s in spans}
    take_back(store, accepted, mona.id)
    assert store.annotations.spans(doc, mona.id) == []
    assert len(store.suggestions.for_layer(doc, mona.id)) == 2
    put_back(store, accepted, mona.id)
    assert {s.id for s in store.annotations.spans(doc, mona.id)} == before
    assert len(store.annotations.relations(doc, mona.id)) == 1


def test_accept_reuses_a_speaker_already_tagged(store, doc):
    mona = store.ensure_annotator("mona")
    s0 = TEXT.index("فلاديمير")
    mine = store.annotations.add_span(doc, mona.id, "PERSON", s0, s0 + 14)
    store.suggestions.replace(doc, "quotes", None, _quote_and_speaker())
    (quote,) = store.suggestions.for_layer(doc, mona.id)
    accepted = accept(store, quote.id, mona.id, mona.id)
    assert [s.label for s in accepted.spans] == ["QUOTE"]
    (relation,) = store.annotations.relations(doc, mona.id)
    assert relation.child_id == mine.id


def test_clear_removes_suggestions_but_keeps_rejections(store, doc):
    mona = store.ensure_annotator("mona")
    store.suggestions.replace(doc, "quotes", None, _quote_and_speaker())
    store.suggestions.reject(store.suggestions.for_layer(doc, mona.id)[0], mona.id)
    removed, changes = store.suggestions.clear("quotes")
    assert removed == 2 and changes.suggestions == {doc}
    assert store.suggestions.for_layer(doc, mona.id) == []
    assert len(store.suggestions.rejections()) == 1
    with pytest.raises(NotFoundError):
        store.suggestions.get(1)


def test_quotes_recipe_runs_over_the_project_in_the_projects_labels(store, doc):
    report = run_recipe(store, "quotes", None)
    assert report.documents == 1 and report.suggestions == 2
    mona = store.ensure_annotator("mona")
    offered = store.suggestions.for_layer(doc, mona.id)
    quote = next(s for s in offered if s.label == "QUOTE")
    assert TEXT[quote.start : quote.end] == "سنواصل العملية حتى تحقيق أهدافها كلها"
    (child_id, relation) = quote.links[0]
    speaker = store.suggestions.get(child_id)
    assert relation == "SAID_BY" and TEXT[speaker.start : speaker.end].endswith("بوتين")
    assert "speech verb" in quote.note


def test_a_text_without_quote_marks_gets_no_quotes_and_no_error(store):
    (doc_id,) = store.documents.add_many([NewDocument("لا اقتباس هنا ولا علامات", "t")]).ids
    assert run_recipe(store, "quotes", None, [doc_id]).suggestions == 0


def test_unknown_recipe_names_the_known_ones():
    with pytest.raises(NotFoundError, match="quotes, propagate, model"):
        get_recipe("magic")


def test_a_label_cannot_take_the_suggestion_keys(store):
    from annotator.core.model import Label

    for key in ("a", "X", "n"):
        with pytest.raises(ValidationError, match="window's key"):
            store.labels.add(Label(f"L{key}", "entity", "#aabbcc", key))
    store.labels.add(Label("Lb", "entity", "#aabbcc", "b"))
