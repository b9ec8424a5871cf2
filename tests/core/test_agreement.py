"""Agreement on real spans of the seed articles, with values computed by hand."""

from __future__ import annotations

import csv
import json
import math

import pytest

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import GOLD_LAYER
from annotator.core.store import Store
from annotator.core.team.agreement import compute_agreement, document_agreement, token_categories
from annotator.core.team.agreement_measures import (
    binary_kappa,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha_nominal,
    overlap_matching,
    span_f1,
)
from annotator.core.team.agreement_report import ALL_LABELS
from annotator.core.text.tokens import tokenize


def doc_with(store: Store, needle: str) -> int:
    for doc in store.documents.ids():
        if needle in store.documents.get(doc).text:
            return doc
    raise AssertionError(needle)


def where(store: Store, doc: int, needle: str, nth: int = 0) -> tuple[int, int]:
    text = store.documents.get(doc).text
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def mark(store: Store, name: str, doc: int, label: str, needle: str, nth: int = 0, trim=0):
    """Add a span on the nth occurrence of `needle`, its first `trim` characters left out."""
    start, end = where(store, doc, needle, nth)
    who, actor = store.layer_and_writer(name, reviewer="rev")
    return store.annotations.add_span(doc, who, label, start + trim, end, actor_id=actor)


@pytest.fixture
def doc1(seeded: Store) -> int:
    return doc_with(seeded, "فبوتين")


def tokens_of(store: Store, doc: int, *names: str) -> int:
    edges = set()
    for name in names:
        for s in store.annotations.spans(doc, store.annotator_by_name(name).id):
            edges |= {s.start, s.end}
    return len(tokenize(store.documents.get(doc).text, edges))


# -- measures on plain lists ---------------------------------------------------------------


def test_measures_by_hand():
    assert cohen_kappa("aabb", "abab") == 0.0
    # po = 2/4, pe = (3·3 + 1·1)/16 = 10/16: κ = (8/16 − 10/16) / (6/16) = −1/3
    assert math.isclose(cohen_kappa("aaab", "aaba"), -1 / 3)
    assert math.isclose(cohen_kappa("aaaab", "aaaab"), 1.0)
    # three raters, two units: [3, 0] and [1, 2]
    # P̄ = (1 + 1/3) / 2 = 2/3; p = (4/6, 2/6): Pe = 5/9; κ = (2/3 − 5/9) / (4/9) = 1/4
    assert math.isclose(fleiss_kappa([[3, 0], [1, 2]]), 0.25)
    # two coders, units (1,1) (1,2) (2,2) (None,1): n = 6, n1 = n2 = 3, one disagreeing unit
    # α = 1 − (n − 1)·2 / (n² − Σ n_c²) = 1 − 5·2/18
    assert math.isclose(krippendorff_alpha_nominal([[1, 1, 2, None], [1, 2, 2, 1]]), 1 - 10 / 18)


def test_span_f1_exact_and_overlap():
    person, clitic = (10, 15, "PERSON"), (9, 15, "PERSON")
    assert span_f1([person], [clitic]).f1 == 0.0
    assert span_f1([person], [clitic], "overlap").f1 == 1.0
    assert span_f1([], []).f1 is None
    assert span_f1([person], [], "overlap").f1 == 0.0
    assert span_f1([person], [(10, 15, "GPE")], "overlap").f1 == 0.0  # labels must match
    # two short spans over one long span: one match, not two
    long, parts = [(0, 20, "PERSON")], [(0, 8, "PERSON"), (9, 20, "PERSON")]
    assert overlap_matching(long, parts) == [(0, 1)]  # the larger overlap wins
    assert span_f1(long, parts, "overlap").f1 == span_f1(parts, long, "overlap").f1 == 2 / 3
    with pytest.raises(ValueError):
        span_f1(long, parts, "fuzzy")


# -- the report on seed articles -----------------------------------------------------------


def test_identical_layers_agree_perfectly(seeded: Store, doc1: int):
    for name in ("ali", "سارة", "omar"):
        mark(seeded, name, doc1, "PERSON", "بوتين")
        mark(seeded, name, doc1, "GPE", "روسيا")
        mark(seeded, name, doc1, "PERSON", "فلاديمير بوتين")
    report = compute_agreement(seeded)
    assert report.labels == ["PERSON", "GPE"]
    assert len(report.pairs) == 3
    for pair in report.pairs:
        for scores in [*pair.per_label.values(), pair.overall]:
            assert scores.exact_f1 == scores.overlap_f1 == scores.kappa == 1.0
    for summary in [*report.summary.values(), report.overall]:
        assert summary.fleiss_kappa == summary.alpha == summary.kappa == 1.0
    assert report.partial_documents == [] and report.fleiss_documents == [doc1]
    assert document_agreement(seeded) == {doc1: 1.0}


def test_clitic_included_or_not(seeded: Store, doc1: int):
    mark(seeded, "ali", doc1, "PERSON", "فبوتين")  # clitic included
    mark(seeded, "sara", doc1, "PERSON", "فبوتين", trim=1)  # بوتين only
    report = compute_agreement(seeded)
    (pair,) = report.pairs
    scores = pair.per_label["PERSON"]
    assert (scores.exact_f1, scores.overlap_f1) == (0.0, 1.0)
    # the document is cut between ف and بوتين: ali marks 2 tokens, sara 1, both 1
    size = tokens_of(seeded, doc1, "ali", "sara")
    assert scores.n_tokens == size == len(tokenize(seeded.documents.get(doc1).text)) + 1
    expected = binary_kappa(size, 1, 2, 1)
    # by hand: po = (size − 1)/size, pe = (2·1 + (size − 2)(size − 1))/size²
    po, pe = (size - 1) / size, (2 + (size - 2) * (size - 1)) / size**2
    assert math.isclose(expected, (po - pe) / (1 - pe))
    assert math.isclose(scores.kappa, expected) and scores.kappa < 1
    # α over the same tokens: one unit (ف) with values {1, 0}; n = 2·size
    n = 2 * size
    assert math.isclose(
        report.summary["PERSON"].alpha, 1 - (n - 1) * 2 / (n * n - 9 - (n - 3) ** 2)
    )
    cats = token_categories(seeded)[doc1]
    assert cats["ali"].count("PERSON") == 2 and cats["sara"].count("PERSON") == 1


def test_partial_overlaps_lower_exact_agreement(seeded: Store, doc1: int):
    for needle in ("بوتين", "روسيا"):
        mark(seeded, "ali", doc1, "PERSON" if needle == "بوتين" else "GPE", needle)
        mark(seeded, "sara", doc1, "PERSON" if needle == "بوتين" else "GPE", needle)
    # a longer span against a shorter one inside it: INCEpTION's coding measures would
    # drop this pair and report perfect agreement
    mark(seeded, "ali", doc1, "PERSON", "فلاديمير بوتين")
    mark(seeded, "sara", doc1, "PERSON", "فلاديمير")
    (pair,) = compute_agreement(seeded).pairs
    person = pair.per_label["PERSON"]
    assert person.exact_matches == 1 and person.overlap_matches == 2
    assert person.exact_f1 == 2 * 1 / 4 and person.overlap_f1 == 1.0
    assert pair.overall.exact_f1 == 2 * 2 / 6 and pair.overall.overlap_f1 == 1.0
    assert pair.per_label["GPE"].kappa == 1.0 and person.kappa < 1


def test_two_short_spans_over_one_long_span_count_once(seeded: Store, doc1: int):
    mark(seeded, "ali", doc1, "PERSON", "فلاديمير بوتين")
    mark(seeded, "sara", doc1, "PERSON", "فلاديمير")
    _, end = where(seeded, doc1, "فلاديمير بوتين")
    sara = seeded.annotator_by_name("sara").id
    seeded.annotations.add_span(doc1, sara, "PERSON", end - len("بوتين"), end)
    (pair,) = compute_agreement(seeded).pairs
    scores = pair.per_label["PERSON"]
    assert (scores.spans_a, scores.spans_b, scores.overlap_matches) == (1, 2, 1)
    assert scores.overlap_f1 == 2 / 3 and scores.exact_f1 == 0.0
    # every token of the long span is PERSON for both: per-label κ is perfect
    assert scores.kappa == 1.0


def test_missing_annotator_is_listed_and_excluded_only_for_its_pairs(seeded: Store, doc1: int):
    doc2 = doc_with(seeded, "قال فلاديمير بوتين إنه مستعد")
    doc3 = doc_with(seeded, "ميشوستين")
    for name in ("ali", "sara", "omar"):
        mark(seeded, name, doc1, "PERSON", "بوتين")
    for name in ("ali", "sara"):
        mark(seeded, name, doc2, "PERSON", "بوتين")
    mark(seeded, "omar", doc2, "GPE", "أوكرانيا")  # omar disagrees, but only here
    seeded.annotations.set_status(doc2, seeded.annotator_by_name("omar").id, "new")
    mark(seeded, "ali", doc3, "PERSON", "ميشوستين")  # one annotator only
    report = compute_agreement(seeded)
    assert report.annotators == ["ali", "omar", "sara"]
    assert report.partial_documents == [(doc3, ["ali"])]
    assert report.single_annotator_documents == [doc3]
    assert report.fleiss_documents == [doc1, doc2]
    assert report.documents_per_annotator == {"ali": 3, "omar": 2, "sara": 2}

    # now omar leaves doc2: delete his span and his status row
    omar = seeded.annotator_by_name("omar").id
    for span in seeded.annotations.spans(doc2, omar):
        seeded.annotations.delete_span(span.id)
    seeded.db.execute(
        "DELETE FROM doc_status WHERE document_id = ? AND annotator_id = ?", [doc2, omar]
    )
    report = compute_agreement(seeded)
    assert report.partial_documents == [(doc2, ["ali", "sara"]), (doc3, ["ali"])]
    assert report.to_dict()["partial_documents"][0] == {
        "document_id": doc2,
        "annotators": ["ali", "sara"],
        "missing": ["omar"],
    }
    pairs = {(p.a, p.b): p for p in report.pairs}
    assert pairs["ali", "sara"].documents == [doc1, doc2]
    assert pairs["ali", "omar"].documents == pairs["omar", "sara"].documents == [doc1]
    assert pairs["ali", "omar"].overall.n_tokens == tokens_of(seeded, doc1, "ali")
    assert pairs["ali", "sara"].overall.n_tokens == tokens_of(seeded, doc1, "ali") + tokens_of(
        seeded, doc2, "ali"
    )
    assert report.fleiss_documents == [doc1]
    assert any("Fleiss" in note and "(1 of 2)" in note for note in report.notes)
    assert set(report.per_document) == {doc1, doc2}
    assert report.per_document[doc2].annotators == ["ali", "sara"]
    scores = document_agreement(seeded)
    assert scores == {doc1: 1.0, doc2: 1.0, doc3: None}


def test_document_agreement_sorts_disagreement_first(seeded: Store, doc1: int):
    doc2 = doc_with(seeded, "قال فلاديمير بوتين إنه مستعد")
    for name in ("ali", "sara"):
        mark(seeded, name, doc1, "PERSON", "بوتين")
        mark(seeded, name, doc2, "PERSON", "بوتين")
    mark(seeded, "ali", doc2, "GPE", "أوكرانيا")
    scores = document_agreement(seeded)
    assert scores == {doc1: 1.0, doc2: 2 * 1 / 3}
    assert sorted(scores, key=scores.get) == [doc2, doc1]
    report = compute_agreement(seeded)
    assert report.per_document[doc2].overlap_f1 == scores[doc2]
    assert report.per_document[doc2].kappa < 1 == report.per_document[doc1].kappa


def quote_and_speakers(store: Store, doc: int, name: str, speaker: str) -> None:
    quote = mark(store, name, doc, "QUOTE", "في مواجهة التوترات الجيوسياسية المتزايدة")
    putin = mark(store, name, doc, "PERSON", "بوتين", nth=3)  # قال بوتين: ”…”
    xi = mark(store, name, doc, "PERSON", "شي", nth=3)
    store.annotations.add_relation(quote.id, putin.id if speaker == "putin" else xi.id, "SAID_BY")


def test_relation_same_and_different_speaker(seeded: Store, doc1: int):
    text = seeded.documents.get(doc1).text
    assert text[where(seeded, doc1, "بوتين", 3)[0] - 4 :].startswith("قال بوتين: ”في مواجهة")
    assert text[where(seeded, doc1, "شي", 3)[0] - 5 :].startswith("ودعا شي")
    quote_and_speakers(seeded, doc1, "ali", "putin")
    quote_and_speakers(seeded, doc1, "sara", "putin")
    quote_and_speakers(seeded, doc1, "omar", "xi")
    report = compute_agreement(seeded)
    assert report.relation_labels == ["SAID_BY"]
    pairs = {(p.a, p.b): p for p in report.pairs}
    same = pairs["ali", "sara"].relations["SAID_BY"]
    assert (same.shared_heads, same.same_target, same.share) == (1, 1, 1.0)
    different = pairs["ali", "omar"].relations["SAID_BY"]
    assert (different.shared_heads, different.same_target, different.share) == (1, 0, 0.0)
    total = report.relation_summary["SAID_BY"]
    assert (total.shared_heads, total.same_target) == (3, 1)


def test_relation_with_quote_marked_differently_and_unlinked(seeded: Store, doc1: int):
    # sara's quote is longer but overlaps: still the same quote; omar did not link his
    quote_and_speakers(seeded, doc1, "ali", "putin")
    quote = mark(seeded, "sara", doc1, "QUOTE", "في مواجهة التوترات الجيوسياسية المتزايدة، تزداد")
    putin = mark(seeded, "sara", doc1, "PERSON", "قال بوتين", nth=0, trim=4)
    seeded.annotations.add_relation(quote.id, putin.id, "SAID_BY")
    mark(seeded, "omar", doc1, "QUOTE", "في مواجهة التوترات الجيوسياسية المتزايدة")
    pairs = {(p.a, p.b): p for p in compute_agreement(seeded).pairs}
    assert pairs["ali", "sara"].relations["SAID_BY"].share == 1.0
    unlinked = pairs["ali", "omar"].relations["SAID_BY"]
    assert (unlinked.shared_heads, unlinked.same_target) == (1, 0)
    assert pairs["omar", "sara"].relations["SAID_BY"].shared_heads == 1


def test_claims_and_claimed_by(seeded: Store, doc1: int):
    for name, speaker in (("ali", "بوتين"), ("sara", "شي")):
        claim = mark(seeded, name, doc1, "CLAIM", "تزداد أهمية الشراكة الاستراتيجية")
        source = mark(seeded, name, doc1, "PERSON", speaker, nth=3)
        seeded.annotations.add_relation(claim.id, source.id, "CLAIMED_BY")
    report = compute_agreement(seeded, labels=["CLAIM", "PERSON", "CLAIMED_BY"])
    assert report.labels == ["CLAIM", "PERSON"] and report.relation_labels == ["CLAIMED_BY"]
    scores = report.pairs[0].relations["CLAIMED_BY"]
    assert (scores.shared_heads, scores.same_target, scores.share) == (1, 0, 0.0)


def test_empty_layers_and_no_shared_documents(seeded: Store, doc1: int):
    doc2 = doc_with(seeded, "قال فلاديمير بوتين إنه مستعد")
    ali, sara = (seeded.ensure_annotator(n).id for n in ("ali", "sara"))
    seeded.annotations.set_status(doc1, ali, "done")
    seeded.annotations.set_status(doc1, sara, "done")
    report = compute_agreement(seeded)  # both worked on doc1, neither marked anything
    assert report.labels == [] and report.partial_documents == []
    (pair,) = report.pairs
    assert pair.documents == [doc1]
    assert pair.overall.exact_f1 is pair.overall.kappa is None
    assert pair.overall.n_tokens == tokens_of(seeded, doc1)
    assert report.overall.alpha is report.overall.fleiss_kappa is None
    assert document_agreement(seeded) == {doc1: None}

    # no document in common: each document has one annotator and counts for nothing
    seeded.db.execute("DELETE FROM doc_status")
    mark(seeded, "ali", doc1, "PERSON", "بوتين")
    mark(seeded, "sara", doc2, "PERSON", "بوتين")
    report = compute_agreement(seeded)
    (pair,) = report.pairs
    assert pair.documents == [] and pair.overall.n_tokens == 0
    assert pair.per_label["PERSON"].exact_f1 is None and pair.per_label["PERSON"].kappa is None
    assert report.single_annotator_documents == [doc1, doc2]
    assert report.summary["PERSON"].alpha is None and report.per_document == {}
    json.dumps(report.to_dict(), allow_nan=False)


def test_gold_layer_left_out_unless_named(seeded: Store, doc1: int):
    mark(seeded, "ali", doc1, "PERSON", "بوتين")
    mark(seeded, "sara", doc1, "PERSON", "بوتين")
    mark(seeded, GOLD_LAYER, doc1, "GPE", "روسيا")
    report = compute_agreement(seeded)
    assert report.annotators == ["ali", "sara"] and report.labels == ["PERSON"]
    assert any(GOLD_LAYER in note for note in report.notes)
    report = compute_agreement(seeded, annotators=["ali", GOLD_LAYER])
    assert report.annotators == ["ali", GOLD_LAYER]
    assert report.pairs[0].overall.overlap_f1 == 0.0


def test_filters_and_errors(seeded: Store, doc1: int):
    doc2 = doc_with(seeded, "قال فلاديمير بوتين إنه مستعد")
    for name in ("ali", "sara"):
        mark(seeded, name, doc1, "PERSON", "بوتين")
        mark(seeded, name, doc2, "GPE", "أوكرانيا")
    report = compute_agreement(seeded, labels=["GPE"], documents=[doc2])
    assert report.labels == ["GPE"] and list(report.per_document) == [doc2]
    assert report.pairs[0].documents == [doc2]
    with pytest.raises(ValidationError):
        compute_agreement(seeded, annotators=["ali"])
    with pytest.raises(NotFoundError):
        compute_agreement(seeded, annotators=["ali", "nobody"])
    with pytest.raises(NotFoundError):
        compute_agreement(seeded, labels=["NOPE"])


def test_report_exports(seeded: Store, doc1: int, tmp_path):
    mark(seeded, "ali", doc1, "PERSON", "فبوتين")
    mark(seeded, "sara", doc1, "PERSON", "فبوتين", trim=1)
    mark(seeded, "ali", doc_with(seeded, "ميشوستين"), "PERSON", "ميشوستين")
    report = compute_agreement(seeded)
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False, allow_nan=False))
    assert data["pairs"][0]["per_label"]["PERSON"]["overlap_f1"] == 1.0
    assert data["per_document"][0]["document_id"] == doc1
    assert report.fleiss_kappa == {"PERSON": report.summary["PERSON"].fleiss_kappa}
    assert report.krippendorff_alpha == {"PERSON": report.summary["PERSON"].alpha}
    paths = report.write_csv(tmp_path / "csv")
    assert sorted(p.stem for p in paths) == [
        "coverage",
        "documents",
        "labels",
        "pairs",
        "relations",
    ]
    with (tmp_path / "csv" / "pairs.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["label"] for r in rows] == ["PERSON", ALL_LABELS]
    assert rows[0]["exact_f1"] == "0.0" and rows[0]["annotator_b"] == "sara"
    with (tmp_path / "csv" / "coverage.csv").open(encoding="utf-8") as fh:
        coverage = list(csv.DictReader(fh))
    assert [r["complete"] for r in coverage] == ["True", "False"]
