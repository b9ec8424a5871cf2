"""The project's word counts for Ctrl+T, kept up to date as documents arrive (see
`ProjectWordCounts`); the counting itself is `text.word_counts`."""

from __future__ import annotations

from annotator.core.store.documents import Documents
from annotator.core.text.word_counts import BUDGET_CHARACTERS, WordCounts


class ProjectWordCounts:
    """The word counts of a project, for a key press: counted on first use from the newest
    documents, about `budget` characters of them (all of a project of a few thousand
    articles; a bounded first press in a larger one), then extended with the documents
    added since and with any older document the annotator opens. A stored text never
    changes, so nothing is ever counted twice."""

    def __init__(self, documents: Documents, budget: int = BUDGET_CHARACTERS) -> None:
        self._documents = documents
        self._budget = budget
        self._reset()

    def _reset(self) -> None:
        self._counts = WordCounts()
        self._last_id = 0  # the newest document counted
        self._oldest: int | None = None  # every id from here up to `_last_id` is counted
        self._older: set[int] = set()  # documents below `_oldest` counted when opened

    def current(self, document_id: int | None = None) -> WordCounts:
        """The counts, up to date with the documents stored now, `document_id`'s included."""
        last_id = self._documents.last_id()
        if last_id != self._last_id:
            if last_id < self._last_id:  # not an addition: count again
                self._reset()
            if self._oldest is None or not self._count_newer(self._last_id + 1, last_id):
                self._reset()
                self._count_newest(last_id)
            self._last_id = last_id
        oldest = self._oldest or 0
        if document_id is not None and document_id < oldest and document_id not in self._older:
            self._counts.add_texts([self._documents.text(document_id)])
            self._older.add(document_id)
        return self._counts

    def _count_newest(self, last_id: int) -> None:
        """Count documents from `last_id` back, until the budget of characters is spent."""
        texts: list[str] = []
        size = 0
        self._oldest = 0
        rows = self._documents.texts_in(1, last_id, newest_first=True)
        try:
            for doc_id, text in rows:
                if size >= self._budget:
                    self._oldest = doc_id + 1
                    break
                texts.append(text)
                size += len(text)
        finally:
            rows.close()  # ends the query at once when the budget stops it
        self._counts.add_texts(texts)

    def _count_newer(self, first_id: int, last_id: int) -> bool:
        """Count the documents from `first_id` to `last_id`; False (nothing counted) if they
        are more than the budget: counting the newest again costs the same and is bounded."""
        texts: list[str] = []
        size = 0
        rows = self._documents.texts_in(first_id, last_id)
        try:
            for _, text in rows:
                texts.append(text)
                size += len(text)
                if size > self._budget:
                    return False
        finally:
            rows.close()
        self._counts.add_texts(texts)
        return True
