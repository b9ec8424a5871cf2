"""`annotator self-test` in process: every step passes on a good installation, and a broken
step is reported by name with exit status 1."""

from __future__ import annotations

import io
import sys

import pytest

from annotator.ui import self_test
from annotator.ui.self_test import needs_offscreen, run_self_test

STEPS = (
    "bundled data",
    "Qt ",
    "temporary project",
    "main window shown in",
    "font families cover Arabic",
    "labelled PERSON",
    "undo removed the span",
    "exported",
)


def run(**kwargs) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_self_test(out=out, err=err, **kwargs)
    return code, out.getvalue(), err.getvalue()


def test_every_step_passes(qapp):
    code, out, err = run()
    assert code == 0, err
    lines = out.splitlines()
    oks = [line for line in lines if line.startswith("ok: ")]
    assert len(oks) == len(STEPS)
    for line, expected in zip(oks, STEPS, strict=True):
        assert expected in line
    assert lines[-1].startswith("self-test passed")
    assert not any(widget.isVisible() for widget in qapp.topLevelWidgets())


def test_self_test_leaves_the_users_window_layout_alone(qapp):
    from pathlib import Path

    from annotator.ui.window_layout import layout_settings

    users = Path(layout_settings().fileName())
    code, _, err = run()
    assert code == 0, err
    assert not users.exists()  # its window's size and place were kept in its own folder


def test_missing_arabic_font_fails_with_the_step_named(qapp, monkeypatch):
    monkeypatch.setattr("annotator.ui.fonts.arabic_families", lambda: [])
    code, out, err = run()
    assert code == 1
    assert "self-test FAILED at Arabic font: no installed font family supports Arabic" in err
    assert "main window shown" in out and "labelled" not in out


def test_refused_edit_fails_with_the_step_named(qapp, monkeypatch):
    monkeypatch.setattr("annotator.ui.editing.Editor.apply_label", lambda *a, **k: None)
    code, _, err = run()
    assert code == 1
    assert "self-test FAILED at label a span: the Editor refused" in err


def test_undo_that_leaves_the_span_fails(qapp, monkeypatch):
    from PySide6.QtGui import QUndoGroup

    monkeypatch.setattr(QUndoGroup, "undo", lambda self: None)
    code, _, err = run()
    assert code == 1
    assert "self-test FAILED at undo: after undo the database still holds" in err


def test_an_unexpected_error_is_reported_with_its_traceback():
    def broken(run_, workdir, started):
        run_.step = "imaginary step"
        raise RuntimeError("boom")

    code, _, err = run(steps=broken)
    assert code == 1
    assert "Traceback" in err
    assert err.rstrip().endswith("self-test FAILED at imaginary step: RuntimeError: boom")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="display detection is Linux's")
@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, True),
        ({"DISPLAY": ":0"}, False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, False),
        ({"QT_QPA_PLATFORM": "xcb"}, False),
        ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, False),
        ({"DISPLAY": ""}, True),
    ],
)
def test_offscreen_only_without_a_display(environ, expected):
    assert needs_offscreen(environ) is expected


def test_forcing_offscreen_sets_the_platform(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert self_test.choose_platform(force_offscreen=True) == "offscreen"
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert self_test.choose_platform() == "xcb"
