"""The row editor in an English-speaking chromium: every edit kept and read right, every failure said
in Vietnamese beside its cell, a sheet that fits 1280 px and 390 px, two people on one row.

Each test walks a whole story (browser tests are the expensive ones)."""

import re

import pytest
from playwright.sync_api import expect

from caitien.plans import services
from caitien.plans.models import PlanComment, PlanItem

from . import data
from .conftest import DESKTOP, PHONE, assert_clean, assert_no_english, login, shoot, wait_until

pytestmark = pytest.mark.browser

WIDE = """(width) => [...document.querySelectorAll('#sheet *')]
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > width + 1; })
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')).slice(0, 5)"""


def leave(page, field, value=None):
    """Type into a cell (when a value is given) and leave it; returns the save's HTTP status."""
    if value is not None:
        field.fill(value)
    with page.expect_response(lambda r: "/dong/" in r.url and r.request.method == "POST") as saved:
        field.press("Tab")
    return saved.value.status


def row(page, n):
    return page.get_by_role("group", name=f"Dòng {n}", exact=True)


def test_one_person_never_loses_an_edit(browse, cast):
    plan = data.draft_plan(cast.primary, cast.principal)
    plan_item = plan.items.get(order=1)
    services.plan_comment_add(
        plan=plan, actor=cast.council, item=plan_item, text="Nên ghi rõ ai giữ sổ biên bản của từng tổ."
    )
    page = browse(DESKTOP)
    login(page, "principal", cast.password)
    page.goto(f"/ke-hoach/{plan.pk}/soan/")
    first = row(page, 1)

    # The sheet fits a 1280 px laptop: no sideways scroll, the header stays on top while scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"], page.evaluate(
        WIDE, DESKTOP["width"]
    )
    page.mouse.wheel(0, 1400)
    head = page.locator(".sheet-head")
    expect(head).to_be_visible()
    wait_until(page, "document.querySelector('.sheet-head').getBoundingClientRect().top <= 1")
    page.mouse.wheel(0, -3000)

    # Money: the text as written, what was understood beside it; other cells never change it.
    budget = first.get_by_label("Dự kiến kinh phí, dòng 1")
    assert leave(page, budget, "7 triệu đồng") == 200
    expect(first.locator(".understood").nth(1)).to_have_text("≈ 7.000.000 đ")
    assert leave(page, first.get_by_label("Nguồn kinh phí, dòng 1"), "Ngân sách nhà nước") == 200
    first.locator("summary", has_text="Ghi chú").click()
    assert leave(page, first.get_by_label("Ghi chú, dòng 1"), "Làm trong giờ sinh hoạt tổ.") == 200
    item = PlanItem.objects.get(pk=plan_item.pk)
    assert item.budget_amounts == [{"vnd": 7000000, "per": None}]
    assert (item.budget_text, item.funding_source) == ("7 triệu đồng", "Ngân sách nhà nước")
    expect(first.locator(".understood").nth(1)).to_have_text("≈ 7.000.000 đ")
    expect(page.locator(f"#findings-{item.pk}")).not_to_contain_text("không đọc được")
    # An explicit override: the amount typed by hand, the text left as written, both shown.
    first.get_by_text("Nhập số tiền").click()
    assert leave(page, first.get_by_label("Số tiền (đồng), dòng 1"), "6.500.000") == 200
    expect(first.locator(".understood").nth(1)).to_have_text("Số tiền nhập tay: 6.500.000 đ")
    assert PlanItem.objects.get(pk=item.pk).budget_text == "7 triệu đồng"

    # Time: what was understood; a month the server cannot read is refused, beside the cell, kept.
    time = first.get_by_label("Thời gian thực hiện và hoàn thành, dòng 1")
    assert leave(page, time, "Tháng 6-8/2027") == 200
    expect(first.locator(".understood").first).to_have_text("≈ 6/2027 – 8/2027")
    first.get_by_text("Chọn tháng").click()
    start = first.get_by_label("Từ tháng, dòng 1")
    assert leave(page, start, "13/2025") == 400
    note = first.locator(".save-error")
    expect(note).to_contain_text("Chưa lưu được — Tháng bắt đầu: Không có tháng 13")
    expect(start).to_have_value("13/2025")
    assert PlanItem.objects.get(pk=item.pk).start_month == "2027-06"
    assert leave(page, start, "132025-") == 400
    expect(note).to_contain_text("Chưa hiểu “132025-” là tháng nào")
    assert leave(page, start, "7/2027") == 200
    expect(note).to_have_count(0)
    expect(first.locator(".understood").first).to_have_text("Tháng chọn tay: 7/2027 – 8/2027")
    # ...and every later save of the row still works.
    assert leave(page, first.get_by_label("Mức, dòng 1"), "3") == 200

    # A failed save (no network, then a server error) says so beside the cell and keeps the text.
    solutions = first.get_by_label("Công việc/giải pháp cần thực hiện, dòng 1")
    page.route(re.compile(r".*/dong/\d+/$"), lambda route: route.abort())
    solutions.fill("Tổ trưởng nộp biên bản cho văn thư sau mỗi buổi sinh hoạt.")
    solutions.press("Tab")
    expect(first.locator(".save-error")).to_contain_text("Chưa lưu được — không kết nối được máy chủ")
    expect(solutions).to_have_value("Tổ trưởng nộp biên bản cho văn thư sau mỗi buổi sinh hoạt.")
    page.unroute(re.compile(r".*/dong/\d+/$"))
    page.route(re.compile(r".*/dong/\d+/$"), lambda route: route.fulfill(status=500, body="lỗi"))
    first.get_by_role("button", name="Thử lại").click()
    expect(first.locator(".save-error")).to_contain_text("Chưa lưu được — máy chủ đang gặp lỗi")
    page.unroute(re.compile(r".*/dong/\d+/$"))
    page.server_errors.clear()  # the 500 above was made up by the route, not sent by the server
    with page.expect_response(lambda r: "/dong/" in r.url and r.request.method == "POST"):
        first.get_by_role("button", name="Thử lại").click()
    expect(first.locator(".save-error")).to_have_count(0)
    assert PlanItem.objects.get(pk=item.pk).solutions.startswith("Tổ trưởng nộp biên bản")

    # A text past its limit is refused with the reason; what was typed stays.
    long_text = "Ghi chép đầy đủ. " * 260
    notes = first.get_by_label("Ghi chú, dòng 1")
    assert leave(page, notes, long_text) == 400
    expect(first.locator(".save-error")).to_contain_text("quá giới hạn 4.000 ký tự")
    expect(first.locator(".counter.over")).to_be_visible()
    assert notes.input_value() == long_text.strip() or notes.input_value() == long_text
    assert leave(page, notes, "Làm trong giờ sinh hoạt tổ, mỗi tháng một lần.") == 200
    expect(first.locator(".save-error")).to_have_count(0)

    # The comment beside its row, answered there.
    comments = first.locator(".row-comments")
    expect(comments).to_contain_text("Nên ghi rõ ai giữ sổ biên bản")
    expect(comments.locator(".comment-state")).to_have_text("Mới")
    comments.get_by_text("Trả lời góp ý").click()
    comments.get_by_label("Trả lời của trường").fill("Văn thư giữ sổ, tổ trưởng ký nhận.")
    comments.get_by_role("button", name="Lưu trả lời").click()
    expect(comments.locator(".comment-state")).to_have_text("Đã tiếp thu")
    assert PlanComment.objects.get().state == "accepted"

    # Rows: add, duplicate, delete with undo (no browser dialog), Ctrl+Enter, the criterion picker.
    page.get_by_role("button", name="Thêm dòng", exact=True).click()
    expect(page.locator("div.sheet-row[data-row]")).to_have_count(4)
    page.get_by_label("Nhân bản dòng 1").click()
    expect(page.locator("div.sheet-row[data-row]")).to_have_count(5)
    page.get_by_label("Xóa dòng 2").click()
    expect(page.locator("div.sheet-row[data-row]")).to_have_count(4)
    expect(page.locator("#undo-notice")).to_contain_text("Đã xóa dòng 2")
    assert_no_english(page)
    page.get_by_role("button", name="Hoàn tác").click()
    expect(page.locator("div.sheet-row[data-row]")).to_have_count(5)
    assert PlanItem.objects.filter(plan=plan).count() == 5
    row(page, 1).get_by_label("Kết quả cần đạt (so với hiện trạng), dòng 1").press("Control+Enter")
    expect(page.locator("div.sheet-row[data-row]")).to_have_count(6)
    page.get_by_text("Chọn tiêu chí theo tiêu chuẩn").click()
    page.get_by_label("Tiêu chuẩn, tiêu chí, dòng 2").focus()
    page.get_by_label("Tìm tiêu chí (gõ không dấu cũng được)").fill("khuon vien")
    page.click(".criterion-pick[data-code='3.1']")
    expect(page.locator("#save-status")).to_contain_text("Đã lưu dòng 2")
    expect(row(page, 2).locator(".crit-name")).to_contain_text("Khuôn viên")
    orders = list(PlanItem.objects.filter(plan=plan).order_by("order").values_list("order", flat=True))
    assert orders == [1, 2, 3, 4, 5, 6]

    shoot(page, "editor-story", "desktop")
    assert_no_english(page)
    assert_clean(page)


def test_two_people_on_one_row_and_a_phone(browse, cast):
    plan = data.draft_plan(cast.primary, cast.principal)
    url = f"/ke-hoach/{plan.pk}/soan/"
    an, binh = browse(DESKTOP), browse(DESKTOP)
    login(an, "principal", cast.password)
    login(binh, "vice", cast.password)
    an.goto(url)
    binh.goto(url)
    # Different cells of one row: both saved, nobody told of a conflict.
    assert leave(binh, row(binh, 1).get_by_label("Chủ trì, dòng 1"), "Phó Hiệu trưởng, tổ trưởng") == 200
    assert leave(an, row(an, 1).get_by_label("Mức, dòng 1"), "3") == 200
    item = PlanItem.objects.get(plan=plan, order=1)
    assert (item.lead_text, item.level) == ("Phó Hiệu trưởng, tổ trưởng", "3")
    expect(an.locator(".save-conflict")).to_have_count(0)
    # The same cell from a stale page: a conflict naming only that cell, with both texts.
    assert leave(binh, row(binh, 1).get_by_label("Mức, dòng 1"), "1") == 409
    note = row(binh, 1).locator(".save-conflict")
    expect(note).to_contain_text("Chưa lưu được — Nguyễn Văn An vừa lưu ô “Mức hướng tới”: “3”")
    expect(note).not_to_contain_text("Chủ trì")
    expect(row(binh, 1).get_by_label("Mức, dòng 1")).to_have_value("1")
    assert_no_english(binh)
    with binh.expect_response(lambda r: "/dong/" in r.url and r.request.method == "POST") as kept:
        note.get_by_role("button", name="Giữ bản của tôi").click()
    assert kept.value.status == 200
    assert PlanItem.objects.get(pk=item.pk).level == "1"
    # The other page picks the new value up at its next save of the row.
    result = row(an, 1).get_by_label("Kết quả cần đạt (so với hiện trạng), dòng 1")
    assert leave(an, result, "Biên bản sinh hoạt tổ lưu đủ theo tháng.") == 200
    expect(row(an, 1).get_by_label("Mức, dòng 1")).to_have_value("1")
    assert_clean(an)
    assert_clean(binh)

    # On a phone: each row a card, nothing wider than the screen, no English.
    phone = browse(PHONE)
    login(phone, "principal", cast.password)
    phone.goto(url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], phone.evaluate(
        WIDE, PHONE["width"]
    )
    expect(phone.locator(".sheet-head")).to_be_hidden()
    row(phone, 2).locator("summary", has_text="Ghi chú").click()
    assert leave(phone, row(phone, 2).get_by_label("Ghi chú, dòng 2"), "Ghi trên điện thoại.") == 200
    shoot(phone, "editor-story", "phone")
    assert_no_english(phone)
    assert_clean(phone)
