"""A project for the window's import and export tests: the five seed articles with two
annotators' layers (nested spans, a quote linked to its speaker), a gold layer written by
a reviewer, and some documents marked done."""

from __future__ import annotations

import re

from annotator.core.store import Store

ALICE, BOB, REVIEWER = "alice", "bob", "rev"


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]


def annotate_team(store: Store) -> Store:
    """Fill a seeded project (see the module docstring); returns it."""
    alice = store.ensure_annotator(ALICE).id
    bob = store.ensure_annotator(BOB).id
    store.ensure_annotator(REVIEWER)
    reviewer = store.set_role(REVIEWER, "reviewer").id
    gold = store.gold_layer().id
    add = store.annotations.add_span
    for number, doc in enumerate(store.documents.ids()):
        w = _words(store.documents.text(doc))
        add(doc, alice, "PERSON", *w[0])
        add(doc, alice, "GPE", *w[3])
        add(doc, alice, "ORG", w[5][0], w[7][1])
        add(doc, alice, "LOC", *w[6])  # nested in the ORG
        quote = add(doc, alice, "QUOTE", w[10][0], w[14][1])
        speaker = add(doc, alice, "SPEAKER", *w[16])
        store.annotations.add_relation(quote.id, speaker.id, "SAID_BY")
        add(doc, bob, "PERSON", *w[0])
        add(doc, bob, "ORG", *w[3])
        add(doc, bob, "DATE", *w[8])
        if number < 3:
            add(doc, gold, "PERSON", *w[0], actor_id=reviewer)
            add(doc, gold, "GPE", *w[3], actor_id=reviewer)
            store.annotations.set_status(doc, alice, "done")
        if number in (0, 3):
            store.annotations.set_status(doc, bob, "done")
        if number < 2:
            store.annotations.set_status(doc, gold, "done")
    return store
