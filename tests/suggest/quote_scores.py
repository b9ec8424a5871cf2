"""Scoring quote suggestions against a hand-judged gold (tests and bench/bench_quotes.py).

A suggestion matches a gold quotation exactly when both offsets are equal; leniently when
they overlap. A speaker is right when its span overlaps the gold one or holds the gold one's
last word (folded): the same person at another mention, with or without a title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator.core.suggest.quotes import QuoteSuggestion, Speaker
from annotator.core.text.search import fold
from tests.fixtures.quotes_gold import GoldSpeaker, GoldStretch

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass
class Scores:
    """Counts over documents; the ratios are properties."""

    suggested: int = 0
    gold: int = 0
    exact: int = 0
    lenient: int = 0
    names: int = 0
    names_rejected: int = 0
    explicit: int = 0
    explicit_right: int = 0
    implicit: int = 0
    implicit_right: int = 0
    kind_right: int = 0
    wrong: list[str] = field(default_factory=list)

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def precision(self) -> float:
        return self.exact / self.suggested if self.suggested else 0.0

    @property
    def recall(self) -> float:
        return self.exact / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return self._f1(self.precision, self.recall)

    @property
    def lenient_f1(self) -> float:
        p = self.lenient / self.suggested if self.suggested else 0.0
        r = self.lenient / self.gold if self.gold else 0.0
        return self._f1(p, r)


def same_speaker(text: str, found: Speaker | None, gold: GoldSpeaker) -> bool:
    if found is None:
        return False
    if found.start < gold.end and gold.start < found.end:
        return True
    said = fold(text[found.start : found.end]).split()
    return fold(text[gold.start : gold.end]).split()[-1] in said


def score(
    scores: Scores,
    name: str,
    text: str,
    suggestions: Sequence[QuoteSuggestion] | Iterable[tuple[int, int]],
    gold: Sequence[GoldStretch],
) -> Scores:
    """Add one document's counts to `scores` (suggestions or bare (start, end) pairs)."""
    found = list(suggestions)
    spans = [(s.start, s.end) if isinstance(s, QuoteSuggestion) else s for s in found]
    by_span = {span: s for span, s in zip(spans, found, strict=True)}
    quotes = [g for g in gold if g.verdict == "quote"]
    scores.suggested += len(spans)
    scores.gold += len(quotes)
    for g in quotes:
        hit = by_span.get((g.start, g.end))
        if hit is not None:
            scores.exact += 1
        else:
            scores.wrong.append(f"{name}: missed {g.start}-{g.end} {text[g.start : g.end][:40]}")
        if any(s < g.end and g.start < e for s, e in spans):
            scores.lenient += 1
        if isinstance(hit, QuoteSuggestion):
            scores.kind_right += hit.kind == g.kind
            if g.speaker is not None:
                right = same_speaker(text, hit.speaker, g.speaker)
                if g.speaker.implicit:
                    scores.implicit += 1
                    scores.implicit_right += right
                else:
                    scores.explicit += 1
                    scores.explicit_right += right
                if not right:
                    said = text[hit.speaker.start : hit.speaker.end] if hit.speaker else None
                    scores.wrong.append(
                        f"{name}: speaker of {g.start} is {said!r}, not "
                        f"{text[g.speaker.start : g.speaker.end]!r}"
                    )
    gold_spans = {(g.start, g.end) for g in quotes}
    for s, e in spans:
        if (s, e) not in gold_spans:
            scores.wrong.append(f"{name}: extra {s}-{e} {text[s:e][:40]}")
    for g in gold:
        if g.verdict == "not":
            scores.names += 1
            scores.names_rejected += not any(s < g.end and g.start < e for s, e in spans)
    return scores


def every_two_marks(text: str) -> list[tuple[int, int]]:
    """The baseline: in each paragraph, pair the 1st and 2nd quotation marks, the 3rd and
    4th…, whatever their style; the span is what lies between, spaces trimmed."""
    pairs = []
    for paragraph in _PARAGRAPH.finditer(text):
        marks = [paragraph.start() + m.start() for m in re.finditer('[«»“”"]', paragraph.group())]
        for a, b in zip(marks[::2], marks[1::2], strict=False):
            s, e = a + 1, b
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            pairs.append((s, e))
    return pairs
