"""What the document view paints for spans: backgrounds, nesting bars and link badges.

Offsets here are code points (what the core stores), except where a name ends in ``16``
(UTF-16 positions inside a Qt block). `SpanIndex` is plain Python: it sorts the spans
once, gives every span a nesting depth and buckets the spans per text block, so the
highlighter and the paint event only ever look at the spans of the blocks they handle.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, islice, pairwise
from operator import ne

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
)

from annotator.ui.span_depths import assign_depths, patch_depths

__all__ = ["assign_depths"]


@dataclass(frozen=True)
class PaintSpan:
    """One span to show. Offsets are code points, `end` exclusive."""

    id: int
    start: int
    end: int
    label: str
    colour: str  # "#rrggbb"
    tooltip: str  # plain text (label, annotator, attributes); always shown literally


@dataclass(frozen=True)
class PaintLink:
    """A relation drawn as a numbered badge on both spans (e.g. QUOTE -SAID_BY-> speaker).
    With `head_id == child_id` it is a number on one span (how many annotators marked
    it, in the review window): one badge."""

    number: int
    head_id: int
    child_id: int
    colour: str = ""  # the relation label's "#rrggbb", for its arc (link_arcs.py)


@dataclass(frozen=True)
class Badge:
    """A link number shown at the start of the head span or the end of the child span."""

    offset: int  # code point the badge is anchored to (head start / child end)
    number: int
    span_id: int
    colour: str
    at_start: bool  # True: head span start; False: child span end
    link: PaintLink | None = None  # the link it shows (its arc is found from here)


def _order(span: PaintSpan) -> tuple[int, int, int]:
    return (span.start, -span.end, span.id)


def _check(span: PaintSpan, text_length: int) -> None:
    if not 0 <= span.start < span.end <= text_length:
        raise ValueError(
            f"span {span.id} ({span.start}..{span.end}) is empty or outside "
            f"the text (length {text_length})"
        )


def _key(spans: Iterable[PaintSpan]) -> tuple:
    """What the backgrounds of a block depend on."""
    return tuple((s.id, s.start, s.end, s.colour) for s in spans)


class SpanIndex:
    """Spans of one document sorted, with depths, bucketed per block (code points)."""

    # Above this many changed spans, `updated` rebuilds instead of patching.
    PATCH_LIMIT = 64

    def __init__(
        self,
        spans: Iterable[PaintSpan],
        links: Iterable[PaintLink],
        block_starts: Sequence[int],
        text_length: int,
    ) -> None:
        self.text_length = text_length
        self.block_starts = list(block_starts) or [0]
        # Each block ends before its separator; the last one at the end of the text.
        self.block_ends = [s - 1 for s in self.block_starts[1:]] + [text_length]
        ordered = sorted(spans, key=_order)
        by_id: dict[int, PaintSpan] = {}
        self.by_block: list[list[PaintSpan]] = [[] for _ in self.block_starts]
        # One pass (a document may hold 30,000 spans): check, index by id and bucket.
        # Spans come by start, so the block of each start only moves forward.
        starts, by_block = self.block_starts, self.by_block
        longest, n, next_start = 0, 0, starts[1] if len(starts) > 1 else text_length + 1
        for span in ordered:
            start, end = span.start, span.end
            if not 0 <= start < end <= text_length or span.id in by_id:
                _check(span, text_length)
                raise ValueError(f"span id {span.id} appears twice")
            by_id[span.id] = span
            longest = max(longest, end - start)
            while next_start <= start:
                n += 1
                next_start = starts[n + 1] if n + 1 < len(starts) else text_length + 1
            if end <= next_start:  # within one block, its separator at most
                by_block[n].append(span)
            else:
                for m in self._blocks_of(span):
                    by_block[m].append(span)
        self.spans = ordered
        self.by_id = by_id
        self.longest = longest
        self.keys = [_key(b) for b in by_block]
        self.depth = assign_depths(self.spans)
        self._finish(links)
        self._segments: dict[int, list[tuple[int, int, str]]] = {}

    def _finish(self, links: Iterable[PaintLink]) -> None:
        """Deepest depth and badges, from `spans`, `depth` and `by_id`."""
        self.max_depth = max(self.depth.values(), default=-1)
        self.links = list(links)
        self.badges: dict[int, list[Badge]] = {}
        by_id = self.by_id
        for link in self.links:
            head, child = by_id.get(link.head_id), by_id.get(link.child_id)
            if head is not None:
                self._add_badge(Badge(head.start, link.number, head.id, head.colour, True, link))
            if child is not None and child is not head:
                self._add_badge(Badge(child.end, link.number, child.id, child.colour, False, link))

    def _blocks_of(self, span: PaintSpan) -> list[int]:
        """Blocks in which `span` covers at least one character (not just a separator)."""
        starts, ends = self.block_starts, self.block_ends
        first = bisect_right(starts, span.start) - 1
        last = bisect_right(starts, span.end - 1) - 1
        if first == last:
            return [first]
        return [
            n for n in range(first, last + 1) if max(span.start, starts[n]) < min(span.end, ends[n])
        ]

    def updated(
        self, spans: Iterable[PaintSpan], links: Iterable[PaintLink]
    ) -> tuple[SpanIndex, list[int]]:
        """An index for `spans` (same text) and the blocks whose backgrounds changed.

        When only a few spans differ (the usual "apply one label" case) the unchanged
        blocks, their sorted lists and their computed backgrounds are reused.
        """
        old_by_id = self.by_id
        by_id: dict[int, PaintSpan] = {}
        dirty: list[PaintSpan] = []
        for span in spans:
            if span.id in by_id:
                raise ValueError(f"span id {span.id} appears twice")
            by_id[span.id] = span
            old = old_by_id.get(span.id)
            if old is not span and old != span:
                _check(span, self.text_length)
                dirty.append(span)
        gone = [old_by_id[i] for i in old_by_id.keys() - by_id.keys()]
        gone.extend(old_by_id[s.id] for s in dirty if s.id in old_by_id)
        return self._patch(by_id, dirty, gone, links)

    def patched(
        self, changes: Mapping[int, PaintSpan | None], links: Iterable[PaintLink]
    ) -> tuple[SpanIndex, list[int]]:
        """Like `updated`, given only what changed: span id -> its new look, or None
        when the span is gone. Costs what the change touches, not the whole document."""
        by_id = dict(self.by_id)
        dirty: list[PaintSpan] = []
        gone: list[PaintSpan] = []
        for span_id, span in changes.items():
            old = by_id.pop(span_id, None)
            if span is not None:
                by_id[span_id] = span
                if old is span or old == span:
                    continue
                _check(span, self.text_length)
                dirty.append(span)
            if old is not None:
                gone.append(old)
        return self._patch(by_id, dirty, gone, links)

    def _patch(
        self,
        by_id: dict[int, PaintSpan],
        dirty: list[PaintSpan],
        gone: list[PaintSpan],
        links: Iterable[PaintLink],
    ) -> tuple[SpanIndex, list[int]]:
        """The index with `gone` (old versions) taken out and `dirty` put in."""
        if len(dirty) + len(gone) > self.PATCH_LIMIT:
            fresh = SpanIndex(by_id.values(), links, self.block_starts, self.text_length)
            changed = [n for n, key in enumerate(fresh.keys) if key != self.keys[n]]
            fresh._reuse_segments(self, changed)
            return fresh, changed

        index = SpanIndex.__new__(SpanIndex)
        index.text_length = self.text_length
        index.block_starts = self.block_starts
        index.block_ends = self.block_ends
        index.by_id = by_id
        ordered = list(self.spans)
        for span in gone:
            del ordered[bisect_left(ordered, _order(span), key=_order)]
        for span in dirty:
            insort(ordered, span, key=_order)
        index.spans = ordered
        index.longest = max(self.longest, *(s.end - s.start for s in dirty), 0)
        dead = {s.id for s in gone}
        touched: set[int] = set()
        for span in (*gone, *dirty):
            touched.update(self._blocks_of(span))
        index.by_block = list(self.by_block)
        index.keys = list(self.keys)
        changed = []
        for n in sorted(touched):
            block_start, block_end = self.block_starts[n], self.block_ends[n]
            bucket = [s for s in self.by_block[n] if s.id not in dead]
            for span in dirty:
                if max(span.start, block_start) < min(span.end, block_end):
                    insort(bucket, span, key=_order)
            index.by_block[n] = bucket
            index.keys[n] = _key(bucket)
            if index.keys[n] != self.keys[n]:
                changed.append(n)
        index.depth = self._patched_depths(ordered, dirty, gone, index.longest)
        index._finish(links)
        index._segments = {}
        index._reuse_segments(self, changed)
        return index, changed

    def _patched_depths(
        self, ordered: list[PaintSpan], dirty: list[PaintSpan], gone: list[PaintSpan], longest: int
    ) -> dict[int, int]:
        depth = dict(self.depth)
        if not dirty and not gone:
            return depth
        was = sorted((_order(s), s.end, depth[s.id]) for s in gone)
        for span in gone:
            depth.pop(span.id, None)
        places = [bisect_left(ordered, _order(s), key=_order) for s in (*dirty, *gone)]
        ids = {s.id for s in dirty}
        patch_depths(ordered, depth, was, ids, min(places), max(places), longest, _order)
        return depth

    def _reuse_segments(self, other: SpanIndex, changed: Iterable[int]) -> None:
        skip = set(changed)
        self._segments = {n: seg for n, seg in other._segments.items() if n not in skip}

    def _add_badge(self, badge: Badge) -> None:
        probe = badge.offset if badge.at_start else badge.offset - 1
        n = self.block_of(probe)
        if badge.at_start and probe == self.block_ends[n] and n + 1 < len(self.block_starts):
            n += 1  # a span starting on a paragraph separator shows from the next block
        self.badges.setdefault(n, []).append(badge)

    def block_of(self, offset: int) -> int:
        """Index of the block holding code point `offset` (its separator included)."""
        return max(0, bisect_right(self.block_starts, offset) - 1)

    def block_range(self, n: int) -> tuple[int, int]:
        return self.block_starts[n], self.block_ends[n]

    def spans_at(self, offset: int) -> list[PaintSpan]:
        """Spans covering code point `offset`, innermost (shortest) first."""
        if not 0 <= offset < self.text_length:
            return []
        hits = [s for s in self.by_block[self.block_of(offset)] if s.start <= offset < s.end]
        hits.sort(key=lambda s: (s.end - s.start, -self.depth[s.id]))
        return hits

    def background_segments(self, n: int) -> list[tuple[int, int, str]]:
        """(start, end, colour) runs of block `n`: each character gets its innermost span
        (the shortest; of equal ones the last to start, then the lowest id)."""
        cached = self._segments.get(n)
        if cached is not None:
            return cached
        block_start, block_end = self.block_range(n)
        size = block_end - block_start
        paint: list[str | None] = [None] * size
        # Spans painted from the outermost to the innermost, each over the ones before:
        # slices filled in C instead of a sweep in Python (a block may hold 1,000 spans).
        for s in sorted(self.by_block[n], key=_inner_last, reverse=True):
            a, b = max(s.start, block_start) - block_start, min(s.end, block_end) - block_start
            paint[a:b] = [s.colour] * (b - a)
        cuts = [0, *compress(range(1, size), map(ne, paint, islice(paint, 1, None))), size]
        segments = (
            []
            if size <= 0
            else [
                (a + block_start, b + block_start, paint[a])
                for a, b in pairwise(cuts)
                if paint[a] is not None
            ]
        )
        self._segments[n] = segments
        return segments


def _inner_last(span: PaintSpan) -> tuple[int, int, int]:
    """Sorted by this in reverse, the innermost span of a character comes last."""
    return (span.end - span.start, -span.start, span.id)


Segment16 = tuple[int, int, QTextCharFormat]  # (start, length) in UTF-16 inside a block


class SpanHighlighter(QSyntaxHighlighter):
    """Sets each block's background formats from a per-block provider (no document edits)."""

    def __init__(
        self, document: QTextDocument, provider: Callable[[QTextBlock], Sequence[Segment16]]
    ) -> None:
        super().__init__(document)
        self._provider = provider

    def highlightBlock(self, text: str) -> None:
        for start, length, fmt in self._provider(self.currentBlock()):
            self.setFormat(start, length, fmt)


@dataclass(frozen=True)
class BarMetrics:
    """Geometry of the bars under a line, derived from the text font."""

    gap: float  # between the bottom of the line and the first bar
    thickness: float
    step: float  # from one depth to the next
    room: float  # extra distance added below every line (QTextBlockFormat line distance)
    levels: int  # depths that fit at full thickness
    badge_height: float

    @classmethod
    def for_font(cls, font: QFont, levels: int = 4) -> BarMetrics:
        height = QFontMetricsF(font).height()
        thickness = max(2.0, round(height / 10.0))
        step = thickness + 1.0
        gap = 1.0
        room = gap + levels * step + 2.0
        badge_height = min(max(9.0, round(height * 0.6)), room - gap)  # fits in the room
        return cls(gap, thickness, step, room, levels, badge_height)

    def bar_offset(self, depth: int, max_depth: int) -> tuple[float, float]:
        """(distance below the line, thickness) of the bar at `depth`."""
        if max_depth < self.levels:
            return self.gap + depth * self.step, self.thickness
        step = (self.room - self.gap - 2.0) / (max_depth + 1)
        return self.gap + depth * step, max(1.0, step - 0.5)


@lru_cache(maxsize=16)
def _badge_font(height: float) -> QFont:
    font = QFont()
    font.setPixelSize(max(7, round(height * 0.8)))
    font.setBold(True)  # the badge is not document text; bold cannot break a word here
    return font


@lru_cache(maxsize=1024)
def badge_width(number: int, height: float) -> float:
    return max(
        height, QFontMetricsF(_badge_font(height)).horizontalAdvance(str(number)) + height * 0.5
    )


def paint_badge(painter: QPainter, rect: QRectF, number: int, colour: str) -> None:
    """Draw a link number as a dark chip edged in the span's colour."""
    painter.setFont(_badge_font(rect.height()))
    painter.setPen(QPen(QColor(colour), 1.2))
    painter.setBrush(QColor("#263238"))
    radius = rect.height() / 2.5
    painter.drawRoundedRect(rect, radius, radius)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(number))
