from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.text.normalize import normalize_text
from annotator.core.text.visual import is_visual, matplotlib_shapes_arabic, terminal_text, to_visual

SEEDS = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))


def test_name_becomes_presentation_forms_in_display_order() -> None:
    visual = to_visual("محمد")
    assert visual == "\ufeaa\ufee4\ufea4\ufee3"
    assert is_visual(visual)


def test_logical_text_is_not_visual() -> None:
    assert not is_visual("محمد")
    assert not is_visual("")
    assert not is_visual("plain ASCII 123")
    for path in SEEDS:
        assert not is_visual(path.read_text(encoding="utf-8"))


def test_ornate_parentheses_do_not_count_as_visual() -> None:
    assert not is_visual("قال تعالى ﴿ نص ﴾")


def test_lines_keep_their_order() -> None:
    visual = to_visual("قال بوتين\n\nروسيا والصين\nend")
    lines = visual.split("\n")
    assert len(lines) == 4
    assert lines[1] == ""
    assert lines[3] == "end"
    assert normalize_text(lines[0]).text == "نيتوب لاق"
    assert normalize_text(lines[2]).text == "نيصلاو ايسور"


def test_visual_text_normalizes_back_to_letters() -> None:
    visual = to_visual("لا")
    assert visual == "\ufefb"
    assert normalize_text(visual).text == "لا"


def test_seed_title_reversed_and_normalized_gives_the_logical_line() -> None:
    line = SEEDS[0].read_text(encoding="utf-8").split("\n")[0]
    visual = to_visual(line)
    assert is_visual(visual)
    assert visual != line
    assert normalize_text(visual[::-1]).text == line


def test_terminal_text() -> None:
    assert terminal_text("محمد", visual=False) == "محمد"
    assert terminal_text("محمد", visual=True) == to_visual("محمد")
    assert terminal_text("abc", visual=True) == "abc"


@pytest.mark.parametrize(
    ("version", "shapes"),
    [
        ("3.11.0", True),
        ("3.11.2", True),
        ("3.11.0rc1", True),
        ("3.12.0.dev42+g1234", True),
        ("4.0", True),
        ("3.10.0rc1", False),
        ("3.10.9", False),
        ("3.9.4", False),
        ("3.1.0", False),
        ("2.2.5", False),
    ],
)
def test_matplotlib_version(version: str, shapes: bool) -> None:
    assert matplotlib_shapes_arabic(version) is shapes


def test_matplotlib_version_unparseable() -> None:
    with pytest.raises(ValueError):
        matplotlib_shapes_arabic("unknown")
