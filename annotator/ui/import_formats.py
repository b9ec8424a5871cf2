"""File ▸ Import's formats, from the format table: the file dialog's type list (each
readable format with its name endings), and a chooser that asks for the format of files
whose format cannot be told from their content or name, instead of only refusing them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import InputError
from annotator.core.files.input_files import file_problem
from annotator.core.formats.input_kinds import ARTICLE_SUFFIX, is_article
from annotator.core.formats.registry import Format, guess_format, readable
from annotator.ui.i18n import interface_direction
from annotator.ui.plain_text import plain_label, window_title

ANY_FORMAT = QT_TRANSLATE_NOOP("ImportFormats", "Articles and annotations")
ARTICLES = QT_TRANSLATE_NOOP("ImportFormats", "Articles")
ALL_FILES = QT_TRANSLATE_NOOP("ImportFormats", "All files (*)")
SHOWN_NAMES = 8  # the chooser names at most this many files
NAME_ROLE = Qt.ItemDataRole.UserRole


@dataclass
class ImportChoice:
    """What File ▸ Import chose: the paths, and the format to read them in (None: told
    from each file)."""

    paths: list[Path]
    format_name: str | None = None


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportFormats", text)


def _patterns(suffixes: tuple[str, ...] | list[str]) -> str:
    return " ".join(f"*{suffix}" for suffix in suffixes)


def file_filters() -> list[tuple[str, str | None]]:
    """The file dialog's type list: (filter text, the format it names or None)."""
    formats = readable()
    any_format, articles = _tr(ANY_FORMAT), _tr(ARTICLES)
    every = [ARTICLE_SUFFIX] + [s for f in formats for s in f.suffixes]
    rows: list[tuple[str, str | None]] = [
        (f"{any_format} ({_patterns(list(dict.fromkeys(every)))})", None),
        (f"{articles} ({_patterns([ARTICLE_SUFFIX])})", None),
    ]
    for fmt in formats:
        rows.append((f"{fmt.title} ({_patterns(fmt.suffixes) or '*'})", fmt.name))
    rows.append((_tr(ALL_FILES), None))
    return rows


def choose_import(parent: QWidget | None) -> ImportChoice:
    """File ▸ Import's file dialog. Choosing a format's line in the type list reads every
    chosen file in that format; the other lines leave it to be told from each file."""
    rows = file_filters()
    names, chosen = QFileDialog.getOpenFileNames(
        parent,
        QCoreApplication.translate("ImportFormats", "Import"),
        "",
        ";;".join(text for text, _name in rows),
    )
    by_filter = dict(rows)
    return ImportChoice([Path(name) for name in names], by_filter.get(chosen))


def cannot_tell(path: Path) -> bool:
    """True if `path` is a file `import` would refuse with "cannot tell the format"
    (neither an article nor a file whose content or name says its format)."""
    if path.is_dir() or is_article(path) or file_problem(path) is not None:
        return False  # articles, folders, or a problem the import itself reports
    try:
        guess_format(path)
    except InputError:
        return True
    return False


def settle_format(parent: QWidget | None, choice: ImportChoice) -> ImportChoice | None:
    """The choice with a format for files whose format cannot be told, asked for in a
    chooser (it then applies to every chosen file); None if the user cancelled it."""
    if choice.format_name is not None:
        return choice
    unknown = [path for path in choice.paths if cannot_tell(path)]
    if not unknown:
        return choice
    fmt = FormatChooser(unknown, len(choice.paths), parent).ask()
    return None if fmt is None else ImportChoice(choice.paths, fmt.name)


class FormatChooser(QDialog):
    """Which format to read files in whose format cannot be told (a list of the readable
    formats, by title; file names shown as plain text)."""

    def __init__(self, unknown: list[Path], chosen: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importFormatChooser")
        self.setLayoutDirection(interface_direction())
        self.setWindowTitle(window_title(self.tr("Choose the format")))
        layout = QVBoxLayout(self)
        names = [path.name for path in unknown[:SHOWN_NAMES]]
        if len(unknown) > SHOWN_NAMES:
            more = self.tr("… and {count} more").format(count=len(unknown) - SHOWN_NAMES)
            names.append(more)
        if chosen == 1:
            read = self.tr("Read every chosen file in this format:")
        else:
            read = self.tr("Read all {count} chosen files in this format:").format(count=chosen)
        cannot = self.tr("Cannot tell the format of:")
        self.message = plain_label(cannot + "\n" + "\n".join(names) + "\n\n" + read)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.formats = QListWidget()
        self.formats.setObjectName("importFormats")
        for fmt in readable():
            item = QListWidgetItem(fmt.title)  # item texts are never markup
            item.setData(NAME_ROLE, fmt.name)
            self.formats.addItem(item)
        # wide and tall enough to read every title without scrolling (as far as it fits)
        frame = 2 * self.formats.frameWidth() + 24
        self.formats.setMinimumWidth(min(self.formats.sizeHintForColumn(0) + frame, 900))
        rows = self.formats.sizeHintForRow(0) * self.formats.count()
        self.formats.setMinimumHeight(min(rows + frame, 400))
        self.formats.itemDoubleClicked.connect(lambda _item: self.accept())
        self.formats.currentRowChanged.connect(self._update_ok)
        layout.addWidget(self.formats)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.formats.currentItem() is not None)

    def select(self, name: str) -> None:
        """Select the format called `name` (as a click on its line does)."""
        for row in range(self.formats.count()):
            if self.formats.item(row).data(NAME_ROLE) == name:
                self.formats.setCurrentRow(row)
                return
        raise KeyError(name)

    def chosen(self) -> Format | None:
        item = self.formats.currentItem()
        if item is None:
            return None
        return next(f for f in readable() if f.name == item.data(NAME_ROLE))

    def ask(self) -> Format | None:
        """Show the chooser (modal); the format chosen, or None if cancelled."""
        return self.chosen() if self.exec() == QDialog.DialogCode.Accepted else None
