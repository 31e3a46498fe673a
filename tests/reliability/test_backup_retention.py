"""Backups kept by age as well as by count (issue 14, item 7).

A tester made a bad change, then opened the window five times: the newest
five backups were all taken after the bad change and the last good copy was
gone. Now the day's and the week's first backups stay beside the newest five,
an open of an unchanged project takes no new copy, and every command that
writes in bulk takes a backup first (tested with the CLI in test_cli_backups.py).
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import quiet_project

from tintag.core import backup, backup_retention
from tintag.core.backup import KEEP, list_backups, take_backup
from tintag.core.store import ProjectStore


def _tag(path: Path, label: str = "PER") -> None:
    with ProjectStore.open(path, actor="lan") as store:
        doc = store.document_ids()[0]
        n = len(store.entities(doc, "lan"))
        store.add_item("entity", doc, "lan", start=n, end=n + 1, label=label)


def _labels(path: Path) -> list[str]:
    with ProjectStore.open(path, readonly=True) as store:
        return [e["label"] for e in store.entities(store.document_ids()[0], "lan")]


def test_window_opens_after_a_bad_change_keep_the_last_good_copy(qtbot, tmp_path):
    from tintag.ui.app import Session

    path = quiet_project(tmp_path / "news.tintag", layers=("lan",))
    _tag(path)
    session = Session("lan")
    assert session.open(path)  # the good copy
    qtbot.addWidget(session.window)
    good = list_backups(path)[0]
    session.window.close()
    session.window.store.close()
    _tag(path, "BAD")  # the bad change
    for _ in range(KEEP + 1):  # five (and more) opens, each after some more work
        _tag(path)
        assert session.open(path)
        qtbot.addWidget(session.window)
        session.window.close()
        session.window.store.close()
    assert good in list_backups(path)
    assert _labels(good) == ["PER"]
    backup.restore(path, good)
    assert _labels(path) == ["PER"]


def test_opens_of_an_unchanged_project_push_nothing_out(qtbot, tmp_path):
    from tintag.ui.app import Session

    path = quiet_project(tmp_path / "news.tintag", layers=("lan",))
    for _ in range(3):
        _tag(path)
        take_backup(path)
    before = list_backups(path)
    session = Session("lan")
    for _ in range(KEEP + 2):
        assert session.open(path)
        qtbot.addWidget(session.window)
        session.window.close()
        session.window.store.close()
    assert list_backups(path) == before  # the project did not change: no new copy


def _names(days_ago: list[float], now: datetime) -> list[tuple[str, int]]:
    return [((now - timedelta(days=d)).strftime(backup_retention.STAMP), 0) for d in days_ago]


def test_retention_keeps_the_newest_and_each_days_and_weeks_first():
    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    # ten backups today, one every two hours back to yesterday, then one a day for 60 days
    today = [i / 24 for i in range(10)]
    days = [1 + i / 12 for i in range(12)] + list(range(2, 61))
    stamps = _names(today + days, now)
    kept = backup_retention.to_keep(stamps, now)
    times = sorted(backup_retention.stamp_time(s) for s, _ in kept)
    assert set(sorted(stamps)[-5:]) <= kept  # the newest five
    for d in range(0, 8):  # each of the last days: its first backup
        day = (now - timedelta(days=d)).date()
        same_day = sorted(s for s in stamps if backup_retention.stamp_time(s[0]).date() == day)
        if same_day and now - backup_retention.stamp_time(same_day[0][0]) <= timedelta(days=7):
            assert same_day[0] in kept
    weeks = {t.isocalendar()[:2] for t in times if now - t > timedelta(days=7)}
    assert len(weeks) >= 3  # older ones spread a week apart
    assert all(now - t <= timedelta(weeks=5) for t in times)  # nothing older than five weeks
    assert len(kept) <= 5 + 8 + 6  # bounded, whatever the history


def test_retention_of_a_busy_hour_is_the_newest_and_the_first():
    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    stamps = [(now.strftime(backup_retention.STAMP), n) for n in range(20)]  # twenty in one second
    assert backup_retention.to_keep(stamps, now) == set(stamps[-5:]) | {stamps[0]}


def test_backup_reason_is_in_the_name_and_listed(tmp_path):
    path = quiet_project(tmp_path / "news.tintag", layers=("lan",))
    made = take_backup(path, reason="before-import")
    assert backup.backup_reason(made) == "before-import"
    assert list_backups(path) == [made]
    plain = take_backup(path)
    assert backup.backup_reason(plain) == "" and list_backups(path) == [plain, made]


def test_the_window_backs_up_an_older_format_before_upgrading_it(qtbot, tmp_path):
    """An upgrade cannot be undone by the TinTag that made the file: a copy in
    its old format is kept first (the window; the CLI backs up before every
    writing command, so before an upgrade too)."""
    from tintag.core.store import SCHEMA_VERSION
    from tintag.core.store.schema import user_version
    from tintag.ui.app import Session

    path = tmp_path / "old.tintag"
    ProjectStore.open(path, create=True, target_version=1).close()
    session = Session("lan")
    assert session.open(path)
    qtbot.addWidget(session.window)
    assert session.window.store.schema_version == SCHEMA_VERSION
    session.window.close()
    session.window.store.close()
    (kept,) = [p for p in list_backups(path) if backup.backup_reason(p) == "before-upgrade"]
    conn = __import__("sqlite3").connect(kept)
    assert user_version(conn) == 1
    conn.close()
