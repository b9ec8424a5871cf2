"""A project for the INCEpTION format tests: the seeds plus a hard text (an emoji before a
name, harakat, nested spans, a quote linked to its speaker, a claim with attributes linked
to its source), in two annotators' layers; and how to compare two projects."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from annotator.core.import_files import import_files
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from annotator.core.store.layers import iter_layers
from tests.conftest import SEEDS

cli_main = importlib.import_module("annotator.cli.main")

# 😀 and 🇦🇪 are astral (two UTF-16 units each); حَمْدَان carries harakat; the GPE
# الإمارات nests in the ORG; a tab and a backslash test TSV's escaping of #Text lines.
HARD_TEXT = (
    "😀 قال حَمْدَان بن راشد: «سنبني مدرسة في دبي».\n\n"
    "وأكدت وزارة خارجية الإمارات 🇦🇪 أن الاتفاق نهائي\tوملزم \\ للطرفين.\n"
    "وقال متحدث باسم الوزارة إن [القرار_النهائي] صدر."
)


def main(*argv: str) -> int:
    return cli_main.main(list(argv))


def at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the `nth` occurrence of `word` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def build(store: Store, folder: Path) -> None:
    """Seeds and the hard text; layers of mona and sara that differ."""
    import_files(store, [SEEDS])
    (folder / "hard.txt").write_text(HARD_TEXT, encoding="utf-8")
    import_files(store, [folder / "hard.txt"])
    docs = {d.text: d.id for d in store.documents.iter_all()}
    hard = docs[HARD_TEXT]
    for name in ("mona", "sara"):
        layer, actor = store.layer_and_writer(name)

        def add(doc, label, where, attributes=None, layer=layer, actor=actor):
            return store.annotations.add_span(
                doc, layer, label, *where, attributes or {}, actor_id=actor
            )

        person = add(hard, "PERSON", at(HARD_TEXT, "حَمْدَان بن راشد"))
        quote = add(hard, "QUOTE", at(HARD_TEXT, "سنبني مدرسة في دبي"))
        add(hard, "GPE", at(HARD_TEXT, "دبي"))
        add(hard, "ORG", at(HARD_TEXT, "وزارة خارجية الإمارات"))
        add(hard, "GPE", at(HARD_TEXT, "الإمارات"))
        store.annotations.add_relation(quote.id, person.id, "SAID_BY", actor_id=actor)
        speaker = add(hard, "SPEAKER", at(HARD_TEXT, "متحدث باسم الوزارة"))
        claim = add(
            hard,
            "CLAIM",
            at(HARD_TEXT, "[القرار_النهائي] صدر"),
            {"checkworthy": "yes", "stance": "none"} if name == "mona" else {"checkworthy": "no"},
        )
        store.annotations.add_relation(claim.id, speaker.id, "CLAIMED_BY", actor_id=actor)
        for number, (text, doc) in enumerate(sorted(docs.items(), key=lambda item: item[1])):
            if doc == hard:
                continue
            words = text.split()
            word = words[3 + number + (name == "sara")]
            add(doc, "PERSON" if name == "mona" else "ORG", at(text, word))
            add(doc, "GPE", at(text, words[8]))
    store.annotations.set_status(hard, store.layer_and_writer("mona")[0], "done")


def annotations(store: Store) -> set:
    """Every layer as (annotator, text, spans with attributes, relations)."""
    out = set()
    for layer in iter_layers(store.db, LayerFilter()):
        if not layer.spans:
            continue
        by_id = {s.id: (s.start, s.end, s.label) for s in layer.spans}
        spans = frozenset(
            (s.start, s.end, s.label, json.dumps(s.attributes, sort_keys=True)) for s in layer.spans
        )
        relations = frozenset(
            (by_id[r.head_id], by_id[r.child_id], r.label) for r in layer.relations
        )
        out.add((layer.annotator, layer.document.text, spans, relations))
    return out


def counts(db: Path, capsys) -> dict:
    """The project's statistics, read through the command line."""
    capsys.readouterr()
    assert main("--db", str(db), "stats", "--json") == 0
    return json.loads(capsys.readouterr().out)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def assert_refused(db: Path, path: Path, capsys, *expected: str, extra: tuple = ()) -> str:
    """Importing `path` fails with exit 1 and one line naming the file and a line, and
    leaves the project as it was; the error line."""
    before = counts(db, capsys)
    status = main("--db", str(db), "import", str(path), "--create-labels", *extra)
    err = capsys.readouterr().err.strip()
    assert status == 1
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    assert str(path) in err and ", line " in err, err
    for part in expected:
        assert part in err, err
    assert counts(db, capsys) == before
    return err
