"""spaCy reads the JSONL export as it is: every line rebuilds its text from `tokens`, and
every span lines up with those tokens in strict mode. One text carries one token list."""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from annotator.cli.main import main
from annotator.core.formats.export_jsonl import iter_records
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.text.offsets import is_boundary

from .test_export_jsonl import _annotate_seeds

NLP = spacy.blank("ar")


def _doc(line: dict[str, Any]) -> Doc:
    tokens = line["tokens"]
    return Doc(NLP.vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])


def _check_line(line: dict[str, Any]) -> int:
    """Assert that spaCy rebuilds the line and aligns every span; returns the span count."""
    doc = _doc(line)
    assert doc.text == line["text"]
    assert len(doc) == len(line["tokens"])
    for token, ours in zip(doc, line["tokens"], strict=True):
        assert (token.idx, token.idx + len(token)) == (ours["start"], ours["end"])
    for span in line["spans"]:
        ent = doc.char_span(
            span["start"], span["end"], label=span["label"], alignment_mode="strict"
        )
        assert ent is not None, span
        assert ent.text == span["text"]
        assert (ent.start, ent.end - 1) == (span["token_start"], span["token_end"])
    return len(line["spans"])


def _paragraph_spans(store: Store, who: str, label: str, first: int, count: int) -> None:
    """Tag, in each document, paragraphs first..first+count-1 as one span (line breaks,
    blank lines and indents inside it), from its first to its last non-space character."""
    layer = store.gold_layer().id if who == "gold" else store.ensure_annotator(who).id
    actor = store.ensure_annotator("reviewer", "reviewer").id if who == "gold" else None
    for doc in store.documents.iter_all():
        text = doc.text
        paragraphs = [p for p in _paragraph_bounds(text) if text[p[0] : p[1]].strip()]
        chosen = paragraphs[first : first + count]
        if len(chosen) == count:
            start = (
                chosen[0][0]
                + len(text[chosen[0][0] : chosen[0][1]])
                - len(text[chosen[0][0] : chosen[0][1]].lstrip())
            )
            end = chosen[-1][0] + len(text[chosen[-1][0] : chosen[-1][1]].rstrip())
            store.annotations.add_span(doc.id, layer, label, start, end, actor_id=actor)


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    bounds, at = [], 0
    for line in text.split("\n"):
        bounds.append((at, at + len(line)))
        at += len(line) + 1
    return bounds


def _clitic_spans(store: Store, who: str) -> None:
    """Tag موسكو inside وموسكو (clitic left out): cuts tokens no other layer cuts."""
    layer = store.ensure_annotator(who).id
    for doc in store.documents.iter_all():
        at = doc.text.find("وموسكو")
        while at != -1:
            store.annotations.add_span(doc.id, layer, "GPE", at + 1, at + 6)
            at = doc.text.find("وموسكو", at + 1)


def _export(db: Path, out: Path, *options: str) -> list[dict[str, Any]]:
    assert main(["--db", str(db), "export", "-o", str(out), *options]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _layered_seeds(seeded: Store) -> None:
    _annotate_seeds(seeded, "a")
    _annotate_seeds(seeded, "b")
    _paragraph_spans(seeded, "a", "QUOTE", 1, 3)
    _paragraph_spans(seeded, "b", "CLAIM", 2, 2)
    _paragraph_spans(seeded, "gold", "QUOTE", 0, 4)
    _clitic_spans(seeded, "b")


def test_spacy_rebuilds_every_seed_line_and_aligns_every_span(seeded: Store, tmp_path: Path):
    _layered_seeds(seeded)
    lines = _export(seeded.path, tmp_path / "out.jsonl")
    assert len(lines) == 15  # five texts, layers a, b and gold
    aligned = sum(_check_line(line) for line in lines)
    assert aligned == sum(len(line["spans"]) for line in lines) > 300
    across = [
        s for line in lines for s in line["spans"] if "\n\n" in s["text"] or "\n  " in s["text"]
    ]
    assert len(across) >= 10  # spans over blank lines and indents were checked too
    whitespace = {t["text"] for line in lines for t in line["tokens"] if t["text"].isspace()}
    assert {"\n", "\n\n", "\n  "} <= whitespace


def test_one_text_has_one_token_list_whatever_the_layer_or_filter(seeded: Store, tmp_path: Path):
    _layered_seeds(seeded)
    everything = _export(seeded.path, tmp_path / "all.jsonl")
    tokens_of: dict[int, list[dict[str, Any]]] = {}
    layers_of: defaultdict[int, set[str]] = defaultdict(set)
    for line in everything:
        tokens_of.setdefault(line["_input_hash"], line["tokens"])
        assert line["tokens"] == tokens_of[line["_input_hash"]], line["_annotator_id"]
        layers_of[line["_input_hash"]].add(line["_annotator_id"])
    assert all(layers == {"a", "b", "gold"} for layers in layers_of.values())
    for options in (["--annotator", "a"], ["--annotator", "gold"], ["--label", "PERSON"]):
        for line in _export(seeded.path, tmp_path / "some.jsonl", *options):
            assert line["tokens"] == tokens_of[line["_input_hash"]], options
            _check_line(line)


def test_conll_export_writes_no_whitespace_token(seeded: Store, tmp_path: Path):
    """CoNLL is built from the same records: a line break is never a token line there."""
    _layered_seeds(seeded)
    out = tmp_path / "out.conll"
    for clitics in ("whole-token", "split"):
        assert (
            main(
                [
                    "--db",
                    str(seeded.path),
                    "export-conll",
                    "-o",
                    str(out),
                    "--clitics",
                    clitics,
                    "--header-comment",  # the tag column count, in the file's first line
                ]
            )
            == 0
        )
        header, *body = out.read_text(encoding="utf-8").split("\n")
        depth = int(header.rsplit(", ", 1)[1].split()[0])
        token_lines = [line for line in body if line]
        assert len(token_lines) > 5000
        for line in token_lines:
            token, *tags = line.split("\t")
            assert token and not any(ch.isspace() for ch in token), repr(line)
            assert len(tags) == depth, repr(line)


def test_task_hash_sees_attributes_and_relations(store: Store):
    text = "قال بوتين إن روسيا ستواصل الحرب."
    doc = store.documents.add_many([NewDocument(text, "t")]).ids[0]
    claims = {}
    for who in ("a", "b"):
        layer = store.ensure_annotator(who).id
        claims[who] = store.annotations.add_span(
            doc, layer, "CLAIM", text.index("روسيا"), len(text) - 1, {"checkworthy": "yes"}
        )
        store.annotations.add_span(doc, layer, "PERSON", 4, 9)

    def hashes() -> dict[str, int]:
        return {r["_annotator_id"]: r["_task_hash"] for r in iter_records(store)}

    assert hashes()["a"] == hashes()["b"]
    store.annotations.update_span(claims["b"].id, attributes={"checkworthy": "no"})
    assert hashes()["a"] != hashes()["b"]
    store.annotations.update_span(
        claims["b"].id, attributes={"stance": "none", "checkworthy": "yes"}
    )
    store.annotations.update_span(
        claims["a"].id, attributes={"checkworthy": "yes", "stance": "none"}
    )
    assert hashes()["a"] == hashes()["b"]
    person_b = [s for s in store.annotations.spans(doc, store.annotator_by_name("b").id)]
    store.annotations.add_relation(claims["b"].id, person_b[0].id, "CLAIMED_BY")
    assert hashes()["a"] != hashes()["b"]


WHITESPACE = [" ", "  ", "\n", "\n\n", "\n  ", " \n", "\t", " \t ", "\u00a0", " \u00a0", "\u2029"]
WHITESPACE += ["\u2028", "\u3000", "\u2009", "\x0b", "\x0c", "\x1c", "\x85", "   \n \n  "]
WORDS = ["بوتين", "وموسكو", "قال:", "«نعم»", "2022/12/19", "COVID-19", "مُحَمَّد", "😀", "e\u0301"]


@st.composite
def odd_whitespace_texts(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    pieces = draw(st.lists(st.sampled_from(WORDS) | st.sampled_from(WHITESPACE), max_size=14))
    text = "".join(pieces) + draw(st.sampled_from(WORDS))
    bounds = [i for i in range(len(text) + 1) if is_boundary(text, i)]
    spans = set()
    for _ in range(draw(st.integers(0, 6))):
        a, b = sorted(draw(st.lists(st.sampled_from(bounds), min_size=2, max_size=2)))
        if a < b:
            spans.add((a, b))
    return text, sorted(spans)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_whitespace_texts())
def test_odd_whitespace_rebuilds_and_aligns(sample: tuple[str, list[tuple[int, int]]]):
    """Any whitespace the import keeps, spans with any edges (whitespace included)."""
    text, spans = sample
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "p.db") as store:
        doc = store.documents.add_many([NewDocument(text, "t")]).ids[0]
        layer = store.ensure_annotator("a").id
        for start, end in spans:
            store.annotations.add_span(doc, layer, "PERSON", start, end)
        store.annotations.set_status(doc, layer, "in_progress")
        (line,) = iter_records(store)
    assert line["text"] == text
    assert _check_line(line) == len(spans)
    if not spans:
        spacy_ws = {t.idx + len(t) for t in NLP.make_doc(text) if t.whitespace_}
        assert {t["end"] for t in line["tokens"] if t["ws"]} == spacy_ws
        spacy_runs = [(t.idx, t.idx + len(t)) for t in NLP.make_doc(text) if t.is_space]
        ours = [(t["start"], t["end"]) for t in line["tokens"] if t["text"].isspace()]
        assert ours == spacy_runs
