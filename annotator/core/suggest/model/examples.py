"""Training data from the project: one annotator's (or gold's) layers as spaCy Docs whose
`doc.ents` are the outermost entity spans, built by the spaCy format's own Doc builder;
and the Doc a model reads for a text, on the same tokens.

Tokens are ours (`text/tokens.py`), also cut after a proclitic where Ctrl+T would drop it
(لبوتين → ل + بوتين, judged by the project's word counts), in training and in prediction
alike: a model learns names without their clitic when the annotator tags them so, and
can suggest them so.

What the annotator rejected (a suggestion of any recipe with an entity label, on a
document that is an example) goes with the Doc as a negative example in
`doc.spans[NEGATIVE_KEY]`, which `ner` learns not to predict."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.core.errors import NotFoundError
from annotator.core.formats.entity_set import EntitySet, entity_set
from annotator.core.formats.export_layers import document_groups
from annotator.core.formats.spacy_docbin import group_docs, token_words
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from annotator.core.text.clitics import trim_proclitic
from annotator.core.text.tokens import tokenize
from annotator.core.text.word_counts import WordCounts

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab


@dataclass
class LayerExamples:
    """The annotated documents of one layer: a Doc each (gold entities in `doc.ents`,
    rejected suggestions in `doc.spans[NEGATIVE_KEY]`), the document ids in the same
    order, the entity labels of the project and the project's word counts (for clitics);
    how many nested spans `ner` cannot learn (inside a longer entity) and how many
    rejections it learns from."""

    layer: str
    labels: tuple[str, ...]
    words: WordCounts
    docs: list[Doc] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)
    nested: int = 0
    rejected: int = 0

    @property
    def spans(self) -> int:
        """Entity spans the model learns from."""
        return sum(len(doc.ents) for doc in self.docs)

    def labels_used(self) -> list[str]:
        """The labels with at least one span, in scheme order."""
        used = {ent.label_ for doc in self.docs for ent in doc.ents}
        return [label for label in self.labels if label in used]


def read_examples(store: Store, layer: str, vocab: Vocab) -> LayerExamples:
    """The layer's documents that hold an entity span or are marked done (a document
    nobody has looked at teaches nothing; one marked done with no entity says "none
    here"); NotFoundError if the project has no annotator of that name."""
    ents: EntitySet = entity_set(store, None)
    examples = LayerExamples(layer, ents.labels, store.word_counts())
    wanted = set(ents.labels)
    rejected = _rejections(store, layer, wanted)
    for group in document_groups(store, LayerFilter.of([layer])):
        text = group.document.text
        negatives = rejected.get(group.document.id, [])
        cuts = clitic_cuts(text, examples.words)
        cuts.update(pos for r in negatives for pos in r[:2] if _inside_word(text, pos))
        docs = group_docs(vocab, group, ents, cuts=cuts)
        for layer_of, doc in zip(group.layers, docs, strict=True):
            entity_spans = sum(1 for span in layer_of.spans if span.label in wanted)
            if not doc.ents and layer_of.status != "done":
                continue
            # every entity span, nested ones too, for the span categorizer
            doc.spans[SPANS_KEY] = [s for s in doc.spans[SPANS_KEY] if s.label_ in wanted]
            examples.docs.append(doc)
            examples.document_ids.append(group.document.id)
            examples.nested += entity_spans - len(doc.ents)
            examples.rejected += _add_negatives(doc, negatives)
    return examples


NEGATIVE_KEY = "incorrect_spans"
SPANS_KEY = "sc"


def _rejections(store: Store, layer: str, labels: set[str]) -> dict[int, list[tuple]]:
    """(start, end, label) of the entity suggestions the layer's annotator rejected, by
    document (none while the project has no such annotator: the filter says so)."""
    try:
        layer_id = store.annotator_by_name(layer).id
    except NotFoundError:
        return {}
    out: dict[int, list[tuple]] = {}
    for r in store.suggestions.rejections(layer_id):
        if r.label in labels and r.start < r.end:
            out.setdefault(r.document_id, []).append((r.start, r.end, r.label))
    return out


def _inside_word(text: str, pos: int) -> bool:
    return 0 < pos < len(text) and not text[pos - 1].isspace() and not text[pos].isspace()


def _add_negatives(doc: Doc, negatives: list[tuple]) -> int:
    """Put the rejections that fall on token edges and are not the annotator's own
    entities into the Doc's negative spans; how many."""
    own = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    spans = []
    for start, end, label in negatives:
        if (start, end, label) in own:
            continue  # rejected as a suggestion, then tagged by hand: an entity
        span = doc.char_span(start, end, label=label, alignment_mode="strict")
        if span is not None:
            spans.append(span)
    if spans:
        doc.spans[NEGATIVE_KEY] = spans
    return len(spans)


_PROCLITICS = frozenset("وفبلك")


def _is_clitic_part(ch: str) -> bool:
    return ch in _PROCLITICS or unicodedata.category(ch) == "Mn"


def clitic_cuts(text: str, words: WordCounts) -> set[int]:
    """Where a word's proclitic (و ف ب ل ك, not the article) ends, wherever Ctrl+T would
    drop it: the rest is a word of the project and the whole is not."""
    cuts = set()
    for start, end in tokenize(text):
        if end - start < 3 or text[start] not in _PROCLITICS:
            continue
        cut = trim_proclitic(text, start, end, words).start
        if start < cut < end and all(_is_clitic_part(ch) for ch in text[start:cut]):
            cuts.add(cut)
    return cuts


def text_doc(vocab: Vocab, text: str, words: WordCounts | None = None) -> Doc:
    """The Doc a model reads for `text`: our tokens (not spaCy's tokenizer), cut after
    proclitics as in training when `words` are given, so token offsets are code points
    into the stored text."""
    from spacy.tokens import Doc

    token_texts, spaces = token_words(text, clitic_cuts(text, words) if words else ())
    return Doc(vocab, words=token_texts, spaces=spaces)


def gold_entities(
    examples: LayerExamples, picks: list[int], nested: bool = False
) -> set[tuple[int, int, int, str]]:
    """(example index, start, end, label) of the entities of the chosen examples: the
    outermost, or with `nested` every one."""
    return {
        (pick, span.start_char, span.end_char, span.label_)
        for pick in picks
        for span in (examples.docs[pick].spans[SPANS_KEY] if nested else examples.docs[pick].ents)
    }
