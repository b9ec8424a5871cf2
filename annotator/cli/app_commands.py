"""`annotator self-test` and `annotator install-desktop`: commands about the installation
itself, not about a project (`needs_project = False`)."""

from __future__ import annotations

import argparse


def register(commands) -> dict:
    """Add the installation commands to the parser; returns their handlers."""
    test = commands.add_parser(
        "self-test",
        help="check this installation: open the window on a temporary project, label, undo, export",
        description="Open the real main window on a temporary project made from the bundled "
        "demo articles, label a word through the editor, undo it, export JSONL and check the "
        "offsets, and check that a font covers Arabic. Prints one 'ok:' line per step; exits "
        "1 at the first failure. Without a display (no DISPLAY or WAYLAND_DISPLAY, no "
        "QT_QPA_PLATFORM) Qt runs offscreen. Your projects are not touched.",
    )
    test.add_argument(
        "--offscreen", action="store_true", help="run offscreen even when a display is available"
    )

    desktop = commands.add_parser(
        "install-desktop",
        help="add the app to your desktop's menu (desktop entry, AppStream metainfo, icon)",
        description="Write the desktop entry (its Exec= starts the program you are running "
        "now), the AppStream metainfo and the SVG icon into ~/.local/share/applications, "
        "~/.local/share/metainfo and ~/.local/share/icons/hicolor/scalable/apps "
        "($XDG_DATA_HOME is honoured), or under PREFIX/share with --prefix.",
    )
    desktop.add_argument("--prefix", metavar="DIR", help="install under DIR/share instead")
    desktop.add_argument("--uninstall", action="store_true", help="remove the files again")
    desktop.add_argument(
        "--dry-run", action="store_true", help="show what would be written, write nothing"
    )
    return {"self-test": run_self_test, "install-desktop": run_install_desktop}


def run_self_test(args: argparse.Namespace, store: None) -> int:
    from annotator.ui.self_test import run_self_test as self_test

    return self_test(force_offscreen=args.offscreen)


run_self_test.needs_project = False


def run_install_desktop(args: argparse.Namespace, store: None) -> int:
    from annotator import desktop

    if args.uninstall:
        if args.dry_run:
            for path in desktop.target_paths(args.prefix).values():
                print(f"would remove {path}")
            return 0
        for path, was_there in desktop.uninstall(args.prefix):
            print(f"removed {path}" if was_there else f"not installed: {path}")
        return 0
    if args.dry_run:
        for item in desktop.planned_files(args.prefix):
            print(f"would write {item.path}")
            if item.path.name == desktop.DESKTOP_FILE:
                print(item.content.decode("utf-8"), end="")
        return 0
    for path in desktop.install(args.prefix):
        print(f"wrote {path}")
    print(f"Exec={desktop.exec_value(desktop.launcher_command())}")
    return 0


run_install_desktop.needs_project = False
