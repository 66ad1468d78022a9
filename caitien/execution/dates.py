"""Dates of execution: a row's time as a date window, due soon (within 14 days) and overdue.

Pure functions, no database: pages, the JSON, the checker and the reminders derive the same badges.
"""

from __future__ import annotations

import calendar
import datetime

DUE_SOON_DAYS = 14
FINISHED = {"done", "not_done"}


def month_first_day(month: str | None) -> datetime.date | None:
    """ "2025-09" → 1/9/2025; None for an empty or malformed month."""
    try:
        year, number = (int(x) for x in (month or "").split("-")[:2])
        return datetime.date(year, number, 1)
    except (TypeError, ValueError):
        return None


def month_last_day(month: str | None) -> datetime.date | None:
    first = month_first_day(month)
    if first is None:
        return None
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def row_window(item) -> tuple[datetime.date | None, datetime.date | None]:
    """The first and last day of the row's time (start and end month); either may be unknown."""
    return month_first_day(item.start_month), month_last_day(item.end_month or item.start_month)


def outside_window(item, start=None, due=None) -> str:
    """A Vietnamese sentence when a task's dates leave the row's time, "" when they fit."""
    first, last = row_window(item)
    for label, value in (("Ngày bắt đầu", start), ("Hạn hoàn thành", due)):
        if value is None:
            continue
        if first and value < first:
            return f"{label} {value:%d/%m/%Y} trước thời gian của dòng kế hoạch (từ {first:%d/%m/%Y})."
        if last and value > last:
            return f"{label} {value:%d/%m/%Y} sau thời gian của dòng kế hoạch (đến {last:%d/%m/%Y})."
    if start and due and due < start:
        return f"Hạn hoàn thành {due:%d/%m/%Y} trước ngày bắt đầu {start:%d/%m/%Y}."
    return ""


def is_overdue(due, status: str, today: datetime.date) -> bool:
    """A due date passed and the work is neither done nor given up."""
    return bool(due) and status not in FINISHED and due < today


def is_due_soon(due, status: str, today: datetime.date) -> bool:
    """Due today or within the next 14 days, not finished."""
    return bool(due) and status not in FINISHED and today <= due <= today + datetime.timedelta(DUE_SOON_DAYS)


def deadline_badge(due, status: str, today: datetime.date) -> str:
    """ "overdue", "soon" or "": the badge shown beside a task or a row."""
    if is_overdue(due, status, today):
        return "overdue"
    if is_due_soon(due, status, today):
        return "soon"
    return ""
