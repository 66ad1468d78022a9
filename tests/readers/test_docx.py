"""Word plans: document order, merged cells, continued tables, numbered rows, both plan forms."""

import docx as python_docx

from caitien.planfile import readers
from caitien.planfile.readers import docx as docx_reader
from tests.readers import builders


def _tables(path):
    return [b for b in docx_reader.read_blocks(path.read_bytes(), path.name) if b.is_table]


def test_it_reads_blocks_in_document_order(built):
    blocks = docx_reader.read_blocks(built["docx"].read_bytes(), "ke-hoach.docx")
    kinds = ["table" if b.is_table else "text" for b in blocks]
    assert kinds[:3] == ["table", "text", "table"]  # header block, sections I-III, plan table
    assert "II. CĂN CỨ XÂY DỰNG KẾ HOẠCH" in blocks[1].text
    assert blocks[1].text.index("I. MỤC ĐÍCH") < blocks[1].text.index("II. CĂN CỨ")
    last = [b for b in blocks if b.is_table or b.text.strip()][-1]  # the file ends on an empty paragraph
    assert last.is_table and "HIỆU TRƯỞNG" in last.rows[0][1]


def test_it_repeats_a_horizontally_merged_cell_and_blanks_a_vertical_continuation(built):
    plan = _tables(built["docx"])[1].rows
    standard = plan[2]
    assert standard == [builders.STANDARDS[1]] * 12
    assert plan[1] == [f"({i})" for i in range(1, 13)]
    # The last two rows share one Ghi chú cell: text on the first, "" on the continuation.
    assert plan[-2][11] == "Kinh phí không thường xuyên"
    assert plan[-1][11] == ""
    assert plan[-1][1] == "Tiêu chí 3.5"


def test_it_keeps_the_paragraphs_and_bullets_of_a_cell(built):
    plan = _tables(built["docx"])[1].rows
    row = next(r for r in plan if r[1] == "Tiêu chí 1.2")
    assert row[4] == "- Rà soát quy chế hoạt động của Hội đồng trường\n- Lập lịch họp định kỳ mỗi học kỳ"


def test_it_reads_every_field_of_a_2018_plan(built):
    doc = readers.read_path(built["docx"])
    assert [i.criterion for i in doc.items] == ["1.2", "1.5", "2.3", "2.4", "3.1", "3.5"]
    first = doc.items[0]
    assert first.level == "2"
    assert first.expected_result == "Hội đồng trường họp đủ các kỳ theo quy chế, có biên bản lưu đầy đủ"
    assert (
        first.solutions
        == "- Rà soát quy chế hoạt động của Hội đồng trường\n- Lập lịch họp định kỳ mỗi học kỳ"
    )
    assert first.lead == "Hiệu trưởng; Thư ký Hội đồng trường"
    assert first.coordinators == "Thư ký Hội đồng trường"
    assert (first.start, first.end) == ("2024-09", "2025-05")
    assert first.budget_text == "Không có" and first.budget_amounts == []
    assert first.support == "Sự hướng dẫn của Phòng Giáo dục"
    fifth = doc.items[4]
    assert [a.vnd for a in fifth.budget_amounts] == [35_000_000]
    assert fifth.notes == "Kinh phí không thường xuyên"
    assert doc.items[5].notes == ""  # the vertical continuation is not copied down
    assert (doc.items[2].start, doc.items[2].end) == ("2024-09", "2024-12")  # Học kỳ I
    assert doc.standard_headings == {
        "1": "Tổ chức và quản lý nhà trường",
        "2": "Cán bộ quản lý, giáo viên, nhân viên và học sinh",
        "3": "Cơ sở vật chất và thiết bị dạy học",
    }
    assert doc.warnings == []


def test_it_reads_the_header_and_footer_fields(built):
    doc = readers.read_path(built["docx"])
    assert doc.source == "ke-hoach.docx"
    assert doc.governing_body == "UBND huyện Phú Giáo"
    assert doc.document_number == "45/KH-THSB"
    assert (doc.place, doc.date) == ("Phú Giáo", "2024-09-12")
    assert doc.period == {"start_year": 2024, "end_year": 2025}
    assert doc.circular == "17/2018/TT-BGDĐT" and doc.school_level == "tieu_hoc"
    assert doc.signer.title == "HIỆU TRƯỞNG" and doc.signer.name == "Lê Minh Khoa"
    assert doc.recipients == ["Phòng GDĐT (để báo cáo)", "Lưu: VT"]
    assert "Khắc phục những điểm yếu" in doc.sections["purposes"]


def test_a_table_continued_after_a_page_break_reads_as_one(built):
    assert len(_tables(built["docx_split"])) == 4  # header, two halves of the plan, signature
    doc = readers.read_path(built["docx_split"])
    assert [i.criterion for i in doc.items] == ["1.2", "1.5", "2.3", "2.4", "3.1", "3.5"]
    fourth = doc.items[3]
    assert fourth.lead == "Tổng phụ trách Đội; Giáo viên chủ nhiệm"
    assert fourth.support == "Ban đại diện cha mẹ học sinh hỗ trợ"
    assert (fourth.start, fourth.end) == ("2025-03", "2025-03")


def test_a_continued_table_that_repeats_its_header_reads_once(built):
    doc = readers.read_path(built["docx_split_header"])
    assert [i.criterion for i in doc.items] == ["1.2", "1.5", "2.3", "2.4", "3.1", "3.5"]
    assert all(i.expected_result and "Kết quả cần đạt" not in i.expected_result for i in doc.items)


def test_it_reads_the_ten_columns_of_the_57_2026_form(built):
    doc = readers.read_path(built["docx57"])
    assert doc.regulation == "tt57-2026-pl2"
    assert doc.circular == "57/2026/TT-BGDĐT"
    assert len(doc.items) == 3
    first, _, third = doc.items
    assert first.issue == "Tiêu chuẩn 2 - Tiêu chí 2.1: Đội ngũ giáo viên dạy tin học còn thiếu"
    assert first.criterion == "2.1" and first.standard == 2
    assert first.expected_result == "Đủ giáo viên tin học cho các khối lớp 6 đến 9"
    assert first.indicator == "Tỷ lệ tiết tin học do giáo viên đúng chuyên môn dạy đạt 100%"
    assert (first.start, first.end) == ("2026-09", "2026-12")
    assert first.lead == "Hiệu trưởng; Tổ Toán - Tin"
    assert [a.vnd for a in first.budget_amounts] == [8_000_000]
    assert first.expected_evidence == "Quyết định phân công chuyên môn"
    assert first.status == "Đang thực hiện"
    assert third.criterion is None and third.standard == 5
    assert third.status == "Chưa hoàn thành"


def test_a_plan_table_nested_in_a_layout_table_is_found(tmp_path):
    document = python_docx.Document()
    document.add_paragraph("KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG NĂM HỌC 2025 - 2026")
    frame = document.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)
    cell.text = "Bảng kế hoạch"
    inner = cell.add_table(rows=2, cols=5)
    for c, label in enumerate(["Tiêu chí", "Kết quả cần đạt", "Giải pháp", "Người thực hiện", "Thời gian"]):
        inner.cell(0, c).text = label
    for c, value in enumerate(
        [
            "Tiêu chí 4.1",
            "Ban đại diện cha mẹ học sinh họp mỗi học kỳ",
            "Mời ban đại diện dự họp đầu năm",
            "Hiệu trưởng",
            "Tháng 10/2025",
        ]
    ):
        inner.cell(1, c).text = value
    path = tmp_path / "long-bang.docx"
    document.save(path)
    tables = _tables(path)
    assert tables[0].rows == [["Bảng kế hoạch"]]  # the frame, without the nested table's text
    assert tables[1].rows[1][0] == "Tiêu chí 4.1"
    doc = readers.read_path(path)
    assert [(i.criterion, i.lead, i.start) for i in doc.items] == [("4.1", "Hiệu trưởng", "2025-10")]


def test_automatic_numbering_of_headings_is_kept(tmp_path):
    document = python_docx.Document()
    document.add_paragraph("Mục đích", style="List Number")
    document.add_paragraph("Căn cứ", style="List Number")
    document.add_paragraph("Nội dung thường", style="Normal")
    document.add_paragraph("Ý một", style="List Bullet")
    path = tmp_path / "so-thu-tu.docx"
    document.save(path)
    text = docx_reader.read_blocks(path.read_bytes())[0].text
    assert text.splitlines() == ["1. Mục đích", "2. Căn cứ", "Nội dung thường", "- Ý một"]


def test_a_plan_typed_with_tabs_instead_of_a_table_goes_to_the_text_reader(tmp_path):
    document = python_docx.Document()
    for line in [
        "TRƯỜNG TIỂU HỌC AN BÌNH",
        "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG NĂM HỌC 2025 - 2026",
        "TT\tTiêu chuẩn, tiêu chí\tKết quả cần đạt\tCông việc/giải pháp\tChủ trì và phối hợp\tThời gian\t"
        "Dự kiến kinh phí\tĐiều kiện hỗ trợ khác\tGhi chú",
        "1\tTiêu chí 1.3\tCó đủ tổ chuyên môn\tKiện toàn tổ chuyên môn\tHiệu trưởng\tTháng 9/2025\tKhông\t\t",
    ]:
        document.add_paragraph(line)
    path = tmp_path / "tab.docx"
    document.save(path)
    doc = readers.read_path(path)
    assert doc.source == "tab.docx"
    assert [(i.criterion, i.expected_result, i.lead, i.start) for i in doc.items] == [
        ("1.3", "Có đủ tổ chuyên môn", "Hiệu trưởng", "2025-09")
    ]
