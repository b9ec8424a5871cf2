"""What the doccano tests share: the command line, a project with the seeds and a hard
text in two annotators' layers, and the annotations of a project in a comparable form."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from annotator.cli import main as cli_main
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from annotator.core.store.layers import iter_layers
from tests.formats.test_every_format import HARD_TEXT, _build

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "doccano"
CLAIM = "الاتفاق 🇦🇪 نهائي"
ATTRIBUTES = {"checkworthy": "yes", "stance": "none"}


def main(*argv: str | Path) -> int:
    return cli_main([str(a) for a in argv])


def build(store: Store) -> None:
    """Seeds and the hard text in mona's and sara's layers (see `test_every_format`), plus
    a CLAIM with attributes in mona's."""
    _build(store)
    doc = next(d.id for d in store.documents.iter_all() if d.text == HARD_TEXT)
    layer, actor = store.layer_and_writer("mona")
    start = HARD_TEXT.index(CLAIM)
    store.annotations.add_span(
        doc, layer, "CLAIM", start, start + len(CLAIM), ATTRIBUTES, actor_id=actor
    )


def layers(store: Store, *, attributes: bool = True) -> Counter:
    """Every non-empty layer as (annotator, text, spans, relations); spans with their text
    (and attributes), relations by their spans' offsets: ids aside."""
    found: Counter = Counter()
    for layer in iter_layers(store.db, LayerFilter()):
        if not layer.spans:
            continue
        text = layer.document.text
        by_id = {s.id: (s.start, s.end, s.label) for s in layer.spans}
        spans = frozenset(
            (
                s.start,
                s.end,
                s.label,
                text[s.start : s.end],
                json.dumps(s.attributes, sort_keys=True) if attributes else "",
            )
            for s in layer.spans
        )
        relations = frozenset(
            (by_id[r.head_id], by_id[r.child_id], r.label) for r in layer.relations
        )
        found[(layer.annotator, text, spans, relations)] += 1
    return found


def records(path: Path) -> list[dict[str, Any]]:
    """The records of a JSONL file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def without_ids(record: dict[str, Any]) -> dict[str, Any]:
    """A record with its ids replaced by what they point at (for comparing exports)."""
    out = {k: v for k, v in record.items() if k != "id"}
    if "entities" in record:
        where = {
            e["id"]: (e["start_offset"], e["end_offset"], e["label"]) for e in record["entities"]
        }
        out["entities"] = sorted(
            [*where[e["id"]], json.dumps(e.get("attributes"))] for e in record["entities"]
        )
        out["relations"] = sorted(
            [where[r["from_id"]], where[r["to_id"]], r["type"]] for r in record["relations"]
        )
    return out
