"""A project to export as brat in the brat tests: the seed articles plus a hard text (an
emoji before a name, harakat, nested spans, a quote across a line break linked to its
speaker), two annotators' layers, attributes and notes."""

from __future__ import annotations

from pathlib import Path

from annotator.core.formats.import_text import import_text_files
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from annotator.core.store.layers import iter_layers
from tests.conftest import SEEDS

# 😀 is astral; حَمْدَان carries harakat; دبي nests in the quote, الإمارات in the ORG;
# the quote runs over the line break.
HARD_TEXT = (
    "😀 قال حَمْدَان بن راشد: «سنبني مدرسة في دبي\nقبل الصيف».\n"
    "وأكدت وزارة خارجية الإمارات أن الاتفاق 🇦🇪 نهائي."
)


def at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    """(start, end) of the nth occurrence of `word` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def build(store: Store, folder: Path) -> None:
    """Seeds and the hard text, annotated by mona and sara (who differ on purpose)."""
    import_text_files(store, [SEEDS])
    (folder / "hard.txt").write_text(HARD_TEXT, encoding="utf-8")
    import_text_files(store, [folder / "hard.txt"])
    docs = {d.text: d.id for d in store.documents.iter_all()}
    hard = docs[HARD_TEXT]
    seeds = [(t, i) for t, i in docs.items() if t != HARD_TEXT]
    add = store.annotations.add_span
    for name in ("mona", "sara"):
        layer, actor = store.layer_and_writer(name)
        person = add(hard, layer, "PERSON", *at(HARD_TEXT, "حَمْدَان بن راشد"))
        quote = add(hard, layer, "QUOTE", *at(HARD_TEXT, "سنبني مدرسة في دبي\nقبل الصيف"))
        add(hard, layer, "GPE", *at(HARD_TEXT, "دبي"))
        add(hard, layer, "ORG", *at(HARD_TEXT, "وزارة خارجية الإمارات"))
        add(hard, layer, "GPE", *at(HARD_TEXT, "الإمارات"))
        store.annotations.add_relation(quote.id, person.id, "SAID_BY", actor_id=actor)
        claim = add(
            hard,
            layer,
            "CLAIM",
            *at(HARD_TEXT, "الاتفاق 🇦🇪 نهائي"),
            {"checkworthy": "yes", "note": "to check with the ministry", "urgent": True},
        )
        store.annotations.add_relation(claim.id, person.id, "CLAIMED_BY", actor_id=actor)
        for text, doc in seeds:
            taken = set()
            for k, word in enumerate(text.split()[4:40:3]):
                start = text.index(word)
                if (name == "sara" and k % 4 == 1) or start in taken:
                    continue  # sara misses some
                taken.add(start)
                label = "ORG" if name == "sara" and k % 5 == 2 else "PERSON"
                add(doc, layer, label, start, start + len(word))


def annotations(store: Store) -> dict:
    """Every layer by (annotator, text): its spans (with attributes) and relations,
    span ids aside."""
    out = {}
    for layer in iter_layers(store.db, LayerFilter()):
        by_id = {s.id: (s.start, s.end, s.label) for s in layer.spans}
        spans = {
            (s.start, s.end, s.label): tuple(sorted(s.attributes.items())) for s in layer.spans
        }
        relations = {(by_id[r.head_id], by_id[r.child_id], r.label) for r in layer.relations}
        out[layer.annotator, layer.document.text] = (spans, relations)
    return out
