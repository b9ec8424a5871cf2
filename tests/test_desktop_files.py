"""The desktop entry, AppStream metainfo and icon in resources/, and their installation.

The freedesktop validators run when they are installed (Debian: desktop-file-utils,
appstream); the checks that need no tool always run.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from annotator import __version__, desktop
from annotator.desktop import APP_ID, DESKTOP_FILE, ICON_FILE, METAINFO_FILE

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
ENTRY = RESOURCES / DESKTOP_FILE
METAINFO = RESOURCES / METAINFO_FILE
ICON = RESOURCES / ICON_FILE
SVG = "{http://www.w3.org/2000/svg}"

needs_desktop_file_validate = pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate is not installed (Debian package desktop-file-utils)",
)
needs_appstreamcli = pytest.mark.skipif(
    shutil.which("appstreamcli") is None,
    reason="appstreamcli is not installed (Debian package appstream)",
)


def entry_keys(text: str) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive: Name[ar]
    parser.read_string(text)
    return dict(parser["Desktop Entry"])


def unquote_exec(value: str) -> list[str]:
    """Split an Exec= value back into arguments, as the Desktop Entry spec reads it."""
    # The string-level escapes come first...
    unescaped, chars = [], iter(value)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars)
            unescaped.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}[nxt])
        else:
            unescaped.append(ch)
    text = "".join(unescaped)
    # ...then the quoting rules of the Exec key, then %% -> %.
    args, i = [], 0
    while i < len(text):
        if text[i] == " ":
            i += 1
            continue
        arg = []
        if text[i] == '"':
            i += 1
            while text[i] != '"':
                if text[i] == "\\":
                    assert text[i + 1] in '"`$\\', f"bad escape in {value!r}"
                    i += 1
                arg.append(text[i])
                i += 1
            i += 1
        else:
            while i < len(text) and text[i] != " ":
                assert text[i] not in "\"'\\><~|&;$*?#()`", f"unquoted reserved char in {value!r}"
                arg.append(text[i])
                i += 1
        args.append("".join(arg).replace("%%", "%"))
    return args


# -- the files as shipped -------------------------------------------------------------------


def test_file_names_follow_the_app_id():
    for path in (ENTRY, METAINFO, ICON):
        assert path.is_file(), f"{path.name} is missing from resources/"
    assert APP_ID.count(".") >= 2 and "-" not in APP_ID  # reverse DNS, no hyphen (AppStream)


def test_desktop_entry_keys():
    keys = entry_keys(ENTRY.read_text(encoding="utf-8"))
    assert keys["Type"] == "Application"
    assert keys["Exec"] == "annotator"  # install-desktop puts the absolute path in
    assert keys["Icon"] == APP_ID
    assert keys["Terminal"] == "false"
    assert keys["Name"] == "Arabic News Annotator"
    assert keys["Name[ar]"] and keys["Comment"] and keys["Comment[ar]"]
    assert keys["Categories"].endswith(";") and "Office" in keys["Categories"].split(";")
    assert keys["Keywords"].endswith(";") and keys["Keywords[ar]"].endswith(";")


def test_window_matches_the_desktop_entry():
    """X11 docks match WM_CLASS's class (Qt's application name) against StartupWMClass;
    Wayland and GNOME/KDE match the desktop file name (Qt's desktopFileName)."""
    code = (
        "from annotator.ui.app import application; a = application(); "
        "print(a.applicationName()); print(a.desktopFileName())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    app_name, desktop_file_name = result.stdout.splitlines()
    keys = entry_keys(ENTRY.read_text(encoding="utf-8"))
    assert keys["StartupWMClass"] == app_name
    assert desktop_file_name == APP_ID


def test_metainfo_agrees_with_the_entry_and_the_version():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP_FILE
    assert root.findtext("icon") == APP_ID
    assert root.findtext("provides/binary") == "annotator"
    assert root.findtext("project_license") == "MIT"
    releases = [r.get("version") for r in root.iter("release")]
    assert releases and releases[0] == __version__, "add a <release> for the new version"


def test_icon_is_a_self_contained_square_svg():
    root = ET.parse(ICON).getroot()
    assert root.tag == f"{SVG}svg"
    x, y, width, height = (float(v) for v in root.get("viewBox").split())
    assert (x, y) == (0, 0) and width == height
    tags = {element.tag.replace(SVG, "") for element in root.iter()}
    assert not tags & {"script", "image", "foreignObject", "use"}
    text = ICON.read_text(encoding="utf-8")
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in text


def test_icon_renders_with_qt(qapp):
    from PySide6.QtSvg import QSvgRenderer

    assert QSvgRenderer(str(ICON)).isValid()


@needs_desktop_file_validate
def test_desktop_file_validate():
    result = subprocess.run(
        ["desktop-file-validate", str(ENTRY)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout  # no hints either


@needs_appstreamcli
def test_appstreamcli_validate():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--pedantic", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# -- installation -----------------------------------------------------------------------------


@needs_appstreamcli
def test_installed_tree_validates(tmp_path):
    """validate-tree checks that the metainfo's launchable desktop file is installed too."""
    desktop.install(tmp_path, argv=["/opt/annotator/annotator"])
    result = subprocess.run(
        ["appstreamcli", "validate-tree", "--no-net", "--pedantic", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_install_and_uninstall_under_a_prefix(tmp_path):
    written = desktop.install(tmp_path, argv=["/opt/annotator/annotator"])
    assert written == [
        tmp_path / "share/applications" / DESKTOP_FILE,
        tmp_path / "share/metainfo" / METAINFO_FILE,
        tmp_path / "share/icons/hicolor/scalable/apps" / ICON_FILE,
    ]
    keys = entry_keys(written[0].read_text(encoding="utf-8"))
    assert keys["Exec"] == "/opt/annotator/annotator"
    assert keys["TryExec"] == "/opt/annotator/annotator"
    assert keys["Icon"] == APP_ID
    assert written[1].read_bytes() == METAINFO.read_bytes()
    assert written[2].read_bytes() == ICON.read_bytes()
    assert not list(tmp_path.rglob("*.part"))
    again = desktop.install(tmp_path, argv=["/opt/annotator/annotator"])  # idempotent
    assert again == written
    assert desktop.uninstall(tmp_path) == [(path, True) for path in written]
    assert not any(path.exists() for path in written)
    assert desktop.uninstall(tmp_path) == [(path, False) for path in written]


def test_default_location_follows_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert desktop.data_home() == tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")  # the spec says: ignore it
    monkeypatch.setenv("HOME", str(tmp_path))
    assert desktop.data_home() == tmp_path / ".local/share"
    assert desktop.data_home(tmp_path / "usr") == tmp_path / "usr/share"


def test_exec_points_at_the_bundle_when_frozen(monkeypatch, tmp_path):
    binary = tmp_path / "dist" / "annotator" / "annotator"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(binary))
    assert desktop.launcher_command() == [str(binary)]


def test_exec_points_at_the_environments_script(monkeypatch, tmp_path):
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    script = bin_dir / "annotator"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(bin_dir / "python"))
    assert desktop.launcher_command() == [str(script)]
    script.unlink()  # no script anywhere: python -m annotator with this interpreter
    monkeypatch.setattr("sysconfig.get_path", lambda *a, **k: str(tmp_path / "nowhere"))
    assert desktop.launcher_command() == [str(bin_dir / "python"), "-m", "annotator"]


AWKWARD_ARGS = [
    "/opt/annotator/annotator",
    "/home/sara/My Apps/annotator",
    '/tmp/a"quote/annotator',
    "/tmp/100%/$HOME/`x`/back\\slash/annotator",
    "/tmp/it's (mine)/annotator",
    "-m",
]


@pytest.mark.parametrize("arg", AWKWARD_ARGS)
def test_exec_quoting_round_trips(arg):
    assert unquote_exec(desktop.exec_value([arg, "-m", "annotator"])) == [arg, "-m", "annotator"]


def test_exec_refuses_a_newline():
    with pytest.raises(desktop.DesktopInstallError):
        desktop.exec_value(["/tmp/a\nb"])


@needs_desktop_file_validate
def test_rendered_entries_validate(tmp_path):
    template = ENTRY.read_text(encoding="utf-8")
    for number, arg in enumerate(AWKWARD_ARGS[:-1]):
        path = tmp_path / f"{number}" / DESKTOP_FILE
        path.parent.mkdir()
        path.write_text(desktop.render_desktop_entry(template, [arg]), encoding="utf-8")
        result = subprocess.run(
            ["desktop-file-validate", str(path)], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0 and not result.stdout.strip(), (arg, result.stdout)
