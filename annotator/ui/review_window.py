"""The review window: every annotator's layer at once, a merged view marked by agreement,
and the gold layer the reviewer builds from them (accept, reject, edit; all undoable)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.core.model import Annotator, Span
from annotator.core.store import Store
from annotator.core.team import review
from annotator.ui.candidates_panel import AGREEMENT_COLOURS, CandidatesPanel
from annotator.ui.commands import SetStatus
from annotator.ui.dialogs import watch_failed_writes
from annotator.ui.document_view import DocumentView
from annotator.ui.editing import Editor
from annotator.ui.flow_layout import FlowLayout
from annotator.ui.i18n import interface_direction
from annotator.ui.label_bar import LabelBar, chip_style
from annotator.ui.link_arcs import numbered_links
from annotator.ui.notes_panel import NotesPanel
from annotator.ui.plain_text import isolate, plain_label, window_title
from annotator.ui.review_commands import (
    AcceptCandidate,
    AcceptRelation,
    AcceptThreshold,
    RejectCandidate,
)
from annotator.ui.review_documents import ReviewDocumentsModel, ReviewDocumentsView
from annotator.ui.review_notes import show_review_notes, with_note_filter
from annotator.ui.session import Session
from annotator.ui.span_painter import PaintLink, PaintSpan
from annotator.ui.window_layout import (
    REVIEW_WINDOW_SIZE,
    labelled_panes,
    place_window,
    remember_window,
    share_out,
)


def _legend() -> QWidget:
    """Colour and marker for all / some / one, each a chip: never colour alone, never a
    colour beside the wrong words. Wraps when narrow."""
    box = QWidget()
    flow = FlowLayout(box, spacing=8)
    flow.setContentsMargins(4, 2, 4, 2)
    for key, words in (
        ("all", QCoreApplication.translate("ReviewWindow", "●●● all agree")),
        ("some", QCoreApplication.translate("ReviewWindow", "●●○ some")),
        ("one", QCoreApplication.translate("ReviewWindow", "●○○ one")),
    ):
        chip = plain_label(words)
        chip.setStyleSheet(chip_style(AGREEMENT_COLOURS[key], "QLabel"))
        flow.addWidget(chip)
    flow.addWidget(
        plain_label(
            QCoreApplication.translate(
                "ReviewWindow", "— the number on a span: how many annotators marked it"
            )
        )
    )
    return box


def _lane(title: str, view: DocumentView) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(plain_label(title))
    column.addWidget(view, 1)
    return box


def open_review_window(store: Store, name: str) -> ReviewWindow:
    """Make `name` a reviewer (added to the project if new) and show them the review
    window: the one way the CLI and the annotation window open it."""
    store.ensure_annotator(name)
    window = ReviewWindow(store, store.set_role(name, "reviewer"))
    window.show()
    return window


class ReviewWindow(QMainWindow):
    """Adjudication of one project by a reviewer."""

    def __init__(self, store: Store, reviewer: Annotator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session = Session(store, reviewer, self, layer=store.gold_layer())
        self.editor = Editor(self.session, self)
        title = self.tr("Review — {project} — {reviewer}")
        self.setWindowTitle(
            window_title(title.format(project=store.path.name, reviewer=reviewer.name))
        )
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.document_id: int | None = None
        self.names: list[str] = []

        self.documents = ReviewDocumentsView(ReviewDocumentsModel(store))
        self.candidates = CandidatesPanel()
        self.merged = DocumentView()
        self.gold = DocumentView()
        self.lanes_box = QSplitter(Qt.Orientation.Vertical)
        self.lanes: dict[str, DocumentView] = {}
        self.label_bar = LabelBar(self)
        self.label_bar.set_labels(store.labels.all())

        centre = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_column = QVBoxLayout(top)
        top_column.setContentsMargins(0, 0, 0, 0)
        self.legend = _legend()
        top_column.addWidget(self.legend)
        top_column.addWidget(_lane(self.tr("Merged: every annotator's spans"), self.merged), 1)
        centre.addWidget(top)
        centre.addWidget(_lane(self.tr("Gold (edit with the label keys, Delete)"), self.gold))
        centre.addWidget(self.lanes_box)
        self.notes_panel = NotesPanel()  # every annotator's skips, flags and comments
        top_column.addWidget(self.notes_panel)
        page, self.splitter = labelled_panes(
            self.label_bar, with_note_filter(self.documents), centre, self.candidates
        )
        self.centre = centre
        self.setCentralWidget(page)
        self.status = plain_label("")
        self.statusBar().addPermanentWidget(self.status)

        self._menus()
        self.documents.documentChosen.connect(self.open_document)
        self.candidates.candidateChosen.connect(self._show_candidate)
        self.label_bar.labelTriggered.connect(self._label_gold)
        self.session.operations.changed.connect(self._on_changed)
        self.editor.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        watch_failed_writes(self, self.session)
        self.gold.selectionChangedOffsets.connect(self._on_gold_selection)
        if self.documents.documents.rowCount():
            self.documents.setCurrentIndex(self.documents.documents.index(0, 0))
        if not place_window(self, "review", REVIEW_WINDOW_SIZE, self._splitters()):
            share_out(self.splitter, self.width(), (18, 47, 35))
            share_out(centre, self.height(), (44, 24, 32))

    def _splitters(self) -> dict[str, QSplitter]:
        return {"panes": self.splitter, "layers": self.centre}

    def _menus(self) -> None:
        bar = self.menuBar()
        bar.setLayoutDirection(interface_direction())
        menu = bar.addMenu(self.tr("&Review"))

        def add(text, keys, slot):
            action = QAction(text, self)
            if keys:
                sequences = keys if isinstance(keys, list) else [keys]
                action.setShortcuts([QKeySequence(k) for k in sequences])
            action.triggered.connect(slot)
            menu.addAction(action)
            self.addAction(action)

        add(self.tr("&Accept into gold"), "A", self.accept_current)
        add(self.tr("&Reject"), "R", self.reject_current)
        add(
            self.tr("Accept all &agreed spans and links of this document"),
            "Ctrl+Shift+A",
            self.accept_agreed,
        )
        add(self.tr("Accept what at least &k annotators marked…"), "Ctrl+K", self.accept_at_least)
        add(
            self.tr("Accept all agreed spans and links in &every document"),
            None,
            self.accept_agreed_everywhere,
        )
        menu.addSeparator()
        delete = self.editor.delete_current
        add(self.tr("Delete the gold span"), QKeySequence.StandardKey.Delete, delete)
        add(self.tr("Mark gold &done and go on"), ["Ctrl+Return", "Ctrl+Enter"], self.mark_done)
        add(self.tr("&Next document"), "Alt+Left", lambda: self.documents.step(1))
        add(self.tr("&Previous document"), "Alt+Right", lambda: self.documents.step(-1))
        menu.addSeparator()
        add(self.tr("&Close"), ["Ctrl+W", "Escape"], self.close)
        edit = bar.addMenu(self.tr("&Edit"))
        for action, keys in (
            (self.session.undo_group.createUndoAction(self, self.tr("&Undo")), "Ctrl+Z"),
            (self.session.undo_group.createRedoAction(self, self.tr("&Redo")), "Ctrl+Shift+Z"),
        ):
            action.setShortcut(QKeySequence(keys))
            edit.addAction(action)
            self.addAction(action)
        # A step across every document is not on one document's Ctrl+Z: it has its own.
        edit.addSeparator()
        edit.addAction(
            self.session.project_stack.createUndoAction(self, self.tr("Undo in &every document:"))
        )
        edit.addAction(
            self.session.project_stack.createRedoAction(self, self.tr("Redo in e&very document:"))
        )

    # -- showing ------------------------------------------------------------------------
    def open_document(self, document_id: int) -> None:
        """Show a document: lanes, merged view, gold and the candidates."""
        self.document_id = document_id
        self.editor.load(document_id)
        self.names = review.layer_names(self.store, document_id)
        text = self.editor.text
        for view in self.lanes.values():
            view.setParent(None)
        self.lanes = {}
        people = {a.name: a.id for a in self.store.annotators()}
        for name in self.names:
            view = DocumentView()
            spans = self.store.annotations.spans(document_id, people[name])
            view.set_document(text, [self._paint(s) for s in spans])
            self.lanes_box.addWidget(_lane(name, view))
            self.lanes[name] = view
            self.merged.verticalScrollBar().valueChanged.connect(view.verticalScrollBar().setValue)
        self.merged.set_document(text, [])
        self.gold.set_document(text, [])
        self.refresh()

    def _paint(self, span: Span) -> PaintSpan:
        label = self.editor.labels().get(span.label)
        colour = label.colour if label else "#cccccc"
        return PaintSpan(span.id, span.start, span.end, span.label, colour, span.label)

    def refresh(self) -> None:
        """Re-read candidates and gold after an edit."""
        if self.document_id is None:
            return
        spans = review.candidates(self.store, self.document_id, self.names)
        relations = review.relation_candidates(self.store, self.document_id, self.names)
        merged, badges = [], []
        agreement_words = {
            "all": self.tr("all agree"),
            "some": self.tr("some"),
            "one": self.tr("one"),
        }
        for number, cand in enumerate((c for c in spans if c.annotators), start=1):
            who = ", ".join(cand.annotators)
            tip = self.tr("{label} — {agreement}: {count} of {of} ({who})").format(
                label=isolate(cand.label),
                agreement=agreement_words[cand.agreement],
                count=len(cand.annotators),
                of=cand.of,
                who=isolate(who),
            )
            merged.append(
                PaintSpan(
                    number, cand.start, cand.end, cand.label, AGREEMENT_COLOURS[cand.agreement], tip
                )
            )
            badges.append(PaintLink(len(cand.annotators), number, number))
        self.merged.set_spans(merged, badges)
        self.gold.set_spans(
            [self._paint(s) for s in self.editor.spans],
            numbered_links(self.editor.relations, self.editor.labels()),
        )
        self.candidates.set_candidates(self.editor.text, [*spans, *relations], len(self.names))
        show_review_notes(self.notes_panel, self.store, self.document_id)
        done = sum(1 for c in spans if c.gold_id is not None or c.decision == "rejected")
        gold = self.store.annotations.status(self.document_id, self.session.layer_id)
        gold_words = {
            "new": self.tr("gold new"),
            "in_progress": self.tr("gold in progress"),
            "done": self.tr("gold done"),
        }
        decided = self.tr("{done} of {total} candidates decided · {layers} layers")
        decided = decided.format(done=done, total=len(spans), layers=len(self.names))
        self.status.setText(f"{decided} · {gold_words.get(gold, gold)}")

    def _show_candidate(self, row: int) -> None:
        cand = self.candidates.current()
        if isinstance(cand, review.Candidate):
            self.merged.select_offsets(cand.start, cand.end)

    # -- deciding -------------------------------------------------------------------------
    def _push(self, build) -> object | None:
        if self.document_id is None:
            return None
        return self.session.operations.apply(self.document_id, build, self._refused)

    def _refused(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def _on_changed(self, changes: Changes) -> None:
        """Recompute candidates and gold only when the change reaches the open document."""
        if changes.labels or changes.everything:
            self.label_bar.set_labels(self.store.labels.all())
        if changes.touches(self.document_id):
            self.refresh()

    def accept_current(self) -> None:
        """A: the selected candidate (span or link) goes into gold."""
        cand = self.candidates.current()
        if isinstance(cand, review.RelationCandidate):
            self._push(lambda: AcceptRelation(self.session, self.document_id, cand))
        elif cand is not None:
            self._push(
                lambda: AcceptCandidate(self.session, self.document_id, cand.key, cand.attributes)
            )

    def reject_current(self) -> None:
        """R: the selected span candidate is kept out of gold."""
        cand = self.candidates.current()
        if isinstance(cand, review.Candidate):
            self._push(lambda: RejectCandidate(self.session, self.document_id, cand.key))

    def accept_agreed(self) -> None:
        doc = self.document_id
        self._push(lambda: AcceptThreshold(self.session, doc, None, [doc]))

    def accept_at_least(self) -> None:
        k, ok = QInputDialog.getInt(
            self,
            self.tr("Accept by threshold"),
            self.tr("Accept spans marked by at least k annotators:"),
            max(1, len(self.names)),
            1,
            100,
        )
        if ok:
            doc = self.document_id
            self._push(lambda: AcceptThreshold(self.session, doc, k, [doc]))

    def accept_agreed_everywhere(self) -> None:
        model = self.documents.documents
        ids = [model.document_id(row) for row in range(model.rowCount())]
        command = self.session.operations.apply(
            None, lambda: AcceptThreshold(self.session, None, None, ids), self._refused
        )
        if command is not None:
            spans, links = command.count()
            accepted = self.tr(
                "{spans} spans and {links} links accepted into gold "
                "(Edit ▸ Undo in every document takes them back)"
            )
            self.statusBar().showMessage(accepted.format(spans=spans, links=links), 6000)

    def mark_done(self) -> None:
        """Ctrl+Enter: mark this document's gold layer done (undoable) and open the next."""
        doc = self.document_id
        if doc is not None and self._push(lambda: SetStatus(self.session, doc, "done")) is not None:
            self.documents.step(1)

    # -- editing gold ---------------------------------------------------------------------
    def _label_gold(self, label: str, exact: bool) -> None:
        start, end = self.gold.selection_offsets()
        self.editor.apply_label(label, start, end, exact)

    def _on_gold_selection(self, start: int, end: int) -> None:
        if start == end:
            span = self.editor.span_at(start)
            self.editor.set_current(span.id if span else 0)

    def closeEvent(self, event: QCloseEvent) -> None:
        remember_window(self, "review", self._splitters())
        event.accept()
