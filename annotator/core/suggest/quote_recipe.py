"""Recipe "quotes": the rules of quotes.py as suggestions in the project's own labels —
the quote label, the speaker's label (a named speaker PERSON or ORG when the project has
them, a described one its speaker label) and the relation from quote to speaker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotator.core.errors import ValidationError
from annotator.core.model import Document, Label, Suggested, SuggestedLink, SuggestedSpan
from annotator.core.suggest.quotes import QuoteSuggestion, suggest_quotes

if TYPE_CHECKING:
    from annotator.core.store import Store
    from annotator.core.suggest.recipes import SuggestFn

_HOW = {
    "verb_before": "speech verb before the quote",
    "verb_after": "speech verb after the quote",
    "reported_from": "reported from",
    "statement_of": "statement of",
    "according_to": "according to",
    "colon": "name and colon",
    "same_sentence": "speaker in the same sentence",
    "previous_quote": "speaker of the previous quote",
    "previous_sentence": "speaker of the previous sentence",
}


def _first(labels: list[Label], kind: str) -> str | None:
    return next((label.name for label in labels if label.kind == kind), None)


def _relation(labels: list[Label]) -> str | None:
    for label in labels:
        if label.kind == "relation" and "quote" in label.options.get("head", ["quote"]):
            return label.name
    return None


def make(store: Store, annotator_id: int | None, options: dict[str, Any]) -> SuggestFn:
    """The quotes recipe for this project's labels; refused if it has no quote label."""
    labels = store.labels.all()
    quote = _first(labels, "quote")
    if quote is None:
        raise ValidationError("the project has no label of kind quote to suggest quotations")
    names = {label.name for label in labels if label.kind in ("entity", "speaker")}
    described = _first(labels, "speaker")
    relation = _relation(labels)

    def speaker_label(found: str) -> str | None:
        if found == "SPEAKER":
            return described
        return found if found in names else described

    def suggest(document: Document) -> Suggested:
        out = Suggested()
        speakers: dict[tuple[str, int, int], int] = {}
        for q in suggest_quotes(document.text):
            head = len(out.spans)
            out.spans.append(SuggestedSpan(quote, q.start, q.end, q.confidence, _note(q)))
            label = speaker_label(q.speaker.label) if q.speaker else None
            if q.speaker is None or label is None or relation is None:
                continue
            key = (label, q.speaker.start, q.speaker.end)
            if key not in speakers:
                speakers[key] = len(out.spans)
                out.spans.append(
                    SuggestedSpan(label, key[1], key[2], q.confidence, "speaker of a quotation")
                )
            out.links.append(SuggestedLink(head, speakers[key], relation))
        return out

    return suggest


def _note(q: QuoteSuggestion) -> str:
    how = _HOW.get(q.speaker_from or "", "no speaker found")
    return f"{q.kind} quotation; speaker: {how}"
