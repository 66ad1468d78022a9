"""The product reads back every document it writes: its own PDF of a 200-row plan (about 90 pages)."""

from caitien.planfile import readers
from caitien.planfile.model import Document, Item, Signer
from caitien.planfile.readers import pdf as pdf_reader
from caitien.planfile.readers import safety
from caitien.planfile.writers.pdf import write_pdf
from tests.readers import builders

CODES = [f"{s}.{c}" for s, n in ((1, 10), (2, 4), (3, 6), (4, 2), (5, 5)) for c in range(1, n + 1)]


def _long_plan(rows: int) -> Document:
    doc = Document(
        governing_body="UBND huyện Phú Giáo",
        school=builders.SCHOOL,
        school_level="tieu_hoc",
        circular="17/2018/TT-BGDĐT",
        document_number="45/KH-THSB",
        place="Phú Giáo",
        date="2024-09-12",
        title="Cải tiến chất lượng giáo dục năm học 2024 - 2025",
        period={"start_year": 2024, "end_year": 2025},
        signer=Signer(title="HIỆU TRƯỞNG", name="Lê Minh Khoa"),
    )
    for index in range(rows):
        base = builders.ROWS[index % len(builders.ROWS)]
        doc.items.append(
            Item(
                criterion=CODES[index % len(CODES)],
                level="2",
                expected_result=f"{base.result} (nội dung {index + 1}); {base.result.lower()}",
                solutions="\n".join(f"- {s}" for s in base.solutions * 3),
                lead=base.lead,
                time_text=base.time,
                budget_text=base.budget,
                support=base.support,
                notes=base.notes,
            )
        )
    return doc


def test_the_products_own_pdf_of_a_200_row_plan_reads_back(tmp_path):
    plan = _long_plan(200)
    path = tmp_path / "ke-hoach-200-dong.pdf"
    assert write_pdf(plan, path, engine="libreoffice") == "libreoffice"
    pages = pdf_reader._open(path.read_bytes(), path.name)
    try:
        assert 80 < len(pages) <= safety.MAX_PDF_PAGES  # refused by the old 80-page limit
    finally:
        pages.close()
    doc = readers.read_path(path)
    assert len(doc.items) == 200
    assert [i.criterion for i in doc.items] == [i.criterion for i in plan.items]
    assert [i.expected_result for i in doc.items] == [i.expected_result for i in plan.items]
    assert doc.school == plan.school and doc.document_number == plan.document_number


def test_a_pdf_over_the_page_limit_is_still_refused(tmp_path):
    from PIL import Image

    blank = Image.new("L", (40, 56), 255)
    path = tmp_path / "qua-dai.pdf"
    count = safety.MAX_PDF_PAGES + 1
    blank.save(path, "PDF", save_all=True, append_images=[blank] * (count - 1), resolution=5)
    try:
        readers.read_path(path)
    except readers.ReadError as exc:
        assert f"{count} trang" in str(exc)
    else:
        raise AssertionError("a PDF over the page limit was read")
