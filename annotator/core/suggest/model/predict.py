"""What a trained model suggests on a text: entity spans with a confidence, the share of
the beam's probability that holds that exact span and label (spaCy's `scored_ents`), so a
threshold of 0.5 keeps a span only when most of the likely readings of the text agree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotator.core.model import SuggestedSpan
from annotator.core.suggest.model.examples import text_doc

if TYPE_CHECKING:
    from spacy.language import Language

    from annotator.core.text.word_counts import WordCounts

PIPE = "ner"


def scored_spans(nlp: Language, text: str, words: WordCounts | None = None) -> list[SuggestedSpan]:
    """Every span some reading in the beam holds, with its probability, surest first;
    offsets are code points into `text` (the Doc is built on our own tokens, cut after
    proclitics by the project's `words` as in training)."""
    doc = text_doc(nlp.vocab, text, words)
    if not len(doc):
        return []
    ner: Any = nlp.get_pipe(PIPE)
    scores = ner.scored_ents(ner.predict([doc]))[0]
    merged: dict[tuple[int, int, str], float] = {}
    for (first, stop, label), probability in scores.items():
        start, end = _trimmed(text, doc[first:stop].start_char, doc[first:stop].end_char)
        if start < end:  # the same span with or without a whitespace token: one span
            merged[start, end, label] = merged.get((start, end, label), 0.0) + probability
    found = [
        SuggestedSpan(label, start, end, min(1.0, round(probability, 3)))
        for (start, end, label), probability in merged.items()
    ]
    found.sort(key=lambda span: (-span.confidence, span.start, span.label))
    return found


def suggest_spans(
    nlp: Language, text: str, threshold: float, note: str, words: WordCounts | None = None
) -> list[SuggestedSpan]:
    """The spans at least `threshold` sure that overlap no surer one, in reading order.
    (Two overlapping readings share the beam, so at 0.5 or more they never overlap.)"""
    kept: list[SuggestedSpan] = []
    for span in scored_spans(nlp, text, words):
        if span.confidence < threshold:
            break
        if any(span.start < other.end and other.start < span.end for other in kept):
            continue
        kept.append(
            SuggestedSpan(
                span.label, span.start, span.end, span.confidence, f"{note} {span.confidence:.0%}"
            )
        )
    kept.sort(key=lambda span: (span.start, span.end))
    return kept


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without whitespace at its edges (a whitespace token of our own may sit
    at an entity's edge)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
