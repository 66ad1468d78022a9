"""The office's story in a real browser: the Phòng specialist filters the overview to late schools,
opens one, answers its escalation and forwards another to the Sở; the principal sees the answer;
the Sở specialist sees what the Phòng forwarded, with its note; a principal drafting a plan puts a
peer school's published solution into a row from the solution library."""

import datetime

import pytest
from playwright.sync_api import expect

from caitien.escalations.services import escalation_create
from caitien.offices.services import calendar_set
from caitien.plans.models import Plan
from caitien.plans.services import plan_create, plan_item_add
from caitien.schools.services import membership_add, user_create

from .conftest import assert_clean, assert_no_english, login, logout, menu_go

pytestmark = pytest.mark.browser

PEER_SOLUTION = "Tham mưu với UBND huyện sửa chữa mái, chống thấm 04 phòng học khối 1."
ANSWER = "Phòng đã tiếp nhận, sẽ khảo sát hiện trạng phòng học trong tháng 11/2025."
NOTE = "Kinh phí vượt khả năng cân đối của huyện; đề nghị Sở xem xét hỗ trợ."


def _plan(cast, school, status, rows, year=2025, **extra):
    plan = plan_create(school=school, actor=cast.principal, start_year=year, end_year=year + 1)
    for values in rows:
        plan_item_add(plan=plan, actor=cast.principal, values=values)
    Plan.objects.filter(pk=plan.pk).update(status=status, **extra)
    return plan


@pytest.fixture
def story(cast):
    calendar_set(
        office=cast.phong,
        school_year=2025,
        actor=cast.specialist,
        plan_due=datetime.date(2025, 10, 15),
        mid_review_due=None,
        final_review_due=None,
    )
    on_time = datetime.datetime(2025, 10, 1, 9, tzinfo=datetime.UTC)
    _plan(
        cast,
        cast.primary,
        "published",
        [{"criterion_code": "1.1", "solutions": "Rà soát hồ sơ."}],
        published_at=on_time,
    )
    _plan(cast, cast.preschool, "draft", [{"criterion_code": "1.1", "solutions": "Rà soát."}])
    # Lê Lợi has no plan for 2025-2026 yet, and two requests to its office.
    ll_principal = user_create(username="principal_ll", full_name="Trương Văn Lực", password=cast.password)
    membership_add(user=ll_principal, role="principal", school=cast.secondary)
    roofs = escalation_create(
        actor=ll_principal,
        school=cast.secondary,
        kind="equipment",
        addressee="ubnd",
        title="Sửa chữa 04 phòng học thấm dột",
        reason="Mùa mưa nước tràn vào lớp.",
        amount_vnd=350_000_000,
    )
    land = escalation_create(
        actor=ll_principal,
        school=cast.secondary,
        kind="land",
        title="Mở rộng sân chơi",
        reason="Sân chơi chưa đủ diện tích tối thiểu.",
    )
    # A school of another Phòng published a solution for the criterion the principal will plan.
    _plan(cast, cast.other, "published", [{"criterion_code": "3.2", "solutions": PEER_SOLUTION}])
    draft = _plan(cast, cast.primary, "draft", [{"criterion_code": "3.2", "solutions": ""}], year=2026)
    so = user_create(username="so_specialist", full_name="Lý Thị Sương", password=cast.password)
    membership_add(user=so, role="office_specialist", office=cast.so)
    return {"roofs": roofs, "land": land, "draft": draft}


def test_the_office_story(browse, cast, story):
    page = browse()
    login(page, "specialist", cast.password)

    # 1. The overview of 2025-2026, filtered to the late schools.
    page.goto("/tong-quan/?nam=2025")
    expect(page.locator("#overview-table")).to_contain_text("Trường Tiểu học Hoà Bình")
    page.get_by_label("Chỉ trường trễ hạn").check()
    page.get_by_role("button", name="Lọc").click()
    table = page.locator("#overview-table tbody")
    expect(table).to_contain_text("Trường THCS Lê Lợi")
    expect(table).to_contain_text("Trường Mầm non Hoa Sen")
    expect(table).not_to_contain_text("Trường Tiểu học Hoà Bình")
    expect(page.locator("#school-THCSLL")).to_contain_text("Chưa có kế hoạch")
    assert_no_english(page)

    # 2. One late school, and its escalation answered.
    page.get_by_role("link", name="Trường THCS Lê Lợi").click()
    expect(page.get_by_role("heading", name="Trường THCS Lê Lợi")).to_be_visible()
    page.get_by_role("link", name="Sửa chữa 04 phòng học thấm dột").click()
    page.get_by_label("Đã tiếp nhận").check()
    page.get_by_label("Nội dung trả lời").fill(ANSWER)
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi trả lời: Đã tiếp nhận.")
    expect(page.locator(".answer")).to_contain_text(ANSWER)
    assert_no_english(page)

    # 3. The other escalation goes up to the Sở with the Phòng's note.
    page.goto(f"/de-xuat/{story['land'].pk}/")
    page.get_by_label("Chuyển lên Sở Giáo dục và Đào tạo tỉnh Bình Dương").check()
    page.get_by_label("Nội dung trả lời").fill(NOTE)
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.locator(".plan-meta")).to_contain_text("đang ở Sở Giáo dục và Đào tạo tỉnh Bình Dương")
    assert_clean(page)
    logout(page)

    # 4. The principal sees the answer.
    login(page, "principal_ll", cast.password)
    menu_go(page, "Đề xuất cấp trên")
    rows = page.locator(".escalation-list tbody")
    expect(rows).to_contain_text("Đã tiếp nhận")
    expect(rows).to_contain_text(ANSWER[:60])
    page.get_by_role("link", name="Sửa chữa 04 phòng học thấm dột").click()
    expect(page.locator(".answer")).to_contain_text(ANSWER)
    assert_no_english(page)
    logout(page)

    # 5. The Sở specialist sees what the Phòng forwarded, with its note.
    login(page, "so_specialist", cast.password)
    page.goto("/de-xuat/co-quan/")
    queue = page.locator(".escalation-queue")
    expect(queue).to_contain_text("Mở rộng sân chơi")
    expect(queue).to_contain_text(NOTE[:50])
    expect(queue).not_to_contain_text("Sửa chữa 04 phòng học thấm dột")
    page.get_by_role("link", name="Mở rộng sân chơi").click()
    expect(page.locator(".forward-note")).to_contain_text(NOTE)
    expect(page.locator("#answer-form")).to_be_visible()
    assert_no_english(page)
    logout(page)

    # 6. The solution library puts a peer's solution into a row of the editor.
    login(page, "principal", cast.password)
    draft = story["draft"]
    row = draft.items.get()
    page.goto(f"/ke-hoach/{draft.pk}/soan/")
    page.locator(f"#row-{row.pk} .peers-open").click()
    panel = page.locator(f"#peers-{row.pk}")
    expect(panel).to_contain_text(PEER_SOLUTION)
    expect(panel).to_contain_text("Trường Tiểu học Lai Uyên")
    panel.get_by_role("button", name="Dùng giải pháp này").click()
    expect(page.locator(f"#peers-msg-{row.pk}")).to_contain_text("Đã đưa giải pháp vào dòng 1")
    expect(page.locator(f"#f-{row.pk}-solutions")).to_have_value(PEER_SOLUTION)
    assert_no_english(page)
    assert_clean(page)
    page.reload()
    expect(page.locator(f"#f-{row.pk}-solutions")).to_have_value(PEER_SOLUTION)
    row.refresh_from_db()
    assert row.solutions == PEER_SOLUTION
