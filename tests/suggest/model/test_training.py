"""`train`: a folder spaCy opens, with our marker; the held-out split; too few examples
refused with how many more are needed; the same seed gives the same model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Suggested, SuggestedSpan
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.suggest.model.examples import NEGATIVE_KEY, read_examples
from annotator.core.suggest.model.folder import MARKER, default_model_dir, folder_name
from annotator.core.suggest.model.predict import scored_spans
from annotator.core.suggest.model.training import MIN_DOCUMENTS, MIN_SPANS, train

from .conftest import Trained
from .project import ANNOTATOR, annotate, build, entity_spans, texts


def test_train_writes_a_pipeline_that_spacy_load_opens(trained: Trained):
    folder = default_model_dir(trained.path, ANNOTATOR)
    assert folder == Path(f"{trained.path}.models") / ANNOTATOR
    nlp = spacy.load(folder)
    assert nlp.pipe_names == ["ner", "spancat"]  # nested spans: a span categorizer too
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "GPE", "ORG"}
    marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    assert marker["format"] == "annotator-ner" and marker["format_version"] == 1
    assert marker["layer"] == ANNOTATOR and marker["spacy_version"] == spacy.__version__
    # 10 documents: 2 held out (a fifth), 8 trained on; every span counted once
    assert (marker["documents"], marker["held_out_documents"]) == (8, 2)
    assert 0.0 <= marker["held_out_f1"] <= 1.0
    assert trained.report.info.held_out_f1 == marker["held_out_f1"]
    # the GPE inside جامعة بيروت is nested in its ORG: left out of what ner learns
    assert trained.report.nested > 0
    assert sorted(p.name for p in folder.parent.iterdir()) == [ANNOTATOR]  # nothing else


def test_the_model_learnt_the_names_it_was_shown(trained: Trained):
    nlp = spacy.load(default_model_dir(trained.path, ANNOTATOR))
    text = texts(1, shift=4)[0]
    found = {
        (text[s.start : s.end], s.label) for s in scored_spans(nlp, text) if s.confidence >= 0.5
    }
    assert ("هدى العلي", "PERSON") in found or ("يوسف ناصر", "PERSON") in found
    assert any(label == "GPE" for _, label in found)


def test_too_few_examples_say_how_many_more_are_needed(store: Store, tmp_path: Path):
    who = store.ensure_annotator("sara").id
    ids = build(store, 1, annotator="other")
    spans = annotate(store, ids[0], who)
    out = tmp_path / "model"
    with pytest.raises(ValidationError) as caught:
        train(store, "sara", out, epochs=1)
    message = str(caught.value)
    assert "\n" not in message
    assert f"{MIN_SPANS - spans} more entity spans" in message
    assert f"{MIN_DOCUMENTS - 1} more annotated documents" in message
    assert not out.exists()


def test_an_unknown_layer_is_refused(store: Store, tmp_path: Path):
    with pytest.raises(NotFoundError, match="nobody"):
        train(store, "nobody", tmp_path / "model", epochs=1)


def test_documents_not_looked_at_are_not_examples(store: Store):
    """A layer counts a document when it has an entity there or marked it done."""
    build(store, 4)
    who = store.ensure_annotator(ANNOTATOR).id
    blank = store.documents.add_many([NewDocument("نص بلا أسماء.", "x")]).ids[0]
    store.annotations.add_span(blank, who, "QUOTE", 0, 2)  # a layer, but no entity
    vocab = spacy.blank("ar").vocab
    assert blank not in read_examples(store, ANNOTATOR, vocab).document_ids
    store.annotations.set_status(blank, who, "done")
    examples = read_examples(store, ANNOTATOR, vocab)
    assert blank in examples.document_ids and len(examples.docs) == 5


def test_the_same_seed_gives_the_same_model(store: Store, tmp_path: Path):
    build(store, 5)
    text = texts(1, shift=7)[0]
    runs = []
    for n in range(2):
        train(store, ANNOTATOR, tmp_path / f"m{n}", epochs=2, seed=11)
        runs.append(scored_spans(spacy.load(tmp_path / f"m{n}"), text))
    assert runs[0] == runs[1] and runs[0]


def test_a_layer_name_that_is_no_folder_name_gets_a_safe_one():
    assert folder_name("ali") == "ali"
    assert folder_name("gold") == "gold"
    odd = folder_name("../x/y")
    assert "/" not in odd and not odd.startswith(".")
    assert folder_name("a/b") != folder_name("a_b")


def _reject(store: Store, doc_id: int, who: int, label: str, start: int, end: int) -> None:
    store.suggestions.replace(doc_id, "model", who, Suggested([SuggestedSpan(label, start, end)]))
    (stored,) = store.suggestions.stored(doc_id, "model", who)
    store.suggestions.reject(stored, who)


def test_rejected_suggestions_are_negative_examples(store: Store, tmp_path: Path):
    ids = build(store, 5)
    who = store.ensure_annotator(ANNOTATOR).id
    for doc_id in ids:
        text = store.documents.get(doc_id).text
        at = text.index("ستعلن")
        _reject(store, doc_id, who, "ORG", at, at + len("ستعلن"))  # a verb, not a name
    first = store.documents.get(ids[0]).text
    name = entity_spans(store, ids[0], who)[0]
    _reject(store, ids[0], who, name[2], name[0], name[1])  # then tagged by hand: no negative
    at = first.index("وعمان") + 1
    _reject(store, ids[0], who, "ORG", at, at + 2)  # inside a word: cut there to fit
    examples = read_examples(store, ANNOTATOR, spacy.blank("ar").vocab)
    negatives = {(span.text, span.label_) for span in examples.docs[0].spans[NEGATIVE_KEY]}
    assert negatives == {("ستعلن", "ORG"), ("عم", "ORG")}
    assert examples.rejected == 6
    report = train(store, ANNOTATOR, tmp_path / "m", epochs=1)
    assert report.info.rejected == 5  # the held-out document's one is not trained on
