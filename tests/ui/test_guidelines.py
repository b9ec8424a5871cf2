"""Guidelines at hand: the label bar's hover, View ▸ Guidelines (the scheme and the
project's Markdown document, never rendered as HTML)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from annotator.core.guidelines import guidelines, set_guidelines, store_guidelines_file
from annotator.core.store.labels import with_examples
from annotator.ui.guidelines_panel import GuidelinesPanel
from tests.ui.window_fixture import open_window

HOSTILE = "# القواعد\n\n**مهم**: <b>x</b> and <img src=x onerror=alert(1)>\n\n![pic]({png})\n"


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_window(qtbot, tmp_path)


def open_panel(qtbot, window) -> GuidelinesPanel:
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_G,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: (p := window.findChild(GuidelinesPanel)) is not None and p.isVisible())
    return window.findChild(GuidelinesPanel)


def plain(html_tooltip: str) -> str:
    document = QTextDocument()
    document.setHtml(html_tooltip)
    return document.toPlainText()


def test_chip_hover_and_panel_show_description_and_examples_literally(qtbot, window):
    window.store.labels.update(
        "ORG", description="<b>منظمة</b>", options={"examples": ["الأمم المتحدة", "<i>x</i>"]}
    )
    window.reload_labels()
    tip = plain(window.label_bar.chip("ORG").defaultAction().toolTip())
    assert "<b>منظمة</b>" in tip
    assert "الأمم المتحدة" in tip and "<i>x</i>" in tip
    assert "key 2" in tip
    shown = open_panel(qtbot, window).scheme.toPlainText()
    assert "<b>منظمة</b>" in shown and "<i>x</i>" in shown


def test_panel_shows_every_label_and_follows_scheme_edits(qtbot, window):
    panel = open_panel(qtbot, window)
    assert window.guidelines_action.isChecked()
    labels = window.store.labels.all()
    assert panel.scheme.labels == labels
    text = panel.scheme.toPlainText()
    for label in labels:
        assert f" {label.name} " in text and label.description in text
    assert "entity · key 1" in text
    assert "Examples: فلاديمير بوتين، شي جين بينغ" in text
    chip = panel.scheme.document().find(" PERSON ")
    assert chip.charFormat().background().color().name() == labels[0].colour

    # a scheme edit announced on the operation path reaches the open panel
    gpe = window.store.labels.update("GPE", name="PLACE")
    window.store.labels.update("PLACE", options=with_examples(gpe, ["دمشق"]).options)
    window.session.operations.announce(gpe.changes)
    text = panel.scheme.toPlainText()
    assert " PLACE " in text and " GPE " not in text and "Examples: دمشق" in text

    qtbot.keyClick(
        window.view,
        Qt.Key.Key_G,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: not panel.isVisible())
    assert not window.guidelines_action.isChecked()


def test_document_is_markdown_without_html_and_loads_nothing(qtbot, window, tmp_path):
    png = tmp_path / "secret.png"
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    image.save(str(png))
    path = tmp_path / "guide.md"
    path.write_text(HOSTILE.format(png=png), encoding="utf-8")
    store_guidelines_file(window.store, path)
    panel = open_panel(qtbot, window)
    panel.tabs.setCurrentIndex(1)
    document = panel.document.document()
    text = document.toPlainText()
    assert "<b>x</b>" in text and "<img src=x onerror=alert(1)>" in text
    assert "**" not in text and "القواعد" in text  # Markdown itself is rendered
    bold = document.find("مهم")
    assert bold.charFormat().fontWeight() >= 600
    panel.document.viewport().repaint()
    loaded = document.resource(
        QTextDocument.ResourceType.ImageResource, QUrl.fromLocalFile(str(png))
    )
    assert loaded is None or (isinstance(loaded, QImage) and loaded.isNull())


def test_panel_says_how_to_add_a_document_when_there_is_none(qtbot, window):
    set_guidelines(window.store, "")
    panel = open_panel(qtbot, window)
    assert "annotator guidelines FILE.md" in panel.document.document().toPlainText()


def test_panel_stores_a_file_undoably_and_refuses_a_bad_one(qtbot, window, tmp_path):
    set_guidelines(window.store, "# old")
    panel = open_panel(qtbot, window)
    path = tmp_path / "new.md"
    path.write_text("# جديد\n\n<b>x</b>\n", encoding="utf-8")
    assert panel.store_file(path)
    assert guidelines(window.store) == "# جديد\n\n<b>x</b>\n"
    assert "جديد" in panel.document.document().toPlainText()
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    undo = next(a for a in edit.actions() if a.text().startswith("Undo scheme change:"))
    undo.trigger()
    assert guidelines(window.store) == "# old"
    assert panel.document.document().toPlainText() == "old"

    bad = tmp_path / "bad.md"
    bad.write_bytes(b"ok\n\xff")
    assert not panel.store_file(bad)
    assert "bad.md, line 2: not valid UTF-8" in panel.problem.text()
    assert guidelines(window.store) == "# old"
