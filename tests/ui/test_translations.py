"""The Arabic catalogue: complete, in step with the code, compiled; the window in Arabic
(its menus, Qt's own standard buttons, the mirrored menu bar) and the choice of language.

The catalogue tests run the real pyside6-lupdate over annotator/ui, so a text added to
the code without a translation fails here, not in front of an annotator.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from annotator.cli.main import main as cli_main
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.ui import i18n
from annotator.ui.app import build_window

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import update_translations  # noqa: E402  (packaging/ is not a package)

CATALOGUE = update_translations.CATALOGUE
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%[nvmp0-9]")


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    """The catalogue's live messages by (context, source); dropped ones left out."""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            kind = message.find("translation").get("type")
            if kind not in ("obsolete", "vanished"):
                found[(name, message.findtext("source"))] = message
    return found


def translations(message: ET.Element) -> list[str]:
    element = message.find("translation")
    forms = [form.text or "" for form in element.iter("numerusform")]
    return forms if message.get("numerus") == "yes" else [element.text or ""]


@pytest.fixture
def arabic(qtbot):
    """The interface in Arabic for one test, English again afterwards."""
    assert i18n.install_language("ar") == "ar"
    yield
    i18n.install_language("en")


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "p.db") as opened:
        opened.documents.add_many([NewDocument("قال المتحدث إن الاجتماع انتهى", "خبر")])
        yield opened


# -- the catalogue ---------------------------------------------------------------------------


def test_every_message_of_the_arabic_catalogue_is_translated():
    found = messages(CATALOGUE)
    assert len(found) > 200
    untranslated = [
        key
        for key, message in found.items()
        if message.find("translation").get("type") == "unfinished"
        or not all(text.strip() for text in translations(message))
    ]
    assert untranslated == [], "translate these in resources/i18n/annotator_ar.ts"


def test_translations_keep_their_placeholders_and_at_most_one_mnemonic():
    broken = []
    for key, message in messages(CATALOGUE).items():
        wanted = sorted(PLACEHOLDER.findall(key[1]))
        for text in translations(message):
            mnemonics = len(re.findall(r"&(?!&)", text.replace("&&", "")))
            if sorted(PLACEHOLDER.findall(text)) != wanted or mnemonics > 1:
                broken.append((key, text))
    assert broken == []


def first_direction(text: str) -> str:
    """The bidi class of the first strong character outside placeholders ("" if none)."""
    for char in PLACEHOLDER.sub("", text).replace("&", ""):
        if unicodedata.bidirectional(char) in ("L", "R", "AL"):
            return unicodedata.bidirectional(char)
    return ""


def test_arabic_sentences_start_right_to_left():
    # Qt sets a label's direction from its first strong letter: a translation that opens
    # with a Latin name or a placeholder would be laid out left to right.
    wrong = [
        (key, text)
        for key, message in messages(CATALOGUE).items()
        for text in translations(message)
        if text != key[1] and first_direction(text) not in ("R", "AL")
    ]
    assert wrong == []


def test_the_catalogue_holds_every_text_of_the_code(tmp_path):
    fresh = tmp_path / "fresh_ar.ts"
    update_translations.lupdate(fresh)
    in_code = set(messages(fresh))
    assert ("Menus", "&File") in in_code and ("MainWindow", "Annotator: {name}") in in_code
    missing = sorted(in_code - set(messages(CATALOGUE)))
    assert missing == [], "run `make translations` and translate the new texts"


def test_the_compiled_catalogue_is_the_ts_compiled(tmp_path):
    compiled = tmp_path / "annotator_ar.qm"
    update_translations.lrelease(CATALOGUE, compiled)
    shipped = CATALOGUE.with_suffix(".qm")
    assert compiled.read_bytes() == shipped.read_bytes(), "run `make translations`"


def test_lupdate_reads_the_forms_the_code_uses(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text(
        "from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication\n"
        "class Pane:\n"
        "    def f(self):\n"
        "        return self.tr('Shown {name}').format(name='x')\n"
        "A = QT_TRANSLATE_NOOP('Tables', 'Column')\n"
        "B = QCoreApplication.translate('Menus', 'Entry')\n",
        encoding="utf-8",
    )
    catalogue = tmp_path / "sample.ts"
    subprocess.run(
        [update_translations.tool("lupdate"), "-silent", str(source), "-ts", str(catalogue)],
        check=True,
    )
    assert set(messages(catalogue)) == {
        ("Pane", "Shown {name}"),
        ("Tables", "Column"),
        ("Menus", "Entry"),
    }


def test_the_catalogue_ships_inside_the_package_data():
    assert i18n.catalogue_path("ar") == ROOT / "resources" / "i18n" / "annotator_ar.qm"
    assert '"resources" = "annotator/_data/resources"' in (ROOT / "pyproject.toml").read_text()


# -- the window in Arabic --------------------------------------------------------------------


def test_the_window_in_arabic_has_arabic_menus_mirrored(qtbot, store, arabic):
    window = build_window(store, "mona")
    qtbot.addWidget(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[:4] == ["&ملف", "&تحرير", "&عرض", "&انتقال"]
    assert window.menuBar().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.who.text() == "المُوسِّم: \u2068mona\u2069"
    undo = next(a for a in window.actions() if a.text().startswith("&تراجع"))
    assert undo is not None


def test_qt_standard_buttons_are_arabic(qtbot, arabic):
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok).text().replace("&", "")
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")
    assert (ok, cancel) == ("موافق", "إلغاء")


def test_english_is_the_source_language(qtbot, store):
    assert i18n.install_language("en") == "en"
    window = build_window(store, "mona")
    qtbot.addWidget(window)
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.menuBar().layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_view_language_keeps_the_choice_for_the_next_start(qtbot, store):
    window = build_window(store, "mona")
    qtbot.addWidget(window)
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    language = next(a.menu() for a in view.actions() if a.text() == "&Language")
    choices = {action.text(): action for action in language.actions()}
    assert set(choices) == {"العربية", "English"} and choices["English"].isChecked()
    choices["العربية"].trigger()
    assert i18n.saved_language() == "ar"
    assert "started again" in window.statusBar().currentMessage()
    assert i18n.chosen_language() == "ar"
    assert i18n.chosen_language("en") == "en"  # --lang wins over the saved choice


def test_without_a_choice_the_system_locale_decides(monkeypatch):
    assert i18n.saved_language() is None
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.Arabic)))
    assert i18n.chosen_language() == "ar"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.French)))
    assert i18n.chosen_language() == "en"


def test_lang_on_the_command_line_reaches_the_window(monkeypatch):
    started: list[tuple] = []
    monkeypatch.setattr("annotator.ui.app.run_app", lambda *args: started.append(args) or 0)
    assert cli_main(["--lang", "ar", "--db", "x.db"]) == 0
    assert started == [("x.db", "ar")]
    with pytest.raises(SystemExit):
        cli_main(["--lang", "fr"])


def test_a_missing_catalogue_falls_back_to_english(monkeypatch, tmp_path, qtbot):
    monkeypatch.setattr(i18n, "catalogue_path", lambda language: tmp_path / "none.qm")
    assert i18n.install_language("ar") == "en"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_lupdate_is_installed_beside_python():
    assert shutil.which(update_translations.tool("lupdate"))
