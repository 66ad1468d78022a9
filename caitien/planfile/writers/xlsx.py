"""The plan table as an Excel workbook, for the people who track the plan in a spreadsheet.

One sheet, "Kế hoạch": the plan's header fields (label, value) above the table, then one row per
plan row with typed cells (months as dates, money in đồng as numbers), a frozen header row with
filters, a total, and the monitoring columns (status, progress, evidence) ready to fill in. The
57/2026 form adds the sheets "Vấn đề trọng tâm" and "Theo dõi, đánh giá".
HEADER_LABELS and the column labels are what an importer looks for to read the workbook back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from caitien.catalog import registry
from caitien.planfile.model import Document, Item
from caitien.planfile.writers import layout
from caitien.planfile.writers.cells import put_formula, put_value

SHEET = "Kế hoạch"
VND_FORMAT = '#,##0 "đ"'
MONTH_FORMAT = "mm/yyyy"
DATE_FORMAT = "dd/mm/yyyy"
FONT = "Times New Roman"

# Header fields: key -> label. Laid out two per line, label then value.
HEADER_LABELS = {
    "title": "Tên kế hoạch",
    "school": "Trường",
    "governing_body": "Cơ quan chủ quản",
    "school_level": "Cấp học",
    "circular": "Văn bản áp dụng",
    "document_number": "Số văn bản",
    "date": "Ngày ban hành",
    "place": "Địa danh",
    "start_year": "Năm bắt đầu",
    "end_year": "Năm kết thúc",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Người ký",
    "recipients": "Nơi nhận",
}
_HEADER_LINES = [
    ("title",),
    ("school", "governing_body"),
    ("school_level", "circular"),
    ("document_number", "date"),
    ("place", None),
    ("start_year", "end_year"),
    ("signer_title", "signer_name"),
    ("recipients",),
]
DEFAULT_STATUS = ["Chưa thực hiện", "Đang thực hiện", "Hoàn thành", "Chưa hoàn thành"]

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9E2F3")
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_CENTRE_TOP = Alignment(horizontal="center", vertical="top")


@dataclass(frozen=True)
class XColumn:
    key: str
    label: str
    width: float
    kind: str = "text"  # text | int | month | money | percent


def table_columns(doc: Document, reg: registry.Regulation) -> list[XColumn]:
    """The sheet's columns: the form's own labels for the plan's texts, then the typed columns
    (standard, months, money) and the monitoring columns."""
    new_form = layout.is_new_form(reg)
    label = {c["key"]: c["label"] for c in reg.plan_form["columns"]}
    # Criterion before standard: an importer that reads both labels as "the criterion column" takes the first.
    cols = [
        XColumn("order", "TT", 5, "int"),
        XColumn("criterion", "Tiêu chí", 9),
        XColumn("standard", "Tiêu chuẩn", 9, "int"),
    ]
    if any(i.level for i in doc.items):
        cols.append(XColumn("level", label.get("level", "Mức"), 7))
    if new_form:
        cols.append(XColumn("issue", label.get("issue", "Nội dung cải tiến"), 28))
    cols += [
        XColumn("expected_result", label.get("expected_result", "Kết quả cần đạt"), 36),
        XColumn("solutions", label.get("solutions", "Công việc/giải pháp"), 48),
    ]
    if new_form:
        cols.append(XColumn("indicator", label.get("indicator", "Chỉ số đánh giá kết quả"), 28))
    cols += [
        XColumn("lead", label.get("lead", "Chủ trì và phối hợp thực hiện"), 24),
        XColumn("time_text", label.get("time_text", "Thời gian thực hiện"), 18),
        XColumn("start", "Tháng bắt đầu", 11, "month"),
        XColumn("end", "Tháng kết thúc", 11, "month"),
        XColumn("budget_text", label.get("budget_text", "Dự kiến kinh phí"), 20),
        XColumn("budget_vnd", "Kinh phí dự kiến (đồng)", 16, "money"),
        XColumn(
            "support",
            "Nguồn lực, hỗ trợ khác" if new_form else label.get("support", "Điều kiện hỗ trợ khác"),
            22,
        ),
    ]
    if new_form:
        cols.append(XColumn("expected_evidence", label.get("expected_evidence", "Minh chứng dự kiến"), 26))
    else:
        cols.append(XColumn("notes", label.get("notes", "Ghi chú"), 18))
    cols += [
        XColumn("status", label.get("status", "Mức độ thực hiện"), 16),
        XColumn("progress", "Tiến độ (%)", 10, "percent"),
        XColumn("evidence", "Minh chứng đã có", 26),
    ]
    return cols


def write_xlsx(doc: Document, path) -> None:
    reg = layout.regulation_for(doc)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    cols = table_columns(doc, reg)
    row = _header_fields(ws, doc, reg)
    head_row = row + 1
    for c, col in enumerate(cols, start=1):
        cell = put_value(ws.cell(head_row, c), col.label)
        cell.font = Font(name=FONT, bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.fill = _HEAD_FILL
        cell.border = _BOX
        ws.column_dimensions[get_column_letter(c)].width = col.width
    r = head_row
    for n, item in enumerate(doc.items, start=1):
        r += 1
        values = [_value(item, col, n) for col in cols]
        for c, (col, value) in enumerate(zip(cols, values, strict=True), start=1):
            _put(ws.cell(r, c), value, box=True)
            ws.cell(r, c).number_format = _format(col)
            if col.kind in ("int", "month", "percent"):
                ws.cell(r, c).alignment = _CENTRE_TOP
        ws.row_dimensions[r].height = _row_height(cols, values)
    last = r
    money = next(i for i, c in enumerate(cols, start=1) if c.key == "budget_vnd")
    letter = get_column_letter(money)
    total_row = last + 1
    label = put_value(ws.cell(total_row, 1), "Tổng cộng")
    label.font = Font(name=FONT, bold=True)
    ws.merge_cells(start_row=total_row, start_column=1, end_row=total_row, end_column=money - 1)
    # SUBTOTAL(109, …) adds only the rows a filter leaves visible.
    total = put_formula(
        ws.cell(total_row, money), f"=SUBTOTAL(109,{letter}{head_row + 1}:{letter}{max(last, head_row + 1)})"
    )
    total.number_format = VND_FORMAT
    total.font = Font(name=FONT, bold=True)
    for c in range(1, len(cols) + 1):
        ws.cell(total_row, c).border = _BOX
    ws.freeze_panes = ws.cell(head_row + 1, 1)
    ws.auto_filter.ref = f"A{head_row}:{get_column_letter(len(cols))}{max(last, head_row + 1)}"
    ws.row_dimensions[head_row].height = 45
    _validations(ws, cols, reg, head_row + 1, max(last, head_row + 1) + 200)
    ws.print_title_rows = f"{head_row}:{head_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if layout.is_new_form(reg):
        _priority_sheet(wb, doc, reg)
        _monitoring_sheet(wb, doc, reg)
    wb.properties.title = layout.printable(layout.title_text(doc))
    wb.properties.creator = layout.printable(doc.school or "")
    wb.properties.language = "vi-VN"
    wb.save(Path(path))


def header_values(doc: Document, reg: registry.Regulation) -> dict:
    start, end = layout.period_years(doc)
    signer = doc.signer
    try:
        date = dt.date.fromisoformat(doc.date) if doc.date else None
    except ValueError:
        date = doc.date
    return {
        "title": layout.title_text(doc),
        "school": doc.school or "",
        "governing_body": doc.governing_body or "",
        "school_level": registry.SCHOOL_LEVELS.get(doc.school_level or "", ""),
        "circular": doc.circular or reg.code,
        "document_number": doc.document_number or "",
        "date": date,
        "place": doc.place or "",
        "start_year": start,
        "end_year": end,
        "signer_title": signer.title if signer else "",
        "signer_name": signer.name if signer else "",
        "recipients": "; ".join(doc.recipients),
    }


def _header_fields(ws, doc: Document, reg) -> int:
    """The header lines from row 1; returns the last row used (a blank row follows)."""
    values = header_values(doc, reg)
    title = put_value(ws.cell(1, 1), "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC")
    title.font = Font(name=FONT, bold=True, size=14)
    r = 1
    for line in _HEADER_LINES:
        r += 1
        # label A:C, value D:E; second pair label F, value G:J (a single pair stretches to J)
        spans = [(1, 3, 4, 5), (6, 6, 7, 10)] if len(line) == 2 else [(1, 3, 4, 10)]
        for key, (l1, l2, v1, v2) in zip(line, spans, strict=False):
            if key is None:
                continue
            lab = put_value(ws.cell(r, l1), HEADER_LABELS[key])
            lab.font = Font(name=FONT, bold=True)
            if l2 > l1:
                ws.merge_cells(start_row=r, start_column=l1, end_row=r, end_column=l2)
            val = ws.cell(r, v1)
            _put(val, values[key])
            if key == "date" and isinstance(values[key], dt.date):
                val.number_format = DATE_FORMAT
            if key in ("start_year", "end_year"):
                val.number_format = "0"
            val.alignment = Alignment(
                horizontal="left", vertical="top", wrap_text=key in ("title", "recipients")
            )
            ws.merge_cells(start_row=r, start_column=v1, end_row=r, end_column=v2)
    return r + 1


def _put(cell, value, *, box: bool = False) -> None:
    put_value(cell, layout.printable(value) if isinstance(value, str) else value)
    cell.font = Font(name=FONT)
    cell.alignment = _WRAP_TOP
    if box:
        cell.border = _BOX


def _value(item: Item, col: XColumn, order: int):
    key = col.key
    if key == "order":
        return order
    if key == "standard":
        return item.standard_number()
    if key in ("start", "end"):
        month = getattr(item, key)
        if not month:
            return None
        try:
            year, mm = month.split("-")[:2]
            return dt.date(int(year), int(mm), 1)
        except ValueError:
            return month
    if key == "budget_vnd":
        total = layout.one_off_total(item)
        return total if item.budget_amounts and total else None
    if key == "budget_text":
        return item.budget_text or layout.money_text(item)
    if key == "time_text":
        return item.time_text or layout.time_from_months(item.start, item.end)
    if key == "lead":
        return layout.cell_text(item, "lead", order, False)
    if key in ("progress", "evidence"):
        return None
    return getattr(item, key, "") or ""


def _row_height(cols: list[XColumn], values: list) -> float:
    """Excel does not grow a row to its wrapped text when the file is written by a program, so the
    height is estimated: lines of the fullest cell at about 1.1 characters per width unit."""
    lines = 1
    for col, value in zip(cols, values, strict=True):
        if isinstance(value, str) and value:
            per_line = max(1, int(col.width * 1.1))
            lines = max(lines, sum(1 + len(part) // per_line for part in value.split("\n")))
    return min(409, 15 * lines + 2)


def _format(col: XColumn) -> str:
    return {"month": MONTH_FORMAT, "money": VND_FORMAT, "percent": "0%", "int": "0"}.get(col.kind, "@")


def _validations(ws, cols, reg, first: int, last: int) -> None:
    status = reg.plan_form.get("status_values") or DEFAULT_STATUS
    idx = {c.key: i for i, c in enumerate(cols, start=1)}
    dv = DataValidation(type="list", formula1='"' + ",".join(status) + '"', allow_blank=True)
    dv.error = "Hãy chọn một mức độ thực hiện trong danh sách."
    dv.errorTitle = "Mức độ thực hiện"
    ws.add_data_validation(dv)
    col = get_column_letter(idx["status"])
    dv.add(f"{col}{first}:{col}{last}")
    pv = DataValidation(type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True)
    pv.error = "Tiến độ là tỉ lệ phần trăm từ 0% đến 100%."
    pv.errorTitle = "Tiến độ"
    ws.add_data_validation(pv)
    col = get_column_letter(idx["progress"])
    pv.add(f"{col}{first}:{col}{last}")


def _simple_sheet(wb, title: str, labels: list[str], widths: list[float], rows: list[list]) -> None:
    ws = wb.create_sheet(title)
    for c, (label, w) in enumerate(zip(labels, widths, strict=True), start=1):
        cell = put_value(ws.cell(1, c), label)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BOX
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = w
    for r, values in enumerate(rows, start=2):
        for c, v in enumerate(values, start=1):
            cell = put_value(ws.cell(r, c), layout.printable(v) if isinstance(v, str) else v)
            cell.font = Font(name=FONT)
            cell.alignment = _WRAP_TOP
            cell.border = _BOX
    ws.freeze_panes = "A2"


def _priority_sheet(wb, doc: Document, reg) -> None:
    labels = layout.section_spec(reg, "priority_issues").get("columns") or []
    rows = [
        [n, p.standard_text, p.criteria, p.current_state, p.limitation, p.cause]
        for n, p in enumerate(layout.priority_rows(doc, reg), start=1)
    ]
    _simple_sheet(wb, "Vấn đề trọng tâm", labels, [5, 14, 14, 40, 36, 36], rows)


def _monitoring_sheet(wb, doc: Document, reg) -> None:
    labels = layout.section_spec(reg, "monitoring").get("columns") or []
    rows = [
        [m.moment, m.content, m.result, m.adjustment, m.assessor] for m in layout.monitoring_rows(doc, reg)
    ]
    _simple_sheet(wb, "Theo dõi, đánh giá", labels, [16, 40, 36, 30, 20], rows)
