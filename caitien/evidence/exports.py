"""The register as DOCX (Nghị định 30/2020 layout, the plan writer's page, fonts, header and table
style) and as XLSX, in the columns the regulation's data gives (`evidence_code.columns`).

Both read the same rows (`register_rows`); XLSX texts starting with = + - @ are stored as text so a
spreadsheet never runs them as formulas.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from docx import Document as new_document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from caitien.evidence import codes
from caitien.planfile.model import Signer
from caitien.planfile.writers import docx as plan_docx
from caitien.planfile.writers import layout
from caitien.planfile.writers.cells import put_value
from caitien.web.inputs import format_date

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SHEET = "Danh mục minh chứng"
_WEIGHTS = {
    "order": 1.0,
    "code": 2.6,
    "name": 7.0,
    "number_date": 2.8,
    "issuer": 2.8,
    "location": 5.0,
    "notes": 2.6,
}
_CENTERED = {"order", "code"}


def columns_of(regulation) -> list[dict]:
    return codes.spec_for(regulation)["columns"]


def item_cell(item, key: str, order: int) -> str:
    if key == "order":
        return str(order)
    if key == "number_date":
        if item.number_date:
            return item.number_date
        return format_date(item.issued_on) if item.issued_on else ""
    return getattr(item, key, "") or ""


@dataclass
class RegisterDocument:
    """What the Nghị định 30 header and signature need (the same names as planfile's Document)."""

    school: str
    governing_body: str
    place: str
    school_year: int
    regulation: object
    items: list
    date: str = field(default_factory=lambda: dt.date.today().isoformat())
    document_number: str = ""
    signer: Signer = field(default_factory=lambda: Signer(title="HIỆU TRƯỞNG"))
    recipients: tuple = ("Đoàn đánh giá ngoài", "Lưu: VT, HĐTĐG")
    period: dict = field(default_factory=dict)
    groups: list = field(default_factory=list)  # selectors.grouped_register: standards
    general: object = None

    @property
    def title(self) -> str:
        return f"Năm học {self.school_year}-{self.school_year + 1}"


def register_document(school, school_year, regulation, items) -> RegisterDocument:
    from caitien.evidence.selectors import grouped_register
    from caitien.schools.models import Role

    groups, general = grouped_register(items, regulation)
    membership = school.memberships.filter(role=Role.PRINCIPAL).select_related("user").first()
    principal = (membership.user.full_name or "") if membership else ""
    return RegisterDocument(
        school=school.name,
        governing_body=school.governing_body,
        place=school.place,
        school_year=school_year,
        regulation=regulation,
        items=list(items),
        groups=groups,
        general=general,
        signer=Signer(title="HIỆU TRƯỞNG", name=principal),
    )


def xlsx_bytes(doc: RegisterDocument) -> bytes:
    cols = columns_of(doc.regulation)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    title = f"{codes.spec_for(doc.regulation)['register_title']} — {doc.school} — {doc.title.lower()}"
    put_value(ws.cell(row=1, column=1), _text(title)).font = Font(bold=True, size=13)
    spec = codes.spec_for(doc.regulation)
    put_value(
        ws.cell(row=2, column=1), _text(f"Theo {doc.regulation.label}; mã minh chứng dạng {spec['format']}")
    )
    header_row = 4
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for index, col in enumerate(cols, start=1):
        cell = put_value(ws.cell(row=header_row, column=index), col["label"])
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
    for order, item in enumerate(doc.items, start=1):
        row = header_row + order
        for index, col in enumerate(cols, start=1):
            value = item_cell(item, col["key"], order)
            # Every text through put_value: a name like "=…" stays text, never a formula.
            cell = put_value(
                ws.cell(row=row, column=index), int(value) if col["key"] == "order" else _text(value)
            )
            cell.border = box
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for index, col in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(index)].width = 6 + 6 * _WEIGHTS.get(col["key"], 2)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _text(value: str) -> str:
    return layout.printable(value or "")


def docx_bytes(doc: RegisterDocument) -> bytes:
    d = new_document()
    plan_docx._set_defaults(d)
    section = d.sections[0]
    plan_docx._page(section, landscape=False)
    plan_docx._page_numbers(section, first_section=True)
    plan_docx._header_block(d, doc)
    _drop_number_line(d)
    kind = codes.spec_for(doc.regulation)["register_title"]
    plan_docx._title_block(d, doc, kind=kind)
    plan_docx._para(
        d,
        f"(Theo {doc.regulation.label}; mã minh chứng dạng {codes.spec_for(doc.regulation)['format']})",
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=6,
    )
    _register_table(d, doc)
    plan_docx._signature_block(d, doc)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _drop_number_line(d) -> None:
    """A danh mục carries no document number: the header's number cell is left empty."""
    cell = d.tables[0].rows[1].cells[0]
    for run in cell.paragraphs[0].runs:
        run.text = ""


def _register_table(d, doc: RegisterDocument) -> None:
    cols = columns_of(doc.regulation)
    widths = plan_docx._widths(
        [_WEIGHTS.get(c["key"], 2) for c in cols], plan_docx.text_width_mm(d.sections[-1])
    )
    t = plan_docx._grid_table(d, widths, rows=1)
    plan_docx._header_rows(t, [c["label"] for c in cols], None)
    order = 0

    def heading(text: str, bold: bool = True, italic: bool = False) -> None:
        cells = t.add_row().cells
        merged = cells[0].merge(cells[-1])
        plan_docx._fill(merged, text, bold=bold, italic=italic, keep_next=True)

    def line(item, note: str = "") -> None:
        nonlocal order
        order += 1
        cells = t.add_row().cells
        texts = [item_cell(item, c["key"], order) for c in cols]
        if note:
            texts = [
                f"{text}; {note}" if c["key"] == "notes" and text else (note if c["key"] == "notes" else text)
                for c, text in zip(cols, texts, strict=True)
            ]
        for cell, col, text in zip(cells, cols, texts, strict=True):
            align = WD_ALIGN_PARAGRAPH.CENTER if col["key"] in _CENTERED else WD_ALIGN_PARAGRAPH.LEFT
            plan_docx._fill(cell, text, align=align)
        if plan_docx._fits_on_a_page(texts, widths):
            plan_docx._row_flag(t.rows[-1], "w:cantSplit")

    if doc.general is not None and doc.general.items:
        heading("Minh chứng chung của nhà trường")
        for item in doc.general.items:
            line(item)
    for standard in doc.groups:
        if not any(g.items or g.shared for g in standard.criteria):
            continue
        heading(f"Tiêu chuẩn {standard.standard.number}: {standard.standard.name}")
        for group in standard.criteria:
            if not (group.items or group.shared):
                continue
            heading(f"Tiêu chí {group.criterion.code}: {group.criterion.name}", bold=False, italic=True)
            for item in group.items:
                line(item)
            for item in group.shared:
                line(item, "Minh chứng dùng chung")
    if not doc.items:
        heading("Danh mục chưa có minh chứng nào.", bold=False, italic=True)
    plan_docx._para(d, size=6, after=6)
