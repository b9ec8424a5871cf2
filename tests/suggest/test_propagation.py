"""The propagation recipe: a name tagged once is suggested on its other occurrences —
folded, whole words only, behind a proclitic only where Ctrl+T would drop it, never where
it was rejected or the layer already has a span of that label."""

from __future__ import annotations

import pytest

from annotator.core.errors import ValidationError
from annotator.core.model import Document
from annotator.core.store.documents import NewDocument
from annotator.core.suggest.propagation import EXACT, THROUGH_CLITIC, make
from annotator.core.suggest.recipes import run_recipe
from annotator.core.text.clitics import trim_proclitic

TAGGED = "قال الرئيس الروسي فلاديمير بوتين إن الرئيس الصيني شي جين بينغ سيزور موسكو الأسبوع المقبل."
OTHER = (
    "واتصل ماكرون لبوتين أمس، وبوتين يرد: فبوتين لا يتراجع. وبُوتِين ثانية.\n"
    "وصل شي جين بينغ إلى موسكو، ثم ظهر شي جين وحده، والبوتينية تيار. ومُوسكُو مدينة.\n"
    "قال شي جين\nبينغ شيئا. ثم بوتينكم ليست كلمة. ومدرسة المدرسه."
)


def _at(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


@pytest.fixture
def project(store):
    ids = store.documents.add_many([NewDocument(TAGGED, "tagged"), NewDocument(OTHER, "other")])
    mona = store.ensure_annotator("mona").id
    for words, label in (("بوتين", "PERSON"), ("شي جين بينغ", "PERSON"), ("موسكو", "GPE")):
        store.annotations.add_span(ids.ids[0], mona, label, *_at(TAGGED, words))
    return store, ids.ids, mona


def _offered(store, doc: int, who: int) -> list[tuple[str, str, int, float, str]]:
    text = store.documents.text(doc)
    return [
        (s.label, text[s.start : s.end], s.start, s.confidence, s.note)
        for s in store.suggestions.for_layer(doc, who)
    ]


def test_a_tagged_name_is_suggested_on_its_other_occurrences(project):
    store, (tagged, other), mona = project
    report = run_recipe(store, "propagate", mona)
    offered = _offered(store, other, mona)
    texts = [(label, words) for label, words, *_ in offered]
    assert texts == [
        ("PERSON", "بوتين"),  # لبوتين
        ("PERSON", "بوتين"),  # وبوتين
        ("PERSON", "بوتين"),  # فبوتين
        ("PERSON", "بُوتِين"),  # with harakat, behind و
        ("PERSON", "شي جين بينغ"),
        ("GPE", "موسكو"),
        ("GPE", "مُوسكُو"),
    ]
    assert report.suggestions == len(offered)
    # every offset is the stored text's own: the clitic is left out, the harakat kept
    starts = [start for _, _, start, _, _ in offered]
    assert starts[0] == OTHER.index("لبوتين") + 1
    assert starts[3] == OTHER.index("وبُوتِين") + 1
    assert _offered(store, tagged, mona) == []  # each occurrence there is tagged already


def test_never_inside_a_longer_word_nor_part_of_a_name(project):
    store, (_, other), mona = project
    run_recipe(store, "propagate", mona)
    starts = {start for _, _, start, _, _ in _offered(store, other, mona)}
    for inside in ("البوتينية", "بوتينكم"):
        word = OTHER.index(inside)
        assert not any(word <= s < word + len(inside) for s in starts), inside
    partial = _at(OTHER, "شي جين وحده")[0]
    broken = _at(OTHER, "شي جين\nبينغ")[0]
    assert partial not in starts and broken not in starts


def test_confidence_and_note_say_how_it_was_found(project):
    store, (tagged, other), mona = project
    run_recipe(store, "propagate", mona)
    by_start = {start: (conf, note) for _, _, start, conf, note in _offered(store, other, mona)}
    exact = by_start[_at(OTHER, "شي جين بينغ")[0]]
    assert exact == (EXACT, f"as tagged PERSON in document {tagged}")
    clitic = by_start[OTHER.index("لبوتين") + 1]
    assert clitic[0] == THROUGH_CLITIC and "proclitic ل" in clitic[1]


def test_a_proclitic_is_dropped_only_where_ctrl_t_would(store):
    text = "زار كمال القاهرة. وهذا لكمال، وقال كمال إن المال مال الشعب. بمال ومال."
    (doc,) = store.documents.add_many([NewDocument(text, "t")]).ids
    mona = store.ensure_annotator("mona").id
    store.annotations.add_span(doc, mona, "PERSON", *_at(text, "مال", 2))  # "مال الشعب"
    run_recipe(store, "propagate", mona)
    found = {start for _, _, start, _, _ in _offered(store, doc, mona)}
    counts = store.word_counts()
    for word in ("كمال", "بمال", "ومال"):
        at = text.index(word)
        dropped = trim_proclitic(text, at, at + len(word), counts).start == at + 1
        assert (at + 1 in found) == dropped, word
    assert text.index("بمال") + 1 in found  # بمال: ب + مال, as Ctrl+T says
    assert text.index("كمال") + 1 not in found  # كمال takes clitics itself (لكمال)


def test_rejected_tagged_and_overlapping_places_are_not_offered(project):
    store, (_, other), mona = project
    run_recipe(store, "propagate", mona)
    first = store.suggestions.for_layer(other, mona)[0]
    store.suggestions.reject(first, mona)
    store.annotations.add_span(other, mona, "PERSON", *_at(OTHER, "وبوتين"))  # with its clitic
    store.annotations.add_span(other, mona, "ORG", *_at(OTHER, "فبوتين"))  # another label
    run_recipe(store, "propagate", mona)
    starts = {start: label for label, _, start, _, _ in _offered(store, other, mona)}
    assert first.start not in starts  # rejected: stays away after a re-run
    assert OTHER.index("وبوتين") + 1 not in starts  # a PERSON span overlaps it
    assert starts[OTHER.index("فبوتين") + 1] == "PERSON"  # an ORG span does not stop PERSON


def test_a_name_tagged_with_two_labels_offers_both_by_share(store):
    text = "واشنطن قالت. واشنطن ردت. واشنطن صمتت. وواشنطن."
    (doc,) = store.documents.add_many([NewDocument(text, "t")]).ids
    mona = store.ensure_annotator("mona").id
    for nth, label in ((0, "GPE"), (1, "GPE"), (2, "ORG")):
        store.annotations.add_span(doc, mona, label, *_at(text, "واشنطن", nth))
    run_recipe(store, "propagate", mona)
    offered = sorted(
        (label, start, conf) for label, _, start, conf, _ in _offered(store, doc, mona)
    )
    # the three tagged places keep their labels: no other label is offered on the same words
    at = text.index("وواشنطن") + 1
    assert offered == [("GPE", at, round(THROUGH_CLITIC * 2 / 3, 3)), ("ORG", at, 0.3)]


def test_claims_and_quotes_are_not_spread(store):
    text = "قال: «الحوار ممكن». ثم كرر: «الحوار ممكن»."
    (doc,) = store.documents.add_many([NewDocument(text, "t")]).ids
    mona = store.ensure_annotator("mona").id
    store.annotations.add_span(doc, mona, "QUOTE", *_at(text, "الحوار ممكن"))
    store.annotations.add_span(doc, mona, "CLAIM", *_at(text, "الحوار ممكن"))
    assert run_recipe(store, "propagate", mona).suggestions == 0


def test_the_suggest_function_reads_no_store(project, tmp_path):
    store, (_, other), mona = project
    suggest = make(store, mona, {})
    document = store.documents.get(other)
    store.close()  # a worker thread has no connection: suggest must not need one
    spans = suggest(document).spans
    assert len(spans) == 7
    fresh = Document(99, "بوتين", "", None, None, {}, "", "")
    assert [(s.start, s.end) for s in suggest(fresh).spans] == [(0, 5)]


def test_it_needs_an_annotator(store):
    with pytest.raises(ValidationError, match="name the annotator"):
        make(store, None, {})


def test_an_empty_layer_suggests_nothing(store):
    (doc,) = store.documents.add_many([NewDocument(OTHER, "t")]).ids
    mona = store.ensure_annotator("mona").id
    assert run_recipe(store, "propagate", mona).suggestions == 0
    assert store.suggestions.for_layer(doc, mona) == []


def test_a_name_inside_a_tagged_longer_one_is_still_offered(store):
    text = "درس في جامعة القاهرة ثم عاد إلى القاهرة."
    (doc,) = store.documents.add_many([NewDocument(text, "t")]).ids
    mona = store.ensure_annotator("mona").id
    store.annotations.add_span(doc, mona, "ORG", *_at(text, "جامعة القاهرة"))
    store.annotations.add_span(doc, mona, "GPE", *_at(text, "القاهرة", 1))
    run_recipe(store, "propagate", mona)
    offered = [(label, start) for label, _, start, _, _ in _offered(store, doc, mona)]
    assert offered == [("GPE", text.index("القاهرة"))]  # nested in the ORG span


def test_a_word_with_tanween_is_not_the_name(store):
    text = "زار روسيا، ثم وقع هجوم روسيٌ وصاروخ روسياً. عادت روسيا."
    (doc,) = store.documents.add_many([NewDocument(text, "t")]).ids
    mona = store.ensure_annotator("mona").id
    store.annotations.add_span(doc, mona, "GPE", *_at(text, "روسيا"))
    run_recipe(store, "propagate", mona)
    found = [(words, start) for _, words, start, _, _ in _offered(store, doc, mona)]
    assert found == [("روسيا", text.rindex("روسيا"))]  # روسياً is "Russian", not Russia


def test_a_stem_attested_by_a_new_document_is_then_offered(store):
    one, two = "اتصل ماكرون لبوتين.", "وقال لبوتين كلاما."
    docs = store.documents.add_many([NewDocument(one, "1"), NewDocument(two, "2")]).ids
    mona = store.ensure_annotator("mona").id
    store.annotations.add_span(docs[0], mona, "PERSON", one.index("بوتين"), one.index("."))
    run_recipe(store, "propagate", mona)
    assert _offered(store, docs[1], mona) == []  # بوتين never stands alone: ل may be its own
    store.documents.add_many([NewDocument("قال بوتين ذلك.", "3")])
    run_recipe(store, "propagate", mona)  # the word counts are those of the new documents
    assert [words for _, words, *_ in _offered(store, docs[1], mona)] == ["بوتين"]
