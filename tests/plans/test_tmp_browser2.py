import pytest
from playwright.sync_api import sync_playwright

from caitien.plans import services
from .conftest import make_plan


def login(b, url, user, pw):
    ctx = b.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    page.goto(url + "/dang-nhap/")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", pw)
    page.click("button[type=submit]")
    return page


@pytest.mark.django_db(transaction=True)
def test_walk(live_server, cast, catalog):
    plan = make_plan(cast.primary, cast.principal)
    p57 = services.plan_create(school=cast.primary, actor=cast.principal, start_year=2026, end_year=2027,
                               regulation=catalog["tt57-2026-pl2"])
    services.plan_item_add(plan=p57, actor=cast.principal, values={"issue": "Thiếu phòng học bộ môn"})
    first_pk = plan.items.get(order=1).pk
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        a = login(b, live_server.url, "principal", cast.password)
        v = login(b, live_server.url, "vice", cast.password)
        for page in (a, v):
            page.goto(live_server.url + f"/ke-hoach/{plan.pk}/soan/")
        v.get_by_label("Ghi chú, dòng 1").fill("Ghi chú của cô Bình")
        v.keyboard.press("Tab")
        v.wait_for_selector("#save-status:has-text('Đã lưu dòng 1')")
        a.get_by_label("Ghi chú, dòng 1").fill("Ghi chú của thầy An")
        a.keyboard.press("Tab")
        a.wait_for_selector("text=Người khác vừa lưu dòng này")
        a.locator(f"#row-{first_pk}").screenshot(path="/tmp/conflict.png")
        a.get_by_role("button", name="Tải lại dòng").click()
        a.wait_for_function("document.querySelector('[aria-label=\"Ghi chú, dòng 1\"]').value == 'Ghi chú của cô Bình'")
        a.get_by_label("Ghi chú, dòng 1").fill("Ghi chú chung")
        a.keyboard.press("Tab")
        a.wait_for_selector("#save-status:has-text('Đã lưu dòng 1')")
        a.goto(live_server.url + f"/ke-hoach/{p57.pk}/soan/")
        a.locator("#sheet").screenshot(path="/tmp/sheet57.png")
        b.close()
    assert plan.items.get(order=1).notes == "Ghi chú chung"
