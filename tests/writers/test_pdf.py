"""The PDF writer: LibreOffice from the DOCX, WeasyPrint from HTML; fonts embedded, Vietnamese intact,
pages rendered to PNG with pdftoppm."""

import subprocess
import unicodedata

import pytest

from caitien.planfile.writers import WriteError
from caitien.planfile.writers.pdf import libreoffice_pdf, write_pdf
from tests.writers.plans import plan_57, plan_2018

VIETNAMESE = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Phước Hòa, ngày 16 tháng 9 năm 2024",
    "KẾ HOẠCH",
    "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học",
    "Lâm Thị Ngọc Hân",
    "Nơi nhận:",
]


def _fonts(pdf):
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    # name type... emb sub uni objectID gen: emb is the fifth column from the end
    return [(r[0], r[-5]) for r in rows]


def _text(pdf):
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFC", " ".join(out.split()))


def _pages(pdf, tmp_path):
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(tmp_path / "trang")], check=True)
    from PIL import Image

    return [Image.open(p).size for p in sorted(tmp_path.glob("trang-*.png"))]


@pytest.mark.parametrize("engine", ["libreoffice", "weasyprint"])
def test_the_pdf_embeds_only_the_times_metric_serif_and_keeps_vietnamese(tmp_path, engine):
    pdf = tmp_path / "kh.pdf"
    assert write_pdf(plan_2018(), pdf, engine=engine) == engine
    fonts = _fonts(pdf)
    assert fonts, "không có phông nào trong PDF"
    for name, embedded in fonts:
        assert embedded == "yes", name
        # Times New Roman or its metric twin; a fallback font means a Vietnamese glyph was missing.
        assert "LiberationSerif" in name.replace("-", "") or "TimesNewRoman" in name, name
    text = _text(pdf)
    for phrase in VIETNAMESE:
        assert phrase in text, phrase
    assert "- Rà soát, bổ sung quy chế" in text and "Khảo sát, lập dự toán;" in text


@pytest.mark.parametrize("engine", ["libreoffice", "weasyprint"])
def test_the_pages_are_a4_portrait_with_the_table_on_landscape_pages(tmp_path, engine):
    pdf = tmp_path / "kh.pdf"
    write_pdf(plan_57(), pdf, engine=engine)
    sizes = _pages(pdf, tmp_path)
    assert len(sizes) >= 3
    portrait = [s for s in sizes if s[1] > s[0]]
    landscape = [s for s in sizes if s[0] > s[1]]
    assert portrait and landscape
    w, h = portrait[0]
    assert abs(w / h - 210 / 297) < 0.01
    assert sizes[0][1] > sizes[0][0] and sizes[-1][1] > sizes[-1][0]  # starts and ends in portrait
    text = _text(pdf)
    assert "V. KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG" in text and "(10)" in text
    assert "Cuối học kỳ I" in text


def test_page_numbers_start_on_the_second_page(tmp_path):
    pdf = tmp_path / "kh.pdf"
    write_pdf(plan_2018(), pdf, engine="libreoffice")
    pages = []
    for n in (1, 2, 3):
        out = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        pages.append([line.strip() for line in out.splitlines() if line.strip()])
    assert pages[0][0] != "1"
    assert pages[1][0] == "2"
    assert pages[2][0] == "3"


def test_a_missing_libreoffice_is_a_clear_error(tmp_path):
    with pytest.raises(WriteError, match="LibreOffice"):
        libreoffice_pdf(b"PK", soffice=str(tmp_path / "khong-co-soffice"))


def test_a_document_libreoffice_cannot_convert_is_a_clear_error():
    with pytest.raises(WriteError, match="LibreOffice không tạo được tệp PDF"):
        libreoffice_pdf(b"PK\x03\x04 hong", soffice="soffice")
