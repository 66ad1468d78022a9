"""The DOCX writer, read back with python-docx and its XML, against Nghị định 30/2020/NĐ-CP, Phụ lục I."""

from __future__ import annotations

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from caitien.planfile.model import Item
from caitien.planfile.writers.docx import write_docx
from caitien.planfile.writers.layout import text_width_pt
from tests.writers.plans import plan_57, plan_2018

MM = 36000  # EMU per mm


@pytest.fixture
def doc2018(tmp_path):
    path = tmp_path / "kh.docx"
    write_docx(plan_2018(), path)
    return docx.Document(path)


@pytest.fixture
def doc57(tmp_path):
    path = tmp_path / "kh57.docx"
    write_docx(plan_57(), path)
    return docx.Document(path)


def _mm(length) -> float:
    return round(length / MM, 1)


def _runs(container):
    for p in container.paragraphs:
        yield from p.runs


def _find_run(container, text):
    for p in container.paragraphs:
        for r in p.runs:
            if r.text == text:
                return p, r
    raise AssertionError(f"không thấy “{text}”")


def _size(run) -> float:
    return run.font.size.pt


@pytest.mark.parametrize("fixture", ["doc2018", "doc57"])
def test_it_uses_a4_and_the_decree_margins_in_every_section(fixture, request):
    d = request.getfixturevalue(fixture)
    for s in d.sections:
        short, long_ = sorted([_mm(s.page_width), _mm(s.page_height)])
        assert (short, long_) == (210.0, 297.0)
        assert 20 <= _mm(s.top_margin) <= 25
        assert 20 <= _mm(s.bottom_margin) <= 25
        assert 30 <= _mm(s.left_margin) <= 35
        assert 15 <= _mm(s.right_margin) <= 20


@pytest.mark.parametrize("fixture", ["doc2018", "doc57"])
def test_it_puts_the_plan_table_in_a_landscape_section_between_portrait_ones(fixture, request):
    d = request.getfixturevalue(fixture)
    orientations = [s.orientation for s in d.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    landscape = d.sections[1]
    assert landscape.page_width > landscape.page_height
    # The plan table is in the landscape section: the body's second sectPr closes it.
    body = d.element.body
    children = list(body)
    breaks = [i for i, el in enumerate(children) if el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    tables = [i for i, el in enumerate(children) if el.tag == qn("w:tbl")]
    plan_table = max(tables[:-1], key=lambda i: len(children[i].findall(qn("w:tr"))))
    assert breaks[0] < plan_table < breaks[1]


def test_every_run_is_times_new_roman(doc2018):
    rpr_default = doc2018.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert rpr_default.find(qn("w:rFonts")).get(qn("w:ascii")) == "Times New Roman"
    assert doc2018.styles["Normal"].font.name == "Times New Roman"
    runs = doc2018.element.body.iter(qn("w:r"))
    for r in runs:
        fonts = r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts is not None
        assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")} == {"Times New Roman"}


def test_the_header_block_follows_the_decree(doc2018):
    head = doc2018.tables[0]
    left, right = head.rows[0].cells
    # Tên cơ quan chủ quản: in hoa, 12-13, đứng, không đậm.
    _, r = _find_run(left, "UBND HUYỆN TÂN CHÂU")
    assert 12 <= _size(r) <= 13 and not r.bold and not r.italic
    # Tên cơ quan ban hành: in hoa, 12-13, đứng, đậm.
    _, r = _find_run(left, "TRƯỜNG TIỂU HỌC PHƯỚC HÒA")
    assert 12 <= _size(r) <= 13 and r.bold and not r.italic
    school_size = _size(r)
    # Quốc hiệu 12-13 đậm; Tiêu ngữ one size larger, đậm.
    _, national = _find_run(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    _, motto = _find_run(right, "Độc lập - Tự do - Hạnh phúc")
    assert 12 <= _size(national) <= 13 and national.bold
    assert 13 <= _size(motto) <= 14 and motto.bold and _size(motto) == _size(national) + 1
    # Number (13, đứng) under the school; place and date (13-14, nghiêng) under the motto.
    number_cell, date_cell = head.rows[1].cells
    _, r = _find_run(number_cell, "Số: 112/KH-THPH")
    assert _size(r) == 13 and not r.italic and not r.bold
    _, r = _find_run(date_cell, "Phước Hòa, ngày 16 tháng 9 năm 2024")
    assert 13 <= _size(r) <= 14 and r.italic
    # Left column is the agency side, right column the national title side; both names fit on a line.
    assert left.width < right.width
    assert text_width_pt("TRƯỜNG TIỂU HỌC PHƯỚC HÒA", school_size, bold=True) * 20 <= left.width.twips
    assert (
        text_width_pt("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", _size(national), bold=True) * 20
        <= right.width.twips
    )


def test_a_long_school_name_keeps_the_larger_sizes_and_wraps():
    from caitien.planfile.writers.docx import header_sizes

    assert header_sizes("TRƯỜNG THCS TÂN LẬP", 165) == (13, 13, 14)
    assert header_sizes("TRƯỜNG TIỂU HỌC PHƯỚC HÒA", 165) == (12, 12, 13)
    assert header_sizes("TRƯỜNG TRUNG HỌC PHỔ THÔNG CHUYÊN NGUYỄN THỊ MINH KHAI", 165) == (13, 13, 14)


def _rule_of(cell):
    for p in cell.paragraphs:
        bottom = p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
        if bottom is not None:
            ind = p._p.find(f"{qn('w:pPr')}/{qn('w:ind')}")
            return p, int(ind.get(qn("w:left"))), int(ind.get(qn("w:right")))
    raise AssertionError("không có đường kẻ")


def test_the_rules_under_the_school_and_the_motto_have_the_decree_lengths(doc2018):
    left, right = doc2018.tables[0].rows[0].cells
    twips_per_pt = 20
    # School rule: 1/3 to 1/2 of the name's line.
    _, li, ri = _rule_of(left)
    rule = left.width.twips - li - ri
    _, school = _find_run(left, "TRƯỜNG TIỂU HỌC PHƯỚC HÒA")
    name = text_width_pt("TRƯỜNG TIỂU HỌC PHƯỚC HÒA", _size(school), bold=True) * twips_per_pt
    assert name / 3 <= rule <= name / 2
    # Motto rule: as long as the motto.
    _, li, ri = _rule_of(right)
    rule = right.width.twips - li - ri
    _, motto_run = _find_run(right, "Độc lập - Tự do - Hạnh phúc")
    motto = text_width_pt("Độc lập - Tự do - Hạnh phúc", _size(motto_run), bold=True) * twips_per_pt
    assert abs(rule - motto) < 20  # within one point


def test_the_title_block_is_bold_and_centred(doc2018):
    body = doc2018.paragraphs
    kind = next(p for p in body if p.text == "KẾ HOẠCH")
    title = next(p for p in body if p.text == "Cải tiến chất lượng giáo dục năm học 2024 - 2025")
    for p in (kind, title):
        assert p.alignment == 1  # centre
        assert all(r.bold and 13 <= _size(r) <= 14 for r in p.runs)
    # A short rule right under the trích yếu.
    nxt = title._p.getnext()
    assert nxt.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None


def test_sections_are_numbered_with_roman_numerals_and_the_body_is_13_to_14(doc2018):
    texts = [p.text for p in doc2018.paragraphs]
    for heading in (
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. CĂN CỨ XÂY DỰNG KẾ HOẠCH",
        "III. NỘI DUNG KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG",
        "IV. TỔ CHỨC THỰC HIỆN",
    ):
        assert heading in texts
    assert texts.index("I. MỤC ĐÍCH, YÊU CẦU") < texts.index("IV. TỔ CHỨC THỰC HIỆN")
    # The document's own section texts are used, paragraph by paragraph.
    p = next(p for p in doc2018.paragraphs if p.text.startswith("- Khắc phục các điểm yếu"))
    assert p.alignment == 3  # justified
    assert all(13 <= _size(r) <= 14 for r in p.runs)
    assert p.paragraph_format.space_after.pt >= 6
    assert (
        "Trên đây là Kế hoạch cải tiến chất lượng giáo dục năm học 2024 - 2025 của Trường Tiểu học Phước Hòa."
        in texts
    )


def test_missing_sections_get_the_default_texts(tmp_path):
    plan = plan_2018()
    plan.sections = {}
    write_docx(plan, tmp_path / "a.docx")
    text = "\n".join(p.text for p in docx.Document(tmp_path / "a.docx").paragraphs)
    assert "Công văn số 5932/BGDĐT-QLCL ngày 28/12/2018" in text
    assert "Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018" in text
    assert "Thông tư số 22/2024/TT-BGDĐT" in text


def _plan_table(d):
    return max(d.tables, key=lambda t: len(t.rows))


def _flag(row, tag):
    trpr = row._tr.trPr
    return trpr is not None and trpr.find(qn(tag)) is not None


def test_the_2018_table_repeats_its_header_and_has_standard_rows_and_a_total(doc2018):
    t = _plan_table(doc2018)
    header = [c.text for c in t.rows[0].cells]
    assert header == [
        "TT",
        "Tiêu chuẩn, tiêu chí",
        "Kết quả cần đạt (so với hiện trạng)",
        "Công việc/giải pháp cần thực hiện",
        "Chủ trì và phối hợp thực hiện",
        "Thời gian thực hiện và hoàn thành",
        "Dự kiến kinh phí",
        "Điều kiện hỗ trợ khác",
        "Ghi chú",
    ]
    assert _flag(t.rows[0], "w:tblHeader")
    assert not _flag(t.rows[1], "w:tblHeader")
    assert all(r.bold and _size(r) == 12 for c in t.rows[0].cells for r in _runs(c))
    # Standard rows span the whole table, in the catalog's words for standards without a heading.
    std = t.rows[1]
    span = std._tr.tc_lst[0].tcPr.find(qn("w:gridSpan"))
    assert len(std._tr.tc_lst) == 1 and int(span.get(qn("w:val"))) == 9
    assert std.cells[0].text == "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường"
    standard_rows = [r.cells[0].text for r in t.rows if len(r._tr.tc_lst) == 1]
    assert standard_rows == [
        "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường",
        "Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên và học sinh",
        "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học",
        "Tiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội",
        "Tiêu chuẩn 5: Hoạt động giáo dục và kết quả giáo dục",
    ]
    # A plan row: criterion, bullets as separate paragraphs, rows kept whole.
    row = t.rows[2]
    assert row.cells[0].text == "1" and row.cells[1].text == "Tiêu chí 1.2"
    assert [p.text for p in row.cells[3].paragraphs] == [
        "- Rà soát, bổ sung quy chế hoạt động của Hội đồng trường;",
        "- Lập lịch họp định kỳ và lưu biên bản đầy đủ.",
    ]
    assert _flag(row, "w:cantSplit")
    # Total of the one-off amounts; the monthly amount is named, not added.
    last = t.rows[-1]
    texts = [c.text for c in last.cells]
    assert "Tổng dự kiến kinh phí" in texts[0]
    assert "54.500.000 đồng" in texts
    assert "Chưa tính các khoản chi theo tháng, theo năm" in texts


def test_the_level_column_appears_only_when_a_row_names_a_level(tmp_path):
    plan = plan_2018()
    plan.items[0].level = "2"
    write_docx(plan, tmp_path / "m.docx")
    t = _plan_table(docx.Document(tmp_path / "m.docx"))
    assert [c.text for c in t.rows[0].cells][:4] == [
        "TT",
        "Tiêu chuẩn, tiêu chí",
        "Mức",
        "Kết quả cần đạt (so với hiện trạng)",
    ]


def test_a_row_too_tall_for_a_page_may_split(tmp_path):
    plan = plan_2018()
    plan.items[0].solutions = " ".join(f"- Việc thứ {k} cần làm trong tháng;" for k in range(120))
    write_docx(plan, tmp_path / "tall.docx")
    t = _plan_table(docx.Document(tmp_path / "tall.docx"))
    assert not _flag(t.rows[2], "w:cantSplit")
    assert _flag(t.rows[4], "w:cantSplit")


def test_the_57_form_has_its_eight_sections_and_numbered_ten_column_table(doc57):
    texts = [p.text for p in doc57.paragraphs]
    headings = [
        t
        for t in texts
        if t[:3].rstrip(". ") in {"I", "II", "III", "IV", "V", "VI", "VII", "VIII"}
        and t.split(". ", 1)[0] in {"I", "II", "III", "IV", "V", "VI", "VII", "VIII"}
    ]
    assert [h.split(". ", 1)[0] for h in headings] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert "IV. TÓM TẮT CÁC VẤN ĐỀ TRỌNG TÂM CẦN CẢI TIẾN" in texts
    t = _plan_table(doc57)
    assert [c.text for c in t.rows[0].cells] == [
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
    assert [c.text for c in t.rows[1].cells] == [f"({n})" for n in range(1, 11)]
    assert _flag(t.rows[0], "w:tblHeader") and _flag(t.rows[1], "w:tblHeader")
    assert not _flag(t.rows[2], "w:tblHeader")
    first = [c.text for c in t.rows[2].cells]
    assert first[:2] == ["1", "Tiêu chí 1.3: Công tác tự đánh giá chưa gắn với cải tiến"]
    assert first[7] == "Ngân sách nhà nước: 4.000.000 đồng"
    assert first[9] == "Đang thực hiện"
    assert len(t.rows) == 2 + 3  # no standard rows, no total in this form


def test_the_57_form_has_the_priority_and_monitoring_tables(doc57):
    by_header = {t.rows[0].cells[0].text + "|" + t.rows[0].cells[1].text: t for t in doc57.tables}
    priority = by_header["TT|Tiêu chuẩn"]
    assert [c.text for c in priority.rows[1].cells] == [
        "1",
        "Tiêu chuẩn 1",
        "1.3",
        "Báo cáo tự đánh giá còn chung chung",
        "Minh chứng chưa đủ",
        "Thành viên chưa được tập huấn",
    ]
    monitoring = by_header["Thời điểm|Nội dung theo dõi"]
    assert [r.cells[0].text for r in monitoring.rows[1:]] == ["Cuối học kỳ I", "Cuối năm học"]
    assert monitoring.rows[2].cells[4].text == "Hội đồng tự đánh giá"


def test_the_57_form_without_monitoring_rows_offers_the_two_review_moments(tmp_path):
    plan = plan_57()
    plan.monitoring = []
    write_docx(plan, tmp_path / "m.docx")
    tables = docx.Document(tmp_path / "m.docx").tables
    monitoring = next(t for t in tables if t.rows[0].cells[0].text == "Thời điểm")
    assert [r.cells[0].text for r in monitoring.rows[1:]] == ["Cuối học kỳ I", "Cuối năm học"]


def test_page_numbers_are_centred_at_the_top_and_not_on_the_first_page(doc2018):
    first, *rest = doc2018.sections
    assert first.different_first_page_header_footer
    assert all(not s.different_first_page_header_footer for s in rest)
    assert all(s.header.is_linked_to_previous for s in rest)
    assert "".join(p.text for p in first.first_page_header.paragraphs).strip() == ""
    p = first.header.paragraphs[0]
    assert p.alignment == 1
    instr = "".join(t.text for t in p._p.iter(qn("w:instrText")))
    assert instr.strip() == "PAGE"
    assert all(13 <= _size(r) <= 14 and not r.bold and not r.italic for r in p.runs)


def test_recipients_and_signer_follow_the_decree(doc2018):
    block = doc2018.tables[-1]
    left, right = block.rows[0].cells
    _, label = _find_run(left, "Nơi nhận:")
    assert _size(label) == 12 and label.bold and label.italic
    lines = [p.text for p in left.paragraphs[1:]]
    assert lines == [
        "- Phòng GDĐT huyện Tân Châu (để báo cáo);",
        "- Hội đồng trường;",
        "- Website nhà trường;",
        "- Lưu: VT.",
    ]
    assert all(_size(r) == 11 and not r.bold and not r.italic for p in left.paragraphs[1:] for r in p.runs)
    _, title = _find_run(right, "HIỆU TRƯỞNG")
    _, name = _find_run(right, "Lâm Thị Ngọc Hân")
    assert 13 <= _size(title) <= 14 and title.bold and not title.italic
    assert 13 <= _size(name) <= 14 and name.bold and not name.italic


def test_a_plan_with_almost_nothing_still_writes_a_complete_document(tmp_path):
    from caitien.planfile.model import Document

    plan = Document(items=[Item(criterion="2.1", expected_result="Đủ giáo viên")])
    write_docx(plan, tmp_path / "x.docx")
    d = docx.Document(tmp_path / "x.docx")
    texts = [p.text for p in d.paragraphs]
    assert "KẾ HOẠCH" in texts
    number_cell, _ = d.tables[0].rows[1].cells
    assert number_cell.text.startswith("Số:")
    assert [p.text for p in d.tables[-1].rows[0].cells[1].paragraphs if p.text] == ["HIỆU TRƯỞNG"]


def test_a_school_name_too_long_for_one_line_breaks_after_the_kind_of_school(tmp_path):
    from caitien.planfile.writers.docx import split_name

    assert split_name("TRƯỜNG MẦM NON HOA PHƯỢNG ĐỎ", 13, 66) == ["TRƯỜNG MẦM NON", "HOA PHƯỢNG ĐỎ"]
    assert split_name("TRƯỜNG THCS TÂN LẬP", 13, 66) == ["TRƯỜNG THCS TÂN LẬP"]
    plan = plan_2018()
    plan.school = "Trường Mầm non Hoa Phượng Đỏ"
    write_docx(plan, tmp_path / "mn.docx")
    left = docx.Document(tmp_path / "mn.docx").tables[0].rows[0].cells[0]
    name = next(p for p in left.paragraphs if "HOA PHƯỢNG" in p.text)
    assert name.text == "TRƯỜNG MẦM NON\nHOA PHƯỢNG ĐỎ"


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_empty_plans_and_stray_control_characters_still_write(tmp_path, fmt):
    from caitien.planfile.model import Document
    from caitien.planfile.writers import write

    empty = Document()
    write(empty, tmp_path / f"rong.{fmt}", fmt)
    assert (tmp_path / f"rong.{fmt}").stat().st_size > 0
    plan = plan_2018()
    plan.items[0].solutions = "Rà soát\x0bquy chế\x07"
    plan.school = "Trường Tiểu học\x0c Phước Hòa"
    write(plan, tmp_path / f"ban.{fmt}", fmt)
    if fmt == "docx":
        t = _plan_table(docx.Document(tmp_path / "ban.docx"))
        assert t.rows[2].cells[3].text == "Rà soát quy chế"


def test_the_file_properties_name_the_school_and_the_plan(doc2018):
    """Word's Info pane and file managers show the file's author and title: the school and the plan,
    never the library that wrote it."""
    props = doc2018.core_properties
    assert props.author == props.last_modified_by == "Trường Tiểu học Phước Hòa"
    assert props.title.startswith("Kế hoạch ") and "python-docx" not in (props.title + props.comments)
    assert props.language == "vi-VN"
