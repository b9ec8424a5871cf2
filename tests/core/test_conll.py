"""CoNLL/BIO import and export: round trips, clitics, export filters, import rules and errors.

The nested-BIO samples (our own files, and the Wojood sample when ../shared is beside the
clone) are tested in test_conll_samples.py.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from annotator.core.errors import InputError, NotFoundError, ValidationError
from annotator.core.formats.conll import WOJOOD_TO_DEFAULT
from annotator.core.formats.conll_export import export_conll
from annotator.core.formats.conll_import import import_conll
from annotator.core.model import Label
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument


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


# -- round trips -------------------------------------------------------------------------


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
    assert out.getvalue().split("\n") == [
        "أ\tB-ORG",
        "ب\tI-ORG\tB-GPE",
        "ج\tI-ORG\tI-GPE",
        "د\tB-LOC\tI-GPE",
        "",
        "ه\tB-DATE\tB-EVENT",
        "و\tI-DATE\tI-EVENT",
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
    # the file is data only; the policy goes to the report (a note of the export)
    assert report.policy().startswith("clitics=whole-token, 1 span widened to whole tokens")
    assert lines == ["زار\tO", "الوفد\tO", "وموسكو\tB-GPE", ""]
    assert (report.widened, report.split) == (1, 0)


def test_split_export_cuts_the_clitic_off(moscow: Store, tmp_path: Path):
    out = io.StringIO()
    report = export_conll(moscow, out, clitics="split")
    lines = out.getvalue().split("\n")
    assert report.policy().startswith(
        "clitics=split, 0 spans widened to whole tokens, 1 span split from the rest of their tokens"
    )
    assert lines == ["زار\tO", "الوفد\tO", "و\tO", "موسكو\tB-GPE", ""]
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
    assert out.getvalue().split("\n") == [
        "قال\tO",
        "بوتين\tB-EVENT",
        "",
        "في\tB-EVENT",
        "موسكو\tI-EVENT",
        "",
        "اليوم\tO",
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
    assert out.getvalue().split("\n") == ["زار\tO", "وموسكو\tB-GPE", ""]


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
        return out.getvalue().split("\n")

    assert lines() == [
        "قال\tO", "بوتين\tB-PERSON", "$#$\tO", "",
        "في\tO", "موسكو\tB-GPE", "$#$\tO", "",
        "في\tO", "موسكو\tB-LOC", "",
    ]  # fmt: skip
    assert lines(annotators=["sara"]) == ["في\tO", "موسكو\tB-LOC", ""]
    assert lines(done_only=True) == ["في\tO", "موسكو\tB-GPE", ""]
    assert lines(annotators=["ali"], labels=["GPE"]) == [
        "قال\tO", "بوتين\tO", "$#$\tO", "", "في\tO", "موسكو\tB-GPE", "",
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
