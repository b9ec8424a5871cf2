"""Skip, flag and comment in the annotation window: Go ▸ Skip document…, Edit ▸ Flag for
reviewer…, Comment on document…, Comment on span…, and View ▸ Progress…. Each edit is an
undo step on the document's stack; the notes strip under the article shows them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMenu

from annotator.core.changes import Changes
from annotator.ui.note_commands import AddComment, ClearFlag, SetFlag
from annotator.ui.notes_dialog import NoteAnswer, NoteDialog
from annotator.ui.notes_panel import NotesPanel
from annotator.ui.window_menus import add_action

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

SKIP_KEYS = "Ctrl+Shift+S"
FLAG_KEYS = "Ctrl+Shift+F"
DOCUMENT_COMMENT_KEYS = "Ctrl+Shift+M"
SPAN_COMMENT_KEYS = "Ctrl+M"
PROGRESS_KEYS = "Ctrl+Shift+P"


def ask_note(window: MainWindow, title: str, prompt: str, **options) -> NoteAnswer | None:
    """Show the note dialog; None when cancelled."""
    dialog = NoteDialog(window, title, prompt, **options)
    try:
        return dialog.answer() if dialog.exec() else None
    finally:
        dialog.deleteLater()


class NotesController(QObject):
    """The window's skip, flag and comment actions and its notes strip."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.panel = NotesPanel()
        self.ask: Callable[..., NoteAnswer | None] = ask_note
        self.session.operations.changed.connect(self._on_changed)
        window.editor.currentSpanChanged.connect(lambda _span: self.refresh())
        window.documents.documentActivated.connect(lambda _doc: self.refresh())
        # another annotator (File ▸ Switch annotator) or a reload: the list is reset
        window.documents.model().modelReset.connect(self.refresh)

    # -- actions ---------------------------------------------------------------------------
    def _document(self) -> int | None:
        doc = self.window.editor.document_id
        if doc is None:
            self.window.statusBar().showMessage(
                QCoreApplication.translate("Notes", "Open a document first."), 4000
            )
        return doc

    def _run(self, doc: int, build) -> object | None:
        return self.session.operations.apply(
            doc, build, lambda text: self.window.statusBar().showMessage(text, 8000)
        )

    def _flag(self, kind: str, title: str, prompt: str) -> object | None:
        doc = self._document()
        if doc is None:
            return None
        earlier = self.session.store.notes.flag(doc, self.session.annotator.id, kind)
        answer = self.ask(
            self.window,
            title,
            prompt,
            reasons=kind == "flagged",
            text=earlier.note if earlier else "",
            reason=earlier.reason if earlier else "",
            removable=earlier is not None,
        )
        if answer is None:
            return None
        if answer.remove:
            return self._run(doc, lambda: ClearFlag(self.session, doc, kind))
        return self._run(doc, lambda: SetFlag(self.session, doc, kind, answer.reason, answer.text))

    def skip(self) -> None:
        """Skip the open document with a reason (undoable) and go on to the next."""
        done = self._flag(
            "skipped",
            QCoreApplication.translate("Notes", "Skip document"),
            QCoreApplication.translate("Notes", "Why skip this document? (the reviewer sees it)"),
        )
        if isinstance(done, SetFlag):
            self.window.next_document()

    def flag(self) -> None:
        """Flag the open document for the reviewer: a reason and a note."""
        self._flag(
            "flagged",
            QCoreApplication.translate("Notes", "Flag for reviewer"),
            QCoreApplication.translate("Notes", "What should the reviewer look at?"),
        )

    def comment_document(self) -> None:
        doc = self._document()
        if doc is None:
            return
        answer = self.ask(
            self.window,
            QCoreApplication.translate("Notes", "Comment on document"),
            QCoreApplication.translate("Notes", "Your comment:"),
        )
        if answer is not None:
            self._run(doc, lambda: AddComment(self.session, doc, answer.text))

    def comment_span(self) -> None:
        """A comment on the current span (the one clicked or made last)."""
        doc = self._document()
        span = self.window.editor.span(self.window.editor.current_span_id)
        if doc is None:
            return
        if span is None:
            self.window.statusBar().showMessage(
                QCoreApplication.translate("Notes", "Click a span first."), 4000
            )
            return
        text = self.window.editor.text[span.start : span.end]
        prompt = QCoreApplication.translate("Notes", "Your comment on {label} “{text}”:").format(
            label=span.label, text=text
        )
        answer = self.ask(
            self.window, QCoreApplication.translate("Notes", "Comment on span"), prompt
        )
        if answer is not None:
            self._run(doc, lambda: AddComment(self.session, doc, answer.text, span))

    def show_progress(self) -> None:
        from annotator.ui.progress_dialog import show_progress

        show_progress(self.window, self.session.store)

    # -- the strip -----------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        if (
            changes.everything
            or changes.labels
            or self.window.editor.document_id in (changes.documents)
        ):
            self.refresh()

    def refresh(self) -> None:
        """Show the annotator's notes on the open document and the current span."""
        editor = self.window.editor
        doc = editor.document_id
        if doc is None:
            self.panel.show_notes([], [])
            return
        notes, who = self.session.store.notes, self.session.annotator.id
        comments = notes.comments(doc, who)
        current = editor.span(editor.current_span_id)
        on_current = notes.on_spans(comments, [current]).get(current.id, []) if current else []
        ids = {c.id for c in on_current}
        self.panel.show_notes(
            notes.flags(doc, who), [c for c in comments if c.id not in ids], on_current
        )


def _menu(window: MainWindow, title: str) -> QMenu:
    """One of the window's menus (`window_menus.build_menus`) by its source title."""
    wanted = QCoreApplication.translate("Menus", title)
    for action in window.menuBar().actions():
        if action.menu() is not None and action.text() == wanted:
            return action.menu()
    raise LookupError(f"the window has no {title} menu")


def install_notes(window: MainWindow) -> NotesController:
    """Add the skip, flag, comment and progress actions to the window's Go, Edit and View
    menus (after the window's own signals are connected: a document is opened first,
    then its notes are read)."""
    notes = NotesController(window)
    edit, view, go = (_menu(window, title) for title in ("&Edit", "&View", "&Go"))
    go.addSeparator()
    add_action(
        window, go, QCoreApplication.translate("Notes", "&Skip document…"), SKIP_KEYS, notes.skip
    )
    edit.addSeparator()
    add_action(
        window,
        edit,
        QCoreApplication.translate("Notes", "F&lag for reviewer…"),
        FLAG_KEYS,
        notes.flag,
    )
    add_action(
        window,
        edit,
        QCoreApplication.translate("Notes", "&Comment on document…"),
        DOCUMENT_COMMENT_KEYS,
        notes.comment_document,
    )
    add_action(
        window,
        edit,
        QCoreApplication.translate("Notes", "Comment on &span…"),
        SPAN_COMMENT_KEYS,
        notes.comment_span,
    )
    add_action(
        window,
        view,
        QCoreApplication.translate("Notes", "&Progress…"),
        PROGRESS_KEYS,
        notes.show_progress,
    )
    return notes
