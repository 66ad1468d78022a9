"""Scanned PDFs and phone photos read by OCR (Tesseract with the Vietnamese model).

The fixtures are the test plans (builders.py) printed by LibreOffice, rasterised by pdftoppm and
turned, blurred and speckled by Pillow (scans.py). Each is compared with what the DOCX reader makes
of the same plan, counted as the ground-truth scorer counts.
"""

import io
import time
import zlib

import pytest
from PIL import Image

from caitien.planfile import readers
from caitien.planfile.readers import ocr
from tests.readers import builders, scans
from tests.readers.compare import score


@pytest.fixture(scope="module")
def scanned(built, tmp_path_factory):
    root = tmp_path_factory.mktemp("scans")
    pages = scans.rasterise(builders.soffice_pdf(built["docx"], root), 300)
    plan = scans.image_pdf(
        [scans.scanned(p, angle=0.8, seed=i) for i, p in enumerate(pages)], root / "quet.pdf"
    )
    pages57 = scans.rasterise(built["pdf57"], 300)
    plan57 = scans.image_pdf(
        [scans.scanned(p, angle=-1.2, seed=i) for i, p in enumerate(pages57)], root / "quet-57.pdf"
    )
    short = builders.build_plan_docx(root / "ngan.docx", rows=builders.ROWS[:2])
    photo_page = scans.rasterise(builders.soffice_pdf(short, root), 200, first=1, last=1)[0]
    photo = scans.jpeg(scans.phone_photo(photo_page, angle=3.0), root / "anh-chup.jpg")
    return {"pdf": plan, "pdf57": plan57, "photo": photo, "short": short, "pages": len(pages)}


def test_a_scanned_pdf_reads_like_its_docx(built, scanned):
    seen = []
    doc = readers.read_bytes(
        scanned["pdf"].read_bytes(), "quet.pdf", progress=lambda done, total: seen.append((done, total))
    )
    truth = readers.read_path(built["docx"])
    recall, fields = score(truth, doc)
    assert recall >= 0.95 and fields >= 0.90, (recall, fields)
    assert [i.criterion for i in doc.items] == [r.criterion for r in builders.ROWS]
    assert doc.school == truth.school and doc.document_number == truth.document_number
    assert doc.date == truth.date and doc.period == truth.period
    assert seen == [(n, scanned["pages"]) for n in range(1, scanned["pages"] + 1)]
    assert any(w.code == "ocr" for w in doc.warnings)


def test_a_scan_of_the_57_form_keeps_its_columns_and_the_standard_only_row(built, scanned):
    doc = readers.read_path(scanned["pdf57"])
    truth = readers.read_path(built["docx57"])
    recall, fields = score(truth, doc)
    assert recall >= 0.95 and fields >= 0.85, (recall, fields)
    assert len(doc.items) == 3
    last = doc.items[-1]
    assert last.criterion is None and last.standard == 5
    assert "đội tuyển" in last.solutions and last.indicator.startswith("Số học sinh")


def test_a_phone_photo_turned_three_degrees_reads(scanned):
    doc = readers.read_path(scanned["photo"])
    truth = readers.read_path(scanned["short"])
    recall, fields = score(truth, doc)
    assert recall == 1.0 and fields >= 0.90, (recall, fields)
    assert doc.school == "Trường Tiểu học Sông Bé"


def test_the_skew_of_a_turned_page_is_measured(scanned):
    from caitien.planfile.readers import image_cleanup

    page = scans.rasterise(scanned["pdf"], 100, first=1, last=1)[0]
    for angle in (-3.5, 2.0):
        turned = page.rotate(angle, expand=True, fillcolor=255)
        found = image_cleanup.skew_angle(turned)
        assert abs(found + angle + 0.8) < 0.3, (angle, found)  # the scan itself is turned 0.8°


def test_a_smudged_cell_makes_its_field_doubtful(built, tmp_path):
    """The budget cell of the first row is blotted out on the scan: OCR reads it with low confidence
    (or not at all) and the preview shows the field as doubtful, never as read for sure."""
    import pdfplumber

    pdf = builders.soffice_pdf(built["docx"], tmp_path)
    with pdfplumber.open(pdf) as opened:
        word = next(w for w in opened.pages[0].extract_words() if w["text"] == "2.500.000")
    page = scans.rasterise(pdf, 300, first=1, last=1)[0]
    scale = 300 / 72
    box = [int(v * scale) for v in (word["x0"] - 2, word["top"] - 2, word["x1"] + 2, word["bottom"] + 30)]
    region = page.crop(box).resize((max(1, (box[2] - box[0]) // 9), max(1, (box[3] - box[1]) // 9)))
    page.paste(region.resize((box[2] - box[0], box[3] - box[1]), Image.BOX), box[:2])
    smudged = scans.image_pdf([scans.scanned(page, seed=4)], tmp_path / "nhoe.pdf")
    doc = readers.read_path(smudged)
    row = next(i for i in doc.items if i.criterion == "1.5")
    assert "budget_amounts" in row.doubtful or "budget_text" in row.doubtful or not row.budget_amounts


def test_a_300_page_scan_is_refused_by_its_page_count_before_any_ocr(tmp_path):
    blank = Image.new("L", (60, 85), 255)
    path = tmp_path / "dai.pdf"
    blank.save(path, "PDF", save_all=True, append_images=[blank] * 299, resolution=7)
    calls = []
    started = time.monotonic()
    with pytest.raises(readers.ReadError) as caught:
        readers.read_bytes(path.read_bytes(), "dai.pdf", progress=lambda *a: calls.append(a))
    assert "300 trang" in str(caught.value) and f"tối đa {ocr.MAX_SCAN_PAGES} trang" in str(caught.value)
    assert calls == []
    assert time.monotonic() - started < 60  # no page went through OCR (one page alone takes seconds)


def _png_declaring(width: int, height: int) -> bytes:
    """A 1-bit PNG of the given size whose pixel data compresses to almost nothing: an image bomb."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    raw = zlib.compress(row * height, 9)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


@pytest.mark.parametrize("width, height", [(40_000, 40_000), (9_000, 9_000)])
def test_an_image_bomb_is_refused_before_it_is_decoded(width, height):
    """Far over Pillow's own bomb limit, or just over the page limit: refused from the header alone."""
    data = _png_declaring(width, height)
    assert len(data) < 1_000_000
    with pytest.raises(readers.ReadError) as caught:
        readers.read_bytes(data, "bom.png")
    assert "quá lớn" in str(caught.value) and f"tối đa {ocr.MAX_IMAGE_PIXELS // 1_000_000} triệu" in str(
        caught.value
    )


def test_a_truncated_photo_is_called_damaged(scanned):
    data = scanned["photo"].read_bytes()
    with pytest.raises(readers.ReadError) as caught:
        readers.read_bytes(data[: len(data) // 3], "anh.jpg")
    assert "bị hỏng" in str(caught.value)


def test_a_heic_photo_reads(scanned, tmp_path):
    import pillow_heif

    pillow_heif.register_heif_opener()
    with Image.open(scanned["photo"]) as photo:
        buffer = io.BytesIO()
        photo.save(buffer, "HEIF", quality=90)
    data = buffer.getvalue()
    assert ocr.is_heic(data)
    doc = readers.read_bytes(data, "IMG_0001.HEIC")
    assert [i.criterion for i in doc.items] == ["1.2", "1.5"]


def test_a_blank_page_says_no_text_was_found(tmp_path):
    path = tmp_path / "trang-trang.png"
    Image.new("L", (1700, 2200), 255).save(path)
    with pytest.raises(readers.ReadError) as caught:
        readers.read_path(path)
    assert "Không nhận dạng được chữ nào" in str(caught.value)


def test_the_ocr_of_a_file_stops_at_its_time_budget(scanned, monkeypatch):
    monkeypatch.setattr(ocr, "TIME_BUDGET_SECONDS", 0)
    with pytest.raises(readers.ReadError) as caught:
        readers.read_path(scanned["pdf"])
    assert "Nhận dạng chữ bản quét quá" in str(caught.value)


def test_a_truncated_photo_is_called_damaged_even_when_pillow_loads_cut_images(scanned, monkeypatch):
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES on import: a cut photo must still be refused."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = scanned["photo"].read_bytes()
    with pytest.raises(readers.ReadError) as caught:
        readers.read_bytes(data[: len(data) // 3], "anh.jpg")
    assert "bị hỏng" in str(caught.value)
