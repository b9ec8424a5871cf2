"""Guidelines at hand: the label bar's hover, View ▸ Guidelines (the scheme and the
project's Markdown document, never rendered as HTML)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from annotator.core.guidelines import set_guidelines, store_guidelines_file
from annotator.core.store.labels import label_examples, with_examples
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


def test_chip_hover_shows_description_and_examples_literally(window):
    window.store.labels.update(
        "ORG", description="<b>منظمة</b>", options={"examples": ["الأمم المتحدة", "<i>x</i>"]}
    )
    window.reload_labels()
    tip = plain(window.label_bar.chip("ORG").defaultAction().toolTip())
    assert "<b>منظمة</b>" in tip
    assert "الأمم المتحدة" in tip and "<i>x</i>" in tip
    assert "key 2" in tip


def test_panel_shows_every_label_and_follows_scheme_edits(qtbot, window):
    panel = open_panel(qtbot, window)
    assert window.guidelines_action.isChecked()
    rows = panel.scheme.row_texts()
    labels = window.store.labels.all()
    assert [row[0] for row in rows] == [label.name for label in labels]
    person = rows[0]
    assert person[1] == "1" and person[2] == "entity" and "شخص" in person[3]
    assert "فلاديمير بوتين" in person[4]
    icon = panel.scheme.item(0, 0).icon().pixmap(8, 8).toImage()
    assert QColor(icon.pixel(4, 4)).name() == labels[0].colour

    # a scheme edit announced on the operation path reaches the open panel
    gpe = window.store.labels.update("GPE", name="PLACE")
    window.store.labels.update("PLACE", options=with_examples(gpe, ["دمشق"]).options)
    window.session.operations.announce(gpe.changes)
    rows = panel.scheme.row_texts()
    assert rows[2][0] == "PLACE" and rows[2][4] == "دمشق"
    assert label_examples(window.store.labels.get("PLACE")) == ["دمشق"]

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
