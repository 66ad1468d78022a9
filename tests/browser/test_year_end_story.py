"""The monitoring year in a real browser: the monitoring member records the mid-year review from
prefilled rows; the principal turns a recommendation into a task, downloads the results report and
sends it; the Phòng specialist receives it and comments; at year end the principal closes the rows,
starts next year's self-assessment from this year's and builds next year's plan with two unfinished
rows carried, last year's result shown beside each."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from caitien.assessments import services as assessments
from caitien.assessments.models import SelfAssessment
from caitien.execution import services as execution
from caitien.execution.models import Task
from caitien.monitoring import services as monitoring
from caitien.monitoring.models import ResultsReport, ReviewPoint
from caitien.plans.models import Plan
from tests.monitoring.conftest import make_published
from tests.plans.conftest import ROWS

from .conftest import PHONE, assert_clean, assert_no_english, login, logout, shoot

pytestmark = pytest.mark.browser

RECOMMENDATION = "Đẩy nhanh huy động kinh phí sửa mái che sân chơi khu B."
LATE_CAUSE = "Kinh phí xã hội hóa mới huy động được một nửa."
OFFICE_COMMENT = "Phòng ghi nhận; đề nghị trường hoàn thành sửa mái che trước tháng 3/2026."


@pytest.fixture
def story(cast):
    plan = make_published(cast, ROWS)
    first = plan.items.order_by("order").first()
    execution.update_add(
        plan=plan,
        item_key=first.key,
        actor=cast.principal,
        status="done",
        progress=100,
        text="Hội đồng trường họp đủ hai kỳ; biên bản lưu đủ.",
        on=datetime.date(2026, 1, 12),
    )
    monitoring.review_points_ensure(plan=plan, actor=None)
    sa = assessments.self_assessment_create(school=cast.primary, start_year=2025, actor=cast.principal)
    ca = sa.criteria.get(criterion__code="4.1")
    assessments.criterion_assessment_update(
        assessment=ca,
        actor=cast.principal,
        current_state="Ban đại diện cha mẹ học sinh hoạt động theo kế hoạch.",
        strengths="Cha mẹ học sinh ủng hộ nhà trường.",
        weaknesses="Số cha mẹ dự họp định kỳ còn thấp.",
    )
    return {"plan": plan, "assessment": sa, "point": ReviewPoint.objects.get(plan=plan, kind="semester_1")}


def test_the_monitoring_year(browse, cast, story):
    plan, point = story["plan"], story["point"]
    a, b, c = plan.items.order_by("order")
    page = browse()

    # 1. The monitoring member records the mid-year review from prefilled rows.
    login(page, "monitor", cast.password)
    page.goto(f"/ke-hoach/{plan.pk}/")
    page.locator("#monitoring-link").click()
    page.get_by_role("link", name="Cuối học kỳ I").click()
    expect(page.locator(f"#review-row-{a.pk} .prefill-source")).to_contain_text("tiến độ thực hiện")
    expect(page.locator(f"#row-{a.pk}-status")).to_have_value("Hoàn thành")
    expect(page.locator(f"#row-{a.pk}-result")).to_have_value(
        "12/01/2026: Hội đồng trường họp đủ hai kỳ; biên bản lưu đủ."
    )
    page.locator(f"#row-{b.pk}-status").select_option("Chậm tiến độ")
    page.locator(f"#row-{b.pk}-result").fill("Đã khảo sát, lập dự toán; chưa thi công.")
    page.locator(f"#row-{b.pk}-cause").fill(LATE_CAUSE)
    page.locator(f"#row-{c.pk}-status").select_option("Đang thực hiện")
    page.locator(f"#row-{c.pk}-result").fill("Dự giờ 48 tiết, 4 chuyên đề.")
    assert_no_english(page)
    page.locator("#save-review").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu kết quả giám sát của 3 dòng.")
    expect(page.locator("#review-summary")).to_contain_text("Đã ghi nhận 3/3 dòng")
    page.get_by_label("Nội dung kiến nghị").fill(RECOMMENDATION)
    page.get_by_label("Gửi tới").select_option("principal")
    page.get_by_label("Về dòng").select_option(str(b.pk))
    page.locator("#add-recommendation").click()
    expect(page.locator("#recommendations")).to_contain_text(RECOMMENDATION)
    assert_clean(page)
    logout(page)

    # 2. The principal turns the recommendation into a task, downloads the report and sends it.
    login(page, "principal", cast.password)
    page.goto(f"/giam-sat/{point.pk}/")
    rec = point.recommendations.get()
    page.locator(f"#task-due-{rec.pk}").fill("20/12/2025")
    page.locator(f"#task-from-{rec.pk}").click()
    expect(page.locator(".messages")).to_contain_text("Đã giao kiến nghị thành việc")
    expect(page.locator(f"#recommendation-{rec.pk}")).to_contain_text("Đã giao thành việc")
    task = Task.objects.get()
    assert (task.item_key, task.title, task.due) == (b.key, RECOMMENDATION, datetime.date(2025, 12, 20))
    page.locator("#create-report").click()
    expect(page.locator("#report-document")).to_contain_text(LATE_CAUSE)
    with page.expect_download() as info:
        page.locator("#download-report-docx").click()
    download = info.value
    assert re.fullmatch(r"bao-cao-thhb-2025-semester_1\.docx", download.suggested_filename)
    assert download.path().read_bytes()[:2] == b"PK"
    page.get_by_label("Số báo cáo").fill("05/BC-THHB")
    page.get_by_label("Ngày ban hành").fill("05/02/2026")
    assert_no_english(page)
    page.locator("#send-report").click()
    expect(page.locator("#report-status")).to_contain_text("Đã gửi cơ quan quản lý")
    assert_clean(page)
    logout(page)

    # 3. The Phòng specialist receives it and comments.
    login(page, "specialist", cast.password)
    report = ResultsReport.objects.get()
    page.goto(f"/bao-cao/{report.pk}/")
    page.get_by_label("Góp ý của cơ quan (nếu có)").fill(OFFICE_COMMENT)
    page.locator("#receive-report").click()
    expect(page.locator("#report-status")).to_contain_text("Cơ quan quản lý đã tiếp nhận")
    expect(page.locator("#comments")).to_contain_text(OFFICE_COMMENT)
    assert_no_english(page)
    logout(page)

    # 4. At year end the principal closes the rows (prefilled from the last review).
    login(page, "principal", cast.password)
    page.goto(f"/ke-hoach/{plan.pk}/giam-sat/")
    page.locator("#open-year-end").click()
    expect(page.locator(f"#close-{a.pk}-label")).to_have_value("Đạt")
    expect(page.locator(f"#close-{b.pk}-label")).to_have_value("Chưa đạt")
    expect(page.locator(f"#close-{b.pk}-cause")).to_have_value(LATE_CAUSE)
    page.locator("#save-closing").click()  # row 3 has no cause yet
    expect(page.locator(".msg-error")).to_contain_text("Dòng 3 chưa đạt: hãy ghi nguyên nhân chưa đạt.")
    expect(page.locator(f"#close-{b.pk}-cause")).to_have_value(LATE_CAUSE)
    page.locator(f"#close-{c.pk}-cause").fill("Hai giáo viên nghỉ chế độ thai sản.")
    page.locator("#save-closing").click()
    expect(page.locator("#closing-summary")).to_contain_text("Đã kết thúc 3/3 dòng: 1 đạt, 2 chưa đạt")
    assert_no_english(page)
    shoot(page, "year-end-close", "desktop")

    # 5. Next year's self-assessment starts from this year's.
    page.goto(f"/tu-danh-gia/{story['assessment'].pk}/")
    page.locator("#carry-assessment").click()
    page.locator(".confirm-box .confirm-yes").click()
    expect(page.locator("#carried-from")).to_contain_text("tự đánh giá năm học 2025-2026")
    expect(page.get_by_role("heading", level=1)).to_contain_text("năm học 2026-2027")
    new_sa = SelfAssessment.objects.get(start_year=2026)
    assert new_sa.criteria.get(criterion__code="4.1").weaknesses == "Số cha mẹ dự họp định kỳ còn thấp."
    assert_no_english(page)

    # 6. Next year's plan: the two unfinished rows carried, last year's result beside each.
    page.goto(f"/ke-hoach/{plan.pk}/ket-thuc-nam-hoc/")
    page.locator("#build-next-plan").click()
    expect(page.locator(f"#carry-{b.pk} .last-result")).to_contain_text("Chưa đạt")
    expect(page.locator(f"#carry-{c.pk} .last-result")).to_contain_text("Dự giờ 48 tiết")
    expect(page.locator(f"#carry-{a.pk}")).to_have_count(0)
    expect(page.locator("#citation")).to_contain_text("Căn cứ Báo cáo số 05/BC-THHB ngày 05/02/2026")
    page.locator(f"#carry-box-{b.pk}").check()
    page.locator(f"#carry-box-{c.pk}").check()
    page.get_by_label("Thêm dòng cho các tiêu chí còn yếu của").select_option(str(new_sa.pk))
    assert_no_english(page)
    shoot(page, "year-end-next-plan", "desktop")
    page.locator("#create-next-plan").click()
    expect(page.locator(".messages")).to_contain_text("2 dòng chuyển từ năm trước")
    carried = page.locator("#carried-rows")
    expect(carried.locator("tbody tr")).to_have_count(2)
    expect(carried).to_contain_text("Đã khảo sát, lập dự toán; chưa thi công.")
    expect(carried).to_contain_text(LATE_CAUSE)
    expect(carried).to_contain_text("Dự giờ 48 tiết, 4 chuyên đề.")
    assert_no_english(page)
    assert_clean(page)
    shoot(page, "year-end-carried", "desktop")
    new = Plan.objects.get(start_year=2026)
    codes = [i.criterion_code for i in new.items.order_by("order")]
    assert codes[:2] == ["3.2", "5.1"] and "4.1" in codes
    assert new.self_assessment == new_sa
    assert (
        "Căn cứ Báo cáo số 05/BC-THHB ngày 05/02/2026 của Trường Tiểu học Hoà Bình"
        in new.sections["legal_bases"]
    )


def test_the_level_history_on_a_phone(browse, cast, story):
    """Two years of self-assessment: the school's chart and one small chart per criterion."""
    from caitien.assessments.carryover import self_assessment_from_previous
    from tests.assessments.helpers import answer_up_to

    sa = story["assessment"]
    answer_up_to(sa.criteria.get(criterion__code="1.1"), 1, cast.principal)
    new = self_assessment_from_previous(previous=sa, actor=cast.principal)
    answer_up_to(new.criteria.get(criterion__code="1.1"), 2, cast.principal)
    page = browse(PHONE)
    login(page, "principal", cast.password)
    page.goto(f"/tu-danh-gia/{new.pk}/")
    page.locator("#levels-history").click()
    expect(page.locator("#school-trend svg title")).to_have_text("Mức đạt của trường")
    row = page.locator("#criterion-trends tbody tr").first
    expect(row).to_contain_text("Tiêu chí 1.1")
    expect(row).to_contain_text("tăng")
    expect(row.locator("svg circle")).to_have_count(2)
    assert_no_english(page)
    assert_clean(page)
    shoot(page, "level-history", "phone")
