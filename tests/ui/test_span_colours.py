"""Span colours readable in light and dark palettes: WCAG contrast of the text over every
label's wash, computed for the bundled scheme; the view and the window follow a palette
change (the desktop's, or View ▸ Dark mode)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from annotator.core.resources import default_scheme_path
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.store.labels import load_scheme
from annotator.ui import appearance
from annotator.ui.app import build_window
from annotator.ui.document_view import DocumentView, PaintSpan
from annotator.ui.label_bar import chip_style
from annotator.ui.span_colours import (
    MIN_CONTRAST,
    SpanLook,
    contrast_ratio,
    dark_palette,
    is_dark,
    luminance,
)

SCHEME = [label for label in load_scheme(default_scheme_path()) if label.kind != "relation"]


def light_palette() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    return palette


PALETTES = {"light": light_palette, "dark": dark_palette, "system": lambda: QPalette()}


def test_contrast_ratio_is_wcag():
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert luminance(QColor("#ffffff")) == pytest.approx(1.0)


@pytest.mark.parametrize("name", PALETTES)
@pytest.mark.parametrize("label", SCHEME, ids=lambda label: label.name)
def test_text_over_every_label_reads_in_both_palettes(qapp, name, label):
    palette = PALETTES[name]()
    look = SpanLook.of(palette)
    fill, ink = look.colours(label.colour)
    assert contrast_ratio(ink, fill) >= MIN_CONTRAST
    # and the span is still seen: its wash differs from the page around it
    assert fill != palette.color(QPalette.ColorRole.Base)
    if name == "dark":
        assert ink == palette.color(QPalette.ColorRole.Text)  # light text stays light
        assert luminance(fill) < 0.2  # a dark wash, not a pastel glare


def test_a_colour_no_wash_can_carry_gets_its_own_ink(qapp):
    # mid-grey text on a mid-grey page: nothing reaches 4.5, so the span's ink changes
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#808080"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#7a7a7a"))
    fill, ink = SpanLook.of(palette).colours("#f4a3a3")
    assert ink in (QColor("#000000"), QColor("#ffffff"))
    assert contrast_ratio(ink, fill) >= MIN_CONTRAST


@pytest.fixture
def view(qtbot):
    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.resize(500, 300)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def wash_at(view: DocumentView, offset: int) -> QColor:
    block = view.document().findBlock(view._map.to_utf16(offset))
    rel = view._map.to_utf16(offset) - block.position()
    for fr in block.layout().formats():
        if fr.start <= rel < fr.start + fr.length:
            return fr.format.background().color()
    raise AssertionError("no background there")


def test_the_view_washes_spans_again_when_the_palette_turns_dark(view):
    text = "قال بوتين في موسكو"
    start = text.index("بوتين")
    view.set_document(text, [PaintSpan(1, start, start + 5, "PERSON", "#f4a3a3", "")])
    view.setPalette(light_palette())
    QApplication.processEvents()
    light = wash_at(view, start)
    assert luminance(light) > 0.6
    view.setPalette(dark_palette())
    QApplication.processEvents()
    dark = wash_at(view, start)
    assert luminance(dark) < 0.2
    text_colour = view.palette().color(QPalette.ColorRole.Text)
    assert contrast_ratio(text_colour, dark) >= MIN_CONTRAST


@pytest.fixture
def window(qtbot, tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        store.documents.add_many([NewDocument("قال بوتين في موسكو", "one")])
        win = build_window(store, "tester")
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        yield win
        appearance.set_dark(False)


def dark_action(window):
    return next(a for a in window.actions() if a.text().replace("&", "") == "Dark mode")


def test_view_dark_mode_switches_the_palette_and_is_remembered(window):
    action = dark_action(window)
    assert not action.isChecked() and not is_dark(window.view.palette())
    action.trigger()
    QApplication.processEvents()
    assert is_dark(window.view.palette()) and is_dark(window.spans_panel.palette())
    assert window.view._span_look.fits(window.view.palette())
    assert appearance.saved_dark()
    action.trigger()
    QApplication.processEvents()
    assert not is_dark(window.view.palette())
    assert not appearance.saved_dark()


@pytest.mark.parametrize(
    "colour",
    [label.colour for label in load_scheme(default_scheme_path())] + ["#0000ff", "#808080"],
)
def test_label_chips_write_their_key_and_name_in_readable_ink(qapp, colour):
    style = chip_style(colour)
    fill = re.search(r"background-color: (#[0-9a-f]{6})", style).group(1)
    ink = re.search(r"; color: (#[0-9a-f]{6})", style).group(1)
    assert contrast_ratio(QColor(ink), QColor(fill)) >= MIN_CONTRAST
