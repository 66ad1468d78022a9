"""The whole life of a plan in a real browser, as the people of a school and its office live it.

Principal: self-assessment (ticks indicators, writes a weakness) → a plan from it → edits rows,
meets a checker error, fixes it → submits → approves (number, date, signer) → publishes. The
public page shows it to anyone; the office specialist comments on a row; a teacher of another
school is refused the school's new draft, in Vietnamese.
"""

import re
from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect

from caitien.assessments import services as assessment_services
from caitien.assessments.models import CriterionAssessment, SelfAssessment
from caitien.plans import services as plan_services
from caitien.plans.models import Plan, PlanComment

from .conftest import PHONE, assert_clean, login, logout

pytestmark = pytest.mark.browser

# The criterion the principal assesses by hand in the browser; the council has done the others.
BY_HAND = "1.2"
WEAKNESS = (
    "Tổ văn phòng chưa lưu đủ biên bản họp của các tổ chuyên môn; hồ sơ năm học trước còn rời rạc, "
    "khó tra cứu khi cần minh chứng."
)
LEGAL_BASIS = "Căn cứ kết quả tự đánh giá năm học 2026-2027 của Trường Tiểu học Hoà Bình."
COMMENT = "Đề nghị trường ghi rõ ai giữ sổ theo dõi biên bản và kiểm tra vào tháng nào."


def council_assesses_all_but(sa, code, actor):
    """The council's earlier work: every other criterion meets Mức 1 and Mức 2 (no weakness)."""
    for ca in sa.criteria.select_related("criterion").exclude(criterion__code=code):
        for ind in ca.criterion.indicators.all():
            assessment_services.indicator_result_set(
                assessment=ca, indicator=ind, met=ind.level <= 2, actor=actor
            )


def fill_cell(page, field, value):
    """Type into a cell and leave it: the row saves itself (htmx) and says so."""
    field.fill(value)
    with page.expect_response(lambda r: "/dong/" in r.url and r.request.method == "POST") as saved:
        field.press("Tab")
    assert saved.value.status == 200
    expect(page.locator("#save-status")).to_contain_text("Đã lưu dòng")


def test_principal_plans_from_self_assessment_to_publication(browse, cast):
    page = browse()
    login(page, "principal", cast.password)
    expect(page.get_by_role("heading", name="Xin chào, Nguyễn Văn An")).to_be_visible()

    # 1. A new self-assessment, started from the home page.
    page.get_by_role("link", name="Tạo tự đánh giá").click()
    page.get_by_label("Năm học bắt đầu").fill("2026")
    page.get_by_label("Mức trường hướng tới").select_option(label="Mức 2")
    page.get_by_role("button", name="Tạo tự đánh giá mới").click()
    expect(page.get_by_role("heading", name="Tự đánh giá năm học 2026-2027")).to_be_visible()
    expect(page.get_by_text("Đã tạo tự đánh giá năm học 2026-2027")).to_be_visible()
    sa = SelfAssessment.objects.get(school=cast.primary)
    council_assesses_all_but(sa, BY_HAND, cast.council)

    # 2. The principal ticks the indicators of one criterion and writes its weakness.
    page.reload()
    page.get_by_role("link", name=re.compile(rf"Tiêu chí {re.escape(BY_HAND)}\b")).click()
    expect(page.get_by_role("heading", name=re.compile(rf"^Tiêu chí {re.escape(BY_HAND)}:"))).to_be_visible()
    level1 = page.get_by_role("group", name="Mức 1").get_by_role("checkbox")
    for i in range(level1.count()):
        with page.expect_response(lambda r: "/chi-bao/" in r.url and r.request.method == "POST"):
            level1.nth(i).check()
    expect(page.locator("#levels")).to_contain_text(f"Tiêu chí {BY_HAND}: Mức 1")
    page.get_by_label("Điểm yếu").fill(WEAKNESS)
    page.get_by_role("button", name="Lưu nhận định").click()
    expect(page.get_by_text(f"Đã lưu nhận định tiêu chí {BY_HAND}.")).to_be_visible()
    ca = CriterionAssessment.objects.get(self_assessment=sa, criterion__code=BY_HAND)
    assert ca.level_reached == 1 and ca.weaknesses == WEAKNESS
    page.get_by_role("link", name=re.compile("Tự đánh giá năm học 2026-2027")).first.click()
    expect(page.get_by_role("heading", name="Tiêu chí cần cải tiến")).to_be_visible()
    assert_clean(page)

    # 3. A new plan from that self-assessment: the form comes with it chosen.
    page.get_by_role("link", name="Lập kế hoạch cải tiến từ tự đánh giá này").click()
    expect(page.get_by_role("radio", name=re.compile("Từ kết quả tự đánh giá"))).to_be_checked()
    expect(page.get_by_label("Tự đánh giá", exact=True)).to_have_value(str(sa.pk))
    expect(page.get_by_label("Năm bắt đầu")).to_have_value("2026")
    expect(page.get_by_label("Năm kết thúc")).to_have_value("2027")
    page.get_by_role("button", name="Tạo dự thảo").click()
    expect(page.get_by_role("heading", name=re.compile("^Soạn kế hoạch"))).to_be_visible()
    plan = Plan.objects.get(school=cast.primary)
    assert plan.self_assessment_id == sa.pk
    row = plan.items.get()
    # The row states a target to make concrete; the weakness it starts from is shown under it.
    assert row.criterion_code == BY_HAND and row.expected_result.endswith(f"tiêu chí {BY_HAND} đạt Mức 2.")
    expect(page.locator(f"#weakness-{row.pk}")).to_contain_text(WEAKNESS)
    findings = page.locator(f"#findings-{row.pk}")
    expect(findings).to_contain_text("Lỗi")

    # 4. The row filled in place; a level the circular does not have is an error beside the row, then fixed.
    sheet_row = page.get_by_role("group", name="Dòng 1")
    fill_cell(
        page,
        sheet_row.get_by_label("Kết quả cần đạt (so với hiện trạng), dòng 1"),
        "Biên bản họp của các tổ chuyên môn được lưu đủ, sắp xếp theo tháng; tra cứu được trong ngày.",
    )
    fill_cell(
        page,
        sheet_row.get_by_label("Công việc/giải pháp cần thực hiện, dòng 1"),
        "Phân công văn thư thu biên bản sau mỗi buổi họp; lập sổ theo dõi; cuối học kỳ Phó Hiệu trưởng "
        "kiểm tra hồ sơ.",
    )
    fill_cell(page, sheet_row.get_by_label("Chủ trì, dòng 1"), "Phó Hiệu trưởng")
    fill_cell(page, sheet_row.get_by_label("Phối hợp, dòng 1"), "Văn thư, tổ trưởng chuyên môn")
    fill_cell(
        page, sheet_row.get_by_label("Thời gian thực hiện và hoàn thành, dòng 1"), "Tháng 10/2026 - 3/2027"
    )
    expect(findings).not_to_contain_text("Lỗi")
    row.refresh_from_db()
    assert (row.lead_text, row.start_month, row.end_month) == ("Phó Hiệu trưởng", "2026-10", "2027-03")
    fill_cell(page, sheet_row.get_by_label("Mức, dòng 1"), "5")
    expect(findings).to_contain_text("Dòng 1 ghi mức “5”")
    expect(findings.locator(".finding-error")).to_have_count(1)

    # The default section texts stay; the principal adds a sentence to the legal bases and the signer's name.
    legal = page.get_by_label(re.compile(r"CĂN CỨ", re.I))
    legal.fill(legal.input_value() + "\n" + LEGAL_BASIS)
    page.get_by_label("Người ký", exact=True).fill("Nguyễn Văn An")
    page.get_by_role("button", name="Lưu phần nội dung").click()
    expect(page.get_by_text("Đã lưu phần nội dung của kế hoạch.")).to_be_visible()
    assert LEGAL_BASIS in Plan.objects.get(pk=plan.pk).sections["legal_bases"]

    # 5. Sending it with the error is refused, with the reason; fixed, it goes.
    page.get_by_role("button", name="Gửi phê duyệt").click()
    refused = page.get_by_role("alert").filter(has_text="Dòng 1 ghi mức “5”")
    expect(refused).to_be_visible()
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT
    page.get_by_role("link", name="Soạn thảo").click()
    sheet_row = page.get_by_role("group", name="Dòng 1")
    fill_cell(page, sheet_row.get_by_label("Mức, dòng 1"), "2")
    expect(findings.locator(".finding-error")).to_have_count(0)
    row.refresh_from_db()
    # Saving another cell of the row keeps the months read from the time text.
    assert (row.level, row.start_month, row.end_month) == ("2", "2026-10", "2027-03")
    expect(page.locator("#plan-findings")).not_to_contain_text("phải sửa")
    page.get_by_role("button", name="Gửi phê duyệt").click()
    expect(page.get_by_text("Đã gửi kế hoạch để Hiệu trưởng phê duyệt.")).to_be_visible()
    expect(page.locator(".plan-meta .plan-status")).to_have_text("Chờ phê duyệt")

    # 6. The principal approves: number, date, signer.
    page.get_by_label("Số văn bản").fill("12/KH-THHB")
    page.get_by_label("Ngày ban hành").fill("05/10/2026")
    page.get_by_label("Họ tên người ký").fill("Nguyễn Văn An")
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(page.get_by_text("Đã phê duyệt kế hoạch, số 12/KH-THHB.")).to_be_visible()
    expect(page.locator(".plan-meta")).to_contain_text("Số 12/KH-THHB, ngày 05/10/2026")

    # 7. Published; the public page shows it to someone not logged in.
    page.get_by_role("link", name="Công khai…").click()
    expect(page.locator("#publish-preview")).to_contain_text("Phân công văn thư thu biên bản")
    page.get_by_role("button", name="Công khai kế hoạch").click()
    expect(page.get_by_text("Đã công khai kế hoạch.")).to_be_visible()
    plan.refresh_from_db()
    assert (plan.status, plan.document_number, str(plan.date)) == ("published", "12/KH-THHB", "2026-10-05")
    public_url = page.get_by_role("link", name="Trang công khai").get_attribute("href")
    assert_clean(page)
    logout(page)
    page.goto(public_url)
    article = page.locator("article.public-plan")
    expect(article.get_by_role("heading", level=1)).to_have_text(plan.title)
    expect(article).to_contain_text("Số: 12/KH-THHB")
    expect(article).to_contain_text("ngày 05 tháng 10 năm 2026")
    expect(article.locator("#plan-table")).to_contain_text("Phân công văn thư thu biên bản")
    expect(page.get_by_role("button", name="Đăng xuất")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name="Word (DOCX)").click()
    saved = Path(download.value.path())
    word = docx.Document(saved)
    text = "\n".join(
        [p.text for p in word.paragraphs] + [c.text for t in word.tables for r in t.rows for c in r.cells]
    )
    assert download.value.suggested_filename.endswith(".docx")
    assert "12/KH-THHB" in text and "Phân công văn thư thu biên bản" in text

    # 8. The office specialist, on a phone, sees it on the overview and comments on its row.
    office = browse(PHONE)
    login(office, "specialist", cast.password)
    office.get_by_role("link", name="Tổng quan các trường").click()
    office.get_by_role("link", name=re.compile(re.escape(plan.title))).first.click()
    expect(office.get_by_role("heading", level=1)).to_have_text(plan.title)
    assert office.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    office.get_by_label("Góp ý cho").select_option(label=f"Dòng 1 — tiêu chí {BY_HAND}")
    office.get_by_label("Nội dung góp ý").fill(COMMENT)
    office.get_by_role("button", name="Gửi góp ý").click()
    expect(office.get_by_text("Đã gửi góp ý.")).to_be_visible()
    comment = office.locator("#comments article.comment").filter(has_text=COMMENT)
    expect(comment).to_contain_text("Võ Văn Phúc")
    expect(comment).to_contain_text(f"dòng 1 (tiêu chí {BY_HAND})")
    assert PlanComment.objects.get(plan=plan).item_id == row.pk
    assert_clean(office)

    # 9. The school's next draft stays inside the school: a teacher of another school is refused.
    stranger = browse()
    login(stranger, "other_teacher", cast.password)
    draft = plan_services.plan_create(
        school=cast.primary,
        actor=cast.vice,
        start_year=2027,
        end_year=2028,
        period_kind="single",
        title="Kế hoạch dự thảo mới",
    )
    response = stranger.goto(f"/ke-hoach/{draft.pk}/")
    # Another school's draft is answered as a plan that does not exist: its number stays unknown.
    assert response.status == 404
    expect(stranger.get_by_role("heading", name="Không tìm thấy trang")).to_be_visible()
    expect(stranger.locator("main")).not_to_contain_text("Kế hoạch dự thảo mới")
    stranger.goto("/ke-hoach/")
    expect(stranger.get_by_role("heading", level=1)).to_be_visible()
    expect(stranger.locator("main")).not_to_contain_text("Kế hoạch dự thảo mới")
    assert_clean(stranger)
