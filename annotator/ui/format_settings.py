"""A format's own settings (`FormatOption`s of one direction) as widgets, made from the
format table: a combo box for a closed list, a check box for a flag, a spin box for a
number, a line edit for text. The values come back by `dest`, with the format's defaults
for what was left alone, as `cli/format_options.chosen_options` gives them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from annotator.core.formats.registry import Format, FormatOption
from annotator.ui.plain_text import isolate, plain_label, tooltip

# A spin box's lowest value stands for "not given" (the format's default).
UNSET_NUMBER = 0
NUMBER_MAX = 1_000_000


def option_title(option: FormatOption) -> str:
    """A setting's name for people, from its command-line flag: --no-pad → "No pad"."""
    words = option.flag.lstrip("-").replace("-", " ")
    return words[:1].upper() + words[1:]


class FormatSettings(QWidget):
    """The settings of one format and direction; `set_format` rebuilds them. `changed`
    is emitted when the user changes any of them."""

    changed = Signal()

    def __init__(self, direction: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.direction = direction
        self.format: Format | None = None
        self._fields: dict[str, tuple[FormatOption, QWidget]] = {}
        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

    def options(self) -> list[FormatOption]:
        """The settings shown (this direction's, in the table's order)."""
        if self.format is None:
            return []
        return [o for o in self.format.options if o.direction == self.direction]

    def set_format(self, fmt: Format) -> None:
        """Show `fmt`'s settings, each at its default."""
        while self._form.rowCount():
            self._form.removeRow(0)
        self._fields.clear()
        self.format = fmt
        if not self.options():
            self._form.addRow(
                plain_label(self.tr("{format} has no settings.").format(format=isolate(fmt.title)))
            )
        for option in self.options():
            widget = _widget_for(option)
            _signal_of(widget).connect(lambda *_: self.changed.emit())
            widget.setObjectName(f"option_{option.dest}")
            widget.setToolTip(tooltip(option.help))
            widget.setAccessibleName(option_title(option))
            self._fields[option.dest] = (option, widget)
            self._form.addRow(plain_label(option_title(option)), widget)
            help_text = plain_label(option.help)
            help_text.setWordWrap(True)
            help_text.setEnabled(False)  # greyed: an explanation, not a control
            self._form.addRow(help_text)

    def widget(self, dest: str) -> QWidget:
        """The field of one setting (by `FormatOption.dest`)."""
        return self._fields[dest][1]

    def values(self) -> dict[str, Any]:
        """Every setting by `dest`: what was chosen, the format's default otherwise."""
        return {dest: _value(option, widget) for dest, (option, widget) in self._fields.items()}


def _widget_for(option: FormatOption) -> QWidget:
    if option.choices:
        combo = QComboBox()
        for choice in option.choices:
            combo.addItem(choice, choice)
        if option.default in option.choices:
            combo.setCurrentIndex(option.choices.index(option.default))
        return combo
    if option.kind == "flag":
        box = QCheckBox()
        box.setChecked(bool(option.default))
        return box
    if option.kind == "int":
        spin = QSpinBox()
        spin.setRange(UNSET_NUMBER, NUMBER_MAX)
        default = QCoreApplication.translate("FormatSettings", "default")
        spin.setSpecialValueText(default if option.default is None else str(option.default))
        if isinstance(option.default, int):
            spin.setValue(option.default)
        return spin
    edit = QLineEdit()
    if option.default is not None:
        edit.setPlaceholderText(str(option.default))
    return edit


def _signal_of(widget: QWidget) -> Any:
    """The signal a field emits when the user changes it."""
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    assert isinstance(widget, QLineEdit)
    return widget.textChanged


def _value(option: FormatOption, widget: QWidget) -> Any:
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        if widget.isChecked():
            return True
        # unticked: the default, as when the flag is not given (False if that was on)
        return False if option.default else option.default
    if isinstance(widget, QSpinBox):
        return widget.value() if widget.value() != UNSET_NUMBER else option.default
    assert isinstance(widget, QLineEdit)
    return widget.text().strip() or option.default
