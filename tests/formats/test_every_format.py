"""Every format in the table, as a user meets it: export → import into a fresh project →
export again gives the same annotations, on the seeds plus a hard text (an emoji before a
name, harakat, nested spans, a quote linked to its speaker), in two annotators' layers.

Formats that carry annotations without loss (`LOSSLESS`) must also give back exactly the
project's spans; the others (CoNLL fits spans to tokens) must at least reach a fixed
point. A format added to the table is tested here without a line of change.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from annotator.core.formats.registry import Format, formats
from annotator.core.import_files import import_files
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from tests.conftest import SEEDS

# 😀 is astral (two UTF-16 units); حَمْدَان carries harakat; the GPE nests in the ORG.
HARD_TEXT = (
    "😀 قال حَمْدَان بن راشد: «سنبني مدرسة في دبي».\nوأكدت وزارة خارجية الإمارات أن الاتفاق 🇦🇪 نهائي."
)
# formats whose round trip must give back the project's own spans and relations
LOSSLESS_SPANS = {"jsonl", "doccano", "label-studio", "brat", "xmi", "webanno-tsv"}


def _span(text: str, word: str, label: str, nth: int = 0) -> tuple[int, int, str]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word), label


def _build(store: Store) -> None:
    """Seeds and the hard text; two annotators; nested spans; a SAID_BY link."""
    import_files(store, [SEEDS])
    (store.path.parent / "hard.txt").write_text(HARD_TEXT, encoding="utf-8")
    import_files(store, [store.path.parent / "hard.txt"])
    docs = {d.text: d.id for d in store.documents.iter_all()}
    hard = docs[HARD_TEXT]
    seed_text, seed_id = next((t, i) for t, i in docs.items() if t != HARD_TEXT)
    word = seed_text.split()[3]
    for name, extra in (("mona", True), ("sara", False)):
        layer, actor = store.layer_and_writer(name)
        add = store.annotations.add_span
        person = add(hard, layer, "PERSON", *_span(HARD_TEXT, "حَمْدَان بن راشد", "")[:2])
        quote = add(hard, layer, "QUOTE", *_span(HARD_TEXT, "سنبني مدرسة في دبي", "")[:2])
        add(hard, layer, "GPE", *_span(HARD_TEXT, "دبي", "")[:2])
        add(hard, layer, "ORG", *_span(HARD_TEXT, "وزارة خارجية الإمارات", "")[:2])
        add(hard, layer, "GPE", *_span(HARD_TEXT, "الإمارات", "")[:2])
        store.annotations.add_relation(quote.id, person.id, "SAID_BY", actor_id=actor)
        start = seed_text.index(word)
        add(seed_id, layer, "PERSON" if extra else "ORG", start, start + len(word))


def _annotations(store: Store) -> Counter:
    """Every layer as (text, spans, relations), layer names aside (not every format
    carries them), as a multiset."""
    from annotator.core.store.layers import iter_layers

    layers: Counter = Counter()
    for layer in iter_layers(store.db, LayerFilter()):
        if not layer.spans:
            continue
        text = layer.document.text
        by_id = {s.id: (s.start, s.end, s.label) for s in layer.spans}
        spans = frozenset((s.start, s.end, s.label, text[s.start : s.end]) for s in layer.spans)
        relations = frozenset(
            (by_id[r.head_id], by_id[r.child_id], r.label) for r in layer.relations
        )
        layers[(text, spans, relations)] += 1
    return layers


def _export(store: Store, fmt: Format, target: Path) -> Path:
    defaults = {o.dest: o.default for o in fmt.options if o.direction == "export"}
    fmt.write(store, target, LayerFilter(), defaults)
    assert target.exists(), f"{fmt.name} wrote nothing at {target}"
    return target


def _import(path: Path, fmt: Format, db: Path) -> Store:
    store = Store.open(db)
    import_files(store, [path], format=fmt.name, create_labels=True)
    return store


ROUND_TRIP = [f for f in formats() if f.can_read and f.can_write]


@pytest.mark.parametrize("fmt", ROUND_TRIP, ids=[f.name for f in ROUND_TRIP])
def test_export_import_export_keeps_the_annotations(tmp_path: Path, fmt: Format):
    with Store.open(tmp_path / "source" / "p.db") as source:
        _build(source)
        first = _export(source, fmt, tmp_path / f"first-{fmt.name}{fmt.suffixes[:1][0]}")
        original = _annotations(source)
    with _import(first, fmt, tmp_path / "a.db") as once:
        read_once = _annotations(once)
        second = _export(once, fmt, tmp_path / f"second-{fmt.name}{fmt.suffixes[:1][0]}")
    with _import(second, fmt, tmp_path / "b.db") as twice:
        read_twice = _annotations(twice)
    assert read_once, f"{fmt.name}: nothing came back"
    assert read_twice == read_once
    if fmt.name in LOSSLESS_SPANS:
        assert read_once == original


def test_every_format_is_offered_by_the_command_line(capsys):
    from annotator.cli import main

    assert main(["formats"]) == 0
    listed = capsys.readouterr().out
    for fmt in formats():
        assert fmt.name in listed


@pytest.mark.parametrize("fmt", [f for f in formats() if not f.can_read], ids=lambda f: f.name)
def test_a_format_that_is_only_written_is_refused_on_import(tmp_path: Path, capsys, fmt):
    from annotator.cli import main

    given = tmp_path / "data.bin"
    given.write_bytes(b"\x00")
    assert main(["--db", str(tmp_path / "p.db"), "import", "--format", fmt.name, str(given)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"annotator: error: {given}: {fmt.title} can be written, not read"
    )
