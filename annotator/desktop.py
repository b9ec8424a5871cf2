"""Installing the desktop entry, AppStream metainfo and icon for the current user (no Qt).

`annotator install-desktop` copies the three files of `resources/` into the XDG data
folders, with the entry's `Exec=` pointing at the program that is running now: the
bundle's binary when frozen (PyInstaller), else the `annotator` script of this Python
environment. Nothing in the files is ever executed here.
"""

from __future__ import annotations

import os
import re
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.files.atomic_write import OutputError, atomic_write
from annotator.core.resources import resource_dir

# One id for the desktop entry's file name, the AppStream component id, the icon name and
# QGuiApplication.setDesktopFileName() (Wayland app_id, _GTK_APPLICATION_ID on X11).
APP_ID = "io.github.arabic_news_annotator"
DESKTOP_FILE = f"{APP_ID}.desktop"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"
ICON_FILE = f"{APP_ID}.svg"
SCRIPT_NAME = "annotator"

# Where each file goes, relative to the XDG data folder (~/.local/share).
_TARGET_DIRS = {
    DESKTOP_FILE: Path("applications"),
    METAINFO_FILE: Path("metainfo"),
    ICON_FILE: Path("icons/hicolor/scalable/apps"),
}

# Characters that force an Exec argument into double quotes (Desktop Entry spec, "The
# Exec key"); inside the quotes these four are backslash-escaped.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPE_IN_QUOTES = re.compile(r'(["`$\\])')


class DesktopInstallError(AnnotatorError):
    """A desktop file could not be written or removed."""


@dataclass(frozen=True)
class Installed:
    """One file that install() wrote (or would write)."""

    path: Path
    content: bytes


def data_home(prefix: str | os.PathLike[str] | None = None) -> Path:
    """PREFIX/share when a prefix is given, else $XDG_DATA_HOME or ~/.local/share."""
    if prefix is not None:
        return Path(prefix).expanduser() / "share"
    env = os.environ.get("XDG_DATA_HOME")
    if env and Path(env).is_absolute():
        return Path(env)
    return Path.home() / ".local" / "share"


def target_paths(prefix: str | os.PathLike[str] | None = None) -> dict[str, Path]:
    """Where each of the three files goes, by file name."""
    home = data_home(prefix)
    return {name: home / folder / name for name, folder in _TARGET_DIRS.items()}


def launcher_command() -> list[str]:
    """The command line that starts this installation of the app.

    Frozen (PyInstaller): the bundle's executable. Otherwise the `annotator` script of the
    environment this Python belongs to (venv, system or user scheme), else
    `python -m annotator` with this interpreter.
    """
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).absolute())]
    exe = Path(sys.executable).absolute()
    names = [f"{SCRIPT_NAME}.exe", SCRIPT_NAME] if os.name == "nt" else [SCRIPT_NAME]
    folders = [exe.parent]
    for scheme in (sysconfig.get_default_scheme(), f"{os.name}_user"):
        try:
            folders.append(Path(sysconfig.get_path("scripts", scheme)))
        except KeyError:
            continue
    for folder in folders:
        for name in names:
            candidate = folder / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return [str(candidate)]
    return [str(exe), "-m", "annotator"]


def quote_exec_arg(arg: str) -> str:
    """One argument for an Exec= value, quoted and escaped as the Desktop Entry spec asks."""
    if not arg or any(ch in "\n\r" for ch in arg):
        raise DesktopInstallError(f"cannot put {arg!r} in a desktop entry's Exec key")
    if any(ch in _RESERVED for ch in arg):
        arg = '"' + _ESCAPE_IN_QUOTES.sub(r"\\\1", arg) + '"'
    # %-field codes are doubled; then the string-level escape doubles every backslash.
    return arg.replace("%", "%%").replace("\\", "\\\\")


def exec_value(argv: list[str]) -> str:
    """The Exec= value that runs argv."""
    return " ".join(quote_exec_arg(arg) for arg in argv)


def _escape_string(value: str) -> str:
    """A value of type string (TryExec): backslash escapes only."""
    return value.replace("\\", "\\\\")


def render_desktop_entry(template: str, argv: list[str]) -> str:
    """The shipped desktop entry with Exec= (and TryExec=) set for this installation."""
    out: list[str] = []
    group = None
    for line in template.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            group = stripped
        elif group == "[Desktop Entry]" and stripped.startswith("TryExec="):
            continue
        elif group == "[Desktop Entry]" and stripped.startswith("Exec="):
            if Path(argv[0]).is_absolute():
                out.append(f"TryExec={_escape_string(argv[0])}")
            line = f"Exec={exec_value(argv)}"
        out.append(line)
    return "\n".join(out) + "\n"


def planned_files(
    prefix: str | os.PathLike[str] | None = None, argv: list[str] | None = None
) -> list[Installed]:
    """The three files with the content install() writes, in install order."""
    source = resource_dir("resources")
    paths = target_paths(prefix)
    files = []
    for name in (DESKTOP_FILE, METAINFO_FILE, ICON_FILE):
        try:
            data = (source / name).read_bytes()
        except OSError as exc:
            raise DesktopInstallError(f"{source / name}: {exc.strerror or exc}") from exc
        if name == DESKTOP_FILE:
            text = render_desktop_entry(data.decode("utf-8"), argv or launcher_command())
            data = text.encode("utf-8")
        files.append(Installed(paths[name], data))
    return files


def install(
    prefix: str | os.PathLike[str] | None = None, argv: list[str] | None = None
) -> list[Path]:
    """Write the desktop entry, metainfo and icon; returns the paths written."""
    written = []
    for item in planned_files(prefix, argv):
        try:
            item.path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_write(item.path, binary=True) as out:
                out.write(item.content)
            item.path.chmod(0o644)
        except OutputError as exc:
            raise DesktopInstallError(str(exc)) from exc
        except OSError as exc:
            raise DesktopInstallError(f"{item.path}: {exc.strerror or exc}") from exc
        written.append(item.path)
    return written


def uninstall(prefix: str | os.PathLike[str] | None = None) -> list[tuple[Path, bool]]:
    """Remove the three files; returns (path, was_there) for each."""
    removed = []
    for path in target_paths(prefix).values():
        try:
            path.unlink()
            removed.append((path, True))
        except FileNotFoundError:
            removed.append((path, False))
        except OSError as exc:
            raise DesktopInstallError(f"{path}: {exc.strerror or exc}") from exc
    return removed
