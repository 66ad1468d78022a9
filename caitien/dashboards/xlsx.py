"""Every office table as an XLSX download: a header row, the rows, widths that fit, frozen header.

Texts that a spreadsheet would run as a formula (starting with =, +, -, @) are stored as text
(caitien.planfile.writers.cells, shared by every XLSX writer)."""

from __future__ import annotations

import datetime
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from caitien.planfile.writers.cells import put_value

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_bytes(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    """sheets: (title, header, rows). Numbers stay numbers; dates become dd/mm/yyyy cells."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title=title[:31])
        for c, h in enumerate(header, start=1):
            cell = put_value(ws.cell(1, c), h)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [len(str(h)) for h in header]
        for r, row in enumerate(rows, start=2):
            for i, v in enumerate(row):
                cell = put_value(ws.cell(row=r, column=i + 1), _value(v))
                if isinstance(v, datetime.date):
                    cell.number_format = "dd/mm/yyyy"
                elif isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 1000:
                    cell.number_format = "#,##0"
                widths[i] = max(widths[i], min(60, len(str(v or ""))))
        for i, w in enumerate(widths):
            ws.column_dimensions[get_column_letter(i + 1)].width = max(8, w + 2)
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _value(v):
    if isinstance(v, datetime.datetime):
        return v.replace(tzinfo=None)
    return v


def xlsx_response(filename: str, title: str, header, rows, extra_sheets=()) -> HttpResponse:
    data = workbook_bytes([(title, list(header), [list(r) for r in rows]), *extra_sheets])
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
