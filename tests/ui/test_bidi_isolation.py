"""Names, numbers and shortcuts inside translated sentences keep their own order.

Checked where the eye sees it: the sentence is laid out by Qt (QTextLayout, right to left
as in the Arabic interface) and the x of each glyph is read back. "mona\u202eevil" used to
show as "monalive" in the status bar; "Ctrl++" inside an Arabic sentence as "++Ctrl".
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextLayout, QTextOption

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui import i18n
from annotator.ui.app import build_window
from annotator.ui.plain_text import FSI, PDI, isolate, shortcut_text

HOSTILE = "mona\u202eevil"


def glyph_x(label_text: str, indexes: list[int], font) -> list[float]:
    """Where (x) Qt draws the characters at `indexes` of a right-to-left line."""
    layout = QTextLayout(label_text, font)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    layout.createLine().setLineWidth(10_000)
    layout.endLayout()
    return [min(p.x() for run in layout.glyphRuns(i, 1) for p in run.positions()) for i in indexes]


def reads_left_to_right(text: str, word: str, font) -> bool:
    start = text.index(word)
    xs = glyph_x(text, list(range(start, start + len(word))), font)
    return xs == sorted(xs) and len(set(xs)) == len(xs)


@pytest.fixture
def window(qtbot, tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        store.documents.add_many([NewDocument("قال المتحدث", "خبر"), NewDocument("نفى", "خبر")])
        i18n.install_language("ar")
        win = build_window(store, HOSTILE)
        qtbot.addWidget(win)
        yield win
        i18n.install_language("en")


def test_isolate_drops_bidi_controls_and_wraps_the_value():
    assert isolate(HOSTILE) == f"{FSI}monaevil{PDI}"
    assert (
        isolate("\u202aa\u202bb\u202cc\u202dd\u2066e\u2067f\u2068g\u2069") == f"{FSI}abcdefg{PDI}"
    )
    assert isolate(42) == f"{FSI}42{PDI}"
    marks = "\u200fعلي\u200e"  # marks reorder nothing outside themselves: kept
    assert isolate(marks) == FSI + marks + PDI


def test_an_override_in_a_name_cannot_reorder_the_status_bar(window):
    text = window.who.text()
    assert "\u202e" not in text and text.startswith("المُوسِّم")
    assert reads_left_to_right(text, "monaevil", window.who.font())


def test_the_check_sees_the_reordering_it_guards_against(window):
    raw = "المُوسِّم: " + HOSTILE  # what the status bar used to show
    assert not reads_left_to_right(raw, "evil", window.who.font())
    assert reads_left_to_right("المُوسِّم: " + isolate(HOSTILE), "evil", window.who.font())


def test_the_document_position_reads_as_written(window):
    text = window.position.text()
    assert text == isolate("1 / 2")
    one, two = glyph_x(text, [text.index("1"), text.index("2")], window.position.font())
    assert one < two  # the label itself, right to left: "1 / 2", not "2 / 1"
    # in a right-to-left bar, without the isolate "3 / 5" shows as "5 / 3"
    sentence = "المستند " + isolate("3 / 5")
    xs = glyph_x(sentence, [sentence.index("3"), sentence.index("5")], window.font())
    assert xs[0] < xs[1]
    bare = "المستند 3 / 5"
    xs = glyph_x(bare, [bare.index("3"), bare.index("5")], window.font())
    assert xs[0] > xs[1]


@pytest.mark.parametrize("keys", ["Ctrl++", "Ctrl+-", "Ctrl+=", "Ctrl+Shift+E", "F2"])
def test_a_shortcut_inside_arabic_text_reads_as_written(window, keys):
    sequence = QKeySequence(keys)
    native = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    sentence = f"اضغط {shortcut_text(sequence)} للتكبير"
    assert reads_left_to_right(sentence, native, window.font())


def test_zoom_in_inside_arabic_text_needs_the_isolate(window):
    native = QKeySequence("Ctrl++").toString(QKeySequence.SequenceFormat.NativeText)
    assert not reads_left_to_right(f"اضغط {native} للتكبير", native, window.font())


def test_a_translated_key_name_stays_after_its_modifier(window):
    sequence = QKeySequence("Alt+Left")
    native = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    modifier, key = native.split("+")
    assert key != "Left"  # Qt's Arabic names the key: اليسار
    sentence = f"اضغط {shortcut_text(sequence)} للرجوع"
    xs = glyph_x(sentence, [sentence.index(modifier), sentence.index(key)], window.font())
    assert xs[0] < xs[1]  # "Alt+اليسار", as an Arabic reader expects a shortcut
