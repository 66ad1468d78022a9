"""The results report as PDF: the DOCX converted by LibreOffice (as the plan's PDF is), else the same
layout from HTML through WeasyPrint."""

from __future__ import annotations

import shutil
from pathlib import Path

from caitien.monitoring.report.docx import docx_bytes
from caitien.monitoring.report.model import KIND, RESULT_COLUMNS, SYMBOL, ReportDocument
from caitien.planfile.writers import WriteError, layout
from caitien.planfile.writers import pdf as plan_pdf
from caitien.planfile.writers.docx import MOTTO, NATIONAL_TITLE


def write_pdf(doc: ReportDocument, path, *, engine: str | None = None) -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if engine == "libreoffice" or (engine is None and soffice):
        if not soffice:
            raise WriteError(
                "Không tìm thấy LibreOffice (soffice) để tạo PDF; hãy cài LibreOffice hoặc dùng WeasyPrint."
            )
        try:
            Path(path).write_bytes(plan_pdf.libreoffice_pdf(docx_bytes(doc), soffice))
            return "libreoffice"
        except WriteError:
            if engine == "libreoffice":
                raise
    try:
        from weasyprint import HTML
    except ImportError:
        raise WriteError("Không tạo được PDF: máy chưa cài LibreOffice hay WeasyPrint.") from None
    Path(path).write_bytes(HTML(string=report_html(doc)).write_pdf())
    return "weasyprint"


def report_html(doc: ReportDocument) -> str:
    e, cell = plan_pdf._e, plan_pdf._cell
    out = [
        f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><style>{plan_pdf._CSS}</style></head><body>"
    ]
    out.append(
        "<table class='head'><tr>"
        f"<td style='width:42%'><div class='agency'>{e((doc.governing_body or '').upper())}</div>"
        f"<div class='school'>{e((doc.school or '').upper())}</div><div class='rule' style='width:40%'></div></td>"
        f"<td><div class='national'>{NATIONAL_TITLE}</div><div class='motto'>{MOTTO}</div>"
        "<div class='rule' style='width:62%'></div></td></tr>"
        f"<tr><td class='number'>{e(layout.number_line(doc, SYMBOL))}</td>"
        f"<td class='date'>{e(layout.date_line(doc))}</td></tr></table>"
    )
    out.append(f"<p class='kind'>{KIND}</p><p class='title'>{e(doc.title)}</p>")
    out.append("<div class='rule' style='width:30%;margin-bottom:12pt'></div>")

    def paragraphs(text):
        for p in layout.paragraphs(text):
            cls = " class='sub'" if layout.is_subheading(p) else ""
            out.append(f"<p{cls}>{e(p)}</p>")

    paragraphs(doc.intro)
    for s in doc.sections:
        out.append(f"<h2>{e(s.number)}. {e(s.title)}</h2>")
        paragraphs(s.text)
        if s.table:
            total = sum(w for _k, _l, w in RESULT_COLUMNS)
            head = "".join(
                f"<th style='width:{100 * w / total:.1f}%'>{e(label)}</th>" for _k, label, w in RESULT_COLUMNS
            )
            body = "".join(
                "<tr>"
                + "".join(
                    f"<td{' class=c' if k in ('order', 'status') else ''}>{cell(r.cell(k))}</td>"
                    for k, _l, _w in RESULT_COLUMNS
                )
                + "</tr>"
                for r in doc.rows
            )
            out.append(
                f"<div class='wide'><p class='sub'>{e(doc.table_title)}</p>"
                f"<table class='grid'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
            )
    paragraphs(doc.closing_text)
    signer = layout.signer(doc)
    recipients = "<br>".join(e(r) for r in layout.recipient_lines(doc))
    out.append(
        "<table class='sign'><tr><td><div class='recv-label'>Nơi nhận:</div>"
        f"<div class='recv'>{recipients}</div></td>"
        f"<td class='signer'>{e(signer.title.upper())}<div style='height:70pt'></div>{e(signer.name)}</td>"
        "</tr></table></body></html>"
    )
    return "".join(out)
