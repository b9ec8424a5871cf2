"""The suggestion runner compares a recipe's new run with the stored one in its own
thread, and hands the window only the runs that differ (nothing to store otherwise)."""

from __future__ import annotations

from annotator.core.model import Suggested, SuggestedLink, SuggestedSpan
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui.suggestion_runner import SuggestionRunner, SuggestJob, same_run

TEXT = "قال وزير الخارجية سامر الحلبي: «سنواصل المفاوضات حتى نصل إلى اتفاق عادل»."


def _run(qtbot, path, job):
    runner = SuggestionRunner(path)
    with qtbot.waitSignal(runner.finished, timeout=20_000) as done:
        runner.request(job)
    runner.stop()
    return done.args[0]


def test_only_a_run_that_differs_from_the_stored_one_comes_back(qtbot, tmp_path):
    path = tmp_path / "p.db"
    with Store.open(path) as store:
        doc = store.documents.add_many([NewDocument(TEXT, "quote")]).ids[0]
        layer = store.ensure_annotator("mona").id
    job = SuggestJob(doc, layer, ("quotes",))
    first = _run(qtbot, path, job)
    assert first.problems == []
    assert first.suggested["quotes"].spans  # the quote and its speaker
    with Store.open(path) as store:
        store.suggestions.replace(doc, "quotes", None, first.suggested["quotes"])
    again = _run(qtbot, path, job)
    assert again.suggested == {} and again.problems == []
    with Store.open(path) as store:
        store.suggestions.replace(doc, "quotes", None, Suggested())  # the stored run differs
    third = _run(qtbot, path, job)
    assert third.suggested["quotes"] == first.suggested["quotes"]


def test_same_run_compares_spans_confidence_notes_and_links(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        doc = store.documents.add_many([NewDocument(TEXT, "quote")]).ids[0]
        made = Suggested(
            [SuggestedSpan("QUOTE", 32, 71, 0.9, "«»"), SuggestedSpan("PERSON", 18, 29, 0.8)],
            [SuggestedLink(0, 1, "SAID_BY")],
        )
        store.suggestions.replace(doc, "quotes", None, made)
        stored = store.suggestions.stored(doc, "quotes", None)
    assert same_run(stored, made)
    assert not same_run(stored, Suggested(made.spans, []))
    assert not same_run(stored, Suggested([made.spans[0]], []))
    moved = SuggestedSpan("PERSON", 18, 28, 0.8)
    assert not same_run(stored, Suggested([made.spans[0], moved], made.links))
    surer = SuggestedSpan("QUOTE", 32, 71, 0.95, "«»")
    assert not same_run(stored, Suggested([surer, made.spans[1]], made.links))
