"""What the reviewer sees of annotators' notes: every annotator's skips, flags and comments
on the open document (named), a Notes column in the document list, and a filter of the
list to flagged, skipped or commented documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from annotator.core.store import Store
from annotator.ui.notes_panel import NotesPanel

if TYPE_CHECKING:
    from annotator.ui.review_documents import ReviewDocumentsView

# The filter's choices: (shown text, which documents: None for all).
NOTE_FILTERS = (
    (QT_TRANSLATE_NOOP("Notes", "All documents"), None),
    (QT_TRANSLATE_NOOP("Notes", "⚑ Flagged"), "flagged"),
    (QT_TRANSLATE_NOOP("Notes", "⤼ Skipped"), "skipped"),
    (QT_TRANSLATE_NOOP("Notes", "✎ Commented"), "commented"),
    (QT_TRANSLATE_NOOP("Notes", "Any note"), "any"),
)


def noted_ids(store: Store, kind: str | None) -> set[int]:
    """Documents with this kind of note by anyone ("any": a flag, a skip or a comment)."""
    notes = store.notes
    if kind in ("flagged", "skipped"):
        return notes.flagged_ids(kind)
    if kind == "commented":
        return notes.commented_ids()
    return notes.flagged_ids("flagged") | notes.flagged_ids("skipped") | notes.commented_ids()


def notes_summary(store: Store, document_id: int) -> str:
    """The Notes column: "⚑ 2 · ⤼ 1 · ✎ 3" (flags, skips, comments by anyone), or ""."""
    flags = store.notes.flags(document_id)
    counts = (
        ("⚑", sum(1 for f in flags if f.kind == "flagged")),
        ("⤼", sum(1 for f in flags if f.kind == "skipped")),
        ("✎", len(store.notes.comments(document_id))),
    )
    return " · ".join(f"{mark} {count}" for mark, count in counts if count)


def show_review_notes(panel: NotesPanel, store: Store, document_id: int | None) -> None:
    """Every annotator's notes on a document, each with its author."""
    if document_id is None:
        panel.show_notes([], [])
        return
    names = {a.id: a.name for a in store.annotators()}
    panel.show_notes(store.notes.flags(document_id), store.notes.comments(document_id), (), names)


def with_note_filter(view: ReviewDocumentsView) -> QWidget:
    """The review document list under a box choosing which documents it shows."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    choice = QComboBox(box)
    choice.setObjectName("reviewNoteFilter")
    for text, kind in NOTE_FILTERS:
        choice.addItem(QCoreApplication.translate("Notes", text), kind)
    choice.currentIndexChanged.connect(
        lambda _index: view.documents.set_note_filter(choice.currentData())
    )
    column.addWidget(choice)
    column.addWidget(view, 1)
    view.note_filter_box = choice
    return box
