"""The interface language: Arabic or English, chosen on the command line, in the user's
settings or from the system locale, and Qt's translators for it (ours and Qt's own qtbase,
so standard buttons are translated too).

The catalogue is resources/i18n/annotator_ar.ts (compiled to annotator_ar.qm by
`make translations`); English is the source language and needs no catalogue.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    Qt,
    QTranslator,
)
from PySide6.QtWidgets import QStatusBar

from annotator.core.resources import resource_dir
from annotator.ui.window_layout import user_settings

LANGUAGES = ("ar", "en")
LANGUAGE_NAMES = {"ar": "العربية", "en": "English"}  # each in itself: never translated
LANGUAGE_KEY = "interface/language"
SETTINGS_NAME = "interface"
# Qt's own names for its standard buttons, given again in our catalogue (which Qt asks
# first) in the house style: موافق/إلغاء as nouns where qtbase_ar says حسنًا/ألغِ.
STANDARD_BUTTONS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults"),
    QT_TRANSLATE_NOOP("QGnomeTheme", "&OK"),
    QT_TRANSLATE_NOOP("QGnomeTheme", "&Cancel"),
    QT_TRANSLATE_NOOP("QGnomeTheme", "&Close"),
    QT_TRANSLATE_NOOP("QGnomeTheme", "&Save"),
)
_INSTALLED: list[QTranslator] = []  # Qt does not own installed translators: keep them alive


def interface_settings() -> QSettings:
    """Where the interface's preferences are kept: the language, dark mode, suggestions."""
    return user_settings(SETTINGS_NAME)


def system_language() -> str:
    """ "ar" when the system locale is Arabic, else "en"."""
    return "ar" if QLocale.system().language() == QLocale.Language.Arabic else "en"


def saved_language() -> str | None:
    """The language chosen in View ▸ Language, if any."""
    value = interface_settings().value(LANGUAGE_KEY)
    return value if value in LANGUAGES else None


def save_language(language: str) -> None:
    """Remember `language` for the next start."""
    settings = interface_settings()
    settings.setValue(LANGUAGE_KEY, language)
    settings.sync()


def chosen_language(command_line: str | None = None) -> str:
    """`--lang` first, then the saved choice, then the system locale."""
    if command_line in LANGUAGES:
        return command_line
    return saved_language() or system_language()


def catalogue_path(language: str) -> Path:
    """Our compiled catalogue for `language` (it may not exist for "en")."""
    return resource_dir("resources") / "i18n" / f"annotator_{language}.qm"


def qt_catalogue_folders() -> list[str]:
    """Where Qt's own translations (qtbase_ar.qm) may be: where Qt says, then beside
    PySide6 (a frozen bundle keeps them there)."""
    import PySide6

    return [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations"),
    ]


def install_language(language: str) -> str:
    """Make `language` the interface language of the running application: our catalogue
    and Qt's, and the layout direction. Returns the language in force ("en" when the
    catalogue cannot be read, so the interface is never half-translated by accident)."""
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication must exist first"
    for old in _INSTALLED:
        app.removeTranslator(old)
    _INSTALLED.clear()
    if language != "en":
        ours = QTranslator()
        if not ours.load(str(catalogue_path(language))):
            language = "en"
        else:
            qt = QTranslator()
            if any(qt.load(f"qtbase_{language}", folder) for folder in qt_catalogue_folders()):
                _INSTALLED.append(qt)
            _INSTALLED.append(ours)
            for translator in _INSTALLED:
                app.installTranslator(translator)
    if hasattr(app, "setLayoutDirection"):
        app.setLayoutDirection(interface_direction(language))
    return language


def interface_direction(language: str | None = None) -> Qt.LayoutDirection:
    """Right to left for an Arabic interface (menus, dialogs), else left to right."""
    language = language or current_language()
    return Qt.LayoutDirection.RightToLeft if language == "ar" else Qt.LayoutDirection.LeftToRight


def current_language() -> str:
    """The language of the installed catalogue ("en" when none is)."""
    for translator in _INSTALLED:
        if translator.language():
            return translator.language().split("_")[0]
    return "en"


class _HasStatusBar(Protocol):
    def statusBar(self) -> QStatusBar: ...


def choose_language(window: _HasStatusBar, language: str) -> None:
    """View ▸ Language: keep the choice and say that it applies from the next start (the
    open windows keep their language)."""
    save_language(language)
    if language == current_language():
        message = QCoreApplication.translate("Language", "The interface language is {language}.")
    else:
        message = QCoreApplication.translate(
            "Language", "The interface will be in {language} when the annotator is started again."
        )
    window.statusBar().showMessage(message.format(language=LANGUAGE_NAMES[language]), 15000)
