"""CoNLL/BIO import and export of nested-BIO samples: our own files (tests/fixtures/nested_bio),
and the Wojood sample as well when ../shared is beside the clone (skipped otherwise).

Each test checks the importer against an independent reading of the file, or against the
figures counted for it (tests/fixtures/conll_samples.py).
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest

from annotator.core.errors import Cancelled, InputError
from annotator.core.formats.conll import WOJOOD_TO_DEFAULT
from annotator.core.formats.conll_export import export_conll
from annotator.core.formats.conll_import import import_conll
from annotator.core.store import Store
from annotator.core.store.listing import document_ids
from annotator.core.text.normalize import normalize_text
from annotator.core.text.tokens import tokenize
from tests.core.test_conll import layer_content, snapshot
from tests.fixtures.conll_samples import CORPUS_NAMES, Corpus, corpus

# -- an independent reading of the files, to check the importer against ------------------


def read_segments(path: Path) -> list[list[list[tuple[str, list[str]]]]]:
    """Segments ($#$-delimited, empty ones left out) of sentences of (token, tags)."""
    segments: list[list] = [[]]
    sentence: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        fields = line.split()
        if not fields or fields[0] == "$#$":
            if sentence:
                segments[-1].append(sentence)
                sentence = []
            if fields:
                segments.append([])
        else:
            sentence.append((fields[0], fields[1:]))
    if sentence:
        segments[-1].append(sentence)
    return [segment for segment in segments if segment]


def tag_runs(segment) -> list[tuple[str, str]]:
    """(type, tokens joined by spaces) of every B-/I- run of every column."""
    runs = []
    for sentence in segment:
        for column in range(max(len(tags) for _, tags in sentence)):
            current: tuple[str, list[str]] | None = None
            for token, tags in [*sentence, ("", [])]:
                tag = tags[column] if column < len(tags) else "O"
                if current and tag == f"I-{current[0]}":
                    current[1].append(token)
                    continue
                if current:
                    runs.append((current[0], " ".join(current[1])))
                    current = None
                if tag != "O":
                    current = (tag[2:], [token])
    return runs


def segment_text(segment) -> str:
    return normalize_text("\n".join(" ".join(t for t, _ in s) for s in segment)).text


@pytest.fixture(params=CORPUS_NAMES)
def sample(request) -> Corpus:
    """Our own nested-BIO files; the Wojood sample too when ../shared is beside the clone."""
    return corpus(request.param)


@pytest.fixture
def primary_store(store: Store, sample: Corpus) -> Store:
    import_conll(store, sample.primary.path, create_labels=True)
    return store


# -- the samples: our own files, and the Wojood sample when it is there -----------------------


def test_primary_counts(store: Store, sample: Corpus):
    p = sample.primary
    report = import_conll(store, p.path, create_labels=True)
    assert (report.documents_added, report.documents_existing) == (p.documents, 0)
    assert (report.sentences, report.tokens, report.lines) == (p.sentences, p.tokens, p.lines)
    assert report.spans_per_label == p.per_type
    assert report.spans == report.spans_added == p.spans
    assert report.nested_spans == p.nested and round(report.nested_percent, 1) == p.nested_percent
    assert report.max_depth == p.max_depth
    assert report.repairs == [] and report.empty_segments == p.empty_segments
    assert sorted(report.labels_created) == sorted(
        set(p.per_type) - {"ORG", "GPE", "LOC", "DATE", "EVENT"}
    )
    assert store.documents.count() == p.documents
    assert store.stats()["spans_per_label"] == p.per_type


def test_secondary_counts(store: Store, sample: Corpus):
    s = sample.secondary
    report = import_conll(store, s.path, create_labels=True)
    assert report.documents == s.documents and (report.sentences, report.tokens) == (
        s.sentences,
        s.tokens,
    )
    assert report.spans_added == s.spans and report.nested_spans == s.nested
    assert round(report.nested_percent, 1) == s.nested_percent
    assert {kind: report.spans_per_label[kind] for kind in s.some_types} == s.some_types
    assert report.repairs == s.repairs and report.empty_segments == s.empty_segments
    assert report.max_depth == s.max_depth


@pytest.mark.parametrize("role", ["primary", "secondary"])
def test_every_span_is_the_text_of_its_tag_run(store: Store, sample: Corpus, role: str):
    path = getattr(sample, role).path
    import_conll(store, path, create_labels=True)
    segments = read_segments(path)
    ids = store.documents.ids()
    assert len(ids) == len(segments)
    for doc_id, segment in zip(ids, segments, strict=True):
        text = store.documents.text(doc_id)
        assert text == segment_text(segment)
        stored = Counter((s.label, text[s.start : s.end]) for s in store.annotations.spans(doc_id))
        expected = Counter((kind, normalize_text(run).text) for kind, run in tag_runs(segment))
        assert stored == expected


def test_nested_example(primary_store: Store, sample: Corpus):
    p = sample.primary
    doc_id = document_ids(primary_store, None, query=p.search)[0]
    text = primary_store.documents.text(doc_id)
    spans = {(s.label, text[s.start : s.end]): s for s in primary_store.annotations.spans(doc_id)}
    outer = spans[p.outer]
    for key in p.inner:
        inner = spans[key]
        assert outer.start <= inner.start < inner.end <= outer.end
    assert spans[p.ends_with].end == outer.end
    assert p.clitic_span in spans  # the clitic is inside the span, as tagged
    assert text.startswith(p.text_start)


def test_same_extent_nesting_keeps_both_labels(primary_store: Store, sample: Corpus):
    # `token B-X B-Y`: two spans over the same characters, the only such pair in the
    # file; the outer column is stored first (and exported first)
    by_extent: dict[tuple, list[str]] = {}
    for doc_id in primary_store.documents.ids():
        text = primary_store.documents.text(doc_id)
        for s in primary_store.annotations.spans(doc_id):
            by_extent.setdefault((text[s.start : s.end], doc_id, s.start), []).append(s.label)
    shared = {key[0]: labels for key, labels in by_extent.items() if len(labels) > 1}
    assert shared == sample.primary.same_extent


def test_reimport_adds_nothing(primary_store: Store, sample: Corpus):
    p = sample.primary
    before = snapshot(primary_store)
    again = import_conll(primary_store, p.path, create_labels=True)
    assert (again.documents_added, again.documents_existing) == (0, p.documents)
    assert (again.spans_added, again.spans_existing) == (0, p.spans)
    assert snapshot(primary_store) == before


def test_wojood_mapping_to_the_default_scheme(store: Store, sample: Corpus):
    p = sample.primary
    report = import_conll(store, p.path, create_labels=True, label_map=WOJOOD_TO_DEFAULT)
    assert report.labels_mapped == {"PERS": "PERSON"}
    assert report.spans_per_label["PERSON"] == p.per_type["PERS"]
    assert "PERS" not in report.spans_per_label
    assert set(report.labels_created) == set(p.per_type) - set(WOJOOD_TO_DEFAULT)
    assert "PERS" not in store.labels.names()


def _first_line_with_type(path: Path, allowed: set[str]) -> tuple[int, str]:
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        for tag in line.split()[1:]:
            if tag != "O" and tag[2:] not in allowed:
                return number, tag[2:]
    raise AssertionError("no such line")


@pytest.mark.parametrize("mapped", [False, True])
def test_unknown_wojood_types_are_refused_by_line(store: Store, sample: Corpus, mapped: bool):
    path = sample.primary.path
    before = snapshot(store)
    allowed = set(WOJOOD_TO_DEFAULT) if mapped else set(store.labels.names())
    line, kind = _first_line_with_type(path, allowed)
    if mapped:
        assert (line, kind) == sample.primary.mapped_refusal
    with pytest.raises(InputError) as caught:
        import_conll(store, path, label_map=WOJOOD_TO_DEFAULT if mapped else None)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert f"unknown label {kind!r}" in caught.value.problem
    assert snapshot(store) == before


# -- round trips -------------------------------------------------------------------------


def canonical(lines: list[str]) -> tuple[list[str], int, int]:
    """The input in the default layout (what the export wrote before it kept the layout of
    imported files): an empty segment ($#$ right after $#$) gone, and a blank line after a
    $#$ inside a sentence. Returns the lines and how many of each change."""
    out: list[str] = []
    dropped = inserted = 0
    for line in lines:
        after_marker = bool(out) and out[-1].startswith("$#$")
        if line.startswith("$#$") and after_marker:
            dropped += 1
            continue
        if line and after_marker:
            out.append("")
            inserted += 1
        out.append(line)
    return out, dropped, inserted


def test_primary_round_trip_is_exact(primary_store: Store, sample: Corpus, tmp_path: Path):
    p = sample.primary
    source = p.path.read_text(encoding="utf-8").split("\n")
    # the file holds an empty segment and a $#$ inside a sentence: the layout is kept too
    assert canonical(source)[1:] == p.canonical_changes
    out = tmp_path / "primary.conll"
    report = export_conll(primary_store, out, pad=False, separator="space")
    assert (report.documents, report.spans, report.max_depth) == (p.documents, p.spans, p.max_depth)
    assert (report.widened, report.split, report.cut_at_lines, report.dropped) == (0, 0, 0, 0)
    assert report.merged == 0
    assert report.policy().startswith("clitics=whole-token, 0 spans widened to whole tokens")
    assert out.read_bytes() == p.path.read_bytes()

    with Store.open(tmp_path / "fresh.db") as fresh:
        again = import_conll(fresh, out, create_labels=True)
        assert again.comments == 0 and again.documents_added == p.documents
        assert layer_content(fresh) == layer_content(primary_store)


def unpad(line: str) -> str:
    fields = line.split("\t")
    while len(fields) > 2 and fields[-1] == "O":
        fields.pop()
    return "\t".join(fields)


def test_padded_export_has_fixed_columns(primary_store: Store, tmp_path: Path):
    ragged = io.StringIO()
    export_conll(primary_store, ragged, pad=False)
    padded = io.StringIO()
    report = export_conll(primary_store, padded)
    lines = padded.getvalue().split("\n")[:-1]
    assert {len(line.split("\t")) for line in lines if line} == {1 + report.max_depth}
    unpadded = [unpad(line) for line in lines]
    assert unpadded == ragged.getvalue().split("\n")[:-1]
    path = tmp_path / "padded.conll"
    path.write_text(padded.getvalue(), encoding="utf-8")
    with Store.open(tmp_path / "fresh.db") as fresh:
        import_conll(fresh, path, create_labels=True)
        assert layer_content(fresh) == layer_content(primary_store)


def repaired(tags: list[str], previous: list[str]) -> list[str]:
    """The tags as the export writes them back: an I-X that continues nothing is B-X."""
    return [
        f"B-{tag[2:]}"
        if tag.startswith("I-") and (column >= len(previous) or previous[column][2:] != tag[2:])
        else tag
        for column, tag in enumerate(tags)
    ]


def test_secondary_round_trip_differs_only_by_normalization_and_tokenization(
    store: Store, sample: Corpus, tmp_path: Path
):
    s = sample.secondary
    import_conll(store, s.path, create_labels=True)
    out = tmp_path / "secondary.conll"
    export_conll(store, out, pad=False, separator="space")
    expected: list[str] = []
    changed: list[str] = []
    previous: list[str] = []
    for line in s.path.read_text(encoding="utf-8").split("\n"):
        fields = line.split()
        if not fields or fields[0] == "$#$":
            expected.append(line)
            previous = []
            continue
        tags = previous = repaired(fields[1:], previous)
        token = normalize_text(fields[0]).text
        pieces = [token[a:b] for a, b in tokenize(token)]
        if pieces != [fields[0]]:
            changed.append(fields[0])
        for index, piece in enumerate(pieces):
            tags = [f"I-{t[2:]}" if index and t.startswith("B-") else t for t in tags]
            expected.append(" ".join([piece, *tags]))
    assert sorted(changed) == sorted(s.changed_tokens)
    assert out.read_text(encoding="utf-8").split("\n") == expected


def test_cancel_stores_nothing(store: Store, sample: Corpus):
    before = snapshot(store)
    seen: list[int] = []
    cancel_at = sample.primary.cancel_at

    def progress(line: int) -> bool:
        seen.append(line)
        return line < cancel_at

    with pytest.raises(Cancelled):
        import_conll(store, sample.primary.path, create_labels=True, progress=progress)
    assert seen[-1] == cancel_at
    assert snapshot(store) == before
