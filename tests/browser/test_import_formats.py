"""A school imports what it really holds: the scan of its signed paper plan and a Word 97 file.

The files are made from the Word plan of test_import.py with real tools: LibreOffice saves it as
Word 97 (.doc) and prints it to PDF; pdftoppm rasterises the pages, which are turned, blurred and
speckled as a flatbed scan is (tests/readers/scans.py) and saved as an image-only PDF.
"""

import re

import pytest
from playwright.sync_api import expect

from caitien.imports import services as import_services
from caitien.jobs.testing import run_jobs
from caitien.plans.models import Plan
from tests.readers import builders, scans

from .conftest import assert_clean, login, shoot
from .test_import import build_plan_docx

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def plan_files(tmp_path_factory):
    root = tmp_path_factory.mktemp("import-formats")
    docx = root / "ke-hoach-cai-tien.docx"
    build_plan_docx(docx)
    word97 = builders.soffice_convert(docx, root / "word97", "doc", "doc")
    pages = scans.rasterise(builders.soffice_pdf(docx, root / "pdf"), 300)
    scan = scans.image_pdf(
        [scans.scanned(page, angle=0.9, seed=n) for n, page in enumerate(pages)],
        root / "ke-hoach-ban-quet.pdf",
    )
    return {"doc": word97, "scan": scan, "pages": len(pages)}


def _upload(page, path) -> None:
    page.get_by_role("link", name="Tất cả kế hoạch của trường").click()
    page.get_by_role("link", name="Lập kế hoạch mới").click()
    page.get_by_role("link", name=re.compile("nhập từ tệp có sẵn")).click()
    page.get_by_label("Tệp kế hoạch").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và đọc tệp").click()
    page.wait_for_selector("#import-progress")


def test_a_scanned_paper_plan_is_read_by_ocr_into_the_preview(browse, cast, plan_files, monkeypatch):
    said = []
    update = import_services._update

    def recording(pk, **fields):
        if fields.get("progress"):
            said.append(fields["progress"])
        return update(pk, **fields)

    monkeypatch.setattr(import_services, "_update", recording)
    page = browse()
    login(page, "vice", cast.password)
    _upload(page, plan_files["scan"])
    assert run_jobs() == 1  # the OCR runs in the background job, never in the request
    total = plan_files["pages"]
    assert [f"Đang đọc trang {n}/{total}…" for n in range(1, total + 1)] == [
        s for s in said if s.startswith("Đang đọc trang")
    ]
    expect(page.get_by_role("heading", name="Xem lại kế hoạch đọc từ “ke-hoach-ban-quet.pdf”")).to_be_visible(
        timeout=60_000
    )
    main = page.locator("main")
    expect(main).to_contain_text("3 dòng kế hoạch")
    expect(main).to_contain_text("đọc từ bản quét/ảnh chụp bằng nhận dạng chữ (OCR)")
    rows = page.locator("fieldset.import-row")
    expect(rows).to_have_count(3)
    for n, code in enumerate(["1.3", "3.3", "4.2"]):
        expect(rows.nth(n).get_by_label("Tiêu chí", exact=True)).to_have_value(code)
    expect(rows.nth(1).get_by_label("Kinh phí (như văn bản ghi)")).to_have_value("18.000.000 đồng")
    assert not Plan.objects.exists()
    shoot(page, "import-scan-preview", "desktop")
    assert_clean(page)


def test_a_word_97_plan_is_converted_and_read_into_the_preview(browse, cast, plan_files):
    page = browse()
    login(page, "vice", cast.password)
    _upload(page, plan_files["doc"])
    assert run_jobs() == 1
    expect(page.get_by_role("heading", name="Xem lại kế hoạch đọc từ “ke-hoach-cai-tien.doc”")).to_be_visible(
        timeout=60_000
    )
    rows = page.locator("fieldset.import-row")
    expect(rows).to_have_count(3)
    expect(rows.nth(0).get_by_label("Tiêu chí", exact=True)).to_have_value("1.3")
    expect(rows.nth(2).get_by_label("Kinh phí (như văn bản ghi)")).to_have_value("1.500.000 đồng")
    page.get_by_role("button", name="Lưu thành dự thảo mới").click()
    expect(
        page.get_by_text("Đã lưu dự thảo kế hoạch mới từ tệp “ke-hoach-cai-tien.doc” (3 dòng).")
    ).to_be_visible()
    plan = Plan.objects.get(school=cast.primary)
    assert [i.criterion_code for i in plan.items.order_by("order")] == ["1.3", "3.3", "4.2"]
    assert_clean(page)
