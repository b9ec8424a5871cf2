"""One non-overlapping set of entity spans, as token-classification formats need it
(spaCy's `doc.ents`, the IOB2 tags of a Hugging Face dataset).

Which labels: `--ents-labels L1,L2` or, by default, every label of kind "entity". Where
two spans of those labels share a character, the longer (outer) one is kept; of two
equally long ones the earlier, then the one whose label comes first in the scheme. The
writers count what was left out and say so in their report.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Span
from annotator.core.store import Store

OUTSIDE = "O"


@dataclass(frozen=True)
class EntitySet:
    """The labels of the non-overlapping set, in scheme order."""

    labels: tuple[str, ...]

    def tag_names(self) -> list[str]:
        """IOB2 tag names: "O", then B- and I- of each label (a ClassLabel's names)."""
        return [OUTSIDE, *(f"{edge}-{label}" for label in self.labels for edge in "BI")]

    def choose(self, spans: Iterable[Span]) -> tuple[list[Span], int]:
        """The spans of these labels that overlap no kept longer one, in reading order,
        and how many spans of these labels were left out."""
        order = {label: i for i, label in enumerate(self.labels)}
        candidates = [s for s in spans if s.label in order and s.start < s.end]
        candidates.sort(key=lambda s: (s.start - s.end, s.start, order[s.label]))
        starts: list[int] = []  # kept spans, sorted and disjoint
        ends: list[int] = []
        kept: list[Span] = []
        for span in candidates:
            at = bisect_right(starts, span.start)
            if at and ends[at - 1] > span.start:
                continue  # the kept span before it reaches into it
            if at < len(starts) and starts[at] < span.end:
                continue  # a kept span starts inside it
            starts.insert(at, span.start)
            ends.insert(at, span.end)
            kept.insert(at, span)
        return kept, len(candidates) - len(kept)


def entity_set(store: Store, option: str | None) -> EntitySet:
    """The labels `--ents-labels` names (comma-separated), or every entity-kind label of
    the project; NotFoundError for a label the project lacks, ValidationError for a
    relation label or an empty list."""
    scheme = store.labels.all()
    if option is None:
        return EntitySet(tuple(label.name for label in scheme if label.kind == "entity"))
    wanted = [name.strip() for name in str(option).split(",") if name.strip()]
    if not wanted:
        raise ValidationError("--ents-labels needs one or more label names, comma-separated")
    kinds = {label.name: label.kind for label in scheme}
    missing = [name for name in wanted if name not in kinds]
    if missing:
        raise NotFoundError(f"no label called {', '.join(map(repr, missing))}")
    links = [name for name in wanted if kinds[name] == "relation"]
    if links:
        raise ValidationError(f"--ents-labels: {', '.join(links)} links spans, it marks none")
    chosen = set(wanted)
    return EntitySet(tuple(label.name for label in scheme if label.name in chosen))


def iob_tags(
    tokens: Sequence[tuple[int, int]], kept: Iterable[Span], names: Sequence[str]
) -> tuple[list[int], int]:
    """IOB2 tag ids (indexes into `names`, see `EntitySet.tag_names`) of word tokens
    (sorted, disjoint), for non-overlapping spans; and how many spans hold no token."""
    index = {name: i for i, name in enumerate(names)}
    tags = [index[OUTSIDE]] * len(tokens)
    starts = [start for start, _ in tokens]
    ends = [end for _, end in tokens]
    empty = 0
    for span in kept:
        first = bisect_left(starts, span.start)
        stop = bisect_right(ends, span.end)
        if first >= stop:
            empty += 1
            continue
        tags[first] = index[f"B-{span.label}"]
        for at in range(first + 1, stop):
            tags[at] = index[f"I-{span.label}"]
    return tags, empty
