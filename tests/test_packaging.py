"""Packaging: the PyInstaller spec, the installation commands run as a user would, and
(opt-in, ANNOTATOR_TEST_BUNDLE=1) a real one-folder build that must pass its self-test."""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from annotator import __version__
from annotator.desktop import APP_ID, DESKTOP_FILE, ICON_FILE, METAINFO_FILE

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "annotator.spec"
ENTRY_SCRIPT = ROOT / "packaging" / "annotator_main.py"
BUILD_SCRIPT = ROOT / "packaging" / "build.sh"
SELF_TEST_STEPS = 8


def spec_lists() -> dict[str, list[str]]:
    """The literal lists assigned at the top level of the spec file."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.List):
            name = node.targets[0].id
            try:
                found[name] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return found


def user_env(tmp_path: Path) -> dict[str, str]:
    """A clean user: own home and data folders, no display, offscreen Qt."""
    env = {**os.environ, "HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    env["XDG_DATA_HOME"] = str(tmp_path / "home" / ".local" / "share")
    for key in ("DISPLAY", "WAYLAND_DISPLAY", "ANNOTATOR_DB"):
        env.pop(key, None)
    (tmp_path / "home").mkdir(exist_ok=True)
    return env


def run(command: list[str], tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=user_env(tmp_path),
        timeout=300,
    )


VENV_COMMAND = [sys.executable, "-m", "annotator"]


# -- the spec, without building -------------------------------------------------------------


def test_spec_is_python_and_excludes_what_the_app_does_not_use():
    lists = spec_lists()
    modules = set(lists["EXCLUDED_MODULES"])
    assert {"tkinter", "pandas", "sklearn", "pytest"} <= modules
    assert not modules & {"matplotlib", "numpy", "PIL"}  # the agreement report draws charts
    qt = set(lists["EXCLUDED_QT_MODULES"])
    assert {"QtQml", "QtQuick", "QtWebEngineCore", "Qt3DCore", "QtMultimedia"} <= qt
    assert {"QtNetwork", "QtPdf", "QtSql"} <= qt
    assert not qt & {"QtCore", "QtGui", "QtWidgets"}
    plugins = lists["EXCLUDED_PLUGINS"]
    assert not any("libqxcb" in p or "libqwayland" in p or "libqoffscreen" in p for p in plugins)


def test_spec_bundles_seeds_and_resources_where_the_wheel_puts_them():
    spec = SPEC.read_text(encoding="utf-8")
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    force_include = wheel["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    for source, destination in force_include.items():
        assert f'(str(ROOT / "{source}"), "{destination}")' in spec
        assert destination == f"annotator/_data/{source}"  # what core/resources.py reads


def test_entry_script_runs_the_cli():
    tree = ast.parse(ENTRY_SCRIPT.read_text(encoding="utf-8"))
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert any(n.module == "annotator.cli" and n.names[0].name == "main" for n in imports)
    assert 'ROOT / "packaging" / "annotator_main.py"' in SPEC.read_text(encoding="utf-8")
    assert os.access(BUILD_SCRIPT, os.X_OK)


def test_the_package_imports_nothing_the_bundle_leaves_out():
    """A module on the spec's exclude lists must not be imported by annotator/ (else the
    bundle breaks at run time): take it off the list in packaging/annotator.spec."""
    lists = spec_lists()
    modules = set(lists["EXCLUDED_MODULES"])
    qt = {f"PySide6.{name}" for name in lists["EXCLUDED_QT_MODULES"]}
    offenders = []
    for path in sorted((ROOT / "annotator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            for name in names:
                if name.split(".")[0] in modules or name in qt:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    assert not offenders, "excluded from the bundle but imported:\n" + "\n".join(offenders)


def _module_level_imports(tree: ast.Module) -> list[ast.stmt]:
    """Import statements run when a module is imported (not in functions, not under
    `if TYPE_CHECKING:`)."""
    found: list[ast.stmt] = []
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If) and ast.unparse(node.test) != "TYPE_CHECKING":
            pending += node.body + node.orelse
        elif isinstance(node, ast.Try):
            pending += node.body + node.orelse + node.finalbody
    return found


def test_optional_modules_are_imported_only_where_they_are_used():
    """spaCy is left out of the bundle: annotator/ may import it only inside the functions
    that need it, so the bundle starts and only that export says spaCy is missing."""
    optional = set(spec_lists()["OPTIONAL_MODULES"])
    assert "spacy" in optional
    offenders = []
    for path in sorted((ROOT / "annotator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _module_level_imports(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                names = [node.module or ""]
            offenders += [
                f"{path.relative_to(ROOT)}:{node.lineno}: {name}"
                for name in names
                if name.split(".")[0] in optional
            ]
    assert not offenders, "imported when the module loads:\n" + "\n".join(offenders)


# -- the commands, from this environment ---------------------------------------------------


def test_version(tmp_path):
    result = run(VENV_COMMAND, tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"annotator {__version__}"


def test_self_test_from_the_environment(tmp_path):
    result = run(VENV_COMMAND, tmp_path, "self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    oks = [line for line in result.stdout.splitlines() if line.startswith("ok: ")]
    assert len(oks) == SELF_TEST_STEPS, result.stdout
    assert "platform 'offscreen'" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("self-test passed")
    # The user's own project is never created or touched.
    assert not (tmp_path / "home" / ".local" / "share" / "arabic-news-annotator").exists()


def test_install_desktop_under_a_prefix_and_uninstall(tmp_path):
    prefix = tmp_path / "prefix"
    result = run(VENV_COMMAND, tmp_path, "install-desktop", "--prefix", str(prefix))
    assert result.returncode == 0, result.stderr
    files = [
        prefix / "share/applications" / DESKTOP_FILE,
        prefix / "share/metainfo" / METAINFO_FILE,
        prefix / "share/icons/hicolor/scalable/apps" / ICON_FILE,
    ]
    for path in files:
        assert path.is_file()
        assert f"wrote {path}" in result.stdout
    entry = files[0].read_text(encoding="utf-8")
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    program = exec_line.removeprefix("Exec=").split(" ")[0]
    assert Path(program).is_absolute() and os.access(program, os.X_OK), exec_line
    assert f"Icon={APP_ID}" in entry

    result = run(VENV_COMMAND, tmp_path, "install-desktop", "--prefix", str(prefix), "--uninstall")
    assert result.returncode == 0, result.stderr
    assert not any(path.exists() for path in files)
    assert all(f"removed {path}" in result.stdout for path in files)


def test_install_desktop_defaults_to_the_users_data_folder(tmp_path):
    result = run(VENV_COMMAND, tmp_path, "install-desktop")
    assert result.returncode == 0, result.stderr
    data = tmp_path / "home" / ".local" / "share"
    assert (data / "applications" / DESKTOP_FILE).is_file()
    assert (data / "icons/hicolor/scalable/apps" / ICON_FILE).is_file()


def test_install_desktop_dry_run_writes_nothing(tmp_path):
    result = run(VENV_COMMAND, tmp_path, "install-desktop", "--prefix", "p", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "would write" in result.stdout and "Exec=" in result.stdout
    assert not (tmp_path / "p").exists()


# -- a real bundle (opt-in: about 20 s and 120 MB in a temporary folder) ------------------------

bundle_wanted = os.environ.get("ANNOTATOR_TEST_BUNDLE") == "1"
has_pyinstaller = importlib.util.find_spec("PyInstaller") is not None


@pytest.mark.slow
@pytest.mark.skipif(not bundle_wanted, reason="set ANNOTATOR_TEST_BUNDLE=1 to build the bundle")
@pytest.mark.skipif(not has_pyinstaller, reason="PyInstaller is not installed ('.[package]')")
def test_bundle_builds_and_passes_its_self_test(tmp_path):
    dist, work = tmp_path / "dist", tmp_path / "build"
    env = {**os.environ, "PYTHON": sys.executable, "DISTPATH": str(dist), "WORKPATH": str(work)}
    build = subprocess.run(
        [str(BUILD_SCRIPT)], capture_output=True, text=True, env=env, timeout=900
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    folder = dist / "annotator"
    binary = [str(folder / "annotator")]

    result = run(binary, tmp_path, "--version")
    assert result.stdout.strip() == f"annotator {__version__}"
    result = run(binary, tmp_path, "self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(packaged copy)" in result.stdout  # seeds from annotator/_data, not the checkout

    internal = folder / "_internal"
    assert (internal / "annotator/_data/seeds").is_dir()
    assert (internal / "annotator/_data/resources" / DESKTOP_FILE).is_file()
    # of Qt's catalogues only the Arabic qtbase one, beside our own
    assert [p.name for p in (internal / "PySide6/Qt/translations").iterdir()] == ["qtbase_ar.qm"]
    assert (internal / "annotator/_data/resources/i18n/annotator_ar.qm").is_file()
    names = {path.name for path in internal.rglob("*")}
    for left_out in ("libQt6Qml.so.6", "libQt6Quick.so.6", "libQt6Network.so.6", "numpy"):
        assert left_out not in names

    prefix = tmp_path / "prefix"
    result = run(binary, tmp_path, "install-desktop", "--prefix", str(prefix))
    assert result.returncode == 0, result.stderr
    entry = (prefix / "share/applications" / DESKTOP_FILE).read_text(encoding="utf-8")
    assert f"Exec={folder / 'annotator'}" in entry.splitlines()
