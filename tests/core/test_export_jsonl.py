"""JSONL export: offsets that slice the text, token alignment, filters, consumers."""

from __future__ import annotations

import io
import json
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from annotator.core.errors import NotFoundError
from annotator.core.formats.export_jsonl import export_jsonl, iter_records, write_layer_lines
from annotator.core.formats.import_jsonl import import_jsonl
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from annotator.core.text.normalize import PRESENTATION_FORM_RE
from annotator.core.text.offsets import is_boundary
from annotator.core.text.tokens import tokenize


def _annotate_seeds(store: Store, who: str = "مها") -> None:
    """Tag every occurrence of a few names, a quote with its speaker, and a claim."""
    me = store.ensure_annotator(who).id
    for doc in store.documents.iter_all():
        text = doc.text
        for word, label in (("بوتين", "PERSON"), ("روسيا", "GPE"), ("الصين", "GPE")):
            at = text.find(word)
            while at != -1:
                if is_boundary(text, at + len(word)):
                    store.annotations.add_span(doc.id, me, label, at, at + len(word))
                at = text.find(word, at + 1)
        for opening, closing in (("”", "”"), ("“", "”"), ("«", "»"), ('"', '"')):
            start = text.find(opening)
            end = text.find(closing, start + 1) if start != -1 else -1
            if start != -1 and end != -1:
                quote = store.annotations.add_span(doc.id, me, "QUOTE", start + 1, end)
                speakers = [s for s in store.annotations.spans(doc.id, me) if s.label == "PERSON"]
                if speakers:
                    store.annotations.add_relation(quote.id, speakers[0].id, "SAID_BY")
                break
        first_dot = text.find(".")
        if first_dot > 10:
            line_start = text.rfind("\n", 0, first_dot) + 1
            store.annotations.add_span(
                doc.id, me, "CLAIM", line_start, first_dot, {"checkworthy": "yes"}
            )


def test_seed_export_slices_exactly_and_text_is_clean(seeded: Store, tmp_path: Path):
    _annotate_seeds(seeded)
    out = tmp_path / "out.jsonl"
    report = export_jsonl(seeded, out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert report.lines == len(lines) == 5
    assert report.spans > 50 and report.relations >= 3
    for record in lines:
        text = record["text"]
        assert "\r" not in text and "\ufeff" not in text
        assert not PRESENTATION_FORM_RE.search(text)
        for span in record["spans"]:
            assert text[span["start"] : span["end"]] == span["text"]
            first, last = span["token_start"], span["token_end"]
            assert record["tokens"][first]["start"] == span["start"]
            assert record["tokens"][last]["end"] == span["end"]
        for token in record["tokens"]:
            assert text[token["start"] : token["end"]] == token["text"]
        for rel in record["relations"]:
            assert rel["head"] == rel["head_span"]["token_end"]
            assert rel["child"] == rel["child_span"]["token_end"]
        assert record["_annotator_id"] == "مها" and record["answer"] == "accept"
        assert record["meta"]["title"]


def test_clitic_excluded_span_still_aligns_to_tokens(store: Store):
    from annotator.core.store.documents import NewDocument

    text = "زار الوفد وموسكو بالأمس"
    doc = store.documents.add_many([NewDocument(text, "t")]).ids[0]
    who = store.ensure_annotator("a").id
    start = text.index("وموسكو") + 1
    store.annotations.add_span(doc, who, "GPE", start, start + 5)
    (record,) = iter_records(store)
    (span,) = record["spans"]
    assert span["text"] == "موسكو"
    assert span["token_start"] == span["token_end"]
    assert record["tokens"][span["token_start"]]["text"] == "موسكو"
    assert [t["text"] for t in record["tokens"]] == ["زار", "الوفد", "و", "موسكو", "بالأمس"]
    assert [t["ws"] for t in record["tokens"]] == [True, True, False, True, False]


def test_filters_by_annotator_label_and_done(seeded: Store):
    _annotate_seeds(seeded, "a")
    _annotate_seeds(seeded, "b")
    first = seeded.documents.ids()[0]
    seeded.annotations.set_status(first, seeded.annotator_by_name("b").id, "done")
    assert len(list(iter_records(seeded))) == 10
    only_b = list(iter_records(seeded, annotators=["b"]))
    assert {r["_annotator_id"] for r in only_b} == {"b"} and len(only_b) == 5
    gpe = list(iter_records(seeded, labels=["GPE"]))
    assert {s["label"] for r in gpe for s in r["spans"]} == {"GPE"}
    assert all(r["relations"] == [] for r in gpe)
    done = list(iter_records(seeded, done_only=True))
    assert [(r["meta"]["document_id"], r["_annotator_id"]) for r in done] == [(first, "b")]
    with pytest.raises(NotFoundError, match=r"^no annotator called 'nobody'$"):
        list(iter_records(seeded, annotators=["nobody"]))


def test_disagreeing_layers_share_input_hash_not_task_hash(seeded: Store):
    _annotate_seeds(seeded, "a")
    _annotate_seeds(seeded, "b")
    doc = seeded.documents.ids()[0]
    b = seeded.annotator_by_name("b").id
    seeded.annotations.delete_span(seeded.annotations.spans(doc, b)[0].id)
    records = [r for r in iter_records(seeded) if r["meta"]["document_id"] == doc]
    assert records[0]["_input_hash"] == records[1]["_input_hash"]
    assert records[0]["_task_hash"] != records[1]["_task_hash"]
    other = [r for r in iter_records(seeded) if r["meta"]["document_id"] != doc]
    pairs = {}
    for r in other:
        pairs.setdefault(r["meta"]["document_id"], set()).add(r["_task_hash"])
    assert all(len(hashes) == 1 for hashes in pairs.values())


def test_tokens_cover_text_without_whitespace(seeded: Store):
    for doc in seeded.documents.iter_all():
        bounds = tokenize(doc.text)
        rebuilt = []
        previous = 0
        for start, end in bounds:
            gap = doc.text[previous:start]
            assert all(unicodedata.category(ch).startswith("Z") or ch in "\n\t" for ch in gap)
            rebuilt.append(gap + doc.text[start:end])
            previous = end
        assert "".join(rebuilt) + doc.text[previous:] == doc.text


def test_spacy_reads_the_export(seeded: Store):
    """spaCy builds Docs from our tokens as they are, and the spans survive a DocBin."""
    import spacy
    from spacy.tokens import Doc, DocBin

    _annotate_seeds(seeded)
    nlp = spacy.blank("ar")
    bin_ = DocBin()
    for record in iter_records(seeded):
        tokens = record["tokens"]
        doc = Doc(nlp.vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])
        assert doc.text == record["text"]
        ents = [
            doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="strict")
            for s in record["spans"]
        ]
        assert all(ent is not None for ent in ents)
        for ent, span in zip(ents, record["spans"], strict=True):
            assert ent.text == span["text"]
        doc.spans["sc"] = ents
        bin_.add(doc)
    restored = list(DocBin().from_bytes(bin_.to_bytes()).get_docs(nlp.vocab))
    assert sum(len(d.spans["sc"]) for d in restored) == sum(
        len(r["spans"]) for r in iter_records(seeded)
    )


def _layers_project(store: Store, tmp_path: Path, count: int) -> None:
    """`count` short documents, each with one span of one annotator, imported at once."""
    lines = tmp_path / f"in-{count}.jsonl"
    with lines.open("w", encoding="utf-8") as out:
        for i in range(count):
            text = f"زار بوتين موسكو يوم {i}"
            span = {"start": 4, "end": 9, "label": "PERSON"}
            out.write(json.dumps({"text": text, "spans": [span]}, ensure_ascii=False) + "\n")
    import_jsonl(store, lines, annotator="مها")


def _traced_peak(store: Store) -> int:
    tracemalloc.start()
    try:
        write_layer_lines(store, LayerFilter.of(), _Discard())
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


class _Discard(io.StringIO):
    """A text stream that keeps nothing of what is written to it."""

    def write(self, text: str) -> int:
        return len(text)


def test_export_memory_does_not_grow_with_the_layers_written(tmp_path: Path):
    # An export streams: what it holds must not grow with the layers it has written (it
    # kept a set of every (document, annotator) written, ~130 bytes a layer: 130 MB at a
    # million documents).
    peaks = []
    for count in (400, 4000):
        store = Store.open(tmp_path / f"p{count}.db")
        _layers_project(store, tmp_path, count)
        peaks.append(_traced_peak(store))
        store.close()
    assert peaks[1] - peaks[0] < 200_000, f"peaks {peaks}"
