"""Projects for the CoNLL tests: the seed articles annotated as in the JSONL tests, plus a
text of our own with an emoji before a name, harakat, nested spans, a clitic left out of
a span and a quote linked to its speaker."""

from __future__ import annotations

import importlib
from collections import Counter
from pathlib import Path

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.text.tokens import tokenize
from tests.conftest import SEEDS
from tests.core.test_export_jsonl import _annotate_seeds

cli_main = importlib.import_module("annotator.cli.main")

# 😀 is astral (two UTF-16 units) and sits right before the name; مُحَمَّد carries harakat;
# القاهرة (GPE) nests in جامعة القاهرة الجديدة (ORG), which nests in the quote; the GPE
# span on وموسكو leaves the clitic و out.
HARD_TEXT = (
    "قال الدكتور 😀مُحَمَّد بن سَلْمَان: «ستفتح جامعة القاهرة الجديدة أبوابها وموسكو تراقب».\n"
    "\n"
    "وأكد 🇵🇸 أن الاتفاق نهائي."
)


def main(*argv: str) -> int:
    return cli_main.main(list(argv))


def at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def annotate_hard(store: Store, doc_id: int, who: str) -> None:
    """Nested spans, a clitic left out, and a quote linked to its speaker."""
    layer, actor = store.layer_and_writer(who)
    text = HARD_TEXT

    def add(word: str, label: str, attributes: dict | None = None):
        return store.annotations.add_span(
            doc_id, layer, label, *at(text, word), attributes, actor_id=actor
        )

    speaker = add("مُحَمَّد بن سَلْمَان", "PERSON")
    quote = add("ستفتح جامعة القاهرة الجديدة أبوابها وموسكو تراقب", "QUOTE")
    add("جامعة القاهرة الجديدة", "ORG")
    add("القاهرة", "GPE")
    add("موسكو", "GPE")
    add("الاتفاق نهائي", "CLAIM", {"checkworthy": "yes"})
    store.annotations.add_relation(quote.id, speaker.id, "SAID_BY", actor_id=actor)


def seeded_project(path: Path, annotators: tuple[str, ...] = ("مها",)) -> Store:
    """The seeds and the hard text, each annotator's layer as `_annotate_seeds` and
    `annotate_hard` make it. The caller closes the store."""
    from annotator.core.formats.import_text import import_text_files

    store = Store.open(path)
    import_text_files(store, [SEEDS])
    for who in annotators:
        _annotate_seeds(store, who)
    (hard,) = store.documents.add_many([NewDocument(HARD_TEXT, "hard")]).ids
    for who in annotators:
        annotate_hard(store, hard, who)
    return store


def tag_names(store: Store, who: str, leave_out: int = -1) -> int:
    """Flat spans that are whole tokens: every بوتين, روسيا and أوكرانيا token, all but
    the `leave_out`-th one. Returns how many spans were made."""
    layer, _ = store.layer_and_writer(who)
    made = seen = 0
    for doc in store.documents.iter_all():
        text = doc.text
        tokens = set(tokenize(text))
        for word, label in (("بوتين", "PERSON"), ("روسيا", "GPE"), ("أوكرانيا", "GPE")):
            start = text.find(word)
            while start != -1:
                end = start + len(word)
                if (start, end) in tokens:
                    if seen != leave_out:
                        store.annotations.add_span(doc.id, layer, label, start, end)
                        made += 1
                    seen += 1
                start = text.find(word, start + 1)
    return made


def token_runs(store: Store, who: str) -> Counter:
    """`who`'s spans as CoNLL can hold them, read from the project without the exporter:
    (label, the words of the tokens a span touches on one line, joined by spaces), each
    (line, tokens, label) once."""
    layer = store.annotator_by_name(who).id
    runs: Counter = Counter()
    for doc_id in store.documents.ids():
        text = store.documents.text(doc_id)
        spans = store.annotations.spans(doc_id, layer)
        offset = 0
        for number, line in enumerate(text.split("\n")):
            tokens = tokenize(line)
            seen = set()
            for span in spans:
                start, end = span.start - offset, span.end - offset
                inside = [i for i, (a, b) in enumerate(tokens) if a < end and b > start]
                key = (number, inside[0], inside[-1], span.label) if inside else None
                if key and key not in seen:
                    seen.add(key)
                    words = " ".join(line[a:b] for a, b in tokens[inside[0] : inside[-1] + 1])
                    runs[(span.label, words)] += 1
            offset += len(line) + 1
    return runs
