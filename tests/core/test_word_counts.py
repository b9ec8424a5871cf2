"""The project's word counts behind Ctrl+T: folding, and counting lazily once per store."""

from __future__ import annotations

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.store.project_word_counts import ProjectWordCounts
from annotator.core.text.word_counts import WordCounts, word_key


def counts_of(*texts: str) -> WordCounts:
    counts = WordCounts()
    counts.add_texts(texts)
    return counts


def test_words_are_counted_whole_and_folded():
    counts = counts_of("موسكو، (موسكو) وموسكو مُوسْـكو\nموسكو-كييف «موسكو»")
    assert counts.count("موسكو") == 5
    assert counts.count("وموسكو") == 1
    assert counts.count("موس") == 0
    assert counts_of("مدرسة المدرسه على").count("مدرسه") == 1
    assert counts_of("على").count("علي") == 1


def test_a_stems_first_alef_keeps_its_hamza_apart():
    counts = counts_of("أن إن الأمن امن")
    assert word_key("أن") == word_key("إن") != word_key("ان")
    assert counts.count("ان") == 0  # a bare alef is not a hamzated one
    assert counts.count("ان", any_alef=True) == 2
    assert counts.count("أن") == 2
    assert counts.count("أمن") == 1  # ... but a hamza may have been left out
    assert counts.count("الأمن") == 1
    assert counts.count("الامن") == 0
    assert counts_of("سأل سال").count("سال") == 2  # inside a word, as search folds


def test_counted_lazily_once_then_only_new_documents(store: Store, monkeypatch):
    store.documents.add_many([NewDocument("قال بوتين", "a"), NewDocument("زار بوتين", "b")])
    read: list[int] = []
    texts_in = store.documents.texts_in

    def spy(first_id, last_id, newest_first=False):
        for doc_id, text in texts_in(first_id, last_id, newest_first):
            read.append(doc_id)
            yield doc_id, text

    monkeypatch.setattr(store.documents, "texts_in", spy)
    assert read == []  # nothing is counted before the first press
    counts = store.word_counts()
    assert counts.count("بوتين") == 2 and sorted(read) == [1, 2]
    assert store.word_counts() is counts and len(read) == 2  # later presses read nothing
    (new_id,) = store.documents.add_many([NewDocument("بوتين وموسكو", "c")]).ids
    assert store.word_counts().count("بوتين") == 3
    assert read[2:] == [new_id]


WORDS = ["أول", "ثان", "ثالث", "رابع", "خامس", "سادس"]


def test_a_large_project_counts_the_newest_documents_and_the_one_opened(store: Store):
    texts = [f"{word} " * 10 for word in WORDS]
    ids = store.documents.add_many([NewDocument(text, text) for text in texts]).ids
    counts = ProjectWordCounts(store.documents, budget=len(texts[2]) + len(texts[3]))
    current = counts.current()
    assert [current.count(word) for word in WORDS] == [0, 0, 0, 0, 10, 10]
    for _ in range(2):  # opened twice, counted once
        current = counts.current(ids[0])
    assert [current.count(word) for word in WORDS] == [10, 0, 0, 0, 10, 10]


def test_an_import_larger_than_the_budget_counts_the_newest_again(store: Store):
    counts = ProjectWordCounts(store.documents, budget=90)
    store.documents.add_many([NewDocument("أول " * 5, "a")])
    assert counts.current().count("أول") == 5
    store.documents.add_many([NewDocument(f"{word} " * 10, word) for word in WORDS[1:4]])
    current = counts.current()
    assert current.count("أول") == 0  # beyond the budget now
    assert [current.count(word) for word in WORDS[1:4]] == [0, 10, 10]
