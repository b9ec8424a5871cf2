"""The window follows the desktop's font size and pixel ratio: the article starts larger
when the desktop's font is larger, and the pictures we draw are made at the screen's
pixel ratio (QT_SCALE_FACTOR=2), not at 1x and scaled up."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from annotator.ui.document_view import DocumentView
from annotator.ui.fonts import DEFAULT_POINT_SIZE, SYSTEM_REFERENCE_POINTS, article_point_size


@pytest.fixture
def desktop_font(qapp):
    before = QFont(QApplication.font())

    def use(points: float) -> None:
        font = QFont(before)
        font.setPointSizeF(points)
        QApplication.setFont(font)

    yield use
    QApplication.setFont(before)


@pytest.mark.parametrize("points", [9.0, SYSTEM_REFERENCE_POINTS, 16.0, 20.0])
def test_the_article_starts_at_a_size_that_follows_the_desktop_font(qtbot, desktop_font, points):
    desktop_font(points)
    view = DocumentView()
    qtbot.addWidget(view)
    expected = max(DEFAULT_POINT_SIZE, round(DEFAULT_POINT_SIZE * points / 10.0))
    assert view.zoom_level() == article_point_size() == expected
    assert view.font().pointSize() == expected
    view.zoom_in()
    view.zoom_reset()
    assert view.zoom_level() == expected


HIDPI_SCRIPT = """
import json
from PySide6.QtWidgets import QApplication
from annotator.ui.document_view import DocumentView, PaintLink, PaintSpan
from annotator.ui.label_bar import swatch
from annotator.ui import link_arcs

ratios = []
drawn = link_arcs._arc_picture


def spy(*args):
    picture = drawn(*args)
    ratios.append(picture[0].devicePixelRatio())
    return picture


link_arcs._arc_picture = spy
app = QApplication([])
view = DocumentView()
view.resize(500, 300)
view.show()
text = "قال بوتين: «سنواصل العمل» في موسكو"
q, s = text.index("«"), text.index("بوتين")
spans = [PaintSpan(1, q, text.index("»") + 1, "QUOTE", "#c9daf8", ""),
         PaintSpan(2, s, s + 5, "PERSON", "#f4a3a3", "")]
view.set_document(text, spans, [PaintLink(1, 1, 2, "#3d85c6")])
app.processEvents()
view.viewport().repaint()
print(json.dumps({
    "screen": app.devicePixelRatio(),
    "viewport": view.viewport().devicePixelRatioF(),
    "swatch": swatch("#f4a3a3").availableSizes()[0].width(),
    "arcs": ratios,
}))
"""


def test_pictures_are_drawn_at_the_screens_pixel_ratio(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    out = subprocess.run(
        [sys.executable, "-c", HIDPI_SCRIPT], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["screen"] == 2.0 and seen["viewport"] == 2.0
    assert seen["swatch"] == 28  # 14 logical pixels, drawn at 2x
    assert seen["arcs"] and set(seen["arcs"]) == {2.0}
