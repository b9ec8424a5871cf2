"""The report counts rejected suggestions per annotator and recipe, in its page and in
rejected.csv; names are text, never markup."""

from __future__ import annotations

import csv
from pathlib import Path

from annotator.core.model import Suggested, SuggestedSpan
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.team.report import write_report
from annotator.core.team.report_rejections import RejectedCount, rejected_counts

TEXT = "قال بوتين إن روسيا ستواصل، وقال ماكرون إن فرنسا لن تتراجع."
MARKUP = "<b>omar</b>"


def _project(store: Store) -> Store:
    docs = store.documents.add_many([NewDocument(TEXT, "a"), NewDocument(TEXT + " ", "b")]).ids
    people = [store.ensure_annotator(name).id for name in ("mona", MARKUP)]
    for doc in docs:
        for who in people:  # both annotators tag the same: the report has a pair to compare
            at = TEXT.index("بوتين")
            store.annotations.add_span(doc, who, "PERSON", at, at + 5)
        spans = [
            SuggestedSpan("GPE", TEXT.index(w), TEXT.index(w) + len(w)) for w in ("روسيا", "فرنسا")
        ]
        store.suggestions.replace(doc, "quotes", None, Suggested(spans))
        store.suggestions.replace(doc, "propagate", people[0], Suggested(spans[:1]))
    mona, omar = people
    for doc in docs:  # mona rejects everything offered on both documents
        for s in store.suggestions.for_layer(doc, mona):
            store.suggestions.reject(s, mona)
    store.suggestions.reject(store.suggestions.for_layer(docs[0], omar)[0], omar)
    return store


def test_rejections_are_counted_per_annotator_and_recipe(store):
    _project(store)
    # mona: on each document a GPE روسيا from both recipes (one rejection, kept by the
    # surest recipe's name) and فرنسا from quotes
    rows = rejected_counts(store)
    assert sum(r.rejected for r in rows if r.annotator == "mona") == 4
    assert {r.recipe for r in rows if r.annotator == "mona"} <= {"quotes", "propagate"}
    assert [r for r in rows if r.annotator == MARKUP] == [RejectedCount(MARKUP, "quotes", 1, 1)]
    assert rejected_counts(store, ["mona"]) == [r for r in rows if r.annotator == "mona"]


def test_the_report_shows_them(store, tmp_path: Path):
    _project(store)
    index = write_report(store, tmp_path)
    page = index.read_text(encoding="utf-8")
    assert "<h2>Rejected suggestions</h2>" in page
    assert "&lt;b&gt;omar&lt;/b&gt;" in page and MARKUP not in page
    with (tmp_path / "rejected.csv").open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert {(row["annotator"], row["recipe"], row["rejected"]) for row in table} >= {
        (MARKUP, "quotes", "1")
    }
    assert sum(int(row["rejected"]) for row in table) == 5


def test_no_rejection_says_so(seeded, tmp_path: Path):
    doc = seeded.documents.ids()[0]
    for name in ("mona", "omar"):
        seeded.annotations.add_span(doc, seeded.ensure_annotator(name).id, "PERSON", 0, 3)
    page = write_report(seeded, tmp_path).read_text(encoding="utf-8")
    assert "No suggestion was rejected." in page
    assert (tmp_path / "rejected.csv").read_text(encoding="utf-8") == ""
