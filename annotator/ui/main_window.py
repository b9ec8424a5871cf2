"""The annotation window: document list, the article, the label bar and the spans panel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import EVERYTHING, Changes, of_import
from annotator.core.errors import AnnotatorError
from annotator.core.model import Span
from annotator.core.store.database import ExternalChanges
from annotator.ui.background_job import show_error
from annotator.ui.backup_first import backup_now, not_undoable
from annotator.ui.collector import collector_paused
from annotator.ui.commands import SetStatus
from annotator.ui.dialogs import (
    AttributesDialog,
    annotator_refusal,
    ask_annotator_name,
    watch_failed_writes,
)
from annotator.ui.document_list import DocumentListModel
from annotator.ui.document_list_widget import DocumentListWidget
from annotator.ui.document_view import DocumentView
from annotator.ui.editing import Editor
from annotator.ui.find_bar import FindBar
from annotator.ui.i18n import interface_direction
from annotator.ui.label_bar import LabelBar
from annotator.ui.link_arcs import numbered_links
from annotator.ui.notes_menu import install_notes
from annotator.ui.plain_text import isolate, plain_label, window_title
from annotator.ui.session import Session
from annotator.ui.span_links import SpanLinks, with_links
from annotator.ui.span_painter import PaintLink, PaintSpan
from annotator.ui.spans_panel import SpansPanel, describe_attributes
from annotator.ui.suggestions_menu import install_suggestions
from annotator.ui.window_layout import (
    MAIN_WINDOW_SIZE,
    labelled_panes,
    place_window,
    remember_window,
    share_out,
)
from annotator.ui.window_menus import build_menus


class MainWindow(QMainWindow):
    """Everything an annotator needs for one project, keyboard first."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.store = session.store
        self.editor = Editor(session, self)
        self._painted: dict[int, tuple[Span, PaintSpan]] = {}
        self._external = ExternalChanges(self.store.db.conn)
        title = self.tr("Arabic News Annotator — {project}").format(project=self.store.path.name)
        self.setWindowTitle(window_title(title))
        # The panes follow the articles' reading direction, the menus the interface's.
        if (self.store.setting("language") or "ar") == "ar":
            self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        else:
            self.setLayoutDirection(interface_direction())

        self.view = DocumentView()
        self.spans_panel = SpansPanel()
        self.span_links = SpanLinks()
        self.documents = DocumentListWidget(DocumentListModel(self.store, session.annotator.id))
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.label_bar = LabelBar(self)

        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view, 1)
        column.addWidget(self.find_bar)
        # The list on the right, where an Arabic reader starts; the spans panel far left.
        page, self.splitter = labelled_panes(
            self.label_bar, self.documents, centre, with_links(self.spans_panel, self.span_links)
        )
        self.setCentralWidget(page)

        self.who = plain_label()
        self.position = plain_label()
        # The list's own tally ("3 of 5 done", "2 shown") moves into the status bar.
        for widget in (self.who, self.position, self.documents.progress_label):
            self.statusBar().addPermanentWidget(widget)

        build_menus(self)
        self.suggestions = install_suggestions(self)
        self._connect()
        self.notes = install_notes(self)  # skip, flag, comment; the notes strip
        column.addWidget(self.notes.panel)
        self.reload_labels()
        self._update_who()
        self._open_initial_document()
        if self.editor.document_id is not None:
            self.view.setFocus()  # a first label key labels instead of typing into the filter
        if not place_window(self, "main", MAIN_WINDOW_SIZE, {"panes": self.splitter}):
            share_out(self.splitter, self.width(), (22, 50, 28))

    def _connect(self) -> None:
        self.label_bar.labelTriggered.connect(self.apply_label)
        self.editor.contentChanged.connect(self._refresh_annotations)
        self.editor.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        watch_failed_writes(self, self.session)
        self.editor.currentSpanChanged.connect(self._on_current_span)
        self.documents.documentActivated.connect(self.open_document)
        self.spans_panel.spanActivated.connect(self._on_panel_span)
        self.span_links.follow(self.editor)
        self.span_links.spanActivated.connect(self._on_panel_span)
        self.view.selectionChangedOffsets.connect(self._on_view_selection)
        self.find_bar.matchSelected.connect(self.view.select_offsets)
        self.find_bar.corpusSearch.connect(self.documents.set_query)
        self.session.operations.changed.connect(self.documents.apply_changes)
        self.session.operations.changed.connect(self._on_changed)

    # -- documents -------------------------------------------------------------------------
    def _open_initial_document(self) -> None:
        last = self.session.last_document()
        if last is not None and self.documents.select_document(last):
            return
        first = self.documents.first_id()
        if first is not None:
            self.documents.select_document(first)

    def open_document(self, document_id: int) -> None:
        """Show a document of the project."""
        if document_id != self.editor.document_id:
            self._show_document(document_id)

    def _show_document(self, document_id: int) -> None:
        with collector_paused():  # a document may bring 30,000 spans
            self.editor.load(document_id)
            self._painted.clear()
            self.view.set_document(self.editor.text, *self._paint_data())
            self.find_bar.set_text(self.editor.text)
            self._refresh_panel()
        self._update_position()
        self.suggestions.document_shown()

    def next_document(self) -> None:
        self.documents.step(1)

    def previous_document(self) -> None:
        self.documents.step(-1)

    def mark_done(self) -> None:
        """Ctrl+Enter: mark the open document done (undoable) and open the next one."""
        doc = self.editor.document_id
        if doc is None:
            return
        self.editor._run(lambda: SetStatus(self.session, doc, "done"))
        self.documents.step(1)
        self._update_position()

    # -- annotations -----------------------------------------------------------------------
    def _paint_span(self, span: Span, layer: str) -> PaintSpan:
        """What the view paints for a span of `layer`; reused while the span is unchanged."""
        label = self.editor.labels().get(span.label)
        details = describe_attributes(span.attributes) if span.attributes else ""
        tooltip = f"{span.label} — {layer}" + (f"\n{details}" if details else "")
        colour = label.colour if label else "#cccccc"
        painted = PaintSpan(span.id, span.start, span.end, span.label, colour, tooltip)
        self._painted[span.id] = (span, painted)
        return painted

    def _paint_data(self) -> tuple[list[PaintSpan], list[PaintLink]]:
        cache = self._painted
        layer = self.store.annotator(self.session.layer_id).name
        plain: dict[str, PaintSpan] = {}  # per label, the look of a span without attributes
        spans = []
        for span in self.editor.spans:  # up to 30,000 when a document opens: kept lean
            hit = cache.get(span.id)
            if hit is not None and hit[0] is span:
                spans.append(hit[1])
                continue
            look = None if span.attributes else plain.get(span.label)
            if look is None:
                painted = self._paint_span(span, layer)
                if not span.attributes:
                    plain[span.label] = painted
            else:
                painted = PaintSpan(
                    span.id, span.start, span.end, span.label, look.colour, look.tooltip
                )
                cache[span.id] = (span, painted)
            spans.append(painted)
        return spans, self._paint_links()

    def _paint_links(self) -> list[PaintLink]:
        return numbered_links(self.editor.relations, self.editor.labels())

    def _refresh_annotations(self) -> None:
        editor = self.editor
        if editor.document_id is None:
            return
        touched = editor.last_change
        if touched is None:
            self.view.set_spans(*self._paint_data())
            self._refresh_panel()
        else:  # an edit: only the spans it touched are looked at again
            spans = {span_id: editor.span(span_id) for span_id in touched}
            layer = self.store.annotator(self.session.layer_id).name
            painted = {i: self._paint_span(s, layer) if s else None for i, s in spans.items()}
            for span_id, span in spans.items():
                if span is None:
                    self._painted.pop(span_id, None)
            self.view.update_spans(painted, self._paint_links())
            self.spans_panel.update_content(
                editor.text, editor.spans, spans, editor.relations, editor.labels()
            )
            if editor.current_span_id:
                self.spans_panel.select_span(editor.current_span_id)
        self._update_position()

    def _refresh_panel(self) -> None:
        self.spans_panel.set_content(
            self.editor.text, self.editor.spans, self.editor.relations, self.editor.labels()
        )
        if self.editor.current_span_id:
            self.spans_panel.select_span(self.editor.current_span_id)

    def apply_label(self, label: str, exact: bool) -> None:
        """A label key or button: tag the selection, relabel the current span, or link."""
        start, end = self.view.selection_offsets()
        exact = exact or self.exact_action.isChecked()
        span = self.editor.apply_label(label, start, end, exact)
        if span is not None:
            self.view.select_offsets(span.end, span.end)

    def delete_current(self) -> None:
        """Delete: the link selected in the spans panel or in the current span's links,
        else the current span."""
        relation = self.span_links.focused_relation_id()
        if self.spans_panel.hasFocus():
            relation = self.spans_panel.current_relation_id()
        if relation:
            self.editor.delete_relation(relation)
        else:
            self.editor.delete_current()

    def trim_clitic(self) -> None:
        start, end = self.view.selection_offsets()
        trimmed = self.editor.trim_clitic(start, end)
        if trimmed is not None:
            self.view.select_offsets(*trimmed)

    def edit_attributes(self) -> None:
        """F2: the current span's attributes in a small form."""
        span = self.editor.span(self.editor.current_span_id)
        if span is None:
            self.statusBar().showMessage(self.tr("Click a span first."), 4000)
            return
        label = self.editor.labels()[span.label]
        dialog = AttributesDialog(span, label, self.editor.text[span.start : span.end], self)
        if dialog.exec():
            self.editor.set_attributes(span.id, dialog.attributes())

    def _on_view_selection(self, start: int, end: int) -> None:
        if start == end:
            span = self.editor.span_at(start)
            self.editor.set_current(span.id if span else 0)

    def _on_current_span(self, span_id: int) -> None:
        self.view.link_arcs.set_current(span_id)
        if span_id and self.spans_panel.current_span_id() != span_id:
            self.spans_panel.select_span(span_id)

    def _on_panel_span(self, span_id: int) -> None:
        self.editor.set_current(span_id)
        self.view.scroll_to_span(span_id)

    def _on_changed(self, changes: Changes) -> None:
        """Refresh the label bar and the status bar from what an operation changed (the
        editor has re-read the article and the spans panel, the list its rows)."""
        if changes.labels or changes.everything:
            self.label_bar.set_labels(self.store.labels.all())
        self._update_position()

    # -- labels, people, files ---------------------------------------------------------------
    def reload_labels(self) -> None:
        self.editor.reload_labels()
        self.label_bar.set_labels(self.store.labels.all())

    def switch_annotator(self) -> None:
        """Work as another annotator (their own layer)."""
        names = [a.name for a in self.store.annotators()]
        name = ask_annotator_name(self, names, self.session.annotator.name)
        if not name:
            return
        try:
            annotator = self.store.ensure_annotator(name)
        except AnnotatorError as exc:
            refusal = annotator_refusal(name, exc)
            self.statusBar().showMessage(refusal, 10000)
            show_error(self, self.tr("Switch annotator"), refusal)
            return
        self.session.switch_annotator(annotator)
        self.documents.set_annotator(self.session.annotator.id)
        self._update_who()
        doc = self.editor.document_id
        if doc is not None:
            self._show_document(doc)  # the same document, in the new layer

    def import_files(self, paths: list[Path] | None = None, fmt: str | None = None) -> None:
        """File ▸ Import: articles and annotation files (chosen in a dialog unless `paths`
        are given), in `fmt` or the format told from each file (asked for when it cannot
        be), with the import settings asked for annotation files (`import_settings`), in
        the background with Cancel."""
        # dialogs a first frame does not need load when their menu is used
        from annotator.ui.import_formats import ImportChoice, choose_import, settle_format
        from annotator.ui.import_settings import ask_import_settings
        from annotator.ui.io_dialogs import import_job

        choice = choose_import(self) if paths is None else ImportChoice(paths, fmt)
        if not choice.paths or (choice := settle_format(self, choice)) is None:
            return
        chosen = ask_import_settings(self, self.store, self.session.annotator, choice)
        if chosen is None:
            return
        backup = backup_now(self, self.store.path, "import")
        if backup is None:
            return
        paths, name = choice.paths, choice.format_name
        job = import_job(self, self.store.path, paths, format_name=name, **chosen.arguments())
        failed = self.tr("Import failed")
        outcome = self.session.operations.run_in_background(job, failed, of_import)
        if outcome.ok:
            self.statusBar().showMessage(f"{outcome.summary()} {not_undoable(backup)}", 15000)

    def import_folder(self) -> None:
        """File ▸ Import folder: a folder of articles (or of annotation files)."""
        from annotator.ui.io_dialogs import choose_import_paths

        self.import_files(choose_import_paths(self, folder=True))

    def export_annotations(self) -> None:
        """File ▸ Export: a format, the filters and the format's settings in a dialog, then
        the export in the background with Cancel, and what the format could not carry."""
        from annotator.ui.export_dialog import ask_export

        outcome = ask_export(self, self.store)
        if outcome is not None and outcome.ok:
            self.statusBar().showMessage(outcome.summary(), 8000)

    def back_up(self) -> None:
        """File ▸ Back up now: a consistent copy beside the project (rotated)."""
        path = backup_now(self, self.store.path, "backup")
        if path is not None:
            self.statusBar().showMessage(self.tr("Backup: {path}").format(path=isolate(path)), 8000)

    def refresh(self) -> None:
        """Read the project again: edits another window or process committed."""
        doc = self.editor.document_id
        if doc is not None:
            # our undo history of this document may refer to spans that are gone now
            self.session.stack(doc).clear()
        self.session.operations.announce(EVERYTHING)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.ActivationChange
            and self.isActiveWindow()
            and self._external.check()
        ):
            self.refresh()

    def merge_projects(self, paths: list[Path] | None = None) -> None:
        """Bring other annotators' project files into this one (one transaction, in the
        background); they are chosen in a dialog unless `paths` are given."""
        from annotator.ui.merge_job import choose_merge_paths, merge_changes, merge_job

        paths = choose_merge_paths(self) if paths is None else paths
        if not paths:
            return
        backup = backup_now(self, self.store.path, "merge")
        if backup is None:
            return
        job = merge_job(self, self.store.path, paths)
        failed = self.tr("Merge failed")
        outcome = self.session.operations.run_in_background(job, failed, merge_changes)
        report = outcome.report
        if report is None:
            return  # the error was shown
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Merged"), "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"{report.summary()}\n\n{not_undoable(backup)}")
        box.exec()

    def open_review(self) -> None:
        """Open the review window as the current annotator, made a reviewer."""
        from annotator.ui.review_window import open_review_window

        self.review = open_review_window(self.store, self.session.annotator.name)

    # -- status ------------------------------------------------------------------------------
    def _update_who(self) -> None:
        name = isolate(self.session.annotator.name)
        self.who.setText(self.tr("Annotator: {name}").format(name=name))
        self.setToolTip("")

    def _update_position(self) -> None:
        row = self.documents.current_row()
        total = self.documents.row_count()
        # isolated: in a right-to-left status bar "3 / 5" would read "5 / 3"
        shown = f"{row + 1} / {total}" if row is not None else f"– / {total}"
        self.position.setText(isolate(shown))

    def closeEvent(self, event: QCloseEvent) -> None:
        # Every edit is committed already; only the window's place is kept.
        remember_window(self, "main", {"panes": self.splitter})
        self.suggestions.stop()
        self.suggestions.training.stop()
        event.accept()
