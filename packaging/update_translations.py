"""`make translations`: gather the interface's texts into resources/i18n/annotator_ar.ts
(pyside6-lupdate reads every `self.tr(...)`, `QCoreApplication.translate(...)` and
`QT_TRANSLATE_NOOP(...)` in annotator/ui and keeps the translations already made), then
compile the catalogue to annotator_ar.qm (pyside6-lrelease), the file the app loads.

Both files are kept in git; tests/ui/test_translations.py fails when a text of the code
is missing from the catalogue, untranslated, or when the .qm is older than the .ts.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "resources" / "i18n" / "annotator_ar.ts"
SOURCES = ROOT / "annotator" / "ui"


def tool(name: str) -> str:
    """A Qt tool installed with PySide6, beside the running Python."""
    return str(Path(sys.executable).parent / f"pyside6-{name}")


def source_files() -> list[str]:
    """Every Python file of the interface, in a stable order."""
    return [str(path) for path in sorted(SOURCES.rglob("*.py"))]


def lupdate(catalogue: Path) -> None:
    """Bring `catalogue` in line with the code: new texts added unfinished, texts no
    longer in the code dropped, translations kept. No line numbers: a catalogue that
    names no lines changes only when a text does."""
    subprocess.run(
        [
            tool("lupdate"),
            *("-silent", "-no-obsolete", "-locations", "none", "-target-language", "ar"),
            *source_files(),
            *("-ts", str(catalogue)),
        ],
        check=True,
    )


def lrelease(catalogue: Path, compiled: Path) -> None:
    """Compile `catalogue` to `compiled` (unfinished messages are left out)."""
    subprocess.run([tool("lrelease"), "-silent", str(catalogue), "-qm", str(compiled)], check=True)


def main() -> int:
    lupdate(CATALOGUE)
    lrelease(CATALOGUE, CATALOGUE.with_suffix(".qm"))
    print(f"updated {CATALOGUE.relative_to(ROOT)} and {CATALOGUE.with_suffix('.qm').name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
