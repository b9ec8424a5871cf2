"""`annotator suggest RECIPE -o FILE.jsonl`: a recipe's suggestions written as lines of our
JSONL export (one per document, layer "suggest:RECIPE", spans with their confidence and
note, SAID_BY links as relations), so `annotator import` reads a pre-annotated corpus
back. Nothing is stored in the project; the file is written whole or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.files.atomic_write import atomic_write
from annotator.core.formats.export_jsonl import layer_record, to_json_line
from annotator.core.layers import Layer
from annotator.core.model import Document, Relation, Span, Suggested
from annotator.core.suggest.recipes import suggest_documents
from annotator.core.suggest.threshold import at_least

if TYPE_CHECKING:
    from annotator.core.store import Store
    from annotator.core.suggest.recipes import Recipe

BATCH = 200  # documents read per query


@dataclass
class LinesReport:
    """What was written: lines (one per document), suggested spans and links."""

    documents: int = 0
    suggestions: int = 0
    links: int = 0


def suggestion_record(document: Document, recipe: str, suggested: Suggested) -> dict[str, Any]:
    """The export record of one document's suggestions, as if they were the layer of an
    annotator called "suggest:RECIPE"; each span also carries "confidence" and "note"."""
    spans = [
        Span(place + 1, document.id, 0, s.label, s.start, s.end)
        for place, s in enumerate(suggested.spans)
    ]
    relations = [
        Relation(n + 1, document.id, 0, link.head + 1, link.child + 1, link.label)
        for n, link in enumerate(suggested.links)
    ]
    ordered = sorted(spans, key=lambda span: (span.start, -span.end, span.id))
    name = f"suggest:{recipe}"
    record = layer_record(Layer(document, 0, name, "new", ordered, relations))
    for span in record["spans"]:
        made = suggested.spans[span["id"] - 1]
        span["confidence"] = made.confidence
        span["note"] = made.note
    return record


def write_suggestion_lines(
    store: Store,
    recipe: Recipe,
    annotator_id: int | None,
    document_ids: list[int] | None,
    options: dict[str, Any],
    path: str | Path,
) -> LinesReport:
    """Run `recipe` over documents (all when None) and write one line per document."""
    suggest = at_least(recipe.make(store, annotator_id, options), options.get("threshold"))
    ids = store.documents.ids() if document_ids is None else document_ids
    report = LinesReport()
    with atomic_write(path) as out:
        for begin in range(0, len(ids), BATCH):
            documents = {d.id: d for d in store.documents.iter_all(ids[begin : begin + BATCH])}
            for doc_id, suggested in suggest_documents(suggest, documents.values()):
                out.write(
                    to_json_line(suggestion_record(documents[doc_id], recipe.name, suggested))
                )
                out.write("\n")
                report.documents += 1
                report.suggestions += len(suggested.spans)
                report.links += len(suggested.links)
    return report
