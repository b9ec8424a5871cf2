"""Backups: consistent copies, rotation, restore, and clear messages for a damaged project."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from annotator.core.errors import SchemaError
from annotator.core.formats.import_text import import_text_files
from annotator.core.project import open_project
from annotator.core.store import Store
from annotator.core.store import backup as bk
from annotator.core.store.backup import BackupError, make_backup
from annotator.core.store.backup_files import latest_backup, list_backups
from annotator.core.store.database import ExternalChanges
from annotator.core.store.file_health import (
    DamagedProjectError,
    check_project_file,
    restore_offer,
)
from annotator.core.store.restore import restore_backup

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
WHEN = re.compile(r"\(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)")


def make_project(path: Path, spans: int = 3) -> Path:
    with Store.open(path) as store:
        import_text_files(store, [SEEDS])
        doc = store.documents.ids()[0]
        who = store.ensure_annotator("ali").id
        for n in range(spans):
            store.annotations.add_span(doc, who, "PERSON", n * 4, n * 4 + 3)
    return path


def span_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM spans").fetchone()[0]
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def add_spans(path: Path, count: int) -> None:
    with Store.open(path) as store:
        doc = store.documents.ids()[1]
        who = store.ensure_annotator("ali").id
        for n in range(count):
            store.annotations.add_span(doc, who, "ORG", n * 5, n * 5 + 2)


def truncate_half(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(size // 2)


def garbage_in_the_middle(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2 - 4096)
        handle.write(bytes(range(256)) * 32)


def stamp_later(path: Path, seconds: float = 5) -> None:
    """Make the file look changed after the newest backup (mtime granularity)."""
    later = time.time() + seconds
    os.utime(path, (later, later))


# -- making backups ---------------------------------------------------------------------------


def test_backup_is_a_consistent_named_copy_beside_the_project(tmp_path: Path):
    db = make_project(tmp_path / "project.db")
    target = make_backup(db)
    assert target.parent == tmp_path / "project.db.backups"
    assert re.fullmatch(r"project-\d{8}T\d{6}\.\d{6}Z\.db", target.name)
    assert integrity(target) == "ok"
    assert span_count(target) == 3
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file
    conn.close()
    assert not list(target.parent.glob("*.part"))
    (listed,) = list_backups(db)
    assert listed.path == target and listed.size == target.stat().st_size
    assert WHEN.fullmatch(f"({listed.when})")
    assert latest_backup(db) == listed


def test_backup_of_an_open_project_includes_committed_edits_in_the_wal(tmp_path: Path):
    db = make_project(tmp_path / "project.db")
    with Store.open(db) as store:  # edits sit in the -wal while the store is open
        doc = store.documents.ids()[2]
        store.annotations.add_span(doc, store.ensure_annotator("ali").id, "GPE", 0, 3)
        assert Path(f"{db}-wal").stat().st_size > 0
        target = make_backup(db)
    assert span_count(target) == 4


def test_rotation_keeps_the_newest(tmp_path: Path):
    db = make_project(tmp_path / "project.db")
    made = [make_backup(db, keep=3) for _ in range(5)]
    assert [b.path for b in list_backups(db)] == made[-3:]
    # the project setting decides when no keep is given
    with Store.open(db) as store:
        store.set_setting(bk.KEEP_SETTING, "2")
    newest = make_backup(db)
    assert [b.path for b in list_backups(db)] == [made[-1], newest]
    # other files in the folder are never touched
    stray = newest.parent / "notes.txt"
    stray.write_text("mine")
    make_backup(db, keep=1)
    assert stray.exists() and len(list_backups(db)) == 1


def test_backup_into_another_folder(tmp_path: Path):
    db = make_project(tmp_path / "project.db")
    elsewhere = tmp_path / "usb" / "backups"
    target = make_backup(db, elsewhere, keep=2)
    assert target.parent == elsewhere
    assert list_backups(db) == []
    assert [b.path for b in list_backups(db, elsewhere)] == [target]


@pytest.mark.parametrize("keep", [0, -1, True, 1.5, "3"])
def test_keep_must_be_a_positive_whole_number(tmp_path: Path, keep):
    db = make_project(tmp_path / "project.db")
    with pytest.raises(BackupError, match="keep"):
        make_backup(db, keep=keep)


def test_backup_refuses_what_is_not_a_project(tmp_path: Path):
    with pytest.raises(BackupError, match="no such project"):
        make_backup(tmp_path / "missing.db")
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaError, match="not an annotation project"):
        make_backup(foreign)
    assert not list((tmp_path / "foreign.db.backups").glob("*"))


def test_a_damaged_project_is_not_backed_up_and_old_backups_stay(tmp_path: Path):
    db = make_project(tmp_path / "project.db")
    good = [make_backup(db, keep=2) for _ in range(2)]
    garbage_in_the_middle(db)
    for _ in range(3):
        with pytest.raises(DamagedProjectError) as info:
            make_backup(db, keep=2)
        assert str(db) in str(info.value) and str(good[-1]) in str(info.value)
    assert [b.path for b in list_backups(db)] == good
    assert not list(good[0].parent.glob("*.part"))


# -- damaged files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (truncate_half, "truncated"),
        (garbage_in_the_middle, "integrity|malformed|cannot read"),
        (lambda p: p.write_bytes(b"PK\x03\x04 not a database at all" * 100), "not an SQLite"),
    ],
    ids=["truncated", "garbage", "overwritten"],
)
def test_damaged_file_message_names_file_and_latest_backup(tmp_path: Path, damage, problem):
    db = make_project(tmp_path / "project.db")
    assert check_project_file(db) is None
    make_backup(db)
    latest = make_backup(db)
    damage(db)
    message = check_project_file(db)
    assert message is not None
    assert message.startswith(f"{db}: the project file is damaged")
    assert re.search(problem, message)
    assert f"the latest backup is {latest}" in message
    assert WHEN.search(message)
    assert "restore it with `annotator" in message and "restore`" in message
    assert "Traceback" not in message and "\n" not in message
    # opening says the same instead of an SQLite error
    with pytest.raises(SchemaError) as info:
        open_project(db).close()
    assert str(info.value) == message
    assert isinstance(info.value, DamagedProjectError)


def test_damaged_file_without_backups_says_so(tmp_path: Path):
    db = make_project(tmp_path / "project.db")
    truncate_half(db)
    message = check_project_file(db)
    assert message and "no backup of it was found" in message and str(db) in message


def test_healthy_missing_and_empty_files_are_not_damaged(tmp_path: Path):
    assert check_project_file(tmp_path / "nothing.db") is None
    (tmp_path / "empty.db").write_bytes(b"")
    assert check_project_file(tmp_path / "empty.db") is None
    assert check_project_file(make_project(tmp_path / "ok.db")) is None


def test_restore_offer_for_the_app(tmp_path: Path):
    db = make_project(tmp_path / "project.db")
    assert restore_offer(db) is None
    latest = make_backup(db)
    truncate_half(db)
    offer = restore_offer(db)
    assert offer is not None and offer.backup.path == latest
    assert str(db) in offer.message and str(latest) in offer.message
    restore_backup(offer.db_path, offer.backup.path)
    assert span_count(db) == 3


# -- restoring ----------------------------------------------------------------------------------


def test_restore_round_trip_keeps_the_replaced_file(tmp_path: Path):
    db = make_project(tmp_path / "project.db")
    backup = make_backup(db)
    add_spans(db, 4)
    assert span_count(db) == 7
    kept = restore_backup(db, backup)
    assert span_count(db) == 3 and integrity(db) == "ok"
    assert kept is not None and kept.name.startswith("project.db.before-restore-")
    assert span_count(kept) == 7  # nothing lost: the replaced project is beside it
    assert backup.exists()  # the backup stays a backup
    with Store.open(db) as store:  # and the restored project works normally
        assert store.documents.count() == 5
        doc = store.documents.ids()[3]
        store.annotations.add_span(doc, store.ensure_annotator("ali").id, "LOC", 0, 2)
    assert span_count(db) == 4


KILLED_WRITER = """
import sys
from annotator.core.store import Store
store = Store.open(sys.argv[1])
doc = store.documents.ids()[1]
who = store.ensure_annotator("late").id
for n in range(int(sys.argv[2])):
    store.annotations.add_span(doc, who, "DATE", n * 3, n * 3 + 2)
print("done", flush=True)
sys.stdin.read()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_restore_after_a_crash_keeps_the_wal_with_the_replaced_file(tmp_path: Path):
    """A process killed with edits in its -wal: the restore moves the -wal along with
    the replaced file (never mixes it into the restored one) and drops the -shm."""
    db = make_project(tmp_path / "project.db")
    backup = make_backup(db)
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(db), "6"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout.readline().strip() == "done"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdin.close()
    proc.stdout.close()
    assert Path(f"{db}-wal").stat().st_size > 0
    kept = restore_backup(db, backup)
    assert span_count(db) == 3
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    assert span_count(kept) == 9  # the crashed process's 6 edits are in the kept file
    assert integrity(kept) == "ok"


def test_restore_refuses_while_the_project_is_open(tmp_path: Path):
    db = make_project(tmp_path / "project.db")
    backup = make_backup(db)
    add_spans(db, 2)
    with Store.open(db) as other:
        with pytest.raises(BackupError, match="open in another window"):
            restore_backup(db, backup)
        assert other.documents.count() == 5  # the open project still works
    assert span_count(db) == 5  # not restored
    assert not list(tmp_path.glob("*.before-restore-*"))
    assert not list(tmp_path.glob("*.restoring"))
    restore_backup(db, backup)
    assert span_count(db) == 3


def test_restore_refuses_a_bad_backup_and_changes_nothing(tmp_path: Path):
    db = make_project(tmp_path / "project.db")
    backup = make_backup(db)
    bad = tmp_path / "bad.db"
    bad.write_bytes(backup.read_bytes())
    garbage_in_the_middle(bad)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("hello" * 1000)
    before = db.read_bytes()
    for candidate, why in (
        (bad, "integrity|cannot read"),
        (foreign, "not an annotation project"),
        (not_sqlite, "not an SQLite"),
        (tmp_path / "missing.db", "no such backup"),
        (db, "project file itself"),
    ):
        with pytest.raises(BackupError, match=why):
            restore_backup(db, candidate)
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("*.before-restore-*"))
    assert not list(tmp_path.glob("*.restoring"))


def test_restore_when_the_project_file_is_gone(tmp_path: Path):
    db = make_project(tmp_path / "project.db")
    backup = make_backup(db)
    db.unlink()
    assert restore_backup(db, backup) is None
    assert span_count(db) == 3


@pytest.mark.parametrize("damage", [truncate_half, garbage_in_the_middle])
def test_restore_brings_a_damaged_project_back(tmp_path: Path, damage):
    db = make_project(tmp_path / "project.db")
    make_backup(db)
    damage(db)
    with pytest.raises(DamagedProjectError):
        open_project(db)
    kept = restore_backup(db, latest_backup(db).path)
    assert kept is not None and kept.exists()
    assert check_project_file(db) is None
    with open_project(db) as store:
        assert store.documents.count() == 5
        assert len(store.annotations.spans(store.documents.ids()[0])) == 3


# -- automatic backup on open ---------------------------------------------------------------


def test_open_backs_up_an_existing_project_once_per_change(tmp_path: Path):
    db = tmp_path / "project.db"
    open_project(db).close()  # created: nothing to back up
    assert list_backups(db) == []
    open_project(db).close()
    assert len(list_backups(db)) == 1
    open_project(db).close()  # unchanged since: no new backup
    assert len(list_backups(db)) == 1
    with open_project(db) as store:
        store.set_setting("x", "y")
    stamp_later(db)
    open_project(db).close()
    assert len(list_backups(db)) == 2


def test_open_rotates_by_the_project_setting_and_zero_turns_it_off(tmp_path: Path):
    db = make_project(tmp_path / "project.db")
    with Store.open(db) as store:
        store.set_setting(bk.KEEP_SETTING, "2")
    for _ in range(4):
        stamp_later(db, 60)
        open_project(db).close()
    assert len(list_backups(db)) == 2
    with Store.open(db) as store:
        store.set_setting(bk.KEEP_SETTING, "0")
    before = list_backups(db)
    stamp_later(db, 120)
    open_project(db).close()
    assert list_backups(db) == before


def test_open_still_works_when_the_backup_cannot_be_written(tmp_path: Path, caplog):
    db = make_project(tmp_path / "project.db")
    (tmp_path / "project.db.backups").write_text("a file where the folder should be")
    with open_project(db) as store:
        assert store.documents.count() == 5
    assert "automatic backup skipped" in caplog.text


def test_open_of_a_newer_project_keeps_its_own_message(tmp_path: Path):
    db = make_project(tmp_path / "project.db")
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('annotator', '9999_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(SchemaError, match="newer version") as info:
        open_project(db)
    assert not isinstance(info.value, DamagedProjectError)


# -- backups while another process writes -------------------------------------------------------

PAIR_WRITER = """
import sys
from annotator.core.store import Store
store = Store.open(sys.argv[1])
docs = store.documents.ids()
n = 0
while True:
    who = store.ensure_annotator(f"w{n // 400}").id
    doc = docs[(n // 200) % len(docs)]
    pos = (n % 200) * 3
    with store.transaction():  # one quote, its speaker and the link: all or nothing
        quote = store.annotations.add_span(doc, who, "QUOTE", pos, pos + 1)
        speaker = store.annotations.add_span(doc, who, "SPEAKER", pos + 1, pos + 2)
        link = store.annotations.add_relation(quote.id, speaker.id, "SAID_BY")
    print(quote.id, speaker.id, link.id, flush=True)
    n += 1
"""


def test_backups_of_a_project_being_written_are_consistent(tmp_path: Path):
    db = make_project(tmp_path / "project.db", spans=0)
    proc = subprocess.Popen(
        [sys.executable, "-c", PAIR_WRITER, str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    acked: list[tuple[int, int, int]] = []

    def read() -> None:
        for line in proc.stdout:
            if line.endswith("\n"):  # SIGKILL can cut the last line short: never acked
                acked.append(tuple(int(x) for x in line.split()))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    snapshots = []
    try:
        deadline = time.monotonic() + 30
        while len(acked) < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        for _ in range(12):
            before = len(acked)
            target = make_backup(db, tmp_path / "b", keep=100)
            snapshots.append((before, target))
            # let the writer go on between backups, however loaded the machine is
            wait_until = time.monotonic() + 10
            while len(acked) <= before + 1 and time.monotonic() < wait_until:
                time.sleep(0.01)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        reader.join(5)
        stderr = proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
    assert "Traceback" not in stderr, stderr
    assert len(acked) > snapshots[-1][0] > snapshots[0][0] >= 20
    grew = set()
    for before, target in snapshots:
        assert integrity(target) == "ok"
        conn = sqlite3.connect(target)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        quotes = {r[0] for r in conn.execute("SELECT id FROM spans WHERE label = 'QUOTE'")}
        speakers = {r[0] for r in conn.execute("SELECT id FROM spans WHERE label = 'SPEAKER'")}
        rows = conn.execute("SELECT id, head_id, child_id FROM relations")
        links = {r[0]: (r[1], r[2]) for r in rows}
        conn.close()
        # every transaction is in the copy whole or not at all
        assert {head for head, _child in links.values()} == quotes
        assert {child for _head, child in links.values()} == speakers
        # everything acknowledged before the copy began is in it
        for quote, speaker, link in acked[:before]:
            assert quote in quotes and speaker in speakers and links[link] == (quote, speaker)
        # and nothing that was never written
        assert set(links) <= {link for _q, _s, link in acked} | {max(links, default=0)}
        grew.add(len(links))
    assert len(grew) > 1  # the copies were taken while the writer was writing


def test_external_changes_sees_other_connections_only(tmp_path: Path):
    db = make_project(tmp_path / "project.db")
    with Store.open(db) as mine, Store.open(db) as other:
        watch = ExternalChanges(mine.db.conn)
        assert not watch.check()
        doc = mine.documents.ids()[0]
        mine.annotations.add_span(doc, mine.ensure_annotator("me").id, "ORG", 20, 23)
        assert not watch.check()  # my own edit is no news
        other.annotations.add_span(doc, other.ensure_annotator("you").id, "ORG", 30, 33)
        assert watch.check() and not watch.check()  # reported once


def test_advice_for_the_project_chosen_by_the_environment(tmp_path: Path, monkeypatch):
    db = make_project(tmp_path / "project.db")
    make_backup(db)
    truncate_half(db)
    assert f"`annotator --db {db} restore`" in check_project_file(db)
    monkeypatch.setenv("ANNOTATOR_DB", str(db))
    assert "`annotator restore`" in check_project_file(db)
