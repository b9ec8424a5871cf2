"""Keeping only the suggestions a recipe is sure enough of (`--threshold`, the window's
setting): spans below the threshold are dropped with the links that name them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.errors import ValidationError
from annotator.core.model import Document, Suggested, SuggestedLink

if TYPE_CHECKING:
    from annotator.core.suggest.recipes import SuggestFn


def check_threshold(value: float) -> float:
    """The threshold as a float from 0 to 1; ValidationError otherwise."""
    if not 0.0 <= value <= 1.0:
        raise ValidationError(f"a threshold is a confidence from 0 to 1, not {value:g}")
    return float(value)


def surest(suggested: Suggested, threshold: float) -> Suggested:
    """The spans at least `threshold` sure, and the links between two of them."""
    kept: dict[int, int] = {}
    out = Suggested()
    for place, span in enumerate(suggested.spans):
        if span.confidence >= threshold:
            kept[place] = len(out.spans)
            out.spans.append(span)
    out.links = [
        SuggestedLink(kept[link.head], kept[link.child], link.label)
        for link in suggested.links
        if link.head in kept and link.child in kept
    ]
    return out


def at_least(suggest: SuggestFn, threshold: float | None) -> SuggestFn:
    """`suggest`, keeping only what is at least `threshold` sure (None: everything)."""
    if threshold is None:
        return suggest
    check_threshold(threshold)

    def filtered(document: Document) -> Suggested:
        return surest(suggest(document), threshold)

    return filtered
