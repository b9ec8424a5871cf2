"""spaCy's binary training data (`DocBin`, a `.spacy` file), written.

One `Doc` per selected layer (document × annotator), built from the tokens the JSONL
export carries (`text/tokens.py`: whitespace as spaCy wants it, cut at every span edge of
every layer of the text), so `doc.text` is the stored text and every span lies on token
edges:

- `doc.spans[KEY]` (`--spans-key`, default "sc"): every span of the layer, nested and
  overlapping ones, quotes, speakers and claims included;
- `doc.ents`: one non-overlapping set (`--ents-labels`, default the entity labels; see
  `entity_set`), the spans left out counted in the report;
- `doc.user_data`: the layer's meta (`document_id`, `title`, `source`, `published`,
  `meta`, `annotator`, `status`), `relations` as `[head_start, head_end, child_start,
  child_end, label]` in character offsets, and `span_attributes` as
  `[start, end, label, {name: value}]` for the spans that have attributes.

spaCy is imported only here, when the format is used.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from annotator.core.errors import ValidationError
from annotator.core.files.atomic_write import atomic_write, check_target
from annotator.core.formats.entity_set import EntitySet, entity_set
from annotator.core.formats.export_layers import ExportProgress, document_groups
from annotator.core.formats.export_report import ExportReport
from annotator.core.layers import DocumentLayers, Layer, LayerFilter
from annotator.core.store import Store
from annotator.core.text.tokens import spaced_tokens, spaces_after

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

DEFAULT_SPANS_KEY = "sc"
DOCBIN_ATTRS = ["ORTH", "ENT_IOB", "ENT_TYPE"]  # and SPACY, which DocBin always keeps


def _spacy() -> Any:
    """The spaCy package; a ValidationError saying how to get it when it is missing."""
    try:
        import spacy
        import spacy.tokens
        import spacy.vocab
    except ImportError:
        raise ValidationError(
            "the spacy format needs spaCy 3 (pip install 'spacy>=3.7,<4')"
        ) from None
    return spacy


def spans_key(option: str | None) -> str:
    """The `doc.spans` key: `--spans-key`, default "sc"; never empty."""
    key = DEFAULT_SPANS_KEY if option is None else str(option).strip()
    if not key:
        raise ValidationError("--spans-key needs a name (default: sc)")
    return key


@dataclass
class _Counts:
    """What the notes count: spans left out of `doc.ents`, spans with attributes."""

    left_out: int = 0
    with_attributes: int = 0


def _layer_doc(
    vocab: Vocab,
    words: list[str],
    spaces: list[bool],
    layer: Layer,
    ents: EntitySet,
    key: str,
    counts: _Counts,
) -> Doc:
    """The Doc of one layer (see the module docstring)."""
    from spacy.tokens import Doc

    document = layer.document
    doc = Doc(vocab, words=words, spaces=spaces)
    placed = {}
    for span in layer.spans:
        found = doc.char_span(span.start, span.end, label=span.label, alignment_mode="strict")
        if found is None:  # tokens are cut at every span edge: a bug, never a wrong file
            raise ValidationError(
                f"document {document.id}: span {span.start}..{span.end} ({span.label}) "
                "does not fall on token edges; nothing was written"
            )
        placed[span.id] = found
    doc.spans[key] = [placed[span.id] for span in layer.spans]
    kept, left_out = ents.choose(layer.spans)
    counts.left_out += left_out
    counts.with_attributes += sum(1 for span in layer.spans if span.attributes)
    doc.set_ents([placed[span.id] for span in kept], default="outside")
    by_id = {span.id: span for span in layer.spans}
    doc.user_data.update(
        {
            "document_id": document.id,
            "title": document.title,
            "source": document.source,
            "published": document.published,
            "meta": document.meta,
            "annotator": layer.annotator,
            "status": layer.status,
            "relations": [
                [
                    by_id[rel.head_id].start,
                    by_id[rel.head_id].end,
                    by_id[rel.child_id].start,
                    by_id[rel.child_id].end,
                    rel.label,
                ]
                for rel in layer.relations
            ],
            "span_attributes": [
                [span.start, span.end, span.label, span.attributes]
                for span in layer.spans
                if span.attributes
            ],
        }
    )
    return doc


def token_words(
    text: str, starts: Collection[int] = (), ends: Collection[int] = ()
) -> tuple[list[str], list[bool]]:
    """spaCy's `words` and `spaces` of `text` on our tokens (`text/tokens.py`), cut at
    `starts` and `ends`: `Doc(vocab, words=…, spaces=…).text` is `text`, so a token's
    `idx` is a code-point offset into the stored text."""
    bounds = spaced_tokens(text, starts, ends)
    return [text[start:end] for start, end in bounds], spaces_after(bounds, len(text))


def group_docs(
    vocab: Vocab,
    group: DocumentLayers,
    ents: EntitySet,
    key: str = DEFAULT_SPANS_KEY,
    counts: _Counts | None = None,
    cuts: Collection[int] = (),
) -> list[Doc]:
    """One Doc per layer of a document (see the module docstring), on tokens cut at every
    span edge of every layer of it (and at `cuts`); the writer's Docs and a trained
    model's examples."""
    text = group.document.text
    starts = {s.start for s in group.every_span}
    starts.update(cuts)
    words, spaces = token_words(text, starts, {s.end for s in group.every_span})
    counts = _Counts() if counts is None else counts
    return [_layer_doc(vocab, words, spaces, layer, ents, key, counts) for layer in group.layers]


def write_spacy_docbin(
    store: Store,
    target: Path | IO[str],
    layers: LayerFilter,
    options: dict[str, Any],
    progress: ExportProgress | None = None,
) -> ExportReport:
    """Write one Doc per selected layer into a `.spacy` file (a DocBin with user data),
    whole or not at all."""
    if not isinstance(target, Path):
        raise ValidationError("the spacy format writes a binary file: give -o FILE.spacy")
    key = spans_key(options.get("spans_key"))
    layers.check(store)
    ents = entity_set(store, options.get("ents_labels"))
    check_target(target)
    spacy = _spacy()
    vocab = spacy.vocab.Vocab()
    # only what the Docs hold: the default attributes (tags, lemmas, heads…) would all
    # be zero here, and DocBin keeps every column of every token in memory until written
    docbin = spacy.tokens.DocBin(attrs=DOCBIN_ATTRS, store_user_data=True)
    report = ExportReport(unit="docs (one per document layer)")
    counts = _Counts()
    for group in document_groups(store, layers, progress):
        for doc in group_docs(vocab, group, ents, key, counts):
            docbin.add(doc)
        for layer in group.layers:
            report.lines += 1
            report.spans += len(layer.spans)
            report.relations += len(layer.relations)
    if counts.left_out:
        report.note(
            f"{counts.left_out} span{'s' if counts.left_out != 1 else ''} of "
            f"{', '.join(ents.labels) or 'no label'} left out of doc.ents: each overlaps a "
            f"longer one (doc.spans[{key!r}] has every span)"
        )
    if report.relations:
        report.note(
            "relations are in doc.user_data['relations'] as [head_start, head_end, "
            "child_start, child_end, label] (character offsets): spaCy has no links"
        )
    if counts.with_attributes:
        report.note(
            f"attributes of {counts.with_attributes} spans are in "
            "doc.user_data['span_attributes'] as [start, end, label, attributes]"
        )
    with atomic_write(target, binary=True) as out:
        out.write(docbin.to_bytes())
    return report
