"""Window size, position and splitter positions: fitted to the screen on the first start,
then remembered between runs.

They are kept in the user's Qt settings (on Linux ~/.config/arabic-news-annotator/
window-layout.ini), not in the project: where a window sits is a property of this desktop,
and one project file travels between annotators' machines.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

SETTINGS_ORGANISATION = "arabic-news-annotator"
SETTINGS_NAME = "window-layout"
SCREEN_SHARE = 0.9  # of the screen's available area, on the first start
MAIN_WINDOW_SIZE = QSize(1400, 860)  # at most, on a large screen
REVIEW_WINDOW_SIZE = QSize(1440, 900)
READABLE_WIDTH = 420  # the article is never narrower (about 45 Arabic letters)
SIDE_PANEL_WIDTH = 160  # the document list and the spans panel shrink down to this


def user_settings(name: str) -> QSettings:
    """One file of the user's settings (per machine, never in a project), `name`.ini in
    the user's config folder (`use_settings_folder` moves them all)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, SETTINGS_ORGANISATION, name
    )


def layout_settings() -> QSettings:
    """Where window layouts are kept."""
    return user_settings(SETTINGS_NAME)


def use_settings_folder(folder: str | Path) -> None:
    """Keep window layouts under `folder` from now on (a self-test never touches the
    user's own)."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def fitted_size(available: QRect, preferred: QSize, share: float = SCREEN_SHARE) -> QSize:
    """`preferred`, shrunk to at most `share` of the screen's available area."""
    return QSize(
        min(preferred.width(), int(available.width() * share)),
        min(preferred.height(), int(available.height() * share)),
    )


def _reachable(frame: QRect) -> bool:
    """Whether the top edge of a window at `frame` (where it is dragged from) lies on a
    screen."""
    probe = QPoint(frame.center().x(), frame.top() + 4)
    return any(screen.availableGeometry().contains(probe) for screen in QGuiApplication.screens())


def place_window(
    window: QMainWindow, key: str, preferred: QSize, splitters: dict[str, QSplitter]
) -> bool:
    """Give `window` its remembered geometry and splitter positions, or, the first time
    and when the remembered place is off every screen, a size fitted to its screen.
    Returns True when the splitters were restored."""
    settings = layout_settings()
    settings.beginGroup(key)
    saved = settings.value("geometry")
    restored = isinstance(saved, QByteArray) and window.restoreGeometry(saved)
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    if not restored or not _reachable(window.geometry()):
        window.setWindowState(Qt.WindowState.WindowNoState)
        size = fitted_size(available, preferred)
        window.resize(size)
        if restored:  # it was off-screen: bring it back to the middle of this one
            frame = QRect(QPoint(0, 0), size)
            frame.moveCenter(available.center())
            window.move(frame.topLeft())
    elif not window.isMaximized():
        window.resize(window.size().boundedTo(available.size()))
    splitters_restored = True
    for name, splitter in splitters.items():
        state = settings.value(f"splitter/{name}")
        ok = isinstance(state, QByteArray) and splitter.restoreState(state)
        splitters_restored = splitters_restored and ok
    settings.endGroup()
    return splitters_restored


def remember_window(window: QMainWindow, key: str, splitters: dict[str, QSplitter]) -> None:
    """Keep the window's geometry and splitter positions for the next start."""
    settings = layout_settings()
    settings.beginGroup(key)
    settings.setValue("geometry", window.saveGeometry())
    for name, splitter in splitters.items():
        settings.setValue(f"splitter/{name}", splitter.saveState())
    settings.endGroup()
    settings.sync()


def shrink_sides_first(sizes: list[int], minimums: list[int], deficit: int) -> list[int]:
    """Sizes of three panes after taking `deficit` pixels away: from the two side panes
    (in proportion to their room above their minimums) until they reach their minimums,
    then from the middle one."""
    left, middle, right = sizes
    room = [max(0, left - minimums[0]), max(0, right - minimums[2])]
    from_sides = min(deficit, sum(room))
    take_left = from_sides * room[0] // sum(room) if from_sides else 0
    take_right = from_sides - take_left
    middle = max(0, middle - (deficit - from_sides))
    return [left - take_left, middle, right - take_right]


class ArticleSplitter(QSplitter):
    """Three panes side by side: a wider window gives its room to the middle pane (the
    article); a narrower one takes it from the side panes first, down to their minimum
    widths, so the article keeps a readable width as long as it can."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._fit_mirrored_panes()

    def _fit_mirrored_panes(self) -> None:
        # Right to left, Qt places the panes one pixel too far right (seen in Qt 6.11): the
        # right-hand pane's last column fell outside the window. A one-pixel margin on
        # that side brings it back.
        self.setContentsMargins(0, 0, 1 if self.isRightToLeft() else 0, 0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._fit_mirrored_panes()

    def resizeEvent(self, event: QResizeEvent) -> None:
        before = self.sizes()
        super().resizeEvent(event)
        after = self.sizes()
        deficit = sum(before) - sum(after)
        if self.count() != 3 or deficit <= 0 or not all(before) or not all(after):
            return
        minimums = [
            max(self.widget(i).minimumWidth(), self.widget(i).minimumSizeHint().width())
            for i in range(3)
        ]
        self.setSizes(shrink_sides_first(before, minimums, deficit))


def labelled_panes(
    label_bar: QWidget, first: QWidget, middle: QWidget, last: QWidget
) -> tuple[QWidget, ArticleSplitter]:
    """A window's page: the label bar across the top, three panes under it. `first` sits
    where reading starts (on the right in a right-to-left window); the side panes shrink
    down to SIDE_PANEL_WIDTH, `middle` never below READABLE_WIDTH, none collapses."""
    splitter = ArticleSplitter()
    for pane in (first, middle, last):
        splitter.addWidget(pane)
        splitter.setCollapsible(splitter.indexOf(pane), False)
    for side in (first, last):
        side.setMinimumWidth(SIDE_PANEL_WIDTH)
    middle.setMinimumWidth(READABLE_WIDTH)
    splitter.setStretchFactor(1, 1)
    page = QWidget()
    rows = QVBoxLayout(page)
    rows.setContentsMargins(0, 0, 0, 0)
    rows.setSpacing(0)
    rows.addWidget(label_bar)
    rows.addWidget(splitter, 1)
    return page, splitter


def share_out(splitter: QSplitter, total: int, percents: tuple[int, ...]) -> None:
    """Give the splitter's panes these percentages of `total` pixels."""
    splitter.setSizes([total * share // 100 for share in percents])
