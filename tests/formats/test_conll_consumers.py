"""Our CoNLL export as the tools that read CoNLL see it: `spacy convert -c ner` (run as a
command), seqeval on two annotators' files, and doccano's CoNLL importer rules.

doccano itself (a Django server) is not installed for the tests: its importer
(`data_import/pipeline/parsers.py`, `CoNLLParser`) splits every non-blank line at tabs,
refuses a line that does not give exactly two fields ("A line must be separated by tab
and has two columns"), joins a sentence's words with spaces and finds entities with
seqeval's `Tokens(tags, IOB2)`. `test_doccano_reads_the_outer_only_export` applies
those rules, with seqeval itself finding the entities.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from seqeval.metrics import f1_score
from seqeval.scheme import IOB2, Tokens
from spacy.tokens import DocBin

from annotator.core.formats.conll_format import write_conll_target
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from annotator.core.team.agreement import compute_agreement
from annotator.core.text.tokens import tokenize
from tests.formats.conll_cases import seeded_project, tag_names

# -- what the outer column must hold, computed from the project without the exporter ------


def outer_entities(store: Store, who: str) -> tuple[list[tuple[int, int, str, str]], int]:
    """The outer spans of `who`'s layers as the file lays them out: (first token, end
    token, label, words joined by spaces), token numbers counted over the whole file
    (a `$#$` token between documents); and the number of tokens in the file."""
    layer = store.annotator_by_name(who).id
    entities: list[tuple[int, int, str, str]] = []
    base = 0
    for number, doc_id in enumerate(store.documents.ids()):
        if number:
            base += 1  # the $#$ line between documents
        text = store.documents.text(doc_id)
        spans = sorted(
            store.annotations.spans(doc_id, layer), key=lambda s: (s.start, -s.end, s.id)
        )
        offset = 0
        for line in text.split("\n"):
            tokens = tokenize(line)
            runs: list[tuple[int, int, int, str]] = []
            for order, span in enumerate(spans):
                start, end = span.start - offset, span.end - offset
                inside = [i for i, (a, b) in enumerate(tokens) if a < end and b > start]
                if inside and (inside[0], inside[-1], span.label) not in {r[:3] for r in runs}:
                    runs.append((inside[0], inside[-1], span.label, order))
            free_from = 0  # the outer column: each run that starts after the last one kept
            for first, last, label, _ in sorted(runs, key=lambda r: (r[0], -r[1], r[3])):
                if first >= free_from:
                    words = " ".join(line[a:b] for a, b in tokens[first : last + 1])
                    entities.append((base + first, base + last + 1, label, words))
                    free_from = last + 1
            base += len(tokens)
            offset += len(line) + 1
    return entities, base


def export(store: Store, target: Path, **options) -> None:
    write_conll_target(store, target, LayerFilter(), options)


# -- spaCy -----------------------------------------------------------------------------------


def spacy_convert(path: Path, out: Path) -> list[spacy.tokens.Doc]:
    """`python -m spacy convert PATH OUT -c ner -n 0`, and the docs it wrote."""
    out.mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "spacy", "convert", str(path), str(out), "-c", "ner", "-n", "0"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    (written,) = out.glob("*.spacy")
    return list(DocBin().from_disk(written).get_docs(spacy.blank("xx").vocab))


def test_spacy_convert_reads_the_outer_column_of_our_export(tmp_path: Path):
    with seeded_project(tmp_path / "p.db") as store:
        path = tmp_path / "outer.conll"
        export(store, path, outer_only=True)
        expected, tokens = outer_entities(store, "مها")
    (doc,) = spacy_convert(path, tmp_path / "spacy")
    assert len(doc) == tokens
    got = [(e.start, e.end, e.label_, e.text) for e in doc.ents]
    assert got == expected
    assert len(got) > 100 and {"PERSON", "GPE", "QUOTE", "CLAIM"} <= {e[2] for e in got}
    # the emoji is a token of its own right before the name, harakat stay in the words
    person = next(e for e in got if e[2] == "PERSON" and "سَلْمَان" in e[3])
    assert person[3] == "مُحَمَّد بن سَلْمَان" and doc[person[0] - 1].text == "😀"


def test_spacy_reads_the_default_nested_export_without_a_header_line(tmp_path: Path):
    # the default file (nested tag columns, tabs) has no comment line for spaCy to choke on
    with seeded_project(tmp_path / "p.db") as store:
        path = tmp_path / "nested.conll"
        export(store, path)
        _, tokens = outer_entities(store, "مها")
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert not first.startswith("#") and first.count("\t") == 3  # three nesting levels
    (doc,) = spacy_convert(path, tmp_path / "spacy")
    assert len(doc) == tokens and doc.ents


# -- seqeval ---------------------------------------------------------------------------------


def read_tags(path: Path) -> list[list[str]]:
    """The tag column of each sentence (the test's reading: split at tabs)."""
    sentences: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line:
            _token, tag = line.split("\t")
            sentences[-1].append(tag)
        elif sentences[-1]:
            sentences.append([])
    return [s for s in sentences if s]


def test_seqeval_f1_of_two_annotators_matches_our_span_f1(tmp_path: Path):
    with seeded_project(tmp_path / "p.db", annotators=()) as store:
        made = tag_names(store, "ali")
        assert tag_names(store, "sara", leave_out=7) == made - 1
        store.annotations.set_status(
            store.documents.ids()[0], store.ensure_annotator("ali").id, "done"
        )
        folder = tmp_path / "two"
        written = write_conll_target(
            store, folder, LayerFilter(), {"per_annotator": True, "outer_only": True}
        )
        assert (written.inner, written.merged, written.widened) == (0, 0, 0)
        ours = compute_agreement(store, ["ali", "sara"]).pairs[0].overall
    y_true, y_pred = read_tags(folder / "ali.conll"), read_tags(folder / "sara.conll")
    assert [len(s) for s in y_true] == [len(s) for s in y_pred]
    assert (ours.spans_a, ours.spans_b, ours.exact_matches) == (made, made - 1, made - 1)
    assert f1_score(y_true, y_pred) == pytest.approx(ours.exact_f1, abs=1e-12)
    assert f1_score(y_true, y_pred, mode="strict", scheme=IOB2) == pytest.approx(ours.exact_f1)
    assert ours.exact_f1 < 1


# -- doccano ---------------------------------------------------------------------------------


def doccano_records(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """What doccano's CoNLL importer makes of a file (see the module docstring): per
    blank-line-separated record, the text and (start, end, label) of each entity."""
    records, words, tags = [], [], []

    def flush() -> None:
        if words:
            entities = []
            for entity in Tokens(tags, IOB2).entities:
                before = " ".join(words[: entity.start])
                start = len(before) + 1 if before else 0
                end = start + len(" ".join(words[entity.start : entity.end]))
                entities.append((start, end, entity.tag))
            records.append((" ".join(words), entities))
        words.clear()
        tags.clear()

    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        line = line.rstrip()
        if not line:
            flush()
            continue
        fields = line.split("\t")
        assert len(fields) == 2, f"doccano refuses line {number}: {line!r}"
        words.append(fields[0])
        tags.append(fields[1])
    flush()
    return records


def test_doccano_reads_the_outer_only_export(tmp_path: Path):
    with seeded_project(tmp_path / "p.db") as store:
        path = tmp_path / "doccano.conll"
        export(store, path, outer_only=True)
        expected, _ = outer_entities(store, "مها")
        nested = tmp_path / "nested.conll"
        export(store, nested)
    records = doccano_records(path)
    got = [(label, text[start:end]) for text, entities in records for start, end, label in entities]
    assert got == [(label, words) for _, _, label, words in expected]
    # the nested export has more columns than doccano's two
    with pytest.raises(AssertionError, match="doccano refuses line"):
        doccano_records(nested)
    # and spaces are not what it splits at
    spaced = tmp_path / "spaced.conll"
    with seeded_project(tmp_path / "q.db") as store:
        export(store, spaced, outer_only=True, separator="space")
    with pytest.raises(AssertionError, match="doccano refuses line 1"):
        doccano_records(spaced)
