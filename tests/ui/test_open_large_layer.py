"""Opening a large layer takes shortcuts (one pass to index the spans, backgrounds filled
in slices, spans read without their dataclass's __init__, the cycle collector held off):
each gives what the plain definition gives."""

from __future__ import annotations

import gc
import random
import re

import pytest

from annotator.core.model import Span
from annotator.core.store import Store
from annotator.ui.collector import collector_paused
from annotator.ui.span_depths import assign_depths
from annotator.ui.span_painter import PaintSpan, SpanIndex


def _innermost_runs(spans: list[PaintSpan], first: int, last: int) -> list[tuple[int, int, str]]:
    """The definition: each character of first..last gets the colour of its shortest
    covering span (of equal ones the last to start, then the lowest id); runs of one
    colour are merged."""
    runs: list[tuple[int, int, str]] = []
    for c in range(first, last):
        covering = [s for s in spans if s.start <= c < s.end]
        if not covering:
            continue
        colour = min(covering, key=lambda s: (s.end - s.start, -s.start, s.id)).colour
        if runs and runs[-1][1] == c and runs[-1][2] == colour:
            runs[-1] = (runs[-1][0], c + 1, colour)
        else:
            runs.append((c, c + 1, colour))
    return runs


def _buckets_span_by_span(index: SpanIndex) -> list[list[PaintSpan]]:
    """Each span in the blocks `_blocks_of` names, as the index once bucketed them."""
    out: list[list[PaintSpan]] = [[] for _ in index.block_starts]
    for span in index.spans:
        for n in index._blocks_of(span):
            out[n].append(span)
    return out


@pytest.mark.parametrize("seed", range(6))
def test_index_and_backgrounds_match_their_definition(seed: int):
    rng = random.Random(seed)
    length = 900
    starts = [0, 1, 2, 120, 121, 400, 650, 651]  # empty blocks and blocks of one character
    ends = [s - 1 for s in starts[1:]] + [length]
    colours = ["#111111", "#222222", "#333333"]
    spans = []
    for i in range(rng.choice([40, 300])):
        a = rng.randrange(length - 1)
        b = min(length, a + rng.choice([1, 2, 5, 30, 200, 700]))
        spans.append(PaintSpan(i, a, b, "L", rng.choice(colours), ""))
    for i, (a, b) in enumerate([(0, length), (119, 121), (120, 121), (5, 6), (5, 6)]):
        spans.append(PaintSpan(1000 + i, a, b, "L", colours[i % 3], ""))  # ties included
    rng.shuffle(spans)
    index = SpanIndex(spans, [], starts, length)
    assert index.by_block == _buckets_span_by_span(index)
    assert index.longest == max(s.end - s.start for s in spans)
    for n, (first, last) in enumerate(zip(starts, ends, strict=True)):
        assert index.background_segments(n) == _innermost_runs(index.by_block[n], first, last)


def test_index_refuses_bad_and_doubled_spans():
    with pytest.raises(ValueError, match="outside"):
        SpanIndex([PaintSpan(1, 5, 20, "L", "#111111", "")], [], [0], 10)
    twice = [PaintSpan(1, 0, 2, "L", "#111111", ""), PaintSpan(1, 3, 4, "L", "#111111", "")]
    with pytest.raises(ValueError, match="twice"):
        SpanIndex(twice, [], [0], 10)


def test_depths_are_the_smallest_free_depth(seed: int = 3):
    rng = random.Random(seed)
    spans = []
    for i in range(400):
        a = rng.randrange(500)
        spans.append(PaintSpan(i, a, a + rng.choice([1, 3, 8, 40]), "L", "#111111", ""))
    spans.sort(key=lambda s: (s.start, -s.end, s.id))
    depth = assign_depths(spans)
    for k, span in enumerate(spans):
        taken = {depth[o.id] for o in spans[:k] if o.end > span.start}
        assert depth[span.id] == min(set(range(len(taken) + 1)) - taken)


def test_a_layer_read_at_once_is_the_spans_read_one_by_one(seeded: Store):
    doc = seeded.documents.ids()[0]
    who = seeded.ensure_annotator("tester").id
    one, two = [m.span() for m in re.finditer(r"\w+", seeded.documents.text(doc))][:2]
    spans = seeded.annotations
    spans.add_span(doc, who, "GPE", *two)
    spans.add_span(doc, who, "PERSON", *one)
    spans.add_span(doc, who, "ORG", one[0], two[1], attributes={"note": "x"})
    layer = spans.spans(doc, who)
    assert len(layer) == 3 and all(type(s) is Span for s in layer)
    assert layer == [spans.span(s.id) for s in layer]
    assert [s.label for s in layer] == ["ORG", "PERSON", "GPE"]  # reading order
    assert layer[0].attributes == {"note": "x"} and layer[1].attributes == {}
    with pytest.raises(AttributeError):
        layer[0].label = "GPE"  # still frozen


def test_the_collector_is_held_off_only_inside_the_block():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left as found
    finally:
        gc.enable()
