"""A school imports its Word plan: upload, watch it read, correct the preview, save a draft."""

import re

import docx
import pytest
from playwright.sync_api import expect

from caitien.jobs.testing import run_jobs
from caitien.plans.models import Plan

from .conftest import PHONE, assert_clean, login, shoot

pytestmark = pytest.mark.browser

# (criterion, level, expected result, solutions, lead and coordinators, time, budget) in this project's words.
ROWS = [
    (
        "1.3",
        "2",
        "Các tổ chuyên môn họp đúng lịch hai tuần một lần, có biên bản ghi ý kiến từng thành viên.",
        "Tổ trưởng lập lịch họp cả năm;\nPhó Hiệu trưởng dự họp luân phiên các tổ.",
        "Phó Hiệu trưởng; tổ trưởng",
        "Tháng 9/2026 - tháng 5/2027",
        "Không",
    ),
    (
        "3.3",
        "2",
        "Phòng học khối 4 có đủ quạt và đèn chiếu sáng đúng chuẩn.",
        "Kiểm tra hiện trạng điện;\nMua và lắp thêm 12 bộ đèn, 8 quạt trần.",
        "Hiệu trưởng; kế toán",
        "Tháng 11/2026 - tháng 1/2027",
        "18.000.000 đồng",
    ),
    (
        "4.2",
        "2",
        "Cha mẹ học sinh nhận thông tin kết quả học tập của con mỗi tháng qua sổ liên lạc điện tử.",
        "Tập huấn giáo viên chủ nhiệm dùng sổ liên lạc điện tử;\nHọp cha mẹ học sinh đầu năm giới thiệu cách xem.",
        "Phó Hiệu trưởng; giáo viên chủ nhiệm",
        "Học kỳ I năm học 2026 - 2027",
        "1.500.000 đồng",
    ),
]
HEADINGS = {
    "1": "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường",
    "3": "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học",
    "4": "Tiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội",
}


def build_plan_docx(path):
    d = docx.Document()
    for line in (
        "UBND HUYỆN DẦU TIẾNG",
        "TRƯỜNG TIỂU HỌC HOÀ BÌNH",
        "Số: 08/KH-THHB",
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Định Thành, ngày 15 tháng 9 năm 2026",
        "KẾ HOẠCH",
        "Cải tiến chất lượng giáo dục năm học 2026 - 2027",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Khắc phục các điểm yếu đã nêu trong báo cáo tự đánh giá; phân công rõ người làm, thời gian làm.",
        "II. CĂN CỨ XÂY DỰNG KẾ HOẠCH",
        "Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo;",
        "Căn cứ kết quả tự đánh giá của nhà trường năm học 2025 - 2026.",
        "III. KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG",
    ):
        d.add_paragraph(line)
    header = [
        "TT",
        "Tiêu chuẩn, tiêu chí",
        "Mức",
        "Kết quả cần đạt",
        "Công việc/giải pháp cần thực hiện",
        "Chủ trì, phối hợp",
        "Thời gian thực hiện và hoàn thành",
        "Dự kiến kinh phí",
    ]
    table = d.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    shown = set()
    for n, (code, level, result, solutions, lead, time, budget) in enumerate(ROWS, start=1):
        standard = code.split(".")[0]
        if standard not in shown:
            shown.add(standard)
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            merged.text = HEADINGS[standard]
        cells = table.add_row().cells
        for cell, text in zip(
            cells, [str(n), f"Tiêu chí {code}", level, result, solutions, lead, time, budget], strict=True
        ):
            cell.text = text
    for line in (
        "IV. TỔ CHỨC THỰC HIỆN",
        "Hiệu trưởng chỉ đạo chung; các tổ triển khai theo phân công.",
        "Nơi nhận:",
        "- Phòng GDĐT (để báo cáo);",
        "- Lưu: VT.",
        "HIỆU TRƯỞNG",
        "Nguyễn Văn An",
    ):
        d.add_paragraph(line)
    d.save(path)


def test_a_school_imports_its_word_plan_through_the_preview(browse, cast, tmp_path):
    path = tmp_path / "ke-hoach-cai-tien-2026.docx"
    build_plan_docx(path)
    page = browse()
    login(page, "vice", cast.password)
    page.get_by_role("link", name="Tất cả kế hoạch của trường").click()
    page.get_by_role("link", name="Lập kế hoạch mới").click()
    page.get_by_role("link", name=re.compile("nhập từ tệp có sẵn")).click()
    expect(page.get_by_role("heading", name="Nhập kế hoạch từ tệp")).to_be_visible()
    page.get_by_label("Tệp kế hoạch").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và đọc tệp").click()

    # Read by a background job (what `caitien worker` does beside the server); the page polls and
    # moves on to the preview by itself.
    page.wait_for_selector("#import-progress")
    assert run_jobs() == 1
    expect(page.get_by_role("heading", name=f"Xem lại kế hoạch đọc từ “{path.name}”")).to_be_visible(
        timeout=60_000
    )
    expect(page.locator("main")).to_contain_text("3 dòng kế hoạch")
    assert not Plan.objects.exists()  # nothing saved before the person confirms
    shoot(page, "import-docx-preview", "desktop")
    phone = browse(PHONE)
    login(phone, "vice", cast.password)
    phone.goto(page.url)
    expect(phone.locator("fieldset.import-row")).to_have_count(3)
    shoot(phone, "import-docx-preview", "phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    rows = page.locator("fieldset.import-row")
    expect(rows).to_have_count(3)
    expect(rows.nth(1).get_by_label("Tiêu chí", exact=True)).to_have_value("3.3")
    expect(rows.nth(1).get_by_label("Kinh phí (như văn bản ghi)")).to_have_value("18.000.000 đồng")
    # The person corrects a cell and leaves one row out.
    rows.nth(0).get_by_label("Chủ trì").fill("Phó Hiệu trưởng Trần Thị Bình")
    rows.nth(2).get_by_label("Giữ dòng này").uncheck()
    page.get_by_role("button", name="Lưu thành dự thảo mới").click()

    expect(page.get_by_text(f"Đã lưu dự thảo kế hoạch mới từ tệp “{path.name}” (2 dòng).")).to_be_visible()
    plan = Plan.objects.get(school=cast.primary)
    assert plan.status == Plan.Status.DRAFT
    items = list(plan.items.order_by("order"))
    assert [i.criterion_code for i in items] == ["1.3", "3.3"]
    assert items[0].lead_text == "Phó Hiệu trưởng Trần Thị Bình"
    assert items[1].budget_amounts == [{"vnd": 18_000_000, "per": None}]
    expect(page.locator("#plan-table")).to_contain_text("Mua và lắp thêm 12 bộ đèn")
    assert_clean(page)
