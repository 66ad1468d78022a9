"""The plan as a PDF for the website: the official DOCX converted by LibreOffice when it is installed
(the PDF then matches the printed document exactly), else the same layout rendered from HTML by
WeasyPrint. Either way the fonts are embedded and the Vietnamese text can be searched and copied.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from caitien.planfile.model import Document
from caitien.planfile.writers import WriteError, layout
from caitien.planfile.writers.docx import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MOTTO,
    NATIONAL_TITLE,
    docx_bytes,
)

TIMEOUT_SECONDS = 120


def write_pdf(doc: Document, path, *, engine: str | None = None) -> str:
    """Write the PDF; returns the engine used ("libreoffice" or "weasyprint"). `engine` forces one."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if engine == "libreoffice" or (engine is None and soffice):
        if not soffice:
            raise WriteError(
                "Không tìm thấy LibreOffice (soffice) để tạo PDF; hãy cài LibreOffice hoặc dùng WeasyPrint."
            )
        try:
            Path(path).write_bytes(libreoffice_pdf(docx_bytes(doc), soffice))
            return "libreoffice"
        except WriteError:
            if engine == "libreoffice":
                raise
            # A broken LibreOffice must not stop the website from getting its PDF.
    Path(path).write_bytes(weasyprint_pdf(doc))
    return "weasyprint"


def libreoffice_pdf(docx: bytes, soffice: str = "soffice") -> bytes:
    """DOCX bytes -> PDF bytes through `soffice --headless --convert-to pdf`. A private profile in a
    temporary folder lets several conversions run at once and never touches a user's settings."""
    with tempfile.TemporaryDirectory(prefix="caitien-pdf-") as tmp:
        src = Path(tmp) / "ke-hoach.docx"
        src.write_bytes(docx)
        profile = Path(tmp, "profile")
        template = _profile_template(soffice)
        warm = _copy_profile(template, profile)
        cmd = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            tmp,
            str(src),
        ]
        try:
            result = subprocess.run(
                cmd, capture_output=True, timeout=TIMEOUT_SECONDS, check=False, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired:
            raise WriteError(
                f"LibreOffice không chuyển xong tệp sang PDF sau {TIMEOUT_SECONDS} giây; hãy thử lại sau."
            ) from None
        except OSError as exc:
            raise WriteError(f"Không chạy được LibreOffice để tạo PDF ({exc.strerror}).") from None
        out = Path(tmp) / "ke-hoach.pdf"
        if result.returncode != 0 or not out.exists() or out.stat().st_size == 0:
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip().splitlines()
            reason = f" ({detail[-1][:200]})" if detail else ""
            raise WriteError(f"LibreOffice không tạo được tệp PDF{reason}.")
        if not warm:
            _keep_profile(profile, template)
        return out.read_bytes()


# LibreOffice spends a second or two building a new profile. The first conversion's profile is kept
# as a template (per user and LibreOffice install) and each later conversion starts from a copy of it,
# still private to that conversion.


def _profile_template(soffice: str) -> Path:
    try:
        stamp = int(Path(os.path.realpath(soffice)).stat().st_mtime)
    except OSError:
        stamp = 0
    return Path(tempfile.gettempdir()) / f"caitien-soffice-profile-{os.getuid()}-{stamp}"


def _copy_profile(template: Path, profile: Path) -> bool:
    if not template.is_dir():
        return False
    try:
        shutil.copytree(template, profile, symlinks=True)
        return True
    except OSError:
        shutil.rmtree(profile, ignore_errors=True)
        return False


def _keep_profile(profile: Path, template: Path) -> None:
    staging = template.with_name(f"{template.name}.{os.getpid()}")
    try:
        shutil.copytree(profile, staging, symlinks=True)
        os.rename(staging, template)  # atomic; another process may have won the race
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)


def weasyprint_pdf(doc: Document) -> bytes:
    try:
        from weasyprint import HTML
    except ImportError:  # WeasyPrint needs Pango; without it there is no second way
        raise WriteError("Không tạo được PDF: máy chưa cài LibreOffice hay WeasyPrint.") from None
    return HTML(string=plan_html(doc)).write_pdf()


# ---------------------------------------------------------------- the HTML rendering

_CSS = f"""
@page {{ size: A4 portrait; margin: {MARGIN_TOP}mm {MARGIN_RIGHT}mm {MARGIN_BOTTOM}mm {MARGIN_LEFT}mm;
  @top-center {{ content: counter(page); font: 13pt "Times New Roman", "Liberation Serif", serif;
    vertical-align: bottom; padding-bottom: 4mm; }} }}
@page :first {{ @top-center {{ content: none; }} }}
@page wide {{ size: A4 landscape; }}
body {{ font: 14pt/1.15 "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; color: #000; margin: 0; }}
p {{ margin: 0 0 6pt; text-align: justify; text-indent: 10mm; }}
.head {{ width: 100%; border-collapse: collapse; }}
.head td {{ text-align: center; vertical-align: top; padding: 0; line-height: 1.1; }}
.agency {{ font-size: 13pt; }} .school {{ font-size: 13pt; font-weight: bold; }}
.national {{ font-size: 13pt; font-weight: bold; white-space: nowrap; }}
.motto {{ font-size: 14pt; font-weight: bold; }}
.rule {{ border-bottom: 0.75pt solid #000; margin: 1pt auto 0; height: 0; }}
.number {{ font-size: 13pt; padding-top: 6pt !important; }}
.date {{ font-size: 14pt; font-style: italic; padding-top: 6pt !important; }}
.kind {{ text-align: center; font-weight: bold; margin: 18pt 0 0; text-indent: 0; }}
.title {{ text-align: center; font-weight: bold; margin: 0; text-indent: 0; }}
h2 {{ font-size: 14pt; margin: 6pt 0; text-indent: 10mm; break-after: avoid; }}
p.sub {{ font-weight: bold; break-after: avoid; }}
.wide {{ page: wide; break-before: page; break-after: page; }}
table.grid {{ width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 1.1; margin-bottom: 6pt; }}
table.grid th, table.grid td {{ border: 0.5pt solid #000; padding: 2pt 1.2mm; vertical-align: top; text-align: left; }}
table.grid th {{ text-align: center; vertical-align: middle; }}
table.grid thead {{ display: table-header-group; }}
table.grid tr {{ break-inside: avoid; }}
table.grid .num {{ text-align: center; font-style: italic; font-weight: normal; }}
table.grid .c {{ text-align: center; }}
table.grid .std {{ font-weight: bold; }}
.sign {{ width: 100%; margin-top: 12pt; break-inside: avoid; border-collapse: collapse; }}
.sign td {{ width: 50%; vertical-align: top; padding: 0; }}
.recv-label {{ font-size: 12pt; font-weight: bold; font-style: italic; }}
.recv {{ font-size: 11pt; line-height: 1.2; }}
.signer {{ text-align: center; font-weight: bold; }}
"""


def _e(text: str) -> str:
    return html.escape(layout.printable(text or ""))


def _cell(text: str) -> str:
    return "<br>".join(_e(p) for p in layout.cell_paragraphs(text))


def plan_html(doc: Document) -> str:
    reg = layout.regulation_for(doc)
    new_form = layout.is_new_form(reg)
    school = _e((doc.school or "").upper())
    out = [f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><style>{_CSS}</style></head><body>"]
    out.append(
        "<table class='head'><tr>"
        f"<td style='width:42%'><div class='agency'>{_e((doc.governing_body or '').upper())}</div>"
        f"<div class='school'>{school}</div><div class='rule' style='width:40%'></div></td>"
        f"<td><div class='national'>{NATIONAL_TITLE}</div><div class='motto'>{MOTTO}</div>"
        "<div class='rule' style='width:62%'></div></td></tr>"
        f"<tr><td class='number'>{_e(layout.number_line(doc))}</td>"
        f"<td class='date'>{_e(layout.date_line(doc))}</td></tr></table>"
    )
    out.append(f"<p class='kind'>KẾ HOẠCH</p><p class='title'>{_e(layout.title_text(doc))}</p>")
    out.append("<div class='rule' style='width:30%;margin-bottom:12pt'></div>")
    wide_open = False
    for s in layout.sections(doc, reg):
        if s.key == "content":
            out.append("<div class='wide'>")
            wide_open = True
        elif wide_open and s.key != "monitoring":
            out.append("</div>")
            wide_open = False
        out.append(f"<h2>{_e(s.number)}. {_e(s.title)}</h2>")
        if s.key == "content":
            out.append(_plan_table(doc, reg, new_form))
        elif s.key == "priority_issues":
            out.append(_priority_table(doc, reg))
        elif s.key == "monitoring":
            out.append(_monitoring_table(doc, reg))
        else:
            for p in layout.paragraphs(s.text):
                cls = " class='sub'" if layout.is_subheading(p) else ""
                out.append(f"<p{cls}>{_e(p)}</p>")
    if wide_open:
        out.append("</div>")
    if doc.closing_text:
        out.append(f"<p>{_e(doc.closing_text)}</p>")
    signer = layout.signer(doc)
    recipients = "<br>".join(_e(r) for r in layout.recipient_lines(doc))
    out.append(
        "<table class='sign'><tr><td><div class='recv-label'>Nơi nhận:</div>"
        f"<div class='recv'>{recipients}</div></td>"
        f"<td class='signer'>{_e(signer.title.upper())}<div style='height:70pt'></div>{_e(signer.name)}</td>"
        "</tr></table></body></html>"
    )
    return "".join(out)


def _plan_table(doc: Document, reg, new_form: bool) -> str:
    cols = layout.columns(doc, reg)
    total_w = sum(c.weight for c in cols)
    head = "".join(f"<th style='width:{100 * c.weight / total_w:.1f}%'>{_e(c.label)}</th>" for c in cols)
    rows = [f"<table class='grid'><thead><tr>{head}</tr>"]
    if any(c.number for c in cols):
        rows.append("<tr>" + "".join(f"<th class='num'>({c.number})</th>" for c in cols) + "</tr>")
    rows.append("</thead><tbody>")
    for std, group in layout.standard_groups(doc):
        if reg.plan_form.get("standard_rows") and std is not None:
            rows.append(
                f"<tr><td class='std' colspan='{len(cols)}'>{_e(layout.standard_heading(doc, reg, std))}</td></tr>"
            )
        for n, item in group:
            cells = []
            for c in cols:
                centred = c.key in ("order", "criterion", "level", "time_text", "status") or (
                    c.key == "budget_text" and not new_form
                )
                cls = " class='c std'" if c.key == "criterion" else (" class='c'" if centred else "")
                cells.append(f"<td{cls}>{_cell(layout.cell_text(item, c.key, n, new_form))}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
    keys = [c.key for c in cols]
    if not new_form and "budget_text" in keys:
        total, recurring = layout.budget_total(doc)
        k = keys.index("budget_text")
        note = "Chưa tính các khoản chi theo tháng, theo năm" if recurring else ""
        rest = len(cols) - k - 1
        rows.append(
            f"<tr><td class='c std' colspan='{k}'>Tổng dự kiến kinh phí</td>"
            f"<td class='c std'>{layout.vnd(total)} đồng</td>"
            + (f"<td colspan='{rest}'><i>{note}</i></td>" if rest else "")
            + "</tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def _priority_table(doc: Document, reg) -> str:
    labels = layout.section_spec(reg, "priority_issues").get("columns") or []
    widths = (5, 14, 12, 25, 22, 22)
    head = "".join(
        f"<th style='width:{w}%'>{_e(label)}</th>" for label, w in zip(labels, widths, strict=False)
    )
    body = "".join(
        f"<tr><td class='c'>{n}</td><td>{_e(p.standard_text)}</td><td class='c'>{_e(p.criteria)}</td>"
        f"<td>{_cell(p.current_state)}</td><td>{_cell(p.limitation)}</td><td>{_cell(p.cause)}</td></tr>"
        for n, p in enumerate(layout.priority_rows(doc, reg), start=1)
    )
    return f"<table class='grid'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _monitoring_table(doc: Document, reg) -> str:
    labels = layout.section_spec(reg, "monitoring").get("columns") or []
    widths = (13, 29, 25, 20, 13)
    head = "".join(
        f"<th style='width:{w}%'>{_e(label)}</th>" for label, w in zip(labels, widths, strict=False)
    )
    body = "".join(
        f"<tr><td class='std'>{_e(m.moment)}</td><td>{_cell(m.content)}</td><td>{_cell(m.result)}</td>"
        f"<td>{_cell(m.adjustment)}</td><td>{_e(m.assessor)}</td></tr>"
        for m in layout.monitoring_rows(doc, reg)
    )
    return f"<table class='grid'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
