"""Real plan files built with real tools (python-docx, openpyxl, LibreOffice) for the reader tests.

The texts are invented for the tests: a primary school "Trường Tiểu học Sông Bé" of "UBND huyện Phú
Giáo", a secondary school under Thông tư 57/2026, and rows written for the purpose.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

SCHOOL = "Trường Tiểu học Sông Bé"
GOVERNING = "UBND huyện Phú Giáo"


@dataclass
class Row:
    criterion: str
    result: str
    solutions: list[str]
    lead: str
    coordinators: str
    time: str
    budget: str
    support: str = ""
    notes: str = ""
    level: str = "2"
    extra: dict = field(default_factory=dict)


STANDARDS = {
    1: "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường",
    2: "Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên và học sinh",
    3: "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học",
    4: "Tiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội",
    5: "Tiêu chuẩn 5: Hoạt động giáo dục và kết quả giáo dục",
}

ROWS = [
    Row(
        "1.2",
        "Hội đồng trường họp đủ các kỳ theo quy chế, có biên bản lưu đầy đủ",
        ["Rà soát quy chế hoạt động của Hội đồng trường", "Lập lịch họp định kỳ mỗi học kỳ"],
        "Hiệu trưởng",
        "Thư ký Hội đồng trường",
        "Tháng 9/2024 - tháng 5/2025",
        "Không có",
        "Sự hướng dẫn của Phòng Giáo dục",
        "",
    ),
    Row(
        "1.5",
        "Các tổ chuyên môn sinh hoạt theo nghiên cứu bài học hai lần mỗi tháng",
        ["Xây dựng kế hoạch sinh hoạt chuyên môn theo chủ đề", "Dự giờ, góp ý sau mỗi chuyên đề"],
        "Phó Hiệu trưởng",
        "Tổ trưởng chuyên môn",
        "Năm học 2024 - 2025",
        "2.500.000 đồng",
        "",
        "Thực hiện thường xuyên",
    ),
    Row(
        "2.3",
        "Nhân viên thư viện, thiết bị được bồi dưỡng nghiệp vụ ít nhất một lần trong năm",
        ["Cử nhân viên dự lớp bồi dưỡng do Phòng tổ chức"],
        "Hiệu trưởng",
        "Kế toán",
        "Học kỳ I năm học 2024 - 2025",
        "1.200.000 đồng",
        "Kinh phí từ ngân sách",
        "",
    ),
    Row(
        "2.4",
        "Học sinh tham gia đầy đủ các hoạt động trải nghiệm do trường tổ chức",
        ["Tổ chức ngày hội đọc sách", "Phối hợp Đội thiếu niên tổ chức hội trại"],
        "Tổng phụ trách Đội",
        "Giáo viên chủ nhiệm",
        "Tháng 3/2025",
        "5.000.000 đồng",
        "Ban đại diện cha mẹ học sinh hỗ trợ",
        "",
    ),
    Row(
        "3.1",
        "Sân chơi được lát lại, có thêm cây xanh che mát",
        ["Lập dự toán sửa chữa sân chơi", "Trồng mười cây bóng mát"],
        "Hiệu trưởng",
        "Nhân viên bảo vệ",
        "Tháng 6/2025 - tháng 8/2025",
        "35.000.000 đồng",
        "Xin hỗ trợ của địa phương",
        "Kinh phí không thường xuyên",
    ),
    Row(
        "3.5",
        "Thiết bị dạy học tối thiểu được bổ sung đủ cho các khối lớp",
        ["Kiểm kê thiết bị hiện có", "Mua bổ sung bộ thiết bị môn Khoa học"],
        "Phó Hiệu trưởng",
        "Nhân viên thiết bị",
        "Học kỳ II năm học 2024 - 2025",
        "12.000.000 đồng",
        "",
        "",
    ),
]


def standard_of(code: str) -> int:
    return int(code.split(".")[0])


def _landscape(document):
    # Times New Roman, as Vietnamese offices write (LibreOffice renders it with Liberation Serif,
    # which has every Vietnamese letter).
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    fonts = normal.element.rPr.rFonts
    for attr in ("w:eastAsia", "w:cs", "w:hAnsi", "w:ascii"):
        fonts.set(qn(attr), "Times New Roman")
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(1.5)
    return document


def _centered(cell_or_doc, text, bold=False):
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = bold
    return paragraph


def _layout_table(document, cells: list[list[list[str]]]):
    """A borderless layout table (the header and signature blocks), each cell's lines centred."""
    layout = document.add_table(rows=len(cells), cols=len(cells[0]))
    for r, row in enumerate(cells):
        for c, lines in enumerate(row):
            cell = layout.cell(r, c)
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
            for line in lines:
                _centered(cell, line)
    document.add_paragraph("")
    return layout


def _title(document, *lines):
    for i, line in enumerate(lines):
        _centered(document, line, bold=i == 0)


def _header_block(
    document,
    number="45/KH-THSB",
    place_date="Phú Giáo, ngày 12 tháng 9 năm 2024",
    governing=GOVERNING,
    school=SCHOOL,
):
    _layout_table(
        document,
        [
            [
                [governing.upper(), school.upper()],
                ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
            ],
            [[f"Số: {number}"], [place_date]],
        ],
    )


def _signature_block(document, name="Lê Minh Khoa"):
    document.add_paragraph("")
    layout = document.add_table(rows=1, cols=2)
    left = layout.cell(0, 0)
    left.text = "Nơi nhận:"
    left.add_paragraph("- Phòng GDĐT (để báo cáo);")
    left.add_paragraph("- Lưu: VT.")
    right = layout.cell(0, 1)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    _centered(right, "HIỆU TRƯỞNG", bold=True)
    _centered(right, "")
    _centered(right, name, bold=True)
    # Word always ends a document with a paragraph; a table as the very last element is lost in the
    # Word 97 (.doc) form LibreOffice writes.
    document.add_paragraph("")


def _widths(table, widths_cm):
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


WIDTHS_2018 = [1.0, 2.0, 1.2, 3.4, 4.6, 2.2, 2.2, 2.0, 2.0, 2.5, 2.4, 1.8]
WIDTHS_57 = [1.0, 3.4, 3.0, 3.6, 3.0, 2.2, 2.4, 2.8, 2.8, 2.5]

HEADER_2018 = [
    "TT",
    "Tiêu chuẩn, tiêu chí",
    "Mức",
    "Kết quả cần đạt",
    "Công việc/giải pháp cần thực hiện",
    "Chủ trì",
    "Phối hợp",
    "Thời gian bắt đầu",
    "Thời gian hoàn thành",
    "Dự kiến kinh phí",
    "Điều kiện hỗ trợ khác",
    "Ghi chú",
]


def build_plan_docx(
    path: Path,
    *,
    rows=ROWS,
    split_after: int | None = None,
    repeat_header: bool = True,
    numbered_row: bool = True,
    bullets: bool = True,
    vertical_merge: bool = True,
    ruled: bool = True,
) -> Path:
    """A 2018-form plan: TT, Mức, separate Chủ trì / Phối hợp and start / end columns, standard rows spanning
    the table, a numbered-column row, bullets in the solutions cells; optionally continued in a second
    table after a page break (split_after = number of plan rows in the first table)."""
    document = _landscape(docx.Document())
    _header_block(document)
    _title(document, "KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2024 - 2025")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("Khắc phục những điểm yếu đã nêu trong báo cáo tự đánh giá, nâng dần chất lượng.")
    document.add_paragraph("II. CĂN CỨ XÂY DỰNG KẾ HOẠCH")
    document.add_paragraph(
        "Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ Giáo dục và Đào tạo;"
    )
    document.add_paragraph("III. NỘI DUNG KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG")

    def new_table(with_header: bool):
        table = document.add_table(rows=0, cols=len(HEADER_2018))
        if ruled:
            table.style = "Table Grid"
        if with_header:
            cells = table.add_row().cells
            for cell, label in zip(cells, HEADER_2018, strict=True):
                cell.text = label
            if numbered_row:
                cells = table.add_row().cells
                for i, cell in enumerate(cells, 1):
                    cell.text = f"({i})"
        return table

    def standard_row(table, number):
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        merged.text = STANDARDS[number]

    table = new_table(True)
    current = None
    for index, row in enumerate(rows):
        if split_after is not None and index == split_after:
            document.add_page_break()
            table = new_table(repeat_header)
        if standard_of(row.criterion) != current:
            current = standard_of(row.criterion)
            standard_row(table, current)
        cells = table.add_row().cells
        cells[0].text = str(index + 1)
        cells[1].text = f"Tiêu chí {row.criterion}"
        cells[2].text = row.level
        cells[3].text = row.result
        cells[4].text = row.solutions[0] if not bullets else ""
        first = True
        for piece in row.solutions if bullets else row.solutions[1:]:
            if bullets and first:
                cells[4].paragraphs[0].text = piece
                cells[4].paragraphs[0].style = "List Bullet"
                first = False
            else:
                cells[4].add_paragraph(piece, style="List Bullet" if bullets else None)
        cells[5].text = row.lead
        cells[6].text = row.coordinators
        start, _, end = row.time.partition(" - tháng ")
        cells[7].text = start if end else row.time
        cells[8].text = ("Tháng " + end) if end else ""
        cells[9].text = row.budget
        cells[10].text = row.support
        cells[11].text = row.notes
    if vertical_merge and len(table.rows) >= 2:
        # The last two rows share one Ghi chú cell ("Kinh phí không thường xuyên" written once).
        last, before = table.rows[-1].cells, table.rows[-2].cells
        note = before[11].text
        before[11].merge(last[11])
        before[11].text = note
    for each in document.tables[1:]:
        _widths(each, WIDTHS_2018)
    document.add_paragraph("IV. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("1. Hiệu trưởng chỉ đạo chung, phân công thành viên theo dõi từng nội dung.")
    _signature_block(document)
    document.save(path)
    return path


HEADER_57 = [
    "TT",
    "Nội dung cải tiến",
    "Mục tiêu cải tiến",
    "Hoạt động/giải pháp",
    "Chỉ số đánh giá kết quả",
    "Thời gian thực hiện",
    "Đơn vị/cá nhân phụ trách",
    "Nguồn lực bảo đảm",
    "Thông tin, dữ liệu hoặc minh chứng dự kiến",
    "Mức độ thực hiện",
]

ROWS_57 = [
    [
        "1",
        "Tiêu chuẩn 2 - Tiêu chí 2.1: Đội ngũ giáo viên dạy tin học còn thiếu",
        "Đủ giáo viên tin học cho các khối lớp 6 đến 9",
        "Đề nghị Phòng Nội vụ tuyển dụng bổ sung; bồi dưỡng giáo viên kiêm nhiệm",
        "Tỷ lệ tiết tin học do giáo viên đúng chuyên môn dạy đạt 100%",
        "Học kỳ I năm học 2026 - 2027",
        "Hiệu trưởng; Tổ Toán - Tin",
        "Ngân sách nhà nước: 8.000.000 đồng",
        "Quyết định phân công chuyên môn",
        "Đang thực hiện",
    ],
    [
        "2",
        "Tiêu chuẩn 3 - Tiêu chí 3.3: Phòng học bộ môn xuống cấp",
        "Hai phòng học bộ môn được sửa chữa, đủ thiết bị",
        "Lập hồ sơ đề nghị sửa chữa; mua sắm thiết bị thí nghiệm",
        "Hai phòng đưa vào sử dụng trước tháng 12/2026",
        "Tháng 7/2026 - tháng 12/2026",
        "Phó Hiệu trưởng phụ trách cơ sở vật chất",
        "Ngân sách: 60.000.000 đồng",
        "Biên bản nghiệm thu",
        "",
    ],
    [
        "3",
        "Tiêu chuẩn 5: Kết quả học sinh giỏi cấp huyện còn thấp",
        "Tăng số học sinh đạt giải cấp huyện lên 15 em",
        "Thành lập đội tuyển từ đầu năm; phân công giáo viên giỏi bồi dưỡng",
        "Số học sinh đạt giải",
        "Năm học 2026 - 2027",
        "Tổ chuyên môn",
        "Xã hội hóa: 10.000.000 đồng",
        "Danh sách học sinh đạt giải",
        "Chưa hoàn thành",
    ],
]


# A row naming a standard and no criterion, with every column filled (the status too), and header
# words in its cells ("phụ trách", "Kinh phí", "Hoàn thành") as plans write them.
ROW_57_STANDARD_ONLY = [
    "",
    "Tiêu chuẩn 4: Phụ huynh ít tham gia các hoạt động giáo dục của nhà trường",
    "Ban đại diện cha mẹ học sinh các lớp họp đủ mỗi học kỳ",
    "Tổ chức họp cha mẹ học sinh đầu mỗi học kỳ; lập nhóm liên lạc từng lớp",
    "Tỷ lệ cha mẹ học sinh dự họp trên 90%",
    "Tháng 9/2026 - tháng 5/2027",
    "Giáo viên chủ nhiệm phụ trách",
    "Kinh phí: không có",
    "Biên bản họp cha mẹ học sinh",
    "Hoàn thành",
]
# The short column labels some school software prints (the order is the form's).
HEADER_57_SHORT = [
    "TT",
    "Nội dung",
    "Mục tiêu",
    "Hoạt động/giải pháp",
    "Chỉ số đánh giá kết quả",
    "Thời gian",
    "Đơn vị/cá nhân phụ trách",
    "Nguồn lực",
    "Minh chứng dự kiến",
    "Mức độ thực hiện",
]
PRIORITY_57 = [
    [
        "TT",
        "Tiêu chuẩn",
        "Tiêu chí liên quan (nếu có)",
        "Đánh giá hiện trạng",
        "Điểm hạn chế",
        "Nguyên nhân của hạn chế",
    ],
    [
        "1",
        "Tiêu chuẩn 2",
        "Tiêu chí 2.1",
        "Thiếu một giáo viên tin học",
        "Giáo viên kiêm nhiệm",
        "Chưa đủ biên chế",
    ],
    ["2", "Tiêu chuẩn 3", "Tiêu chí 3.3", "Phòng học bộ môn xuống cấp", "Thiết bị hỏng", "Kinh phí hạn hẹp"],
]


def rows_57(standard_first: bool = False) -> list[list[str]]:
    """The 57/2026 plan rows, with the standard-only row first when asked (right under the header)."""
    return [ROW_57_STANDARD_ONLY, *ROWS_57] if standard_first else list(ROWS_57)


def build_plan_57_docx(
    path: Path, *, numbered_row: bool = True, standard_first: bool = False, labels=None
) -> Path:
    document = _landscape(docx.Document())
    _header_block(
        document,
        number="18/KH-THCSTH",
        place_date="Tân Hưng, ngày 20 tháng 8 năm 2026",
        governing="UBND xã Tân Hưng",
        school="Trường THCS Tân Hưng",
    )
    _title(document, "KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2026 - 2027")
    document.add_paragraph("I. THÔNG TIN CHUNG")
    document.add_paragraph("Trường THCS Tân Hưng có 18 lớp, 640 học sinh.")
    document.add_paragraph("II. CĂN CỨ XÂY DỰNG KẾ HOẠCH")
    document.add_paragraph("Căn cứ Thông tư số 57/2026/TT-BGDĐT của Bộ Giáo dục và Đào tạo;")
    document.add_paragraph("V. KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG")
    table = document.add_table(rows=0, cols=10)
    table.style = "Table Grid"
    for cell, label in zip(table.add_row().cells, labels or HEADER_57, strict=True):
        cell.text = label
    if numbered_row:
        for i, cell in enumerate(table.add_row().cells, 1):
            cell.text = f"({i})"
    for values in rows_57(standard_first):
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    _widths(table, WIDTHS_57)
    document.add_paragraph("VII. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("Hiệu trưởng chỉ đạo chung.")
    _signature_block(document)
    document.save(path)
    return path


def soffice_pdf(source: Path, outdir: Path, *, password: str | None = None) -> Path:
    """A PDF made by LibreOffice (optionally protected by an opening password)."""
    target = "pdf"
    if password:
        target = (
            'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
            f'"DocumentOpenPassword":{{"type":"string","value":"{password}"}}}}'
        )
    return soffice_convert(source, outdir, target, "pdf")


def soffice_convert(source: Path, outdir: Path, target: str, suffix: str) -> Path:
    """Convert with LibreOffice in a throwaway profile (parallel runs do not share a profile lock)."""
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    outdir.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            [
                "/usr/bin/soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
            env={**os.environ, "HOME": str(profile)},
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = outdir / f"{source.stem}.{suffix}"
    assert out.exists(), f"LibreOffice did not write {out}"
    return out


def build_plan_xlsx(path: Path, *, rows=ROWS, header_fields: bool = True) -> Path:
    """A workbook: a cover sheet first (ignored), then the plan sheet with the header fields above the
    table, a two-level header ("Thời gian" over "Bắt đầu" / "Kết thúc"), standard rows merged across
    the table, a criterion typed as the number 1.10 and amounts typed as numbers."""
    import openpyxl
    from openpyxl.styles import Alignment

    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Hướng dẫn"
    cover["A1"] = "Bảng tính này dùng để theo dõi các khoản chi trong năm học."
    cover["A2"] = "Người lập: Văn phòng"
    cover.append(["Mục", "Số tiền", "Ghi chú"])
    cover.append(["Văn phòng phẩm", 1500000, "Quý I"])
    sheet = book.create_sheet("Kế hoạch")
    r = 1
    if header_fields:
        for left, right in (
            (GOVERNING.upper(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            (SCHOOL.upper(), "Độc lập - Tự do - Hạnh phúc"),
            ("Số: 45/KH-THSB", "Phú Giáo, ngày 12 tháng 9 năm 2024"),
        ):
            sheet.cell(r, 1, left)
            sheet.cell(r, 7, right)
            r += 1
        sheet.cell(r + 1, 1, "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2024 - 2025")
        r += 3
    labels = [
        "TT",
        "Tiêu chí",
        "Kết quả cần đạt",
        "Giải pháp",
        "Chủ trì và phối hợp",
        "Thời gian",
        None,
        "Kinh phí (đồng)",
        "Điều kiện hỗ trợ",
    ]
    for c, label in enumerate(labels, 1):
        if label:
            sheet.cell(r, c, label)
    sheet.merge_cells(start_row=r, start_column=6, end_row=r, end_column=7)
    for c in (1, 2, 3, 4, 5, 8, 9):
        sheet.merge_cells(start_row=r, start_column=c, end_row=r + 1, end_column=c)
    sheet.cell(r + 1, 6, "Bắt đầu")
    sheet.cell(r + 1, 7, "Kết thúc")
    r += 2
    current = None
    for index, row in enumerate(rows, 1):
        if standard_of(row.criterion) != current:
            current = standard_of(row.criterion)
            sheet.cell(r, 1, STANDARDS[current])
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(labels))
            r += 1
        sheet.cell(r, 1, index)
        if row.criterion == "1.10":
            sheet.cell(r, 2, 1.1).number_format = "0.00"
        else:
            sheet.cell(r, 2, f"Tiêu chí {row.criterion}")
        sheet.cell(r, 3, row.result)
        sheet.cell(r, 4, "\n".join(f"- {s}" for s in row.solutions)).alignment = Alignment(wrap_text=True)
        sheet.cell(r, 5, f"{row.lead}; {row.coordinators}")
        start, _, end = row.time.partition(" - tháng ")
        sheet.cell(r, 6, start if end else row.time)
        sheet.cell(r, 7, f"Tháng {end}" if end else "")
        amount = row.budget.replace(" đồng", "").replace(".", "")
        if amount.isdigit():
            sheet.cell(r, 8, int(amount)).number_format = "#,##0"
        else:
            sheet.cell(r, 8, row.budget)
        sheet.cell(r, 9, row.support)
        r += 1
    sheet.cell(r + 1, 1, "Nơi nhận:")
    sheet.cell(r + 1, 7, "HIỆU TRƯỞNG")
    sheet.cell(r + 2, 1, "- Lưu: VT.")
    sheet.cell(r + 4, 7, "Lê Minh Khoa")
    book.save(path)
    return path


def build_plan_57_xlsx(
    path: Path,
    *,
    labels=None,
    numbered_row: bool = False,
    standard_first: bool = True,
    priority: str = "",
) -> Path:
    """The 10-column 57/2026 table typed in a workbook with openpyxl: the school's header lines, the
    form's labels (or the short ones, or with their column numbers), optionally the row of column
    numbers, the standard-only row and a filled status column. `priority`: "sheet" puts the section
    IV table on a first sheet of its own, "above" above the plan table on the same sheet."""
    import openpyxl
    from openpyxl.styles import Alignment

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Kế hoạch"
    if priority == "sheet":
        sheet.title = "Vấn đề trọng tâm"
        for values in PRIORITY_57:
            sheet.append(values)
        sheet = book.create_sheet("Kế hoạch")
    for values in (
        ["UBND XÃ TÂN HƯNG", "", "", "", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["TRƯỜNG THCS TÂN HƯNG", "", "", "", "", "", "Độc lập - Tự do - Hạnh phúc"],
        ["Số: 18/KH-THCSTH", "", "", "", "", "", "Tân Hưng, ngày 20 tháng 8 năm 2026"],
        [],
        ["KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2026 - 2027"],
        ["Căn cứ Thông tư số 57/2026/TT-BGDĐT của Bộ Giáo dục và Đào tạo;"],
    ):
        sheet.append(values)
    if priority == "above":
        sheet.append(["IV. TÓM TẮT CÁC VẤN ĐỀ TRỌNG TÂM CẦN CẢI TIẾN"])
        for values in PRIORITY_57:
            sheet.append(values)
    sheet.append(["V. KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG"])
    sheet.append(list(labels or HEADER_57))
    if numbered_row:
        sheet.append([f"({i})" for i in range(1, 11)])
    for values in rows_57(standard_first):
        sheet.append([int(v) if v.isdigit() else v for v in values])
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append([])
    sheet.append(["Nơi nhận:", "", "", "", "", "", "HIỆU TRƯỞNG"])
    sheet.append(["", "", "", "", "", "", "Lê Minh Khoa"])
    book.save(path)
    return path


def build_invitation_docx(path: Path) -> Path:
    """A meeting invitation of the school: the header block, a title and a signature, no plan table."""
    document = _landscape(docx.Document())
    _header_block(document, number="12/GM-THSB", place_date="Phú Giáo, ngày 3 tháng 10 năm 2024")
    _title(document, "GIẤY MỜI", "Họp Hội đồng tự đánh giá năm học 2024 - 2025")
    document.add_paragraph("Trường Tiểu học Sông Bé trân trọng kính mời các thành viên Hội đồng tự đánh giá")
    document.add_paragraph("Thời gian: 14 giờ 00, thứ Năm, ngày 10 tháng 10 năm 2024.")
    document.add_paragraph("Địa điểm: Phòng họp nhà trường.")
    document.add_paragraph("Nội dung: Rà soát tiêu chí 1.2 và tiêu chí 3.1 của báo cáo tự đánh giá.")
    _signature_block(document)
    document.save(path)
    return path


_PASSWORD_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub SaveWithPassword(src As String, dst As String, filter As String, secret As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, args())
  Dim out(1) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = filter
  out(1).Name = &quot;Password&quot;
  out(1).Value = secret
  doc.storeToURL(ConvertToURL(dst), out())
  doc.close(True)
End Sub
</script:module>
"""


def soffice_with_password(source: Path, target: Path, filter_name: str, password: str) -> Path:
    """An office file saved by LibreOffice with an opening password (e.g. filter "MS Word 97"): a
    Basic macro in a throwaway profile stores the document with the Password property."""
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    command = ["/usr/bin/soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
    env = {**os.environ, "HOME": str(profile)}
    try:
        # A first start lays out the profile (with its Standard Basic library), then the macro goes in.
        subprocess.run([*command, "--terminate_after_init"], capture_output=True, timeout=180, env=env)
        Path(profile, "user", "basic", "Standard", "Module1.xba").write_text(_PASSWORD_MACRO, "utf-8")
        macro = (
            f'macro:///Standard.Module1.SaveWithPassword("{source}","{target}","{filter_name}","{password}")'
        )
        subprocess.run([*command, macro], check=True, capture_output=True, timeout=180, env=env)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert target.exists(), f"LibreOffice did not write {target}"
    return target
