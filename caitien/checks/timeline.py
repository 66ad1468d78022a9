"""Rules on time: the plan's period against its title, closing sentence, legal bases, date and rows."""

from __future__ import annotations

import datetime
import re

from caitien.checks.engine import Subject, check
from caitien.checks.rows import missing_field
from caitien.planfile import vietnamese as vn
from caitien.text import fold

_RANGE = re.compile(r"\b(20\d\d)\s*(?:-|–|—|den|toi|\s)\s*(?:nam\s+)?(20\d\d)\b")
_SCHOOL_YEAR = re.compile(r"\bnam hoc\s*:?\s*(20\d\d)\s*(?:-|–|—|den)\s*(20\d\d)\b")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def period_of(s: Subject) -> tuple[int, int] | None:
    period = s.doc.period or {}
    try:
        start, end = int(period.get("start_year")), int(period.get("end_year"))
    except (TypeError, ValueError):
        return None
    return (start, end) if 1990 < start <= end < 2100 else None


def window(period: tuple[int, int]) -> tuple[str, str]:
    """First and last month a plan for the period covers: a school year runs 09..05; a phase of
    several years, or a calendar year, is taken as whole calendar years (read generously)."""
    start, end = period
    if end - start == 1:
        return f"{start}-09", f"{end}-05"
    return f"{start}-01", f"{end}-12"


def label(period: tuple[int, int]) -> str:
    start, end = period
    return f"năm học {start} - {end}" if end - start == 1 else f"giai đoạn {start} - {end}"


def _ranges(text: str, pattern=_RANGE) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in pattern.findall(fold(text)) if int(a) <= int(b) <= int(a) + 10]


def _month_label(month: str) -> str:
    year, mm = month.split("-")
    return f"tháng {int(mm)}/{year}"


@check("period-missing", "period-mismatch")
def period(s: Subject):
    doc = s.doc
    period = period_of(s)
    if period is None:
        yield s.finding(
            "period-missing",
            "Không xác định được năm học (giai đoạn) của kế hoạch. Hãy ghi rõ năm học "
            "trong tên kế hoạch, ví dụ “năm học 2024 - 2025”.",
            field="period",
        )
        return
    shown = label(period)
    for found in _ranges(doc.title or ""):
        if found != period:
            yield s.finding(
                "period-mismatch",
                f"Tên kế hoạch ghi {found[0]} - {found[1]} nhưng kế hoạch là của {shown}. "
                "Hãy sửa cho thống nhất.",
                field="title",
            )
            break
    for found in _ranges(doc.closing_text or ""):
        if found != period:
            yield s.finding(
                "period-mismatch",
                f"Câu kết của kế hoạch ghi {found[0]} - {found[1]} nhưng kế hoạch là của {shown}. "
                "Hãy sửa câu kết cho đúng năm học.",
                field="closing_text",
            )
            break
    # The legal bases rightly cite past years (last year's results, the self-assessment); a
    # school year after the plan's is a copy left over.
    for found in _ranges(doc.sections.get("legal_bases", ""), _SCHOOL_YEAR):
        if found[0] >= period[1]:
            yield s.finding(
                "period-mismatch",
                f"Phần Căn cứ nhắc năm học {found[0]} - {found[1]}, sau thời kỳ của kế hoạch ({shown}). "
                "Hãy sửa cho đúng năm học.",
                field="legal_bases",
            )
            break
    if doc.date:
        try:
            date = datetime.date.fromisoformat(doc.date)
        except ValueError:
            date = None
        last = window(period)[1]
        if date and date.strftime("%Y-%m") > last:
            yield s.finding(
                "period-mismatch",
                f"Kế hoạch ban hành ngày {date:%d/%m/%Y}, sau khi {shown} đã kết thúc. "
                "Hãy kiểm tra lại ngày ban hành hoặc năm học.",
                field="date",
            )
    rows = _dated_rows(s)
    first, last = window(period)
    if len(rows) >= 2 and all(end < first or start > last for _, start, end in rows):
        yield s.finding(
            "period-mismatch",
            f"Thời gian của mọi dòng kế hoạch đều nằm ngoài {shown}. Có thể bảng được chép từ kế hoạch "
            "năm khác; hãy sửa thời gian các dòng hoặc năm học của kế hoạch.",
            field="time_text",
        )


def _dated_rows(s: Subject) -> list[tuple[int, str, str]]:
    rows = []
    for n, item in enumerate(s.doc.items):
        start, end = item.start or item.end, item.end or item.start
        if start and _MONTH.match(start) and _MONTH.match(end):
            rows.append((n, start, end))
    return rows


@check("time-outside-period", "time-before-plan-date", "time-reversed")
def row_times(s: Subject):
    period = period_of(s)
    rows = _dated_rows(s)
    first = last = None
    if period:
        first, last = window(period)
        if len(rows) >= 2 and all(end < first or start > last for _, start, end in rows):
            first = last = None  # already reported once for the whole plan
    issued = None
    try:
        issued = datetime.date.fromisoformat(s.doc.date).strftime("%Y-%m") if s.doc.date else None
    except ValueError:
        pass
    for n, start, end in rows:
        if end < start:
            yield s.finding(
                "time-reversed",
                f"{s.row_label(n)}: thời gian kết thúc ({_month_label(end)}) trước thời gian bắt đầu "
                f"({_month_label(start)}). Hãy sửa lại mốc thời gian.",
                item=n,
                field="time_text",
            )
            continue
        # A row that starts with the school year while the plan is issued a few weeks later is
        # normal; one that starts before both the plan and the school year (or, with no period
        # known, two months or more before the plan) gives work for time already gone.
        early = bool(issued and start < issued and (start < first if first else _months(start, issued) >= 2))
        late_end = bool(first and end > last)
        if start > (last or "9999"):
            yield s.finding(
                "time-outside-period",
                f"{s.row_label(n)} bắt đầu từ {_month_label(start)}, sau khi {label(period)} kết thúc "
                f"({_month_label(last)}). Hãy sửa thời gian cho nằm trong thời kỳ kế hoạch, hoặc đưa việc "
                "này vào kế hoạch năm sau.",
                item=n,
                field="time_text",
            )
            continue
        if early and not late_end:
            yield s.finding(
                "time-before-plan-date",
                f"{s.row_label(n)} bắt đầu từ {_month_label(start)}, trước ngày ban hành kế hoạch "
                f"({_month_label(issued)})"
                + (f" và trước {label(period)}" if first else "")
                + ". Hãy sửa thời gian bắt đầu, hoặc ghi rõ đây là việc đang làm tiếp.",
                item=n,
                field="time_text",
            )
            continue
        if first is None:
            continue
        problems = []
        if start < first:
            problems.append(
                f"bắt đầu từ {_month_label(start)}" + (", trước ngày ban hành kế hoạch" if early else "")
            )
        if late_end:
            problems.append(f"kéo dài đến {_month_label(end)}")
        if problems:
            yield s.finding(
                "time-outside-period",
                f"{s.row_label(n)} {' và '.join(problems)}, ngoài {label(period)} "
                f"({_month_label(first)} – {_month_label(last)}). Hãy sửa thời gian cho nằm trong thời kỳ "
                "kế hoạch, hoặc đưa việc này vào kế hoạch năm sau.",
                item=n,
                field="time_text",
            )


def _months(a: str, b: str) -> int:
    """Months from a to b ("YYYY-MM")."""
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7])


@check("time-unparsed", "time-invalid", "missing-time")
def time_given(s: Subject):
    yield from missing_field(
        s,
        "missing-time",
        "time_text",
        "thời gian thực hiện",
        "Hãy ghi thời gian bắt đầu và hoàn thành (ví dụ “Tháng 9/2024 đến tháng 5/2025”).",
    )
    period = s.doc.period or None
    for n, item in enumerate(s.doc.items):
        if item.time_text.strip() and not (item.start or item.end):
            problems = vn.parse_time(item.time_text, period).problems
            if problems:
                yield s.finding(
                    "time-invalid",
                    f"{s.row_label(n)}: thời gian “{item.time_text}” ghi sai. {' '.join(problems)}",
                    item=n,
                    field="time_text",
                )
                continue
            yield s.finding(
                "time-unparsed",
                f"{s.row_label(n)}: không hiểu được thời gian “{item.time_text}”. Hãy ghi rõ tháng, năm, "
                "ví dụ “Tháng 10/2024” hoặc “Học kỳ I năm học 2024 - 2025”.",
                item=n,
                field="time_text",
            )


_THROUGHOUT = ("xuyen suot", "suot nam hoc", "ca nam hoc", "trong suot")


@check("time-note-conflict")
def time_and_note(s: Subject):
    for n, item in enumerate(s.doc.items):
        if not item.start or item.start != item.end:
            continue
        said = next(
            (
                text
                for text in (item.notes, item.time_text, item.support)
                if any(w in fold(text) for w in _THROUGHOUT)
            ),
            "",
        )
        if said:
            yield s.finding(
                "time-note-conflict",
                f"{s.row_label(n)}: thời gian ghi “{item.time_text}” (một tháng) nhưng dòng lại ghi "
                f"“{said}”. Hãy ghi thời gian bắt đầu và kết thúc cho khớp.",
                item=n,
                field="time_text",
            )
