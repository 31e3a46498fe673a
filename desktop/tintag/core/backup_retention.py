"""Which backups to keep: the newest few, and older ones spread out by age.

Keeping only the newest five let five window opens after a bad change push
the last good copy out. Kept now (a backup may count for several rules):

- the newest ``NEWEST``;
- the first backup of each of the last ``DAYS`` days (how the project was
  when that day's work began);
- the first backup of each of the last ``WEEKS`` weeks (ISO weeks).

Days and weeks are UTC, read from the time in the backup's name. A pure
function of names and the clock, so it is tested without files.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

NEWEST = 5
DAYS = 7
WEEKS = 5
STAMP = "%Y%m%dT%H%M%S"


def stamp_time(stamp: str) -> datetime:
    return datetime.strptime(stamp, STAMP).replace(tzinfo=UTC)


def to_keep(stamps: list[tuple[str, int]], now: datetime | None = None,
            newest: int = NEWEST) -> set[tuple[str, int]]:
    """Of backups named by (UTC stamp, sequence number), the ones to keep."""
    now = now or datetime.now(UTC)
    ordered = sorted(stamps)  # oldest first; the sequence orders backups of one second
    keep = set(ordered[-newest:]) if newest > 0 else set()
    first_of: dict[tuple, tuple[str, int]] = {}
    for entry in ordered:
        when = stamp_time(entry[0])
        age = now - when
        if age <= timedelta(days=DAYS):
            first_of.setdefault(("day", when.date()), entry)
        if age <= timedelta(weeks=WEEKS):
            first_of.setdefault(("week", *when.isocalendar()[:2]), entry)
    return keep | set(first_of.values())
