"""Nesting depths of spans: each span's bar sits at the smallest depth that no span
still open where it starts holds.

Spans come sorted by (start, -end, id). A span's depth depends only on the spans still
open where it starts (their ends and depths), so an edit recomputes depths from its
place only until the spans open are the same as before it (`patch_depths`): the very
depths `assign_depths` gives for the whole document, at the cost of the edit's
neighbourhood.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from typing import Protocol


class _Interval(Protocol):
    id: int
    start: int
    end: int


def assign_depths(ordered: Sequence[_Interval]) -> dict[int, int]:
    """Nesting depth of every span: the smallest depth not taken by an overlapping span.

    `ordered` is sorted by (start, -end), so an enclosing span always gets a smaller depth
    than the spans inside it; crossing spans get different depths too.
    """
    depth: dict[int, int] = {}
    active: list[tuple[int, int]] = []  # heap of (end, depth) of spans still open
    free: list[int] = []  # heap of depths below `fresh` that no open span uses
    fresh = 0
    push, pop, pushpop = heapq.heappush, heapq.heappop, heapq.heappushpop
    for span in ordered:  # 30,000 spans in a document: every lookup saved counts here
        start = span.start
        if active and active[0][0] <= start:
            ended = pop(active)[1]
            while active and active[0][0] <= start:
                push(free, pop(active)[1])
            d = pushpop(free, ended) if free else ended  # the smallest depth now free
        elif free:
            d = pop(free)
        else:
            d = fresh
            fresh += 1
        depth[span.id] = d
        push(active, (span.end, d))
    return depth


def _open_before(
    ordered: Sequence[_Interval], b: int, depth: dict[int, int], longest: int
) -> list[tuple[int, int]]:
    """(end, depth) of the spans before `ordered[b]` still open where it starts."""
    start = ordered[b].start
    out = []
    k = b - 1
    while k >= 0 and ordered[k].start > start - longest:
        span = ordered[k]
        if span.end > start:
            out.append((span.end, depth[span.id]))
        k -= 1
    return out


def patch_depths(
    ordered: Sequence[_Interval],
    depth: dict[int, int],
    gone: Sequence[tuple[tuple, int, int]],
    dirty: set[int],
    first: int,
    last: int,
    longest: int,
    order: Callable[[_Interval], tuple],
) -> None:
    """Make `depth` (as it was before an edit) right for `ordered` (after it), in place.

    The edit put the spans with ids `dirty` at positions `first`..`last` of `ordered` and
    took out the spans `gone`, given as (order key, end, depth) and sorted; `longest`
    bounds the length of every span. Ids of spans gone for good must be dropped from
    `depth` by the caller. The depths before and after the edit are worked out side by
    side from `first` on, until all of it is passed and both have the same spans open:
    from there on nothing differs.
    """
    if first >= len(ordered):
        return
    active = _open_before(ordered, first, depth, longest)
    old = list(active)
    heapq.heapify(active)
    heapq.heapify(old)
    fresh = max((d for _, d in active), default=-1) + 1
    free = sorted(set(range(fresh)) - {d for _, d in active})
    g = 0
    for k in range(first, len(ordered)):
        span = ordered[k]
        start = span.start
        key = order(span) if g < len(gone) else None
        while g < len(gone) and gone[g][0] < key:
            heapq.heappush(old, (gone[g][1], gone[g][2]))
            g += 1
        while active and active[0][0] <= start:
            heapq.heappush(free, heapq.heappop(active)[1])
        while old and old[0][0] <= start:
            heapq.heappop(old)
        if k > last and g == len(gone) and len(active) == len(old) and set(active) == set(old):
            return
        if span.id not in dirty:
            heapq.heappush(old, (span.end, depth[span.id]))
        if free:
            d = heapq.heappop(free)
        else:
            d = fresh
            fresh += 1
        depth[span.id] = d
        heapq.heappush(active, (span.end, d))
