"""Documents shared out between train, validation and test: seeded, whole documents only
(every layer of a document goes to the same split, so no text is in two splits)."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from annotator.core.errors import ValidationError

SPLITS = ("train", "validation", "test")
DEFAULT_RATIOS = "0.8,0.1,0.1"


def parse_ratios(option: str | None) -> tuple[float, float, float]:
    """`--split TRAIN,VALIDATION,TEST`: three shares, none negative, adding up to 1."""
    text = DEFAULT_RATIOS if option is None else str(option)
    parts = [part.strip() for part in text.split(",")]
    try:
        ratios = [float(part) for part in parts]
    except ValueError:
        ratios = []
    if len(ratios) != len(SPLITS) or not all(math.isfinite(r) and r >= 0 for r in ratios):
        raise ValidationError(
            f"--split {text!r}: give three shares for train,validation,test, e.g. 0.8,0.1,0.1"
        )
    if abs(sum(ratios) - 1) > 1e-6:
        raise ValidationError(
            f"--split {text!r}: the three shares add up to {sum(ratios):g}, not 1"
        )
    return ratios[0], ratios[1], ratios[2]


def split_sizes(count: int, ratios: Sequence[float]) -> list[int]:
    """How many of `count` documents each split gets: the shares rounded by largest
    remainder; a split with a share above 0 gets at least one document while there are
    enough (taken from the largest split)."""
    exact = [count * ratio for ratio in ratios]
    sizes = [math.floor(value) for value in exact]
    by_remainder = sorted(range(len(ratios)), key=lambda i: (sizes[i] - exact[i], i))
    for i in by_remainder[: count - sum(sizes)]:
        sizes[i] += 1
    wanted = [i for i, ratio in enumerate(ratios) if ratio > 0]
    if count >= len(wanted):
        for i in wanted:
            if sizes[i] == 0:
                largest = max(range(len(sizes)), key=lambda k: (sizes[k], -k))
                sizes[largest] -= 1
                sizes[i] += 1
    return sizes


def split_documents(documents: Sequence[int], ratios: Sequence[float], seed: int) -> dict[int, str]:
    """Each document's split: the documents (ids) shuffled with `random.Random(seed)`,
    then cut by `split_sizes`. The same ids, ratios and seed give the same split."""
    order = sorted(set(documents))
    random.Random(seed).shuffle(order)
    split_of: dict[int, str] = {}
    at = 0
    for name, size in zip(SPLITS, split_sizes(len(order), ratios), strict=True):
        for document in order[at : at + size]:
            split_of[document] = name
        at += size
    return split_of
