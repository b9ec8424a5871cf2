"""A strip under the article with what annotators said about the open document: skips
and flags, comments on the document, and the comments on the current span. Plain text,
hidden when there is nothing to say."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from annotator.core.model import Comment, Flag
from annotator.ui.notes_dialog import reason_text
from annotator.ui.plain_text import isolate


def flag_line(flag: Flag, who: str = "") -> str:
    """One skip or flag as a line: "⚑ Flagged: Unclear — note" (with its author)."""
    if flag.kind == "skipped":
        line = "⤼ " + QCoreApplication.translate("Notes", "Skipped")
    else:
        line = "⚑ " + QCoreApplication.translate("Notes", "Flagged: {reason}").format(
            reason=reason_text(flag.reason)
        )
    if flag.note:  # isolated: an Arabic note cannot reorder the words around it
        line += " — " + isolate(flag.note)
    return f"{isolate(who)}: {line}" if who else line


def comment_line(comment: Comment, who: str = "", on_span: bool = False) -> str:
    """One comment as a line, its span named when it is on one."""
    where = ""
    if comment.on_span and not on_span:
        where = isolate(f"{comment.label} {comment.start}–{comment.end}") + ": "
    line = f"✎ {where}{isolate(comment.text)}"
    return f"{isolate(who)}: {line}" if who else line


class NotesPanel(QLabel):
    """The notes of one document; names are shown when `names` is given (the review
    window shows everyone's)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setContentsMargins(6, 3, 6, 3)
        self.setStyleSheet("QLabel#notesPanel { border-top: 1px solid palette(mid); }")
        self.hide()

    def show_notes(
        self,
        flags: Iterable[Flag],
        comments: Iterable[Comment],
        span_comments: Iterable[Comment] = (),
        names: dict[int, str] | None = None,
    ) -> None:
        """Show these notes (the span's comments under their own heading)."""

        def who(annotator_id: int) -> str:
            return names.get(annotator_id, "?") if names is not None else ""

        lines = [flag_line(f, who(f.annotator_id)) for f in flags]
        lines += [comment_line(c, who(c.annotator_id)) for c in comments]
        span_comments = list(span_comments)
        if span_comments:
            lines.append(QCoreApplication.translate("Notes", "On this span:"))
            lines += ["  " + comment_line(c, who(c.annotator_id), True) for c in span_comments]
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))
