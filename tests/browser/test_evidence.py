"""The evidence register in a browser: a council member files a photo under two criteria, sees its
code and thumbnail, downloads the register, and the principal deletes an item after an in-page question."""

import io

import docx
import openpyxl
import pytest
from playwright.sync_api import expect

from caitien.evidence.models import EvidenceItem
from caitien.evidence.services import ItemFields, item_create
from caitien.plans.calendar import current_school_year
from tests.evidence.conftest import png_bytes

from .conftest import PHONE, assert_clean, assert_no_english, login, menu_go, shoot, text_of

pytestmark = pytest.mark.browser


def test_a_council_member_files_evidence_and_the_principal_deletes_it(browse, cast, tmp_path):
    year = current_school_year()
    photo = tmp_path / "anh-san-truong.png"
    photo.write_bytes(png_bytes((400, 300)))
    page = browse(PHONE)
    login(page, "council", cast.password)
    menu_go(page, "Minh chứng")  # the menu is a disclosure on phones
    expect(page.get_by_role("heading", name="Danh mục minh chứng")).to_be_visible()
    assert_no_english(page)
    page.get_by_role("link", name="Thêm minh chứng").click()
    page.get_by_label("Tên minh chứng").fill("Ảnh sân trường sau khi lát gạch")
    select = page.get_by_label("Tiêu chí (mã minh chứng theo tiêu chí này)")
    select.select_option(label=select.locator("option", has_text="Tiêu chí 3.1:").first.inner_text())
    page.locator("fieldset.evidence-also label", has_text="Tiêu chí 4.1:").locator("input").check()
    page.get_by_label("Số, ngày ban hành").fill("Chụp ngày 12/10/2026")
    page.get_by_label("Tệp minh chứng (PDF, ảnh JPEG/PNG, DOCX, XLSX)").set_input_files(str(photo))
    expect(page.locator(".file-name")).to_have_text("anh-san-truong.png")
    assert_no_english(page)
    shoot(page, "evidence-form", "phone")
    page.get_by_role("button", name="Lưu minh chứng").click()
    expect(page.get_by_text("Đã thêm minh chứng [H3-3.1-01].")).to_be_visible()
    row = page.locator("tr", has=page.get_by_role("link", name="[H3-3.1-01]")).first
    assert "Dùng cho tiêu chí 3.1, 4.1" in text_of(row)
    expect(row.locator("img.evidence-thumb")).to_be_visible()
    assert page.locator("img.evidence-thumb").first.evaluate("img => img.naturalWidth") > 0
    assert "dùng chung, mã theo tiêu chí 3.1" in text_of(page.locator("body"))
    assert_no_english(page)
    shoot(page, "evidence-register", "phone")

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về Excel (XLSX)").click()
    sheet = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    assert "[H3-3.1-01]" in [c.value for c in sheet["B"]]
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về Word (DOCX)").click()
    texts = [c.text for t in docx.Document(download.value.path()).tables for row in t.rows for c in row.cells]
    assert "Ảnh sân trường sau khi lát gạch" in texts
    assert_clean(page)

    item = EvidenceItem.objects.get()
    other = item_create(
        school=cast.primary,
        school_year=year,
        regulation=cast.primary.regulation,
        criteria=[],
        fields=ItemFields(name="Báo cáo tự đánh giá"),
        actor=cast.principal,
    )
    page = browse()
    login(page, "principal", cast.password)
    page.goto(f"/minh-chung/{other.pk}/")
    page.get_by_role("button", name="Xóa minh chứng").click()
    expect(page.locator(".confirm-box")).to_be_visible()
    assert_no_english(page)
    page.locator(".confirm-box").get_by_role("button", name="Xóa").click()
    expect(page.get_by_text(f"Đã xóa minh chứng {other.code}.")).to_be_visible()
    assert list(EvidenceItem.objects.values_list("pk", flat=True)) == [item.pk]
    assert not page.dialogs
    assert_clean(page)
