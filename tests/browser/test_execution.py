"""Carrying out the plan in a real browser: the principal splits a row into tasks and assigns them;
a teacher opens “Việc của tôi” on a phone (390 px), marks progress and attaches a photo; the Phòng
specialist sees the row's progress; the public page shows the row's status but no private file."""

import io

import pytest
from playwright.sync_api import expect

from caitien.evidence.models import EvidenceFile
from caitien.execution.models import Task
from caitien.people.models import Person

from .conftest import PHONE, assert_clean, assert_no_english, login, logout, shoot
from .data import published_plan

pytestmark = pytest.mark.browser


def _photo(tmp_path):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 240), (46, 125, 50))
    ImageDraw.Draw(image).rectangle((40, 60, 280, 180), fill=(250, 250, 250))
    path = tmp_path / "bien-ban-sinh-hoat-to.png"
    out = io.BytesIO()
    image.save(out, "PNG")
    path.write_bytes(out.getvalue())
    return path


def test_from_tasks_to_the_public_page(browse, cast, tmp_path):
    plan = published_plan(cast)
    teacher = Person.objects.create(
        school=cast.primary, full_name=cast.staff.display_name, position="Giáo viên", user=cast.staff
    )
    row = plan.items.order_by("order").first()

    # The principal splits the first row into tasks and gives the first to the teacher.
    page = browse()
    login(page, "principal", cast.password)
    page.goto(f"/ke-hoach/{plan.pk}/")
    page.locator("#progress-link").click()
    page.locator("#row-1 a").first.click()
    page.get_by_role("link", name="Tách thành việc").click()
    expect(page.locator("#title-0")).to_have_value("Tổ trưởng nộp kế hoạch tháng trước ngày 25")
    expect(page.locator("#title-2")).to_have_value("Văn thư lưu biên bản theo từng tổ")
    page.locator("#title-0").fill("Tổ trưởng nộp kế hoạch tháng trước ngày 25 hằng tháng")
    page.locator("#owner-0").select_option(label=f"{teacher.full_name} (Giáo viên)")
    page.locator("#owner-2").select_option(label=f"{teacher.full_name} (Giáo viên)")
    assert_no_english(page)
    page.get_by_role("button", name="Lưu các việc").click()
    expect(page.locator("#tasks tbody tr")).to_have_count(3)
    expect(page.locator("#tasks")).to_contain_text("hằng tháng")
    assert_no_english(page)
    assert_clean(page)
    logout(page)

    # The teacher, on a phone: Việc của tôi, one tap to update, a photo taken there.
    phone = browse(PHONE)
    login(phone, "staff", cast.password)
    phone.goto("/viec-cua-toi/")
    expect(phone.locator("#my-tasks article")).to_have_count(2)
    first = Task.objects.get(title__endswith="hằng tháng")
    phone.locator(f"#my-task-{first.pk} .exec-tap").click()
    native = phone.locator("#task-update-form input[type=file]")
    assert native.get_attribute("accept") == "image/*" and native.get_attribute("capture") == "environment"
    phone.locator("#id_status").select_option(label="Đang thực hiện")
    phone.locator("#id_progress").fill("50")
    phone.locator("#id_text").fill("Tổ 1 và tổ 2 đã nộp kế hoạch tháng 12.")
    native.set_input_files(str(_photo(tmp_path)))
    expect(phone.locator("#task-update-form .file-name")).to_have_text("bien-ban-sinh-hoat-to.png")
    assert_no_english(phone)
    width = phone.evaluate("() => document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide on a {PHONE['width']} px phone"
    shoot(phone, "viec-cua-toi", "cap-nhat-390")
    phone.get_by_role("button", name="Lưu cập nhật").click()
    expect(phone).to_have_url(f"{phone.url.split('/viec')[0]}/viec-cua-toi/")
    expect(phone.locator(f"#my-task-{first.pk}")).to_contain_text("50%")
    assert_no_english(phone)
    assert_clean(phone)
    stored = EvidenceFile.objects.get()
    assert stored.item.code and stored.content_type == "image/png" and not stored.item.public
    shoot(phone, "viec-cua-toi", "390")

    # The Phòng specialist reads the row's progress.
    office = browse()
    login(office, "specialist", cast.password)
    office.goto(f"/ke-hoach/{plan.pk}/tien-do/")
    expect(office.locator("#row-1")).to_contain_text("Đang thực hiện")
    expect(office.locator("#row-1")).to_contain_text("17%")  # 50% of one task out of three
    office.locator("#row-1 a").first.click()
    expect(office.locator("#timeline")).to_contain_text("Tổ 1 và tổ 2 đã nộp kế hoạch tháng 12.")
    expect(office.locator("#timeline")).to_contain_text(stored.item.code)
    assert_no_english(office)
    assert_clean(office)

    # The public sees the row's status, and no private file.
    public = browse(PHONE)
    public.goto(f"/cong-khai/{plan.pk}/")
    expect(public.locator(f"#public-row-{row.order}")).to_contain_text("Đang thực hiện")
    html = public.content()
    for private in (
        stored.original_name,
        stored.item.code,
        stored.file.name,
        "Tổ 1 và tổ 2",
        teacher.full_name,
    ):
        assert private not in html
    assert_no_english(public)
    assert_clean(public)
