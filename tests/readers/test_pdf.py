"""PDF plans with a text layer, made by LibreOffice from Word files built in the tests."""

from caitien.planfile import readers
from caitien.planfile.readers import pdf as pdf_reader


def test_the_ruled_table_reads_like_the_word_file_it_came_from(built):
    from_pdf = readers.read_path(built["pdf"])
    from_docx = readers.read_path(built["docx_split"])
    assert [i.criterion for i in from_pdf.items] == ["1.2", "1.5", "2.3", "2.4", "3.1", "3.5"]
    for a, b in zip(from_pdf.items, from_docx.items, strict=True):
        assert (a.criterion, a.level, a.lead, a.start, a.end) == (
            b.criterion,
            b.level,
            b.lead,
            b.start,
            b.end,
        )
        assert a.expected_result == b.expected_result
        assert a.solutions == b.solutions
        assert [x.vnd for x in a.budget_amounts] == [x.vnd for x in b.budget_amounts]
        assert (a.support, a.notes) == (b.support, b.notes)
    assert from_pdf.warnings == []


def test_the_table_goes_on_over_several_pages(built):
    tables = [b for b in pdf_reader.read_blocks(built["pdf"].read_bytes()) if b.is_table]
    assert len({t.where for t in tables}) >= 2  # the plan table is cut by at least one page break
    doc = readers.read_path(built["pdf"])
    # The row broken by a page end is whole again (its last bullet is on the next page).
    assert doc.items[0].solutions.endswith("- Lập lịch họp định kỳ mỗi học kỳ")
    assert set(doc.standard_headings) == {"1", "2", "3"}


def test_the_header_and_the_signature_are_read_in_reading_order(built):
    doc = readers.read_path(built["pdf"])
    assert doc.governing_body == "UBND huyện Phú Giáo"
    assert doc.document_number == "45/KH-THSB"
    assert (doc.place, doc.date) == ("Phú Giáo", "2024-09-12")
    assert doc.title == "Cải tiến chất lượng giáo dục năm học 2024 - 2025"
    assert doc.signer.title == "HIỆU TRƯỞNG" and doc.signer.name == "Lê Minh Khoa"
    assert doc.recipients == ["Phòng GDĐT (để báo cáo)", "Lưu: VT"]


def test_symbol_font_bullets_read_as_dashes(built):
    doc = readers.read_path(built["pdf"])
    assert doc.items[3].solutions == "- Tổ chức ngày hội đọc sách\n- Phối hợp Đội thiếu niên tổ chức hội trại"
    assert "\uf0b7" not in doc.to_json()


def test_the_57_2026_form_reads_from_pdf(built):
    doc = readers.read_path(built["pdf57"])
    assert doc.regulation == "tt57-2026-pl2"
    assert [(i.criterion, i.standard, i.start, i.end) for i in doc.items] == [
        ("2.1", 2, "2026-09", "2026-12"),
        ("3.3", 3, "2026-07", "2026-12"),
        (None, 5, "2026-09", "2027-05"),
    ]
    assert doc.items[0].indicator == "Tỷ lệ tiết tin học do giáo viên đúng chuyên môn dạy đạt 100%"
    assert doc.items[1].expected_evidence == "Biên bản nghiệm thu"


def test_a_table_without_rules_is_rebuilt_from_word_positions(built):
    blocks = pdf_reader.read_blocks(built["pdf_unruled"].read_bytes())
    tables = [b for b in blocks if b.is_table]
    assert tables and all(t.width == 12 for t in tables)
    doc = readers.read_path(built["pdf_unruled"])
    reference = readers.read_path(built["docx_unruled"])
    assert [i.criterion for i in doc.items] == ["1.2", "1.5", "2.3", "2.4", "3.1", "3.5"]
    for a, b in zip(doc.items, reference.items, strict=True):
        assert (a.lead, a.start, a.end, a.support, a.notes) == (b.lead, b.start, b.end, b.support, b.notes)
        assert a.expected_result == b.expected_result
        assert a.solutions == b.solutions
        assert [x.vnd for x in a.budget_amounts] == [x.vnd for x in b.budget_amounts]
    assert set(doc.standard_headings) == {"1", "2", "3"}
    assert doc.sections.get("organisation", "").startswith("1. Hiệu trưởng chỉ đạo chung")


def test_pdfminer_reads_what_pdfium_reads(built):
    """The fallback reader (pdfminer through pdfplumber, used when PDFium refuses a file) agrees."""
    import pdfplumber

    data = built["pdf"].read_bytes()
    fast = pdf_reader._page_blocks(pdf_reader._PdfiumPages(data).page(0), 1)[0]
    with pdfplumber.open(built["pdf"]) as pdf:
        slow = pdf_reader._page_blocks(pdf.pages[0], 1)[0]
    assert [b.rows for b in fast if b.is_table] == [b.rows for b in slow if b.is_table]
