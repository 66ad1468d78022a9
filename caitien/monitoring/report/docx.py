"""The results report as DOCX in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I — the same page,
margins, fonts, header, signature block and table style as the plan (caitien.planfile.writers.docx),
with the results table on landscape pages and its header row repeated on every page."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as new_document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from caitien.monitoring.report.model import KIND, RESULT_COLUMNS, SYMBOL, ReportDocument
from caitien.planfile.writers import docx as plan_docx
from caitien.planfile.writers import layout

_CENTERED = {"order", "status"}


def write_docx(doc: ReportDocument, path) -> None:
    Path(path).write_bytes(docx_bytes(doc))


def docx_bytes(doc: ReportDocument) -> bytes:
    d = new_document()
    plan_docx._set_defaults(d)
    plan_docx.set_core_properties(
        d, author=doc.school or "", title="Báo cáo kết quả thực hiện kế hoạch cải tiến"
    )
    section = d.sections[0]
    plan_docx._page(section, landscape=False)
    plan_docx._page_numbers(section, first_section=True)
    plan_docx._header_block(d, doc, symbol=SYMBOL)
    plan_docx._title_block(d, doc, kind=KIND)
    if doc.intro:
        plan_docx._body(d, doc.intro)
    for s in doc.sections:
        plan_docx._heading(d, layout.Section(key="", number=s.number, title=s.title, text=s.text))
        plan_docx._body(d, s.text)
        if s.table:
            plan_docx._landscape(d)
            plan_docx._para(
                d,
                doc.table_title,
                bold=True,
                align=WD_ALIGN_PARAGRAPH.LEFT,
                after=6,
                keep_next=True,
                indent_first_mm=10,
            )
            _results_table(d, doc)
            plan_docx._portrait(d)
    if doc.closing_text:
        plan_docx._body(d, doc.closing_text)
    plan_docx._signature_block(d, doc)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _results_table(d, doc: ReportDocument) -> None:
    widths = plan_docx._widths([w for _k, _l, w in RESULT_COLUMNS], plan_docx.text_width_mm(d.sections[-1]))
    t = plan_docx._grid_table(d, widths, rows=1)
    plan_docx._header_rows(t, [label for _k, label, _w in RESULT_COLUMNS], None)
    for row in doc.rows:
        cells = t.add_row().cells
        texts = [row.cell(key) for key, _l, _w in RESULT_COLUMNS]
        for cell, (key, _l, _w), text in zip(cells, RESULT_COLUMNS, texts, strict=True):
            align = WD_ALIGN_PARAGRAPH.CENTER if key in _CENTERED else WD_ALIGN_PARAGRAPH.LEFT
            plan_docx._fill(cell, text, align=align)
        if plan_docx._fits_on_a_page(texts, widths):
            plan_docx._row_flag(t.rows[-1], "w:cantSplit")
    if not doc.rows:
        cell = t.add_row().cells
        merged = cell[0].merge(cell[-1])
        plan_docx._fill(merged, "Kế hoạch chưa có nội dung cải tiến nào.", italic=True)
    plan_docx._para(d, size=6, after=6)
