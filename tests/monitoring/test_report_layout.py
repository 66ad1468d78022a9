"""The results report's DOCX passes the plan's layout tests (Nghị định 30/2020, Phụ lục I): A4, the
decree's margins, Times New Roman, the header block, số …/BC-, the results table on landscape pages
with its header repeated, recipients and signer; its PDF keeps the layout and the Vietnamese text."""

import datetime
import subprocess
import unicodedata

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from caitien.monitoring import documents, services
from caitien.monitoring.report.docx import write_docx
from caitien.monitoring.report.pdf import write_pdf

MM = 36000


@pytest.fixture
def report_doc(recorded, cast):
    report = services.report_create(point=recorded, actor=cast.principal)
    services.report_send(
        report=report,
        actor=cast.principal,
        number="12/BC-THHB",
        date=datetime.date(2026, 2, 2),
        signer="Nguyễn Văn An",
    )
    report.refresh_from_db()
    return documents.point_to_document(recorded, report=report)


@pytest.fixture
def written(report_doc, tmp_path):
    path = tmp_path / "bc.docx"
    write_docx(report_doc, path)
    return docx.Document(path)


def _mm(v):
    return round(v / MM, 1)


def _run(container, text):
    for p in container.paragraphs:
        for r in p.runs:
            if r.text == text:
                return r
    raise AssertionError(f"không thấy “{text}”")


def _flag(row, tag):
    return row._tr.trPr is not None and row._tr.trPr.find(qn(tag)) is not None


def test_a4_margins_and_a_landscape_section_for_the_table(written):
    for s in written.sections:
        assert sorted([_mm(s.page_width), _mm(s.page_height)]) == [210.0, 297.0]
        assert 20 <= _mm(s.top_margin) <= 25 and 20 <= _mm(s.bottom_margin) <= 25
        assert 30 <= _mm(s.left_margin) <= 35 and 15 <= _mm(s.right_margin) <= 20
    assert [s.orientation for s in written.sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    body = list(written.element.body)
    breaks = [i for i, el in enumerate(body) if el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    table = max(
        (i for i, el in enumerate(body) if el.tag == qn("w:tbl")),
        key=lambda i: len(body[i].findall(qn("w:tr"))),
    )
    assert breaks[0] < table < breaks[1]


def test_every_run_is_times_new_roman(written):
    for r in written.element.body.iter(qn("w:r")):
        fonts = r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")} == {"Times New Roman"}


def test_the_header_names_the_school_and_numbers_the_report_bc(written):
    left, right = written.tables[0].rows[0].cells
    school = _run(left, "TRƯỜNG TIỂU HỌC HOÀ BÌNH")
    assert 12 <= school.font.size.pt <= 13 and school.bold
    agency = _run(left, "UBND HUYỆN DẦU TIẾNG")
    assert not agency.bold
    assert _run(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold
    number, date = written.tables[0].rows[1].cells
    assert _run(number, "Số: 12/BC-THHB").font.size.pt == 13
    assert _run(date, "Định Thành, ngày 02 tháng 02 năm 2026").italic
    kind = next(p for p in written.paragraphs if p.text == "BÁO CÁO")
    title = next(p for p in written.paragraphs if p.text.startswith("Kết quả thực hiện kế hoạch cải tiến"))
    assert kind.alignment == 1 and title.alignment == 1 and all(r.bold for r in kind.runs + title.runs)


def test_an_unnumbered_draft_leaves_room_for_a_bc_number(recorded, tmp_path):
    write_docx(documents.point_to_document(recorded), tmp_path / "nhap.docx")
    number = docx.Document(tmp_path / "nhap.docx").tables[0].rows[1].cells[0]
    assert number.paragraphs[0].text == "Số:        /BC-"


def test_sections_in_order_and_the_results_table_repeats_its_header(written):
    texts = [p.text for p in written.paragraphs]
    order = [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. ĐÁNH GIÁ CHUNG",
        "III. KIẾN NGHỊ, ĐỀ XUẤT",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ HỌC KỲ II",
    ]
    assert [texts.index(h) for h in order] == sorted(texts.index(h) for h in order)
    assert (
        "1. Ưu điểm" in texts and "- Đối với Hiệu trưởng: Đẩy nhanh huy động kinh phí sửa mái che." in texts
    )
    t = max(written.tables, key=lambda t: len(t.rows))
    assert [c.text for c in t.rows[0].cells] == [
        "TT",
        "Nội dung cải tiến",
        "Kết quả đạt được",
        "Minh chứng",
        "Mức độ hoàn thành",
        "Nguyên nhân chưa đạt",
    ]
    assert _flag(t.rows[0], "w:tblHeader") and _flag(t.rows[0], "w:cantSplit")
    assert not _flag(t.rows[1], "w:tblHeader")
    assert [c.text for c in t.rows[2].cells][4:] == ["Chậm tiến độ", "Kinh phí xã hội hóa chưa huy động đủ."]
    assert all(r.font.size.pt == 12 for c in t.rows[1].cells for p in c.paragraphs for r in p.runs)


def test_recipients_and_signer(written):
    left, right = written.tables[-1].rows[0].cells
    label = _run(left, "Nơi nhận:")
    assert label.font.size.pt == 12 and label.bold and label.italic
    assert [p.text for p in left.paragraphs[1:]] == [
        "- Phòng GDĐT huyện Dầu Tiếng (để báo cáo);",
        "- Hội đồng trường (để biết);",
        "- Lưu: VT, Tổ giám sát THHB.",
    ]
    assert _run(right, "HIỆU TRƯỞNG").bold and _run(right, "Nguyễn Văn An").bold


def _pdf_text(pdf):
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFC", " ".join(out.split()))


@pytest.mark.parametrize("engine", ["libreoffice", "weasyprint"])
def test_the_pdf_pages_are_a4_with_the_table_landscape(report_doc, tmp_path, engine):
    from PIL import Image

    pdf = tmp_path / "bc.pdf"
    assert write_pdf(report_doc, pdf, engine=engine) == engine
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "trang")], check=True)
    sizes = [Image.open(p).size for p in sorted(tmp_path.glob("trang-*.png"))]
    assert sizes[0][1] > sizes[0][0] and any(w > h for w, h in sizes) and sizes[-1][1] > sizes[-1][0]
    portrait = next(s for s in sizes if s[1] > s[0])
    assert abs(portrait[0] / portrait[1] - 210 / 297) < 0.01
    text = _pdf_text(pdf)
    for phrase in (
        "BÁO CÁO",
        "Số: 12/BC-THHB",
        "Nguyên nhân chưa đạt",
        "Kinh phí xã hội hóa chưa huy động đủ",
        "Nơi nhận:",
        "Nguyễn Văn An",
    ):
        assert phrase in text, phrase
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all("LiberationSerif" in f.split()[0].replace("-", "") for f in fonts if f.strip())


def test_the_report_command(recorded, tmp_path, cast):
    """`caitien report --plan ID [--review N] --to docx|pdf -o OUT`, with its errors in Vietnamese."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = tmp_path / "bc.docx"
    call_command("report", plan=recorded.plan.pk, review=1, to="docx", output=str(out))
    d = docx.Document(out)
    assert any(p.text == "BÁO CÁO" for p in d.paragraphs)
    call_command(
        "report", plan=recorded.plan.pk, to="docx", output=str(tmp_path / "gan-nhat.docx")
    )  # the last recorded
    with pytest.raises(CommandError, match="từ 1 đến 2"):
        call_command("report", plan=recorded.plan.pk, review=5, to="docx", output=str(out))
    with pytest.raises(CommandError, match="Không có kế hoạch"):
        call_command("report", plan=999999, to="pdf", output=str(out))
