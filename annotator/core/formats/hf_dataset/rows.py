"""One dataset row per layer (document × annotator), and the features (columns) the rows
have, in the shape the dataset card declares them.

Tokens are word tokens only (whitespace is not a token, as token-classification models
expect): the tokens of the JSONL export and the spaCy DocBin without their whitespace
tokens, cut at every span edge of every layer of the text. `ner_tags` are IOB2 tags over
the non-overlapping entity set; `spans` keeps every span with character offsets (nested
ones too) and `relations` link them by their index in `spans`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from annotator.core.formats.entity_set import EntitySet, iob_tags
from annotator.core.layers import Layer
from annotator.core.model import Span
from annotator.core.text.tokens import spaced_tokens

# A feature is a dtype name, CLASS_LABEL, a one-item list (a list of that feature) or a
# tuple of (name, feature) pairs (a struct).
CLASS_LABEL = "class_label"
SPAN_FEATURES = (
    ("start", "int64"),
    ("end", "int64"),
    ("label", "string"),
    ("text", "string"),
    ("attributes", "string"),
)
FEATURES: tuple[tuple[str, Any], ...] = (
    ("id", "string"),
    ("document_id", "int64"),
    ("annotator", "string"),
    ("status", "string"),
    ("title", "string"),
    ("text", "string"),
    ("tokens", ["string"]),
    ("token_starts", ["int64"]),
    ("token_ends", ["int64"]),
    ("ner_tags", [CLASS_LABEL]),
    ("spans", [SPAN_FEATURES]),
    ("relations", [(("head", "int64"), ("child", "int64"), ("label", "string"))]),
)
COLUMNS = {
    "id": "document id and annotator: one row per document per annotator layer",
    "document_id": "the project's document id (all rows of a document are in one split)",
    "annotator": "whose layer the row is (`gold`: the adjudicated layer)",
    "status": "the layer's status: new, in_progress or done",
    "title": "the article's title",
    "text": "the article's text as stored (offsets below are code points into it)",
    "tokens": "word tokens (whitespace is not a token)",
    "token_starts": "character offset of each token in `text`",
    "token_ends": "character offset after each token (end exclusive)",
    "ner_tags": "IOB2 tag of each token over the entity labels, a ClassLabel",
    "spans": "every span of the layer, nested and overlapping ones too: start, end "
    "(character offsets, end exclusive), label, text, attributes (JSON object)",
    "relations": "links between spans (e.g. a quote to its speaker): head and child are "
    "indexes into `spans`",
}


def word_tokens(text: str, every_span: list[Span]) -> list[tuple[int, int]]:
    """The word tokens of a text, cut at every span edge of every layer."""
    bounds = spaced_tokens(
        text, {span.start for span in every_span}, {span.end for span in every_span}
    )
    return [(start, end) for start, end in bounds if not text[start:end].isspace()]


@dataclass
class RowFacts:
    """What one row holds, for the card and the report."""

    tokens: int = 0
    tags: Counter[str] = field(default_factory=Counter)  # entity mentions per label
    spans: Counter[str] = field(default_factory=Counter)  # every span per label
    relations: int = 0
    left_out: int = 0  # entity spans not tagged: they overlap a longer one
    untagged: int = 0  # entity spans holding no word token (only whitespace)


def layer_row(
    layer: Layer, tokens: list[tuple[int, int]], ents: EntitySet, names: list[str]
) -> tuple[dict[str, Any], RowFacts]:
    """The row of one layer over the text's word `tokens`, and what it holds."""
    document = layer.document
    text = document.text
    kept, left_out = ents.choose(layer.spans)
    tags, untagged = iob_tags(tokens, kept, names)
    index = {span.id: i for i, span in enumerate(layer.spans)}
    facts = RowFacts(
        tokens=len(tokens),
        tags=Counter(names[tag][2:] for tag in tags if names[tag].startswith("B-")),
        spans=Counter(span.label for span in layer.spans),
        relations=len(layer.relations),
        left_out=left_out,
        untagged=untagged,
    )
    row = {
        "id": f"{document.id}-{layer.annotator}",
        "document_id": document.id,
        "annotator": layer.annotator,
        "status": layer.status,
        "title": document.title,
        "text": text,
        "tokens": [text[start:end] for start, end in tokens],
        "token_starts": [start for start, _ in tokens],
        "token_ends": [end for _, end in tokens],
        "ner_tags": tags,
        "spans": [
            {
                "start": span.start,
                "end": span.end,
                "label": span.label,
                "text": text[span.start : span.end],
                "attributes": json.dumps(span.attributes, ensure_ascii=False, sort_keys=True),
            }
            for span in layer.spans
        ],
        "relations": [
            {"head": index[rel.head_id], "child": index[rel.child_id], "label": rel.label}
            for rel in layer.relations
        ],
    }
    return row, facts
