"""File ▸ Import's settings: after annotation files are chosen the window asks what the
command line's options say (the layer of unnamed annotations, adding missing labels, the
reviewer writing gold, each format's own import settings), and the import then stores what
`annotator import` stores with the same options. Cancel stores nothing and takes no
backup; articles alone are imported without a question."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.formats.registry import get_format
from annotator.core.store import Store
from annotator.core.store.backup_files import list_backups
from annotator.core.store.documents import NewDocument
from annotator.ui.app import build_window
from annotator.ui.import_formats import ImportChoice
from annotator.ui.import_settings import ImportSettingsDialog, recognised
from annotator.ui.plain_text import isolate
from tests.ui.team_project import annotate_team

cli_main = importlib.import_module("annotator.cli.main")
TEXT = "قال بوتين في بكين وموسكو إن الحوار ممكن اليوم"
SCREEN_W, SCREEN_H = 1366, 768

# Wojood's layout: `token TAG…` separated by spaces, nested types in further columns,
# types the default scheme lacks (OCC) or names otherwise (PERS).
WOJOOD = """قال O
وزير B-OCC
خارجية I-OCC B-ORG
روسيا I-OCC I-ORG B-GPE
سيرغي B-PERS
لافروف I-PERS
في O
موسكو B-GPE
. O

وأكد O
المتحدث B-OCC
باسم I-OCC
الكرملين I-OCC B-ORG
أن O
الحوار O
ممكن O
"""


def _cli(*argv: str) -> int:
    return cli_main.main(list(argv))


def _new_project(path: Path, people: tuple[str, ...] = ()) -> Path:
    """A project of one article, with these people (the window's has the person at it)."""
    with Store.open(path) as store:
        store.documents.add_many([NewDocument(TEXT, "first")])
        for name in people:
            store.ensure_annotator(name)
    return path


def _stats(db: Path, capsys) -> dict:
    capsys.readouterr()
    assert _cli("--db", str(db), "stats", "--json") == 0
    return json.loads(capsys.readouterr().out)


def _by_cli(path: Path, db: Path, capsys, *options: str) -> dict:
    _new_project(db, ("tester",))
    assert _cli("--db", str(db), "import", str(path), *options) == 0
    return _stats(db, capsys)


@pytest.fixture
def wojood(tmp_path: Path) -> Path:
    path = tmp_path / "val.txt"  # Wojood's own name: its content says CoNLL
    path.write_text(WOJOOD, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path):
    with Store.open(_new_project(tmp_path / "window.db")) as store:
        yield store


def _window(qtbot, store: Store, who: str):
    win = build_window(store, who)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, project):
    return _window(qtbot, project, "tester")


def _drive(act) -> list[ImportSettingsDialog]:
    """Run `act(dialog)` on the settings dialog once it is shown; the dialogs seen."""
    seen: list[ImportSettingsDialog] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ImportSettingsDialog)
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, run)
    return seen


def _errors(window) -> list[str]:
    boxes = [b for b in window.findChildren(QMessageBox) if b.objectName() == "ioError"]
    texts = []
    for box in boxes:
        assert box.textFormat() == Qt.TextFormat.PlainText
        texts.append(box.text())
        box.close()
    return texts


# -- what the dialog offers --------------------------------------------------------------------


def test_it_shows_the_format_of_each_file_and_that_formats_settings(window, wojood, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    shown: list[tuple] = []

    def look(dialog: ImportSettingsDialog) -> None:
        shown.append(
            (
                dialog.files.text(),
                dialog.annotator.currentText(),
                dialog.create_labels.isChecked(),
                dialog.reviewer.isVisibleTo(dialog),
                [s.format.name for s in dialog.format_settings],
                dialog.settings().extra,
            )
        )
        dialog.reject()

    _drive(look)
    window.import_files([wojood, article])
    ((files, layer, create, reviewer, formats, extra),) = shown
    conll = get_format("conll")
    assert files == f"val.txt: {conll.title}\narticle.txt: articles (.txt)"
    # the person at the window imports into their own layer, as before these settings
    assert layer == "tester" and create is False and reviewer is False
    assert formats == ["conll"]
    assert extra == {o.dest: o.default for o in conll.options if o.direction == "import"}


def test_a_chosen_format_is_the_one_shown_for_every_file(wojood):
    files = recognised(ImportChoice([wojood], "conll"))
    assert files == [(wojood, get_format("conll"))]
    assert recognised(ImportChoice([wojood.with_name("missing.conll")])) is None


def test_every_field_gets_its_height_and_the_dialog_fits_1366_by_768(
    reviewer_window, wojood, team_jsonl, tmp_path
):
    tasks = tmp_path / "tasks_from_label_studio_with_a_long_name_2026.json"
    tasks.write_text('[{"data": {"text": "قال بوتين"}, "annotations": []}]', encoding="utf-8")
    measured = []

    def measure(dialog: ImportSettingsDialog) -> None:
        fields = [dialog.annotator, dialog.create_labels, dialog.reviewer] + [
            settings.widget(o.dest)
            for settings in dialog.format_settings
            for o in settings.options()
        ]
        measured.append(
            (dialog.size(), [(f.height(), f.minimumSizeHint().height()) for f in fields])
        )
        dialog.reject()

    _drive(measure)
    reviewer_window.import_files([wojood, team_jsonl, tasks])
    ((size, heights),) = measured
    assert len(heights) == 6  # 3 of ours, 2 CoNLL settings, 1 Label Studio setting
    assert all(height >= needed for height, needed in heights), heights
    assert size.width() <= SCREEN_W // 2 and size.height() <= SCREEN_H - 100


# -- what the import stores ---------------------------------------------------------------------


def test_wojood_with_new_labels_and_the_mapping_stores_what_the_cli_stores(
    window, project, wojood, tmp_path, capsys
):
    def choose(dialog: ImportSettingsDialog) -> None:
        dialog.annotator.setEditText("woj")
        dialog.create_labels.setChecked(True)
        dialog.format_settings[0].widget("map_wojood").setChecked(True)
        dialog.import_button.click()

    backups = len(list_backups(project.path))
    seen = _drive(choose)
    window.import_files([wojood])
    assert len(seen) == 1 and _errors(window) == []
    stored = _stats(project.path, capsys)
    options = ("--map-wojood", "--create-labels", "--annotator", "woj")
    assert stored == _by_cli(wojood, tmp_path / "cli.db", capsys, *options)
    assert stored["spans_per_annotator"] == {"tester": 0, "woj": 7}
    assert stored["spans_per_label"]["PERSON"] == 1 and stored["spans_per_label"]["OCC"] == 2
    assert len(list_backups(project.path)) == backups + 1
    assert "OCC" in [label.name for label in project.labels.all()]


def test_without_the_mapping_the_types_are_kept_as_the_file_names_them(
    window, project, wojood, tmp_path, capsys
):
    def choose(dialog: ImportSettingsDialog) -> None:
        dialog.create_labels.setChecked(True)
        dialog.import_button.click()

    _drive(choose)
    window.import_files([wojood])
    stored = _stats(project.path, capsys)
    by_cli = _by_cli(
        wojood, tmp_path / "cli.db", capsys, "--create-labels", "--annotator", "tester"
    )
    assert stored == by_cli and "PERS" in stored["spans_per_label"]


def test_missing_labels_unticked_are_refused_in_one_line_and_nothing_is_stored(
    window, project, wojood, capsys
):
    before = _stats(project.path, capsys)
    _drive(lambda dialog: dialog.import_button.click())
    window.import_files([wojood])
    (error,) = _errors(window)
    assert error.startswith(f"{wojood}, line 2: unknown label 'OCC'") and "\n" not in error
    assert _stats(project.path, capsys) == before
    # the command line refuses the same file with the same words
    assert _cli("--db", str(project.path), "import", str(wojood), "--annotator", "tester") == 1
    assert capsys.readouterr().err.strip() == f"annotator: error: {error}"


def test_cancel_imports_nothing_and_takes_no_backup(window, project, wojood, capsys):
    before, backups = _stats(project.path, capsys), len(list_backups(project.path))
    seen = _drive(lambda dialog: dialog.reject())
    window.import_files([wojood])
    assert len(seen) == 1
    assert _stats(project.path, capsys) == before
    assert len(list_backups(project.path)) == backups
    assert _errors(window) == []


def test_articles_alone_are_imported_without_a_question(window, project, tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("أعلنت الحكومة اليوم خطة جديدة", encoding="utf-8")
    (folder / "b.txt").write_text("قالت الوزارة إن المحادثات مستمرة", encoding="utf-8")
    asked: list[object] = []
    monkeypatch.setattr(ImportSettingsDialog, "exec", lambda self: asked.append(self) or 0)
    window.import_files([folder])
    window.import_files([tmp_path / "articles" / "a.txt"])  # already there: nothing new
    assert asked == []
    assert window.documents.row_count() == 3 and len(project.documents.ids()) == 3


# -- the reviewer and the gold layer -----------------------------------------------------------


@pytest.fixture
def team_jsonl(seeded: Store, tmp_path: Path, capsys) -> Path:
    """Every layer of a team's project, gold included, as our JSONL."""
    annotate_team(seeded)
    out = tmp_path / "team.jsonl"
    assert _cli("--db", str(seeded.path), "export", "-o", str(out)) == 0
    capsys.readouterr()
    return out


@pytest.fixture
def reviewer_window(qtbot, project):
    project.ensure_annotator("Huda & <b>co</b>")
    project.set_role("Huda & <b>co</b>", "reviewer")
    return _window(qtbot, project, "Huda & <b>co</b>")


def test_only_a_reviewer_is_offered_to_write_gold(window, reviewer_window, team_jsonl):
    seen: list[tuple[bool, str]] = []

    def look(dialog: ImportSettingsDialog) -> None:
        seen.append((dialog.reviewer.isVisibleTo(dialog), dialog.reviewer.text()))
        dialog.reject()

    for shown in (window, reviewer_window):
        _drive(look)
        shown.import_files([team_jsonl])
    assert seen[0][0] is False
    # the name is shown as it is (bidi-isolated): `&` doubled so that it is not taken as a
    # shortcut key
    assert seen[1] == (True, f"Write the gold layer as reviewer {isolate('Huda && <b>co</b>')}")


def test_gold_is_written_as_the_reviewer_when_ticked_and_refused_otherwise(
    reviewer_window, project, team_jsonl, tmp_path, capsys
):
    before = _stats(project.path, capsys)
    _drive(lambda dialog: dialog.import_button.click())
    reviewer_window.import_files([team_jsonl])
    (error,) = _errors(reviewer_window)
    assert error.startswith(f"{team_jsonl}, line ") and "\n" not in error
    assert _stats(project.path, capsys) == before

    def as_reviewer(dialog: ImportSettingsDialog) -> None:
        dialog.reviewer.setChecked(True)
        dialog.import_button.click()

    _drive(as_reviewer)
    reviewer_window.import_files([team_jsonl])
    assert _errors(reviewer_window) == []
    stored = _stats(project.path, capsys)
    who = "Huda & <b>co</b>"
    db = tmp_path / "cli.db"
    with Store.open(_new_project(db, (who,))) as store:  # the window's people
        store.set_role(who, "reviewer")
    assert (
        _cli("--db", str(db), "import", str(team_jsonl), "--annotator", who, "--reviewer", who) == 0
    )
    assert stored == _stats(db, capsys) and stored["spans_per_annotator"]["gold"] > 0
