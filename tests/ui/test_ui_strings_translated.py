"""No English text reaches the interface around Qt's translation.

Reads annotator/ui/*.py and fails on a string literal (or f-string) with Latin letters
handed straight to a call that shows text (a label, a button, a menu, a title, a status
message, a box): such a text would stay English in the Arabic interface. Texts wrapped in
`self.tr()` / `QCoreApplication.translate()`, and document or user strings passed as
variables, pass; a literal given to a helper such as `_tr("…")` fails, since
pyside6-lupdate does not read it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "annotator" / "ui"

# calls whose text arguments are shown to the user
SHOWS_TEXT = {
    "QLabel",
    "QPushButton",
    "QToolButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QMessageBox",
    "addMenu",
    "addAction",
    "addButton",
    "addTab",
    "setText",
    "setTitle",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setPlaceholderText",
    "setSpecialValueText",
    "setCancelButtonText",
    "setLabelText",
    "setHeaderLabels",
    "setHorizontalHeaderLabels",
    "showMessage",
    "plain_label",
    "show_error",
    "add_action",
    "getItem",
    "getInt",
    "getText",
    "getOpenFileName",
    "getOpenFileNames",
    "getSaveFileName",
    "getExistingDirectory",
    "information",
    "warning",
    "critical",
    "question",
}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# not words: a key sequence ("Ctrl+Shift+E") or a file name ("labels.json")
NOT_WORDS = re.compile(r"[\w+\-=]+(\+[\w\-=+]+|\.[a-z]+)")


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _literal_text(node: ast.AST) -> str | None:
    """The text of a literal or f-string argument (its constant parts), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
    if isinstance(node, ast.BinOp):  # "a" + x
        return (_literal_text(node.left) or "") + (_literal_text(node.right) or "") or None
    return None


def untranslated(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node)
        if name.endswith("_tr") and node.args and _literal_text(node.args[0]):
            # a helper such as _tr("text"): pyside6-lupdate does not see it, so the text
            # never reaches the catalogue
            found.append(f"{filename}:{node.lineno}: {name}({_literal_text(node.args[0])!r})")
            continue
        if name not in SHOWS_TEXT:
            continue
        for argument in [*node.args, *(k.value for k in node.keywords)]:
            text = _literal_text(argument)
            if text and LATIN_WORD.search(text) and not NOT_WORDS.fullmatch(text):
                found.append(f"{filename}:{node.lineno}: {text!r}")
    return found


def test_the_check_finds_a_bare_text():
    code = (
        "def f(self, name):\n"
        "    self.label.setText('Saved')\n"
        "    self.bar.showMessage(f'Hello {name}', 100)\n"
        "    self.label.setText(self.tr('Saved'))\n"
        "    QLabel(name)\n"
        "    QPushButton('◀')\n"
        "    add_action(window, menu, self.tr('Zoom'), 'Ctrl+Shift+E', slot)\n"
        "    add_action(window, menu, 'Zoom out', 'Ctrl+-', slot)\n"
        "    _tr('Hidden from lupdate')\n"
    )
    assert untranslated(code, "x.py") == [
        "x.py:2: 'Saved'",
        "x.py:3: 'Hello '",
        "x.py:8: 'Zoom out'",
        "x.py:9: _tr('Hidden from lupdate')",
    ]


def test_every_shown_text_of_the_interface_goes_through_translation():
    found = []
    for path in sorted(UI.glob("*.py")):
        found += untranslated(path.read_text(encoding="utf-8"), path.name)
    assert found == [], "wrap these in self.tr() or QCoreApplication.translate()"
