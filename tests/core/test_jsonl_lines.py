"""The JSONL export's fast lines are byte for byte the lines of `to_json_line` over
`iter_layer_records`: on the seeds, on hostile texts and names, with several layers."""

from __future__ import annotations

import io
import json

import pytest

from annotator.core.formats.export_jsonl import (
    export_jsonl,
    iter_layer_records,
    write_jsonl,
    write_layer_lines,
)
from annotator.core.formats.jsonl_lines import record_json, text_json, tokens_json
from annotator.core.layers import LayerFilter
from annotator.core.model import Label
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.text.offsets import is_boundary

from .test_export_jsonl import _annotate_seeds
from .test_hostile_strings import HOSTILE, fill

TEXTS = [
    'قال "بوتين" \\ ثم\tمضى\n\nسطر\u2028فاصل\u2029و\x85 آخر',
    "  مسافات   في البداية\r\nو\x0bعمودي \x1b[31m",
    "emoji 👩\u200d🔬 و 🇸🇦 والأرقام ١٬٢٣٤٫٥ و 3.14",
    "حرف\u0651\u064e مشكول ،؛؟ «اقتباس» “آخر” {0} %s %d %%",
    "",
]


def _both(store: Store, layer_filter: LayerFilter) -> tuple[str, str]:
    slow, fast = io.StringIO(), io.StringIO()
    slow_report = write_jsonl(iter_layer_records(store, layer_filter), slow)
    fast_report = write_layer_lines(store, layer_filter, fast)
    assert fast_report == slow_report
    return slow.getvalue(), fast.getvalue()


def _edge(text: str, pos: int) -> int:
    while not is_boundary(text, pos):
        pos += 1
    return pos


def _annotate_everywhere(store: Store) -> None:
    """Spans over odd edges (inside words, on spaces) in two layers, a relation, a status
    without spans, attributes with hostile values."""
    store.labels.add(Label(name='Q "x" \\', kind="quote", colour="#123456"))
    one, two = store.ensure_annotator("أ"), store.ensure_annotator('b "\\')
    for doc in store.documents.iter_all():
        size = len(doc.text)
        if size < 8:
            store.annotations.set_status(doc.id, two.id, "done")
            continue
        a, b, c, d, e = (_edge(doc.text, pos) for pos in (1, 2, 3, 4, 7))
        first = store.annotations.add_span(doc.id, one.id, "PERSON", a, d, {"n": "\u2028\x07"})
        second = store.annotations.add_span(doc.id, one.id, 'Q "x" \\', c, size - 2)
        store.annotations.add_relation(second.id, first.id, "SAID_BY")
        store.annotations.add_span(doc.id, two.id, "GPE", b, e, {"k": [1, 2.5, None, True]})
        store.annotations.set_status(doc.id, one.id, "in_progress")


@pytest.mark.parametrize(
    "layer_filter",
    [LayerFilter(), LayerFilter(annotators=("أ",)), LayerFilter(labels=("GPE", "PERSON"))],
)
def test_hostile_texts_and_layers_give_the_same_bytes(store: Store, layer_filter):
    store.documents.add_many(NewDocument(text=text, title=text[:9]) for text in TEXTS)
    fill(store)
    _annotate_everywhere(store)
    slow, fast = _both(store, layer_filter)
    assert slow  # something was written
    assert fast == slow
    assert fast.count("\n") == len(fast.splitlines())  # no other line break survived


def test_seeds_give_the_same_bytes(seeded: Store):
    _annotate_seeds(seeded)
    _annotate_seeds(seeded, "ليلى")
    slow, fast = _both(seeded, LayerFilter())
    assert fast == slow
    assert len(fast.splitlines()) == 2 * len(seeded.documents.ids())


def test_export_file_is_the_same_bytes(seeded: Store, tmp_path):
    _annotate_seeds(seeded)
    out = tmp_path / "out.jsonl"
    export_jsonl(seeded, out, annotators=["مها"])
    slow = io.StringIO()
    write_jsonl(iter_layer_records(seeded, LayerFilter(annotators=("مها",))), slow)
    assert out.read_bytes() == slow.getvalue().encode("utf-8")


@pytest.mark.parametrize("text", [*TEXTS, *HOSTILE])
def test_parts_encode_as_json_dumps(text: str):
    bounds = [(i, i + 1) for i in range(len(text))]
    spaces = [i % 2 == 0 for i in range(len(text))]
    tokens = [
        {"text": text[a:b], "start": a, "end": b, "id": i, "ws": ws}
        for i, ((a, b), ws) in enumerate(zip(bounds, spaces, strict=True))
    ]
    assert tokens_json(text, bounds, spaces) == json.dumps(tokens, ensure_ascii=False)
    assert text_json(text) == json.dumps(text, ensure_ascii=False)
    record = {"text": text, "meta": {"m": text}, "tokens": tokens, "x": text}
    expected = json.dumps(record, ensure_ascii=False)
    assert record_json(record, text_json(text), tokens_json(text, bounds, spaces)) == expected
    head_only = {"text": text, "meta": {}, "tokens": []}
    expected = json.dumps(head_only, ensure_ascii=False)
    assert record_json(head_only, text_json(text), "[]") == expected


def test_token_arrays_of_growing_lengths_encode_as_json_dumps():
    """Token ids are kept as text between calls and grown for a longer text: each array
    still numbers its own tokens from 0."""
    for size in (3, 1, 2_000, 5, 2_500):
        text = "ب " * size
        bounds = [(2 * i, 2 * i + 1) for i in range(size)]
        spaces = [True] * size
        tokens = [
            {"text": "ب", "start": start, "end": end, "id": i, "ws": True}
            for i, (start, end) in enumerate(bounds)
        ]
        assert tokens_json(text, bounds, spaces) == json.dumps(tokens, ensure_ascii=False)


def test_a_token_array_refuses_spaces_that_do_not_match_its_tokens():
    with pytest.raises(ValueError):
        tokens_json("ab", [(0, 1), (1, 2)], [False])
