"""Adjudication: candidates from several layers, gold built by reviewers, decisions kept."""

from __future__ import annotations

import pytest

from annotator.core.errors import ValidationError
from annotator.core.formats.export_jsonl import iter_records
from annotator.core.store import Store
from annotator.core.team import review


@pytest.fixture
def team(seeded: Store):
    """Three annotators on the first seed: two agree on بوتين, one marks it with its clitic."""
    doc = seeded.documents.ids()[0]
    text = seeded.documents.text(doc)
    people = {name: seeded.ensure_annotator(name).id for name in ("ali", "mona", "sara")}
    boss = seeded.ensure_annotator("rev", role="reviewer").id
    putin = text.index("بوتين")
    china = text.index("الصيني")
    quote = text.index("”في مواجهة") + 1
    quote_end = text.index("”", quote)
    speaker = text.index("بوتين", text.index("قال بوتين"))
    for name, who in people.items():
        seeded.annotations.add_span(doc, who, "PERSON", putin, putin + 5)
        if name != "sara":
            seeded.annotations.add_span(doc, who, "GPE", china, china + 6)
        q = seeded.annotations.add_span(doc, who, "QUOTE", quote, quote_end)
        s = seeded.annotations.add_span(doc, who, "PERSON", speaker, speaker + 5)
        if name != "mona":
            seeded.annotations.add_relation(q.id, s.id, "SAID_BY")
    seeded.annotations.add_span(doc, people["sara"], "ORG", china, china + 6)
    return seeded, doc, people, boss


def test_candidates_group_layers_and_classify_agreement(team):
    store, doc, _people, _boss = team
    by_key = {(c.label, c.start): c for c in review.candidates(store, doc)}
    assert len(by_key) == 5
    classes = sorted((c.label, c.agreement, len(c.annotators)) for c in by_key.values())
    assert classes == [
        ("GPE", "some", 2),
        ("ORG", "one", 1),
        ("PERSON", "all", 3),
        ("PERSON", "all", 3),
        ("QUOTE", "all", 3),
    ]
    (rel,) = review.relation_candidates(store, doc)
    assert sorted(rel.annotators) == ["ali", "sara"] and not rel.in_gold


def test_accept_reject_and_decisions(team):
    store, doc, people, boss = team
    gpe = next(c for c in review.candidates(store, doc) if c.label == "GPE")
    span = review.accept(store, boss, doc, gpe.key)
    assert span.annotator_id == store.gold_layer().id
    again = next(c for c in review.candidates(store, doc) if c.label == "GPE")
    assert again.gold_id == span.id and again.decision == "accepted"
    review.reject(store, boss, doc, gpe.key)
    again = next(c for c in review.candidates(store, doc) if c.label == "GPE")
    assert again.gold_id is None and again.decision == "rejected"
    with pytest.raises(ValidationError, match="may not edit"):
        review.accept(store, people["ali"], doc, gpe.key)


def test_threshold_and_all_agreed_and_relation(team):
    store, doc, _people, boss = team
    review.reject(
        store, boss, doc, next(c.key for c in review.candidates(store, doc) if c.label == "GPE")
    )
    created = review.accept_threshold(store, boss, None, [doc])
    assert len(created.spans[doc]) == 3  # the three spans all marked
    assert created.relations == {}  # mona drew no link: not agreed
    (rel,) = review.relation_candidates(store, doc)
    ids = review.accept_relation(store, boss, doc, rel)
    assert len(ids) == 1  # both spans were in gold already: only the link is new
    more = review.accept_threshold(store, boss, 1, [doc])
    assert len(more.spans[doc]) == 1  # ORG by one; GPE stays rejected
    assert more.relations == {}  # the link is in gold already
    records = list(iter_records(store, annotators=["gold"]))
    (gold,) = records
    assert sorted(s["label"] for s in gold["spans"]) == ["ORG", "PERSON", "PERSON", "QUOTE"]
    assert [r["label"] for r in gold["relations"]] == ["SAID_BY"]
    for s in gold["spans"]:
        assert gold["text"][s["start"] : s["end"]] == s["text"]


def test_agreement_leaves_out_reviewers_without_a_layer(team):
    from annotator.core.team.agreement import compute_agreement

    store, *_ = team
    report = compute_agreement(store)
    assert sorted(report.annotators) == ["ali", "mona", "sara"]
