"""A threshold keeps the suggestions at least that sure, and only links between them."""

from __future__ import annotations

import pytest

from annotator.core.errors import ValidationError
from annotator.core.model import Suggested, SuggestedLink, SuggestedSpan
from annotator.core.suggest.threshold import at_least, surest


def _made() -> Suggested:
    spans = [
        SuggestedSpan("QUOTE", 0, 5, 0.4),
        SuggestedSpan("PERSON", 6, 9, 0.95),
        SuggestedSpan("QUOTE", 10, 15, 0.8),
    ]
    return Suggested(spans, [SuggestedLink(0, 1, "SAID_BY"), SuggestedLink(2, 1, "SAID_BY")])


def test_spans_below_go_with_their_links():
    kept = surest(_made(), 0.8)
    assert [(s.label, s.start) for s in kept.spans] == [("PERSON", 6), ("QUOTE", 10)]
    assert kept.links == [SuggestedLink(1, 0, "SAID_BY")]  # renumbered to the kept spans
    assert surest(_made(), 0.0) == _made()


def test_no_threshold_keeps_the_recipe_as_it_is_and_a_bad_one_is_refused():
    def suggest(document):
        return _made()

    assert at_least(suggest, None) is suggest
    assert len(at_least(suggest, 0.9)(None).spans) == 1
    with pytest.raises(ValidationError, match="from 0 to 1"):
        at_least(suggest, 1.5)
