"""Precision, recall and F1 of predicted entity spans against gold ones, by exact match:
the same start, end (code points) and label; overall (micro) and per label."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

# (anything naming the document, start, end, label)
Entity = tuple[Hashable, int, int, str]


@dataclass(frozen=True)
class Score:
    """Counts of one comparison and the figures made from them."""

    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        both = self.predicted + self.gold
        return 2 * self.true_positives / both if both else 0.0


@dataclass(frozen=True)
class Scores:
    """Micro-averaged figures over every label, and each label's own."""

    micro: Score
    per_label: dict[str, Score] = field(default_factory=dict)


def span_scores(gold: Iterable[Entity], predicted: Iterable[Entity]) -> Scores:
    """Exact-span scores of `predicted` against `gold` (each a set of entities)."""
    gold_set, predicted_set = set(gold), set(predicted)
    labels = sorted({entity[3] for entity in gold_set | predicted_set})
    per_label = {
        label: _score(
            {e for e in gold_set if e[3] == label}, {e for e in predicted_set if e[3] == label}
        )
        for label in labels
    }
    return Scores(_score(gold_set, predicted_set), per_label)


def _score(gold: set[Entity], predicted: set[Entity]) -> Score:
    return Score(len(gold & predicted), len(predicted), len(gold))
