"""What a trained model suggests on a text: entity spans with a confidence. `ner` gives
the outermost spans, each sure by the share of the beam's probability that holds that
exact span and label (spaCy's `scored_ents`), so a threshold of 0.5 keeps a span only
when most of the likely readings agree; a model trained on nested spans also has a
`spancat`, whose score per span and label suggests the spans inside those."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotator.core.model import SuggestedSpan
from annotator.core.suggest.model.examples import text_doc

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from annotator.core.text.word_counts import WordCounts

PIPE = "ner"
NESTED_PIPE = "spancat"
NESTED_NOTE = "inside a longer one"


def scored_spans(nlp: Language, text: str, words: WordCounts | None = None) -> list[SuggestedSpan]:
    """Every span some reading in the beam holds, with its probability, surest first;
    offsets are code points into `text` (the Doc is built on our own tokens, cut after
    proclitics by the project's `words` as in training)."""
    return _outer(nlp, text, text_doc(nlp.vocab, text, words))


def _outer(nlp: Language, text: str, doc: Doc) -> list[SuggestedSpan]:
    if not len(doc):
        return []
    ner: Any = nlp.get_pipe(PIPE)
    scores = ner.scored_ents(ner.predict([doc]))[0]
    merged: dict[tuple[int, int, str], float] = {}
    for (first, stop, label), probability in scores.items():
        start, end = _trimmed(text, doc[first:stop].start_char, doc[first:stop].end_char)
        if start < end:  # the same span with or without a whitespace token: one span
            merged[start, end, label] = merged.get((start, end, label), 0.0) + probability
    return _surest_first(merged)


def _nested(nlp: Language, text: str, doc: Doc) -> list[SuggestedSpan]:
    """The span categorizer's candidates (spans of a few tokens) with their score for
    each label, surest first; none for a model without one."""
    if NESTED_PIPE not in nlp.pipe_names or not len(doc):
        return []
    spancat: Any = nlp.get_pipe(NESTED_PIPE)
    indices, scores = spancat.predict([doc])
    if not scores.size:
        return []
    labels = spancat.labels
    merged: dict[tuple[int, int, str], float] = {}
    for (first, stop), row in zip(indices.dataXd.tolist(), scores.tolist(), strict=True):
        start, end = _trimmed(text, doc[first:stop].start_char, doc[first:stop].end_char)
        if start < end:
            for label, score in zip(labels, row, strict=True):
                key = (start, end, label)
                merged[key] = max(merged.get(key, 0.0), score)
    return _surest_first(merged)


def _surest_first(scores: dict[tuple[int, int, str], float]) -> list[SuggestedSpan]:
    found = [
        SuggestedSpan(label, start, end, min(1.0, round(score, 3)))
        for (start, end, label), score in scores.items()
    ]
    found.sort(key=lambda span: (-span.confidence, span.start, span.label))
    return found


def suggest_spans(
    nlp: Language, text: str, threshold: float, note: str, words: WordCounts | None = None
) -> list[SuggestedSpan]:
    """The outer spans at least `threshold` sure that overlap no surer one (two
    overlapping readings share the beam, so at 0.5 or more they never overlap), and the
    nested ones at least as sure strictly inside one of them, overlapping no surer nested
    one; in reading order, a span before those inside it."""
    doc = text_doc(nlp.vocab, text, words)
    outer = _pick(_outer(nlp, text, doc), threshold, note, "")
    nested = [
        span for span in _nested(nlp, text, doc) if any(inside(span, longer) for longer in outer)
    ]
    kept = outer + _pick(nested, threshold, note, f", {NESTED_NOTE}")
    kept.sort(key=lambda span: (span.start, -span.end))
    return kept


def _pick(
    candidates: list[SuggestedSpan], threshold: float, note: str, suffix: str
) -> list[SuggestedSpan]:
    """The candidates (surest first) at least `threshold` sure that overlap none kept
    before them, noted "`note` 85%`suffix`"."""
    kept: list[SuggestedSpan] = []
    for span in candidates:
        if span.confidence < threshold:
            break
        if any(span.start < other.end and other.start < span.end for other in kept):
            continue
        kept.append(
            SuggestedSpan(
                span.label,
                span.start,
                span.end,
                span.confidence,
                f"{note} {span.confidence:.0%}{suffix}",
            )
        )
    return kept


def inside(span: SuggestedSpan, longer: SuggestedSpan) -> bool:
    """True if `span` lies within `longer` and is not the same stretch."""
    return (
        longer.start <= span.start
        and span.end <= longer.end
        and (span.start, span.end) != (longer.start, longer.end)
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without whitespace at its edges (a whitespace token of our own may sit
    at an entity's edge)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
