"""The model recipe: suggestions at exact code-point offsets of the stored text, each with
a confidence; the threshold keeps only the surer ones; run through the recipe registry
into the suggestion store."""

from __future__ import annotations

from itertools import combinations

import pytest
import spacy

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Document
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.suggest.model.examples import clitic_cuts, text_doc
from annotator.core.suggest.model.folder import default_model_dir, load_model
from annotator.core.suggest.model.predict import NESTED_NOTE, inside, scored_spans
from annotator.core.suggest.model.recipe import cached_model, make
from annotator.core.suggest.model.training import train
from annotator.core.suggest.recipes import run_recipe
from annotator.core.text.tokens import tokenize

from .project import ANNOTATOR, add_documents, build, texts

# astral characters and harakat before and inside the names: code points, not UTF-16
NEW_TEXT = "🇱🇧😀 قال سامي الخطيب في دمشق إن نقابة المعلمين ستعلن خطتها غدا.\n" + texts(1, 11)[0]


def _document(store: Store, text: str) -> Document:
    return store.documents.get(store.documents.add_many([NewDocument(text, "new")]).ids[0])


def test_suggestions_are_exact_offsets_with_confidences(project: Store):
    document = _document(project, NEW_TEXT)
    suggest = make(project, project.annotator_by_name(ANNOTATOR).id, {"threshold": 0.0})
    spans = suggest(document).spans
    assert spans, "the model suggests nothing"
    cuts = clitic_cuts(document.text, project.word_counts())
    assert cuts  # وعمان and the like: the model reads عمان apart, as it learnt it
    edges = {edge for token in tokenize(document.text, cuts) for edge in token}
    for span in spans:
        words = document.text[span.start : span.end]
        assert words and words == words.strip()
        assert span.start in edges and span.end in edges  # whole tokens of the text
        assert 0.0 < span.confidence <= 1.0
        assert span.note.startswith(f"model ({ANNOTATOR}):")
    # in reading order; two suggestions overlap only when one lies inside the other
    assert spans == sorted(spans, key=lambda s: (s.start, -s.end))
    for a, b in combinations(spans, 2):
        if a.start < b.end and b.start < a.end:
            assert inside(b, a) or inside(a, b)
            assert NESTED_NOTE in (b if inside(b, a) else a).note
    # جامعة بيروت is an ORG with the GPE بيروت inside it, in training and here
    start = NEW_TEXT.index("جامعة بيروت")
    found = {(s.label, s.start, s.end) for s in spans}
    assert ("ORG", start, start + len("جامعة بيروت")) in found
    assert ("GPE", start + len("جامعة "), start + len("جامعة بيروت")) in found
    # the name after the astral flag and emoji: its code points (UTF-16 would be 4 more)
    start = NEW_TEXT.index("سامي الخطيب")
    assert (start, start + len("سامي الخطيب")) in {(s.start, s.end) for s in spans}


def test_the_threshold_keeps_only_the_surer_suggestions(project: Store):
    document = _document(project, NEW_TEXT)
    who = project.annotator_by_name(ANNOTATOR).id
    nlp, _ = load_model(default_model_dir(project.path, ANNOTATOR))
    every = scored_spans(nlp, document.text)
    cut = sorted({s.confidence for s in every})[len({s.confidence for s in every}) // 2]
    kept = make(project, who, {"threshold": cut})(document).spans
    assert kept and all(s.confidence >= cut for s in kept)
    surest = make(project, who, {"threshold": 1.0})(document).spans
    assert len(surest) <= len(kept) <= len(make(project, who, {"threshold": 0.0})(document).spans)
    lower = {(s.label, s.start, s.end) for s in every if s.confidence < cut}
    assert lower and not lower & {(s.label, s.start, s.end) for s in kept}
    with pytest.raises(ValidationError, match="from 0 to 1"):
        make(project, who, {"threshold": 1.5})


def test_the_recipe_runs_through_the_registry_into_the_store(project: Store):
    who = project.annotator_by_name(ANNOTATOR).id
    ids = add_documents(project, 2, shift=20)
    report = run_recipe(project, "model", who, ids)
    assert report.documents == 2 and report.suggestions > 0
    stored = project.suggestions.stored(ids[0], "model", who)
    text = project.documents.get(ids[0]).text
    assert stored and all(0.5 <= s.confidence <= 1 and text[s.start : s.end] for s in stored)


def test_without_a_model_the_recipe_says_how_to_train_one(store: Store):
    who = store.ensure_annotator("nour").id
    with pytest.raises(NotFoundError, match="annotator train --annotator nour"):
        make(store, who, {})


def test_an_empty_document_gets_no_suggestion(project: Store):
    suggest = make(project, project.annotator_by_name(ANNOTATOR).id, {"threshold": 0.0})
    assert suggest(Document(0, "", "empty", None, None, {}, "", "")).spans == []
    assert suggest(Document(0, " \n ", "blank", None, None, {}, "", "")).spans == []


def test_a_retrained_model_replaces_the_loaded_one(store: Store):
    build(store, 5)
    folder = default_model_dir(store.path, ANNOTATOR)
    train(store, ANNOTATOR, folder, epochs=1, seed=1)
    first, _ = cached_model(folder)
    assert cached_model(folder)[0] is first  # loaded once
    train(store, ANNOTATOR, folder, epochs=1, seed=2)
    again, info = cached_model(folder)
    assert again is not first and info.seed == 2


def test_proclitics_are_cut_off_as_ctrl_t_would(store: Store):
    """A model reads لبوتين as ل + بوتين where بوتين is a word of the project, as it
    learnt from spans that leave the clitic out; the article stays on its word."""
    store.documents.add_many([NewDocument("قال بوتين في القاهرة أمس.", "a")])
    text = "لبوتين والقاهرة القاهرة وبوتين ولندن"
    assert clitic_cuts(text, store.word_counts()) == {1, 8, 25}
    doc = text_doc(spacy.blank("ar").vocab, text, store.word_counts())
    assert doc.text == text
    assert [t.text for t in doc] == [
        "ل", "بوتين", "و", "القاهرة", "القاهرة", "و", "بوتين", "ولندن",
    ]  # fmt: skip
