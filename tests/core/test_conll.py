"""CoNLL/BIO import and export: nested-BIO samples, round trips, clitics, errors.

The sample tests run on our own files (tests/fixtures/nested_bio) and, when ../shared is
beside the clone, on the Wojood sample as well (skipped otherwise).
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest

from annotator.core.conll import (
    WOJOOD_TO_DEFAULT,
    export_conll,
    import_conll,
)
from annotator.core.documents import NewDocument
from annotator.core.errors import Cancelled, InputError, NotFoundError, ValidationError
from annotator.core.model import Label
from annotator.core.normalize import normalize_text
from annotator.core.store import Store
from annotator.core.tokens import tokenize
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


def snapshot(store: Store) -> dict[str, list[tuple]]:
    tables = [
        row[0]
        for row in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    return {t: store.db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}


def layer_content(store: Store) -> tuple[list[str], list[tuple[int, int, int, str]]]:
    """Document texts in order, and every span as (document index, start, end, label)."""
    ids = store.documents.ids()
    texts = [store.documents.text(i) for i in ids]
    spans = sorted(
        (index, s.start, s.end, s.label)
        for index, doc_id in enumerate(ids)
        for s in store.annotations.spans(doc_id)
    )
    return texts, spans


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


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
    doc_id = primary_store.documents.search_ids(p.search)[0]
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
    """The input as our export lays it out: an empty segment ($#$ right after $#$) is
    gone, and a $#$ inside a sentence is followed by a blank line, since it ends the
    document and so the sentence. Returns the lines and how many of each change."""
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
    out = tmp_path / "primary.conll"
    report = export_conll(primary_store, out, pad=False)
    assert (report.documents, report.spans, report.max_depth) == (p.documents, p.spans, p.max_depth)
    assert (report.widened, report.split, report.cut_at_lines, report.dropped) == (0, 0, 0, 0)
    assert report.merged == 0
    exported = out.read_text(encoding="utf-8").split("\n")
    assert exported[0] == report.header()
    assert exported[0].startswith(
        "# exported by annotator: clitics=whole-token, 0 spans widened to whole tokens"
    )
    expected, dropped, inserted = canonical(p.path.read_text(encoding="utf-8").split("\n"))
    assert (dropped, inserted) == p.canonical_changes
    assert exported[1:] == expected

    with Store.open(tmp_path / "fresh.db") as fresh:
        again = import_conll(fresh, out, create_labels=True)
        assert again.comments == 1 and again.documents_added == p.documents
        assert layer_content(fresh) == layer_content(primary_store)


def unpad(line: str) -> str:
    fields = line.split(" ")
    while len(fields) > 2 and fields[-1] == "O":
        fields.pop()
    return " ".join(fields)


def test_padded_export_has_fixed_columns(primary_store: Store, tmp_path: Path):
    ragged = io.StringIO()
    export_conll(primary_store, ragged, pad=False)
    padded = io.StringIO()
    report = export_conll(primary_store, padded)
    lines = padded.getvalue().split("\n")[1:-1]
    assert {len(line.split()) for line in lines if line} == {1 + report.max_depth}
    unpadded = [unpad(line) for line in lines]
    assert unpadded == ragged.getvalue().split("\n")[1:-1]
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
    export_conll(store, out, pad=False)
    expected: list[str] = []
    changed: list[str] = []
    previous: list[str] = []
    for line in canonical(s.path.read_text(encoding="utf-8").split("\n"))[0]:
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
    assert out.read_text(encoding="utf-8").split("\n")[1:] == expected


def test_crossing_and_same_extent_spans_round_trip(store: Store, tmp_path: Path):
    text = "أ ب ج د\nه و"
    (doc_id,) = store.documents.add_many([NewDocument(text, "t")]).ids
    ali = store.ensure_annotator("ali").id
    for label, start, end in [
        ("ORG", 0, 5),  # أ ب ج
        ("GPE", 2, 7),  # ب ج د   crosses ORG
        ("LOC", 6, 7),  # د        inside GPE
        ("DATE", 8, 11),  # ه و     the whole second line
        ("EVENT", 8, 11),  # same characters
    ]:
        store.annotations.add_span(doc_id, ali, label, start, end)
    out = io.StringIO()
    report = export_conll(store, out, pad=False)
    assert out.getvalue().split("\n")[1:] == [
        "أ B-ORG",
        "ب I-ORG B-GPE",
        "ج I-ORG I-GPE",
        "د B-LOC I-GPE",
        "",
        "ه B-DATE B-EVENT",
        "و I-DATE I-EVENT",
        "",
    ]
    assert report.max_depth == 2
    path = tmp_path / "x.conll"
    path.write_text(out.getvalue(), encoding="utf-8")
    with Store.open(tmp_path / "fresh.db") as fresh:
        import_conll(fresh, path, annotator="ali")
        assert layer_content(fresh) == layer_content(store)


# -- clitics and other spans that do not fit tokens ------------------------------------------


@pytest.fixture
def moscow(store: Store) -> Store:
    text = "زار الوفد وموسكو"
    (doc_id,) = store.documents.add_many([NewDocument(text, "t")]).ids
    start = text.index("موسكو")
    store.annotations.add_span(doc_id, store.ensure_annotator("ali").id, "GPE", start, len(text))
    return store


def test_whole_token_export_widens_the_span_and_says_so(moscow: Store):
    out = io.StringIO()
    report = export_conll(moscow, out)
    lines = out.getvalue().split("\n")
    assert lines[0].startswith(
        "# exported by annotator: clitics=whole-token, 1 span widened to whole tokens"
    )
    assert lines[1:] == ["زار O", "الوفد O", "وموسكو B-GPE", ""]
    assert (report.widened, report.split) == (1, 0)


def test_split_export_cuts_the_clitic_off(moscow: Store, tmp_path: Path):
    out = io.StringIO()
    report = export_conll(moscow, out, clitics="split")
    lines = out.getvalue().split("\n")
    assert lines[0].startswith(
        "# exported by annotator: clitics=split, 0 spans widened to whole tokens, "
        "1 span split from the rest of their tokens"
    )
    assert lines[1:] == ["زار O", "الوفد O", "و O", "موسكو B-GPE", ""]
    assert (report.widened, report.split) == (0, 1)
    # read back, the text has the token boundary as a space
    path = write(tmp_path / "split.conll", out.getvalue())
    with Store.open(tmp_path / "fresh.db") as fresh:
        import_conll(fresh, path)
        assert layer_content(fresh) == (["زار الوفد و موسكو"], [(0, 12, 17, "GPE")])


def test_spans_crossing_lines_are_cut_and_whitespace_spans_dropped(store: Store):
    text = "قال بوتين\nفي موسكو  \nاليوم"
    (doc_id,) = store.documents.add_many([NewDocument(text, "t")]).ids
    ali = store.ensure_annotator("ali").id
    store.annotations.add_span(doc_id, ali, "EVENT", 4, 18)  # بوتين\nفي موسكو
    store.annotations.add_span(doc_id, ali, "LOC", 18, 20)  # two spaces
    out = io.StringIO()
    report = export_conll(store, out)
    assert (report.cut_at_lines, report.dropped, report.sentences) == (1, 1, 3)
    assert "1 span cut at line breaks, 1 span dropped (no token)" in report.header()
    assert out.getvalue().split("\n")[1:] == [
        "قال O",
        "بوتين B-EVENT",
        "",
        "في B-EVENT",
        "موسكو I-EVENT",
        "",
        "اليوم O",
        "",
    ]


def test_spans_that_become_the_same_tokens_are_written_once(store: Store):
    text = "زار وموسكو"
    (doc_id,) = store.documents.add_many([NewDocument(text, "t")]).ids
    ali = store.ensure_annotator("ali").id
    store.annotations.add_span(doc_id, ali, "GPE", 4, 10)
    store.annotations.add_span(doc_id, ali, "GPE", 5, 10)
    out = io.StringIO()
    report = export_conll(store, out)
    assert (report.merged, report.widened) == (1, 1)
    assert out.getvalue().split("\n")[1:] == ["زار O", "وموسكو B-GPE", ""]


def test_export_filters_and_separators(store: Store):
    ids = store.documents.add_many(
        [NewDocument("قال بوتين", "a"), NewDocument("في موسكو", "b"), NewDocument("لا شيء", "c")]
    ).ids
    ali, sara = store.ensure_annotator("ali").id, store.ensure_annotator("sara").id
    store.annotations.add_span(ids[0], ali, "PERSON", 4, 9)
    store.annotations.add_span(ids[1], ali, "GPE", 3, 8)
    store.annotations.add_span(ids[1], sara, "LOC", 3, 8)
    store.annotations.set_status(ids[1], ali, "done")

    def lines(**filters) -> list[str]:
        out = io.StringIO()
        export_conll(store, out, **filters)
        return out.getvalue().split("\n")[1:]

    assert lines() == [
        "قال O", "بوتين B-PERSON", "$#$ O", "",
        "في O", "موسكو B-GPE", "$#$ O", "",
        "في O", "موسكو B-LOC", "",
    ]  # fmt: skip
    assert lines(annotators=["sara"]) == ["في O", "موسكو B-LOC", ""]
    assert lines(done_only=True) == ["في O", "موسكو B-GPE", ""]
    assert lines(annotators=["ali"], labels=["GPE"]) == [
        "قال O", "بوتين O", "$#$ O", "", "في O", "موسكو B-GPE", "",
    ]  # fmt: skip
    with pytest.raises(NotFoundError, match="omar"):
        export_conll(store, io.StringIO(), annotators=["omar"])
    with pytest.raises(ValidationError, match="clitics"):
        export_conll(store, io.StringIO(), clitics="none")


def test_a_label_with_a_space_is_refused_and_no_file_is_left(store: Store, tmp_path: Path):
    store.labels.add(Label(name="TWO WORDS", kind="entity", colour="#123456"))
    (doc_id,) = store.documents.add_many([NewDocument("قال بوتين", "a")]).ids
    store.annotations.add_span(doc_id, store.ensure_annotator("ali").id, "TWO WORDS", 4, 9)
    out = tmp_path / "out.conll"
    with pytest.raises(ValidationError, match="space"):
        export_conll(store, out)
    assert list(tmp_path.glob("out.conll*")) == []


# -- import rules --------------------------------------------------------------------------


def test_documents_sentences_and_offsets(store: Store, tmp_path: Path):
    path = write(
        tmp_path / "a.conll",
        "\ufeff# a comment\r\nقال O\r\nبوتين B-PERS\r\n\r\nفي O\r\nموسكو B-GPE\r\n$#$ O\r\n\r\n"
        "# O\r\nﷲ O\r\nأكبر B-ORG\r\n",
    )
    report = import_conll(store, path, create_labels=True, label_map=WOJOOD_TO_DEFAULT)
    assert (report.documents, report.sentences, report.tokens, report.comments) == (2, 3, 7, 1)
    texts, spans = layer_content(store)
    # tokens joined by spaces, sentences by a line break; ﷲ becomes الله (offsets move)
    assert texts == ["قال بوتين\nفي موسكو", "# الله أكبر"]
    assert [(texts[d][s:e], label) for d, s, e, label in spans] == [
        ("بوتين", "PERSON"),
        ("موسكو", "GPE"),
        ("أكبر", "ORG"),
    ]
    doc = store.documents.get(store.documents.ids()[0])
    assert doc.meta == {"conll_file": "a.conll", "conll_segment": 1, "conll_line": 2}
    imported = store.annotator_by_name("imported").id
    assert store.annotations.status(store.documents.ids()[1], imported) == "in_progress"


def test_sentences_per_document(store: Store, tmp_path: Path):
    path = write(tmp_path / "a.conll", "".join(f"w{i} O\n\n" for i in range(5)))
    assert import_conll(store, path).documents == 1
    with Store.open(tmp_path / "other.db") as other:
        report = import_conll(other, path, sentences_per_document=2)
        assert report.documents == 3
        assert layer_content(other)[0] == ["w0\nw1", "w2\nw3", "w4"]
    with pytest.raises(ValidationError):
        import_conll(store, path, sentences_per_document=0)


def test_i_without_b_starts_a_span_and_is_counted(store: Store, tmp_path: Path):
    path = write(
        tmp_path / "a.conll",
        "أ I-GPE\nب I-GPE\nج I-ORG\nد O I-GPE\nه B-GPE I-GPE\n\nو I-ORG\n",
    )
    report = import_conll(store, path, annotator="gold", reviewer="rev")
    assert report.repairs == [(1, "I-GPE"), (3, "I-ORG"), (4, "I-GPE"), (7, "I-ORG")]
    texts, spans = layer_content(store)
    assert sorted((texts[0][s:e], label) for _, s, e, label in spans) == [
        ("أ ب", "GPE"),
        ("ج", "ORG"),
        ("د ه", "GPE"),
        ("ه", "GPE"),
        ("و", "ORG"),
    ]
    assert store.annotations.spans(store.documents.ids()[0], store.gold_layer().id)


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        ("قال O\nبوتين X-PERS\n", 2, "malformed tag 'X-PERS'"),
        ("قال O\nبوتين B-\n", 2, "malformed tag 'B-'"),
        ("قال O\nبوتين S-PERS\n", 2, "malformed tag 'S-PERS'"),
        ("قال O\nبوتين\n", 2, "no tag after the token 'بوتين'"),
        ("قال O\n\n".encode() + b"\xff\xfe O\n", 3, "not valid UTF-8"),
        ("قال O\n".encode("utf-16"), 1, "UTF-16"),
        ("قال O\n$#$ B-GPE\n", 2, "segment marker"),
        ("في O\nموسكو B-GPE\n$#$ O\n\nقال O\nالروس B-NORP\n", 6, "unknown label 'NORP'"),
        ("", None, "no tokens"),
        ("# only a comment\n\n$#$ O\n", None, "no tokens"),
        # a NUL is refused wherever it is, as by the other importers
        ("قال O\nبو\x00تين B-GPE\n", 2, "contains NUL bytes"),
        ("قال O\n\nبوتين B-GPE\x00\n", 3, "contains NUL bytes"),
        ("# a comment \x00\nقال O\n", 1, "contains NUL bytes"),
        ("قال O\n\x00\nبوتين O\n", 2, "contains NUL bytes"),
    ],
)
def test_bad_input_names_file_and_line_and_stores_nothing(
    store: Store, tmp_path: Path, content, line, problem
):
    before = snapshot(store)
    path = write(tmp_path / "bad.conll", content)
    with pytest.raises(InputError) as caught:
        import_conll(store, path, label_map=WOJOOD_TO_DEFAULT)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert problem in caught.value.problem
    assert snapshot(store) == before


def test_a_relation_label_is_refused_by_line(store: Store, tmp_path: Path):
    path = write(tmp_path / "a.conll", "قال O\nبوتين B-SAID_BY\n")
    with pytest.raises(InputError) as caught:
        import_conll(store, path)
    assert caught.value.line == 2 and "relation label" in caught.value.problem


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
