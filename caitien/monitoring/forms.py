"""Reading what people type on the monitoring pages (dates as dd/mm/yyyy), with Vietnamese messages."""

from __future__ import annotations

import datetime
import re

from caitien.monitoring.services import MonitoringError
from caitien.web.params import whole_number

_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")


def parse_date(text: str, *, label: str = "Ngày") -> datetime.date:
    """ "31/01/2026" -> date(2026, 1, 31); anything else raises MonitoringError saying how to write it."""
    raw = (text or "").strip()
    m = _DATE.match(raw)
    if not m:
        raise MonitoringError(f"{label}: chưa hiểu “{raw}”. Hãy ghi ngày/tháng/năm, ví dụ 31/01/2026.")
    day, month, year = (int(x) for x in m.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise MonitoringError(
            f"{label}: ngày {raw} không có trong lịch. Hãy kiểm tra lại ngày và tháng."
        ) from None


def int_or_none(value) -> int | None:
    return whole_number(value, high=999_999_999)
