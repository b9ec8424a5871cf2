"""The annotation window on a laptop: it fits the screen, remembers where it was, keeps
the article readable at 1024×768, shows each label as one chip, and starts with the
keyboard in the article."""

from __future__ import annotations

from itertools import combinations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui.app import build_window
from annotator.ui.window_layout import (
    MAIN_WINDOW_SIZE,
    READABLE_WIDTH,
    fitted_size,
    shrink_sides_first,
)

TEXT = "قال بوتين في بكين وموسكو إن «الحوار ممكن» اليوم\n\nوأضاف أن روسيا والصين ستعملان معا."

LAPTOP = QRect(0, 0, 1366, 768)
SMALL = QRect(0, 0, 1024, 768)


@pytest.fixture
def project(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        store.documents.add_many([NewDocument(TEXT, "one"), NewDocument(TEXT + " ثانية", "two")])
        yield store


def open_window(qtbot, store: Store):
    win = build_window(store, "tester")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_fitted_size_leaves_room_on_laptop_screens():
    for screen in (LAPTOP, SMALL, QRect(0, 0, 800, 600)):
        size = fitted_size(screen, MAIN_WINDOW_SIZE)
        assert size.width() <= screen.width() * 0.9 and size.height() <= screen.height() * 0.9
    # on a large screen the window does not sprawl
    assert fitted_size(QRect(0, 0, 3840, 2160), MAIN_WINDOW_SIZE) == MAIN_WINDOW_SIZE


def test_window_opens_inside_the_screen(qtbot, project):
    win = open_window(qtbot, project)
    available = win.screen().availableGeometry()
    assert win.frameGeometry().width() <= available.width()
    assert win.frameGeometry().height() <= available.height()


def test_size_position_and_splitter_are_remembered(qtbot, project):
    win = open_window(qtbot, project)
    win.resize(700, 560)
    win.move(30, 40)
    win.splitter.setSizes([170, 350, 170])
    QApplication.processEvents()
    sizes, geometry = win.splitter.sizes(), win.geometry()
    win.close()
    again = open_window(qtbot, project)
    assert again.geometry().size() == geometry.size()
    assert again.geometry().topLeft() == geometry.topLeft()
    assert again.splitter.sizes() == sizes


def test_a_position_off_every_screen_is_not_restored(qtbot, project):
    win = open_window(qtbot, project)
    win.resize(600, 500)
    win.move(9000, 7000)
    win.close()
    again = open_window(qtbot, project)
    available = again.screen().availableGeometry()
    top_centre = QPoint(again.geometry().center().x(), again.geometry().top() + 4)
    assert available.contains(top_centre)


def test_sides_give_up_width_before_the_article():
    # the side panels shrink to their minimum first, then the article
    assert shrink_sides_first([300, 700, 300], [160, 420, 160], 100) == [250, 700, 250]
    assert shrink_sides_first([200, 700, 180], [160, 420, 160], 100) == [160, 660, 160]
    assert shrink_sides_first([160, 500, 160], [160, 420, 160], 500) == [160, 0, 160]


def chip_rects(win) -> dict[str, QRect]:
    bar = win.label_bar
    names = [label.name for label in win.store.labels.all()]
    return {name: bar.chip(name).geometry() for name in names}


@pytest.mark.parametrize("screen", [LAPTOP, SMALL], ids=["1366x768", "1024x768"])
def test_laptop_screen_article_readable_and_every_chip_whole(qtbot, project, screen):
    win = open_window(qtbot, project)
    win.resize(fitted_size(screen, MAIN_WINDOW_SIZE))
    QApplication.processEvents()
    assert win.width() <= screen.width()
    assert win.view.width() >= READABLE_WIDTH
    bar = win.label_bar
    inside = bar.rect()
    rects = chip_rects(win)
    assert len(rects) == len(project.labels.all())
    for name, rect in rects.items():
        assert bar.chip(name).isVisible(), name
        assert inside.contains(rect), f"{name} chip {rect} is cut off by the bar {inside}"
        right_edge = bar.mapTo(win, rect.topRight()).x()
        assert right_edge < win.width(), f"{name} chip runs past the window's edge"
    for a, b in combinations(rects.values(), 2):
        assert not a.intersects(b)
    if screen == SMALL:  # eleven chips do not fit one row in 921 pixels: they wrap
        assert len({r.top() for r in rects.values()}) >= 2


def test_narrowing_the_window_keeps_the_article(qtbot, project):
    win = open_window(qtbot, project)
    win.resize(fitted_size(LAPTOP, MAIN_WINDOW_SIZE))
    QApplication.processEvents()
    before = win.splitter.sizes()
    win.resize(fitted_size(SMALL, MAIN_WINDOW_SIZE))
    QApplication.processEvents()
    after = win.splitter.sizes()
    sides_at_minimum = all(after[i] <= win.splitter.widget(i).minimumWidth() + 1 for i in (0, 2))
    assert after[1] == before[1] or sides_at_minimum
    assert after[1] >= READABLE_WIDTH


def test_each_label_is_one_chip_in_its_colour_in_reading_order(qtbot, project):
    win = open_window(qtbot, project)
    win.resize(fitted_size(LAPTOP, MAIN_WINDOW_SIZE))
    QApplication.processEvents()
    bar = win.label_bar
    labels = {label.name: label for label in project.labels.all()}
    for name in ("PERSON", "ORG", "SPEAKER"):
        chip = bar.chip(name)
        label = labels[name]
        # the key and the name are in the one chip, as plain text
        assert chip.text() == f"{label.shortcut}  {name}"
        image = chip.grab().toImage()
        ratio = image.devicePixelRatio()
        # the chip's own fill, away from its text and its rounded corners
        sample = image.pixelColor(int(chip.width() * ratio / 2), int(4 * ratio))
        want = QColor(label.colour)
        assert (
            max(
                abs(sample.red() - want.red()),
                abs(sample.green() - want.green()),
                abs(sample.blue() - want.blue()),
            )
            <= 8
        ), f"{name}: chip painted {sample.name()}, label colour {label.colour}"
    # right to left: PERSON (first in the scheme) is the rightmost chip of the first row
    rects = chip_rects(win)
    first_row = [n for n, r in rects.items() if r.top() == rects["PERSON"].top()]
    assert max(first_row, key=lambda n: rects[n].right()) == "PERSON"
    assert rects["PERSON"].left() > rects["ORG"].right()


def test_focus_starts_in_the_article_so_a_label_key_labels(qtbot, project):
    win = build_window(project, "tester")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    focus = QApplication.focusWidget()
    assert focus is win.view
    start = TEXT.index("بوتين")
    win.view.select_offsets(start, start + 5)
    qtbot.keyClick(focus, Qt.Key.Key_1)
    who = project.annotator_by_name("tester").id
    doc = win.editor.document_id
    assert [(s.label, s.start, s.end) for s in project.annotations.spans(doc, who)] == [
        ("PERSON", start, start + 5)
    ]


@pytest.fixture
def empty(tmp_path):
    with Store.open(tmp_path / "empty.db") as store:
        yield store


def test_empty_project_opens_fitted(qtbot, empty):
    win = open_window(qtbot, empty)
    available = win.screen().availableGeometry()
    assert win.size().boundedTo(available.size()) == win.size()
    assert win.minimumSizeHint().width() <= SMALL.width() * 0.9


def test_no_pane_runs_past_the_right_edge(qtbot, project):
    # Qt mirrors a horizontal splitter's panes one pixel too far to the right: the
    # document list lost its right-hand column of pixels (the search box's border)
    win = open_window(qtbot, project)
    win.resize(fitted_size(LAPTOP, MAIN_WINDOW_SIZE))
    QApplication.processEvents()
    assert win.isRightToLeft()
    splitter = win.splitter
    for i in range(splitter.count()):
        pane = splitter.widget(i).geometry()
        assert pane.left() >= 0 and pane.right() < splitter.width(), (i, pane)
