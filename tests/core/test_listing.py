"""Document-list queries: status filter per annotator, folded search, page summaries."""

from __future__ import annotations

import pytest

from annotator.core.errors import ValidationError
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.store.listing import DocumentSummary, document_ids, progress, summaries

HTML_TITLE = "<b>x</b><img src=x>"


def _add(store: Store, text: str, title: str = "عنوان") -> int:
    return store.documents.add_many([NewDocument(text=text, title=title)]).ids[0]


@pytest.fixture
def project(store: Store):
    """Four documents and two annotators with different progress."""
    docs = [
        _add(store, "قال بُوتِين إن موسكو مستعدة.", "تصريح من موسكو"),
        _add(store, "اجتماع في القاهرة حول المياه.", "مُقابلة خاصّة"),
        _add(store, "نص بلا عنوان مطابق.", HTML_TITLE),
        _add(store, "PUTIN met officials in Ankara.", "Latin"),
    ]
    sara = store.ensure_annotator("سارة").id
    omar = store.ensure_annotator("عمر").id
    store.annotations.add_span(docs[0], sara, "PERSON", 4, 11)  # in_progress for sara
    store.annotations.add_span(docs[0], sara, "GPE", 15, 20)
    store.annotations.set_status(docs[1], sara, "done")
    store.annotations.set_status(docs[2], omar, "done")
    store.annotations.set_status(docs[3], sara, "new")  # an explicit "new" row
    return store, docs, sara, omar


def test_all_ids_in_id_order(project):
    store, docs, sara, _ = project
    assert document_ids(store, sara) == docs
    assert document_ids(store, sara, None, "   ") == docs


def test_status_filter_is_per_annotator(project):
    store, docs, sara, omar = project
    assert document_ids(store, sara, "in_progress") == [docs[0]]
    assert document_ids(store, sara, "done") == [docs[1]]
    assert document_ids(store, sara, "new") == [docs[2], docs[3]]
    assert document_ids(store, omar, "done") == [docs[2]]
    assert document_ids(store, omar, "new") == [docs[0], docs[1], docs[3]]
    assert document_ids(store, omar, "in_progress") == []


def test_unknown_status_is_refused(project):
    store, _, sara, _ = project
    with pytest.raises(ValidationError):
        document_ids(store, sara, "finished")


def test_search_folds_harakat_in_the_text(project):
    store, docs, sara, _ = project
    assert document_ids(store, sara, query="بوتين") == [docs[0]]
    assert document_ids(store, sara, query="بُوتين") == [docs[0]]


def test_search_matches_titles_folded(project):
    store, docs, sara, _ = project
    # "مقابله" appears only in the title "مُقابلة" (harakat, teh marbuta)
    assert document_ids(store, sara, query="مقابله") == [docs[1]]
    assert document_ids(store, sara, query="<img") == [docs[2]]
    # with a status filter too (its parameters come before the query's)
    assert document_ids(store, sara, "done", "مقابله") == [docs[1]]
    assert document_ids(store, sara, "new", "مقابله") == []
    assert document_ids(store, sara, "in_progress", "تصريح") == [docs[0]]


def test_search_folds_latin_case_and_combines_with_status(project):
    store, docs, sara, _ = project
    assert document_ids(store, sara, query="putin") == [docs[3]]
    assert document_ids(store, sara, "new", "putin") == [docs[3]]
    assert document_ids(store, sara, "done", "putin") == []
    assert document_ids(store, sara, "in_progress", "موسكو") == [docs[0]]


def test_summaries_count_one_annotators_spans(project):
    store, docs, sara, omar = project
    rows = summaries(store, sara, docs)
    assert rows[docs[0]] == DocumentSummary(docs[0], "تصريح من موسكو", "in_progress", 2)
    assert rows[docs[1]].status == "done" and rows[docs[1]].spans == 0
    assert rows[docs[2]].status == "new"
    assert rows[docs[3]].status == "new"
    others = summaries(store, omar, docs)
    assert [others[d].spans for d in docs] == [0, 0, 0, 0]
    assert others[docs[2]].status == "done"


def test_summaries_of_a_page_skip_missing_ids(project):
    store, docs, sara, _ = project
    assert summaries(store, sara, []) == {}
    rows = summaries(store, sara, [docs[1], 999_999])
    assert list(rows) == [docs[1]]


def test_html_title_is_returned_intact(project):
    store, docs, sara, _ = project
    assert summaries(store, sara, [docs[2]])[docs[2]].title == HTML_TITLE


def test_progress_counts_done_for_one_annotator(project):
    store, _, sara, omar = project
    assert progress(store, sara) == (1, 4)
    assert progress(store, omar) == (1, 4)
    assert progress(store, None) == (0, 4)


def test_seeded_project_lists_five_new_documents(seeded: Store):
    who = seeded.ensure_annotator("a").id
    ids = document_ids(seeded, who)
    assert len(ids) == 5
    assert document_ids(seeded, who, "new") == ids
    rows = summaries(seeded, who, ids)
    assert all(row.title and row.spans == 0 for row in rows.values())
