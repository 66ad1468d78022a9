"""The plan as an official DOCX in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I.

Measurements from the decree (Phụ lục I "Thể thức, kỹ thuật trình bày văn bản hành chính"):
- mục I: khổ A4 (210 x 297 mm), trình bày theo chiều dài; a table that is not a separate appendix
  may be laid out across the width (so the plan table gets a landscape section); lề trên and lề dưới
  20-25 mm, lề trái 30-35 mm, lề phải 15-20 mm; phông Times New Roman, Unicode TCVN 6909:2001, màu
  đen; số trang: chữ số Ả Rập, cỡ 13-14, đứng, canh giữa trong phần lề trên, không hiển thị ở trang
  thứ nhất; giữa các đoạn văn ít nhất 6pt, giữa các dòng từ dòng đơn đến 1,5 lines.
- mục II.1 Quốc hiệu: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in hoa, cỡ 12-13, đứng, đậm; Tiêu ngữ
  "Độc lập - Tự do - Hạnh phúc" cỡ 13-14 (one size above the first line), đứng, đậm, chữ đầu các cụm
  từ viết hoa, gạch nối có cách chữ, phía dưới có đường kẻ ngang nét liền dài bằng dòng chữ.
- mục II.2 Tên cơ quan chủ quản in hoa, cỡ 12-13, đứng; tên cơ quan ban hành in hoa, cỡ 12-13, đứng,
  đậm, phía dưới có đường kẻ ngang nét liền dài từ 1/3 đến 1/2 dòng chữ, đặt cân đối.
- mục II.3 "Số:" và ký hiệu: cỡ 13, đứng, canh giữa dưới tên cơ quan ban hành.
- mục II.4 Địa danh, ngày tháng năm: cỡ 13-14, nghiêng, canh giữa dưới Quốc hiệu và Tiêu ngữ.
- mục II.5 Tên loại văn bản in hoa, cỡ 13-14, đứng, đậm, canh giữa; trích yếu cỡ 13-14, đứng, đậm,
  ngay dưới, với đường kẻ nét liền dài 1/3 đến 1/2 dòng chữ.
- mục II.6 Nội dung: cỡ 13-14, canh đều hai lề; mục lớn số La Mã, đậm.
- mục II.7 Chức vụ người ký in hoa, cỡ 13-14, đứng, đậm; họ tên in thường, cỡ 13-14, đứng, đậm.
- mục II.9 "Nơi nhận:" cỡ 12, nghiêng, đậm, trên một dòng riêng; the list cỡ 11, đứng, each name on
  its own line after a dash, ending with ";", the last ("Lưu: VT, …") with ".".
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from caitien.planfile.model import Document
from caitien.planfile.writers import layout

FONT = "Times New Roman"
PAGE_W, PAGE_H = 210, 297  # A4, mm
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20, 20, 30, 15  # mm
SIZE_BODY = 14
SIZE_TABLE = 12  # the decree sets no size for table text; 12 keeps ten columns readable
SIZE_AGENCY = 13
SIZE_NATIONAL = 13
SIZE_MOTTO = 14
SIZE_NUMBER = 13
SIZE_DATE = 14
SIZE_PAGE_NUMBER = 13
SIZE_RECIPIENTS_LABEL = 12
SIZE_RECIPIENTS = 11
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RULE_SHARE = 0.4  # the short rules: between 1/3 and 1/2 of the line above


def write_docx(doc: Document, path) -> None:
    Path(path).write_bytes(docx_bytes(doc))


def docx_bytes(doc: Document) -> bytes:
    reg = layout.regulation_for(doc)
    new_form = layout.is_new_form(reg)
    d = new_document()
    _set_defaults(d)
    set_core_properties(d, author=doc.school or "", title=f"Kế hoạch {layout.title_text(doc)}")
    section = d.sections[0]
    _page(section, landscape=False)
    _page_numbers(section, first_section=True)

    _header_block(d, doc)
    _title_block(d, doc)
    secs = layout.sections(doc, reg)
    table_keys = {"content", "priority_issues", "monitoring"}
    i = 0
    while i < len(secs):
        s = secs[i]
        if s.key == "content":
            _landscape(d)
            _heading(d, s)
            _plan_table(d, doc, reg, new_form)
            # The monitoring table of the 57/2026 form is as wide: it stays on the landscape pages.
            if i + 1 < len(secs) and secs[i + 1].key == "monitoring":
                i += 1
                _heading(d, secs[i])
                _monitoring_table(d, doc, reg)
            _portrait(d)
        elif s.key == "priority_issues":
            _heading(d, s)
            _priority_table(d, doc, reg)
        elif s.key == "monitoring":
            _heading(d, s)
            _monitoring_table(d, doc, reg)
        elif s.key not in table_keys:
            _heading(d, s)
            _body(d, s.text)
        i += 1
    if doc.closing_text:
        _body(d, doc.closing_text)
    _signature_block(d, doc)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- page, fonts, sections


def _set_defaults(d) -> None:
    normal = d.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(SIZE_BODY)
    rpr = normal.element.get_or_add_rPr()
    _fonts(rpr)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(6)
    pf.line_spacing = 1.15
    # The document defaults too, so table styles and fields never fall back to Calibri.
    defaults = d.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
            _fonts(rpr_default.find(qn("w:rPr")))
    d.core_properties.language = "vi-VN"


def set_core_properties(d, *, author: str, title: str) -> None:
    """The file's own properties (shown by Word's Info pane and file managers) name the school and
    the document; python-docx's template would otherwise sign every file "python-docx"."""
    import datetime

    props = d.core_properties
    author, title = layout.printable(author)[:255], layout.printable(title)[:255]
    props.author = author
    props.last_modified_by = author
    props.title = title
    props.subject = "Kế hoạch cải tiến chất lượng giáo dục"
    props.comments = ""
    props.keywords = ""
    props.category = ""
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1
    props.language = "vi-VN"


def _fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]


def _page(section, *, landscape: bool) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_H), Mm(PAGE_W)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin = Mm(MARGIN_TOP)
    section.bottom_margin = Mm(MARGIN_BOTTOM)
    section.left_margin = Mm(MARGIN_LEFT)
    section.right_margin = Mm(MARGIN_RIGHT)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def text_width_mm(section) -> float:
    return (section.page_width - section.left_margin - section.right_margin) / 36000


def _page_numbers(section, *, first_section: bool) -> None:
    """Page number centred in the top margin, none on the first page (Phụ lục I, mục I)."""
    section.different_first_page_header_footer = first_section
    if first_section:
        section.first_page_header.is_linked_to_previous = False
        header = section.header
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        _field(p, "PAGE", SIZE_PAGE_NUMBER)


def _field(paragraph, instruction: str, size: int) -> None:
    def run_with(child):
        r = paragraph.add_run()
        _font_run(r, size)
        r._r.append(child)
        return r

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(begin)
    run_with(instr)
    run_with(sep)
    r = paragraph.add_run("2")
    _font_run(r, size)
    run_with(end)


def _new_section(d, *, landscape: bool):
    section = d.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=landscape)
    # add_section copies the previous section's settings: later sections number every page.
    section.different_first_page_header_footer = False
    section.header.is_linked_to_previous = True
    return section


def _landscape(d):
    return _new_section(d, landscape=True)


def _portrait(d):
    return _new_section(d, landscape=False)


# ---------------------------------------------------------------- text helpers


def _font_run(run, size: float, *, bold=False, italic=False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    _fonts(run._r.get_or_add_rPr())


def _para(
    container,
    text="",
    *,
    size=SIZE_BODY,
    bold=False,
    italic=False,
    align=None,
    before=0,
    after=0,
    indent_first_mm=None,
    keep_next=False,
    line=1.0,
):
    p = container.add_paragraph()
    pf = p.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    if line == 1.0:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing = line
    if align is not None:
        p.alignment = align
    if indent_first_mm is not None:
        pf.first_line_indent = Mm(indent_first_mm)
    if keep_next:
        pf.keep_with_next = True
    if text:
        _font_run(p.add_run(layout.printable(text)), size, bold=bold, italic=italic)
    _mark_size(p, size)
    return p


def _mark_size(p, size: float) -> None:
    """The paragraph mark's own size: it sets the height of an empty paragraph (the rules)."""
    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(int(size * 2)))
        rpr.append(el)


def _rule(container, *, line_mm: float, box_mm: float) -> None:
    """A solid line `line_mm` long centred in a box `box_mm` wide: an empty paragraph with a bottom
    border, narrowed by equal indents. It prints like the decree's drawn line and, unlike an
    underline, never stretches with the text."""
    p = _para(container, size=2)
    side = max(0.0, (box_mm - line_mm) / 2)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    # pBdr comes before spacing and indentation in the schema order of pPr.
    anchor = ppr.find(qn("w:spacing"))
    if anchor is None:
        anchor = ppr.find(qn("w:ind"))
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)


def _pt_to_mm(pt: float) -> float:
    return pt * 25.4 / 72


def _line_mm(text: str, size: float, bold: bool, box_mm: float) -> float:
    """The width of the longest printed line of `text` in a box (a long name wraps)."""
    return min(_pt_to_mm(layout.text_width_pt(text, size, bold=bold)), box_mm)


# ---------------------------------------------------------------- header and title


def header_sizes(school: str, width_mm: float) -> tuple[int, int, int]:
    """(agency, national title, motto) sizes. The national title stays on one line and the agency
    column takes the rest of the width; the school name gets one line when some allowed pair of
    sizes (13/14 or 12/13 for the national title and motto, 12-13 for the name) gives it one."""

    def mm(text, size):
        return _pt_to_mm(layout.text_width_pt(text, size, bold=True))

    for national, agency in ((13, 13), (12, 13), (12, 12)):
        if mm(school, agency) <= width_mm - (mm(NATIONAL_TITLE, national) + 3) - 1:
            return agency, national, national + 1
    return SIZE_AGENCY, SIZE_NATIONAL, SIZE_MOTTO  # a long name wraps onto two lines


_SCHOOL_KINDS = (
    "TRƯỜNG TRUNG HỌC PHỔ THÔNG",
    "TRƯỜNG TRUNG HỌC CƠ SỞ",
    "TRƯỜNG PHỔ THÔNG",
    "TRƯỜNG TIỂU HỌC",
    "TRƯỜNG MẦM NON",
    "TRƯỜNG MẪU GIÁO",
    "TRƯỜNG THCS",
    "TRƯỜNG THPT",
    "TRƯỜNG TH",
)


def split_name(name: str, size: float, box_mm: float) -> list[str]:
    """A name too long for its column, broken the way a clerk breaks it: after the kind of school
    ("TRƯỜNG MẦM NON" / "HOA PHƯỢNG ĐỎ") when both parts fit, else where the two lines are most even."""

    def fits(text):
        return _pt_to_mm(layout.text_width_pt(text, size, bold=True)) <= box_mm

    if not name or fits(name):
        return [name]
    words = name.split()
    splits = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words))]
    for kind in _SCHOOL_KINDS:
        for first, rest in splits:
            if first == kind and fits(rest):
                return [first, rest]
    fitting = [(a, b) for a, b in splits if fits(a) and fits(b)]
    if not fitting:
        return [name]  # let the line wrap where it must
    a, b = min(
        fitting, key=lambda ab: abs(layout.text_width_pt(ab[0], size) - layout.text_width_pt(ab[1], size))
    )
    return [a, b]


def _header_block(d, doc: Document, symbol: str = "KH") -> None:
    width = text_width_mm(d.sections[0])
    school = (doc.school or "").upper()
    governing = (doc.governing_body or "").upper()
    size, national, motto = header_sizes(school, width)
    right = _pt_to_mm(layout.text_width_pt(NATIONAL_TITLE, national, bold=True)) + 3
    left = width - right
    t = _plain_table(d, [left, right])
    a, b = t.rows[0].cells
    c, e = t.rows[1].cells
    lines = split_name(school, size, left - 1)
    # Left: governing body (in hoa, đứng), school (in hoa, đứng, đậm), short rule.
    _cell_first(a, governing, size=size)
    if governing:
        _para(a, "\n".join(lines), size=size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    else:
        _cell_first(a, "\n".join(lines), size=size, bold=True)
    widest = max(_line_mm(line, size, True, left) for line in lines)
    _rule(a, line_mm=RULE_SHARE * widest, box_mm=left)
    # Right: national title, motto, rule as long as the motto.
    _cell_first(b, NATIONAL_TITLE, size=national, bold=True)
    _para(b, MOTTO, size=motto, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _rule(b, line_mm=_line_mm(MOTTO, motto, True, right), box_mm=right)
    # Second row: number under the school, place and date under the motto.
    _cell_first(c, layout.number_line(doc, symbol), size=SIZE_NUMBER, before=6)
    _cell_first(e, layout.date_line(doc), size=SIZE_DATE, italic=True, before=6)


def _cell_first(cell, text, *, size, bold=False, italic=False, before=0):
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(before)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if text:
        _font_run(p.add_run(layout.printable(text)), size, bold=bold, italic=italic)
    _mark_size(p, size)
    return p


def _title_block(d, doc: Document, kind: str = "KẾ HOẠCH") -> None:
    """The kind of document (KẾ HOẠCH, BÁO CÁO) and its trích yếu under it, with the short rule."""
    width = text_width_mm(d.sections[0])
    _para(d, kind, size=SIZE_BODY, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=18, keep_next=True)
    title = layout.title_text(doc)
    _para(d, title, size=SIZE_BODY, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
    _rule(d, line_mm=RULE_SHARE * _line_mm(title, SIZE_BODY, True, width), box_mm=width)
    _para(d, size=6, after=6)


# ---------------------------------------------------------------- running text


def _heading(d, s: layout.Section) -> None:
    _para(
        d,
        f"{s.number}. {s.title}",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        before=6,
        after=6,
        indent_first_mm=10,
        keep_next=True,
        line=1.15,
    )


def _body(d, text: str) -> None:
    for para in layout.paragraphs(text):
        sub = layout.is_subheading(para)
        _para(
            d,
            para,
            bold=sub,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            after=6,
            indent_first_mm=10,
            keep_next=sub,
            line=1.15,
        )


# ---------------------------------------------------------------- tables


def _plain_table(d, widths_mm: list[float], rows: int = 2):
    """A borderless layout table (the header, the signature block)."""
    t = d.add_table(rows=rows, cols=len(widths_mm))
    t.autofit = False
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    _table_widths(t, widths_mm)
    _cell_margins(t, 0)
    return t


def _grid_table(d, widths_mm: list[float], rows: int):
    t = d.add_table(rows=rows, cols=len(widths_mm))
    t.style = d.styles["Table Grid"]
    t.autofit = False
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    _table_widths(t, widths_mm)
    _cell_margins(t, 1.2)
    return t


def _table_widths(t, widths_mm) -> None:
    tblpr = t._tbl.tblPr
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.append(tblw)
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(int(sum(widths_mm) * 56.7)))
    for col, w in zip(t.columns, widths_mm, strict=True):
        col.width = Mm(w)
        for cell in col.cells:
            cell.width = Mm(w)


def _cell_margins(t, mm: float) -> None:
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(mm * 56.7)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    t._tbl.tblPr.append(mar)


def _row_flag(row, tag: str) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement(tag)
    trpr.append(el)


_JC = {
    WD_ALIGN_PARAGRAPH.LEFT: "left",
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.JUSTIFY: "both",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
}
_FONTS_XML = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'


def _fill(
    cell,
    text: str,
    *,
    size=SIZE_TABLE,
    bold=False,
    italic=False,
    align=WD_ALIGN_PARAGRAPH.LEFT,
    keep_next=False,
) -> None:
    """A table cell's paragraphs. Built as XML in one go: the plan table has hundreds of cells and
    python-docx's property setters would make a 30-row plan take a second."""
    parts = layout.cell_paragraphs(text) or [""]
    tc = cell._tc
    for p in tc.findall(qn("w:p")):
        tc.remove(p)
    sz = int(size * 2)
    b = "<w:b/>" if bold else '<w:b w:val="0"/>'
    i = "<w:i/>" if italic else '<w:i w:val="0"/>'
    marks = f'{b}{i}<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>'
    for n, part in enumerate(parts):
        before = 40 if n == 0 else 0  # twentieths of a point: 2 pt around the cell's text
        after = 40 if n == len(parts) - 1 else 20
        run = (
            f'<w:r><w:rPr>{_FONTS_XML}{marks}</w:rPr><w:t xml:space="preserve">{xml_escape(part)}</w:t></w:r>'
            if part
            else ""
        )
        xml = (
            f"<w:p {nsdecls('w')}><w:pPr>{'<w:keepNext/>' if keep_next else ''}"
            f'<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/>'
            f'<w:jc w:val="{_JC[align]}"/><w:rPr><w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/></w:rPr></w:pPr>'
            f"{run}</w:p>"
        )
        tc.append(parse_xml(xml))


def _widths(weights: list[float], total_mm: float) -> list[float]:
    s = sum(weights)
    return [total_mm * w / s for w in weights]


def _header_rows(t, labels: list[str], numbers: list[str] | None) -> None:
    """Header row(s) repeated at the top of every page (w:tblHeader) and never split."""
    for cell, label in zip(t.rows[0].cells, labels, strict=True):
        _fill(cell, label, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _row_flag(t.rows[0], "w:cantSplit")
    _row_flag(t.rows[0], "w:tblHeader")
    if numbers:
        for cell, label in zip(t.rows[1].cells, numbers, strict=True):
            _fill(cell, label, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _row_flag(t.rows[1], "w:cantSplit")
        _row_flag(t.rows[1], "w:tblHeader")


_CENTERED = {"order", "criterion", "level", "time_text", "budget_text", "status"}


def _plan_table(d, doc: Document, reg, new_form: bool) -> None:
    cols = layout.columns(doc, reg)
    width = text_width_mm(d.sections[-1])
    widths = _widths([c.weight for c in cols], width)
    numbered = any(c.number for c in cols)
    t = _grid_table(d, widths, rows=1 + (1 if numbered else 0))
    _header_rows(t, [c.label for c in cols], [f"({c.number})" for c in cols] if numbered else None)
    standard_rows = bool(reg.plan_form.get("standard_rows"))
    for std, rows in layout.standard_groups(doc):
        if standard_rows and std is not None:
            _spanning_row(t, layout.standard_heading(doc, reg, std))
        for n, item in rows:
            row = t.add_row()
            texts = [layout.cell_text(item, c.key, n, new_form) for c in cols]
            for cell, col, text in zip(row.cells, cols, texts, strict=True):
                centred = col.key in _CENTERED and not (new_form and col.key == "budget_text")
                align = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
                _fill(cell, text, bold=col.key == "criterion", align=align)
            if _fits_on_a_page(texts, widths):
                _row_flag(row, "w:cantSplit")
    if not new_form and any(c.key == "budget_text" for c in cols):
        _total_row(t, doc, cols)
    _para(d, size=6, after=6)


def _fits_on_a_page(texts: list[str], widths_mm: list[float]) -> bool:
    """Whether a row is short enough to keep whole: a row taller than a landscape page cannot be kept
    together, and keeping a very tall one leaves half a page empty; those may split."""
    chars_per_mm = 0.42  # 12 pt Times New Roman, average Vietnamese text
    lines = 0
    for text, w in zip(texts, widths_mm, strict=True):
        per_line = max(1, int((w - 3) * chars_per_mm))
        lines = max(lines, sum(1 + len(part) // per_line for part in text.split("\n")))
    return lines <= 22


def _spanning_row(t, text: str) -> None:
    row = t.add_row()
    cell = row.cells[0].merge(row.cells[-1])
    _fill(cell, text, bold=True, keep_next=True)
    _row_flag(row, "w:cantSplit")


def _total_row(t, doc: Document, cols) -> None:
    total, recurring = layout.budget_total(doc)
    row = t.add_row()
    k = next(i for i, c in enumerate(cols) if c.key == "budget_text")
    label = row.cells[0].merge(row.cells[k - 1]) if k > 0 else row.cells[0]
    _fill(label, "Tổng dự kiến kinh phí", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    amount = f"{layout.vnd(total)} đồng" if total else "0 đồng"
    _fill(row.cells[k], amount, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if k + 1 < len(cols):
        rest = row.cells[k + 1].merge(row.cells[-1]) if k + 1 < len(cols) - 1 else row.cells[k + 1]
        _fill(rest, "Chưa tính các khoản chi theo tháng, theo năm" if recurring else "", italic=True)
    _row_flag(row, "w:cantSplit")


def _priority_table(d, doc: Document, reg) -> None:
    labels = layout.section_spec(reg, "priority_issues").get("columns") or [
        "TT",
        "Tiêu chuẩn",
        "Tiêu chí liên quan (nếu có)",
        "Đánh giá hiện trạng",
        "Điểm hạn chế",
        "Nguyên nhân của hạn chế",
    ]
    widths = _widths([0.75, 1.6, 1.4, 2.4, 2.2, 2.2], text_width_mm(d.sections[-1]))
    t = _grid_table(d, widths, rows=1)
    _header_rows(t, labels, None)
    for n, p in enumerate(layout.priority_rows(doc, reg), start=1):
        row = t.add_row()
        texts = [str(n), p.standard_text, p.criteria, p.current_state, p.limitation, p.cause]
        for i, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
            _fill(cell, text, align=WD_ALIGN_PARAGRAPH.CENTER if i in (0, 2) else WD_ALIGN_PARAGRAPH.LEFT)
        _row_flag(row, "w:cantSplit")
    _para(d, size=6, after=6)


def _monitoring_table(d, doc: Document, reg) -> None:
    labels = layout.section_spec(reg, "monitoring").get("columns") or [
        "Thời điểm",
        "Nội dung theo dõi",
        "Kết quả thực hiện",
        "Điều chỉnh (nếu có)",
        "Người đánh giá",
    ]
    widths = _widths([1.3, 3.0, 2.6, 2.2, 1.6], text_width_mm(d.sections[-1]))
    t = _grid_table(d, widths, rows=1)
    _header_rows(t, labels, None)
    for m in layout.monitoring_rows(doc, reg):
        row = t.add_row()
        texts = [m.moment, m.content, m.result, m.adjustment, m.assessor]
        for i, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
            _fill(cell, text, bold=i == 0)
        _row_flag(row, "w:cantSplit")
    _para(d, size=6, after=6)


# ---------------------------------------------------------------- recipients and signer


def _signature_block(d, doc: Document) -> None:
    width = text_width_mm(d.sections[-1])
    t = _plain_table(d, [width * 0.5, width * 0.5], rows=1)
    left, right = t.rows[0].cells
    p = left.paragraphs[0]
    p.paragraph_format.space_before = Pt(12)
    p.paragraph_format.space_after = Pt(0)
    _font_run(p.add_run("Nơi nhận:"), SIZE_RECIPIENTS_LABEL, bold=True, italic=True)
    _mark_size(p, SIZE_RECIPIENTS_LABEL)
    for line in layout.recipient_lines(doc):
        _para(left, line, size=SIZE_RECIPIENTS)
    s = layout.signer(doc)
    _cell_first(right, s.title.upper(), size=SIZE_BODY, bold=True, before=12)
    for _ in range(4):  # room for the signature and the seal
        _para(right, size=SIZE_BODY)
    _para(right, s.name, size=SIZE_BODY, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    # Keep the whole block on one page with the end of the text.
    t.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
