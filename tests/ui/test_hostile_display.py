"""Hostile strings show literally everywhere the window shows them.

Titles, label names, the annotator's name and attribute values that look like markup
(`<b>x</b><img src=x>`), hold `%`, `_`, quotes, SQL, `&`, control characters or bidi
marks must appear exactly as typed: in the document list (text and tooltip), the spans
panel (rows and tooltips), the label bar (button text and tooltip), the status bar and
the article's span tooltips. A tooltip is checked the way Qt shows it: rich text when
`Qt.mightBeRichText` says so, rendered through a QTextDocument.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from annotator.core.model import Label
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui.app import build_window
from annotator.ui.background_job import show_error
from annotator.ui.plain_text import isolate
from annotator.ui.review_window import ReviewWindow
from annotator.ui.spans_panel import SPAN_ID, describe_attributes

HOSTILE = [
    "<b>x</b><img src=x>",
    "50% off",
    "snake_case",
    "O'Brien",
    'say "hi"',
    "'; DROP TABLE spans; --",
    "\u200fمرحبا\u200e abc",
    "\u202eevil\u202c",
    "R&D &amp; <!-- c -->",
    "R&D",
    "bell\x07",
    "\x1b[31mred\x1b[0m",
]
PRINTABLE = [value for value in HOSTILE if all(ord(ch) >= 32 for ch in value)]
# Tooltips of these hold quotes or '&' but no '<' (see the tests at the end).
ENTITY_PRONE = [v for v in HOSTILE if set(v) & set("'\"&") and "<" not in v]
LITERAL = [v for v in HOSTILE if v not in ENTITY_PRONE]
TOOLTIP = Qt.ItemDataRole.ToolTipRole
NAME = "<b>Ali</b><img src=x> 50%_ O'Brien \"q\" '; DROP TABLE spans; -- \u200fعلي\u200e R&D"


def shown(tip: str) -> str:
    """The text a tooltip (or any auto-format label) displays."""
    if GuiQt.mightBeRichText(tip):
        document = QTextDocument()
        document.setHtml(tip)
        return document.toPlainText()
    return tip


def mnemonic_shown(text: str) -> str:
    """What a button shows for its text: `&x` underlines x, `&&` is one `&`."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "&" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


@pytest.fixture
def project(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        ids = store.documents.add_many(
            NewDocument(f"{value} قال الرئيس اليوم", value) for value in HOSTILE
        ).ids
        me = store.ensure_annotator(NAME)
        for n, value in enumerate(PRINTABLE):
            store.labels.add(
                Label(name=f"L{n} {value}", kind="entity", colour="#abcdef", description=value)
            )
        for n, (doc, value) in enumerate(zip(ids, HOSTILE, strict=True)):
            label = f"L{n} {value}" if value in PRINTABLE else "PERSON"
            store.annotations.add_span(
                doc, me.id, label, 0, len(value), {"note": value, value: value}
            )
        yield store, ids


@pytest.fixture
def window(qtbot, project):
    store, _ids = project
    win = build_window(store, NAME)
    qtbot.addWidget(win)
    return win


def is_ours(name) -> bool:
    return bool(name) and re.match(r"L\d+ ", name) is not None


def doc_list_tooltips(window) -> dict[str, str]:
    model = window.documents.model()
    return {
        model.data(model.index(row, 0)): shown(
            model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
        )
        for row in range(model.rowCount())
    }


def panel_tooltips(window, ids) -> dict[str, str]:
    tips = {}
    for doc, value in zip(ids, HOSTILE, strict=True):
        window.open_document(doc)
        tips[value] = shown(window.spans_panel.model().index(0, 2).data(TOOLTIP))
    return tips


def label_bar_tooltips(window) -> dict[str, str]:
    tips = {}
    for action in window.label_bar.actions():
        name = action.data()
        if is_ours(name):
            label = window.store.labels.get(name)
            # name, kind and key on the first line; the description under it
            head = f"{name} ({label.kind})" + (f" — key {label.shortcut}" if label.shortcut else "")
            want = "\n".join(line for line in (head, label.description) if line)
            tips[want] = shown(action.toolTip())
    return tips


def test_document_list_shows_titles_literally(window, project):
    _store, ids = project
    model = window.documents.model()
    titles = {model.id_at(row): model.data(model.index(row, 0)) for row in range(model.rowCount())}
    assert titles == dict(zip(ids, HOSTILE, strict=True))
    tips = doc_list_tooltips(window)
    assert {title: tips[title] for title in LITERAL} == {title: title for title in LITERAL}


def test_spans_panel_and_view_show_spans_literally(window, project):
    _store, ids = project
    for doc, value in zip(ids, HOSTILE, strict=True):
        window.open_document(doc)
        (span,) = window.editor.spans
        rows = window.spans_panel.row_texts()
        texts = ["1", span.label, " ".join(value.split()), describe_attributes(span.attributes)]
        assert rows == [texts]
        assert window.spans_panel.model().index(0, 0).data(SPAN_ID) == span.id
        tip = shown(window.view.tooltip_html_at(0))
        assert f"{span.label} — {NAME}" in tip
        assert f"note={value}" in tip
    tips = panel_tooltips(window, ids)
    assert {value: tips[value] for value in LITERAL} == {value: value for value in LITERAL}


def label_bar_texts(window) -> dict[str, str]:
    """{the button text wanted: the text the button shows}."""
    bar = window.label_bar
    texts = {}
    for action in bar.actions():
        name = action.data()
        if is_ours(name):
            label = window.store.labels.get(name)
            expected = f"{label.shortcut}  {name}" if label.shortcut else name
            texts[expected] = mnemonic_shown(bar.widgetForAction(action).text())
    return texts


def test_label_bar_shows_names_literally(window):
    texts = label_bar_texts(window)
    assert len(texts) == len(PRINTABLE)
    plain = {want: got for want, got in texts.items() if "&" not in want}
    assert plain == {want: want for want in plain}
    tips = label_bar_tooltips(window)
    literal = {want: got for want, got in tips.items() if any(want.endswith(v) for v in LITERAL)}
    assert literal == {want: want for want in literal}


def test_status_bar_names_the_annotator_as_plain_text(window):
    assert window.who.textFormat() == Qt.TextFormat.PlainText
    assert window.who.text() == f"Annotator: {isolate(NAME)}"


# Escaped with html.escape alone, these came out as entities that Qt showed as they are
# ("O&#x27;Brien", "R&amp;D"): Qt reads a tooltip as rich text only when
# Qt.mightBeRichText() says so (a tag, or "&lt;", before the first line break).


def test_document_list_tooltips_show_quotes_and_ampersands(window):
    tips = doc_list_tooltips(window)
    assert {title: tips[title] for title in ENTITY_PRONE} == {t: t for t in ENTITY_PRONE}


def test_spans_panel_tooltips_show_quotes_and_ampersands(window, project):
    _store, ids = project
    tips = panel_tooltips(window, ids)
    assert {value: tips[value] for value in ENTITY_PRONE} == {v: v for v in ENTITY_PRONE}


def test_label_bar_tooltips_show_quotes_and_ampersands(window):
    tips = label_bar_tooltips(window)
    prone = {want: got for want, got in tips.items() if any(want.endswith(v) for v in ENTITY_PRONE)}
    assert prone and prone == {want: want for want in prone}


def test_label_bar_buttons_show_ampersands(window):
    """A button's text marks a mnemonic with '&': "R&D" showed as "RD"."""
    texts = {want: got for want, got in label_bar_texts(window).items() if "&" in want}
    assert texts and texts == {want: want for want in texts}


# -- a hostile label scheme: names that are markup, a link, an image and a mnemonic -----------

SCHEME = [
    '<img src="file:///etc/passwd">',
    '<a href="http://x">click</a>',
    "<b>bold</b>",
    "R&D",
    "edited [*]",
]
REVIEWER = '<a href="http://x">rev</a> & co'


def data_labels_not_plain(root: QWidget, strings: list[str]) -> list[str]:
    """Every QLabel under `root` that shows one of `strings` but may read it as markup
    (AutoText, RichText) or, having a buddy, takes its '&' for a mnemonic."""
    bad = []
    for label in root.findChildren(QLabel):
        text = label.text()
        if not any(s in text for s in strings):
            continue
        if label.textFormat() != Qt.TextFormat.PlainText:
            bad.append(f"{label.textFormat().name}: {text!r}")
        elif "&" in text and label.buddy() is not None:
            bad.append(f"mnemonic: {text!r}")
    return bad


@pytest.fixture
def scheme_project(tmp_path):
    """Every label and attribute name of the scheme is hostile, so are the annotators,
    the reviewer, the document titles and the attribute values."""
    with Store.open(tmp_path / "scheme.db") as store:
        attributes = {name: [name, "yes"] for name in SCHEME}
        for n, name in enumerate(SCHEME):
            store.labels.add(
                Label(
                    name=name,
                    kind="entity",
                    colour="#abcdef",
                    description=name,
                    position=n,
                    options={"attributes": attributes},
                )
            )
        text = "قال بوتين اليوم في موسكو إن الحرب مستمرة"
        ids = store.documents.add_many(
            NewDocument(f"{title} {text}", title) for title in SCHEME
        ).ids
        for who in SCHEME[:3]:
            person = store.ensure_annotator(who).id
            for doc, name in zip(ids, SCHEME, strict=True):
                store.annotations.add_span(doc, person, name, 0, len(name), {name: name})
        store.ensure_annotator(REVIEWER, role="reviewer")
        yield store, ids


@pytest.fixture
def scheme_window(qtbot, scheme_project):
    store, _ids = scheme_project
    win = build_window(store, SCHEME[0])
    qtbot.addWidget(win)
    win.show()
    return win


def open_attributes_dialog(window, inspect) -> None:
    """F2 on the window's first span; `inspect(dialog)` runs while the dialog is open."""
    seen = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            seen.append(inspect(dialog))
        finally:
            dialog.reject()

    window.editor.set_current(window.editor.spans[0].id)
    QTimer.singleShot(0, look)
    action = next(a for a in window.actions() if a.shortcut() == QKeySequence("F2"))
    action.trigger()
    assert seen, "the attributes dialog did not open"


def test_attributes_dialog_shows_scheme_names_as_plain_text(scheme_window, scheme_project):
    """F2 showed attribute names as rich text: an <img> of a local file, a live link."""
    _store, ids = scheme_project
    found: dict[str, tuple] = {}

    def inspect(dialog):
        for label in dialog.findChildren(QLabel):
            found[label.text()] = (label.textFormat(), label.buddy())
        return data_labels_not_plain(dialog, SCHEME), dialog.windowHandle().title()

    for doc, name in zip(ids, SCHEME, strict=True):
        scheme_window.open_document(doc)
        found.clear()
        bad, title = [], ""

        def record(dialog, name=name):
            nonlocal bad, title
            bad, title = inspect(dialog)
            return True

        open_attributes_dialog(scheme_window, record)
        assert bad == []
        assert title == f"{name} attributes"  # "[*]" is not taken for the modified mark
        for attribute in SCHEME:
            assert found[attribute] == (Qt.TextFormat.PlainText, None)


def test_every_label_of_both_windows_shows_data_as_plain_text(qtbot, scheme_window, scheme_project):
    store, ids = scheme_project
    for doc in ids:
        scheme_window.open_document(doc)
        assert data_labels_not_plain(scheme_window, [*SCHEME, REVIEWER]) == []
    show_error(scheme_window, SCHEME[0], " ".join(SCHEME))
    boxes = scheme_window.findChildren(QMessageBox)
    assert boxes and all(box.textFormat() == Qt.TextFormat.PlainText for box in boxes)
    assert data_labels_not_plain(scheme_window, SCHEME) == []

    review = ReviewWindow(store, store.annotator_by_name(REVIEWER))
    qtbot.addWidget(review)
    review.show()
    lanes = set()
    for doc in ids:
        review.open_document(doc)
        assert data_labels_not_plain(review, [*SCHEME, REVIEWER]) == []
        lanes |= {label.text() for label in review.lanes_box.findChildren(QLabel)}
    assert set(SCHEME[:3]) <= lanes
    assert review.windowHandle().title().endswith(REVIEWER)


def test_label_bar_spans_panel_and_tooltips_show_scheme_names(scheme_window, scheme_project):
    _store, ids = scheme_project
    texts = label_bar_texts_of(scheme_window)
    assert {name: texts[name] for name in SCHEME} == {name: name for name in SCHEME}
    for doc, name in zip(ids, SCHEME, strict=True):
        scheme_window.open_document(doc)
        rows = scheme_window.spans_panel.row_texts()
        assert [row[1] for row in rows] == [name]
        assert rows[0][3] == f"{name}={name}"
        tip = shown(scheme_window.view.tooltip_html_at(0))
        assert f"{name} — {SCHEME[0]}" in tip and f"{name}={name}" in tip
    tips = {action.data(): shown(action.toolTip()) for action in scheme_window.label_bar.actions()}
    assert {name: tips[name] for name in SCHEME} == {n: f"{n} (entity)\n{n}" for n in SCHEME}


def label_bar_texts_of(window) -> dict[str, str]:
    """{label name: what its button shows}."""
    bar = window.label_bar
    return {
        action.data(): mnemonic_shown(bar.widgetForAction(action).text())
        for action in bar.actions()
        if action.data()
    }


def test_undo_menu_shows_label_names_with_ampersands(scheme_window, scheme_project):
    """Edit ▸ Undo read "Undo Tag R&D" as a mnemonic and showed "Undo Tag RD"."""
    _store, ids = scheme_project
    scheme_window.open_document(ids[0])
    text = scheme_window.editor.text
    start = text.index("موسكو")
    scheme_window.view.select_offsets(start, start + len("موسكو"))
    scheme_window.apply_label("R&D", False)
    undo = next(a for a in scheme_window.actions() if a.shortcut() == QKeySequence.StandardKey.Undo)
    assert mnemonic_shown(undo.text()) == f"Undo Tag {isolate('R&D')}"
