"""Excel plans: the plan sheet is found by its header, merged cells read, header fields above the table."""

from caitien.planfile import readers
from caitien.planfile.readers import xlsx as xlsx_reader
from tests.readers import builders


def test_it_reads_the_grid_with_merged_cells(built):
    sheets = dict(xlsx_reader.read_sheets(built["xlsx"].read_bytes(), "ke-hoach.xlsx"))
    assert list(sheets) == ["Hướng dẫn", "Kế hoạch"]
    grid = sheets["Kế hoạch"]
    header = next(i for i, r in enumerate(grid) if r[0] == "TT")
    assert grid[header][5:7] == ["Thời gian", "Thời gian"]  # merged across: repeated
    assert grid[header + 1][:2] == ["", ""]  # merged down: blank below
    assert grid[header + 1][5:7] == ["Bắt đầu", "Kết thúc"]
    assert grid[header + 2] == [builders.STANDARDS[1]] * 9
    assert grid[header + 3][7] == "Không có"
    assert grid[header + 4][7] == "2.500.000"  # 2500000 formatted #,##0


def test_it_reads_the_plan_sheet_field_by_field(built):
    doc = readers.read_path(built["xlsx"])
    assert [i.criterion for i in doc.items] == ["1.2", "1.5", "2.3", "2.4", "3.1", "3.5"]
    first, second = doc.items[:2]
    assert first.lead == "Hiệu trưởng; Thư ký Hội đồng trường"
    assert (first.start, first.end) == ("2024-09", "2025-05")
    assert (
        first.solutions
        == "- Rà soát quy chế hoạt động của Hội đồng trường\n- Lập lịch họp định kỳ mỗi học kỳ"
    )
    assert [a.vnd for a in second.budget_amounts] == [2_500_000]
    assert (second.start, second.end) == ("2024-09", "2025-05")
    assert doc.items[3].support == "Ban đại diện cha mẹ học sinh hỗ trợ"
    assert doc.document_number == "45/KH-THSB"
    assert (doc.place, doc.date) == ("Phú Giáo", "2024-09-12")
    assert doc.period == {"start_year": 2024, "end_year": 2025}
    assert doc.signer.name == "Lê Minh Khoa"
    assert set(doc.standard_headings) == {"1", "2", "3"}


def test_a_criterion_typed_as_a_number_keeps_its_two_decimals(tmp_path):
    rows = [
        builders.Row(
            "1.10",
            "Hồ sơ quản lý được số hóa đầy đủ",
            ["Quét và lưu hồ sơ"],
            "Văn thư",
            "",
            "Tháng 11/2024",
            "Không có",
        )
    ] + builders.ROWS[2:4]
    path = builders.build_plan_xlsx(tmp_path / "so.xlsx", rows=rows)
    doc = readers.read_path(path)
    assert [i.criterion for i in doc.items] == ["1.10", "2.3", "2.4"]


def test_a_sheet_with_only_the_table_reads(tmp_path):
    path = builders.build_plan_xlsx(tmp_path / "chi-bang.xlsx", header_fields=False)
    doc = readers.read_path(path)
    assert len(doc.items) == 6
    assert doc.document_number is None


def test_a_sheet_longer_than_the_limit_is_read_in_part_with_a_warning(tmp_path):
    import openpyxl

    path = builders.build_plan_xlsx(tmp_path / "dai.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Kế hoạch"]
    for r in range(sheet.max_row + 1, xlsx_reader.MAX_SHEET_ROWS + 50):
        sheet.cell(r, 3, f"ghi chép {r}")
    book.save(path)
    doc = readers.read_path(path)
    assert [w.code for w in doc.warnings] == ["sheet-cut"]
    assert "chỉ 3000 dòng đầu được đọc" in doc.warnings[0].message
    assert len(doc.items) == 6
