"""The directory pages, the staff import, the Người phụ trách page and the picker, through the
client: who may do what, Vietnamese answers to bad input, no 500 on odd values, constant queries."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caitien.people import services
from caitien.people.models import Group, GroupMember, Person, ResponsibleMapping
from tests.plans.conftest import make_plan


def login(client, user, cast):
    client.force_login(user)
    return client


def html(response) -> str:
    return response.content.decode()


def url(school, tail=""):
    return f"/nhan-su/{school.pk}/{tail}"


# --- who may see and change the directory ------------------------------------------------------


def test_staff_read_the_directory_but_do_not_change_it(client, cast, staff):
    login(client, cast.staff, cast)
    page = client.get(url(cast.primary))
    assert page.status_code == 200
    assert "Lê Thị Cúc" in html(page) and "Tổ văn phòng" in html(page)
    assert "Thêm người" not in html(page)
    refused = client.get(url(cast.primary, "them/"))
    assert refused.status_code == 403
    assert "Chỉ Hiệu trưởng, Phó Hiệu trưởng của trường sửa được danh sách nhân sự." in html(refused)
    person = staff.people["em"]
    assert client.post(url(cast.primary, f"nguoi/{person.pk}/cong-tac/"), {"active": "0"}).status_code == 403
    person.refresh_from_db()
    assert person.active


@pytest.mark.parametrize("who", ["other_principal", "specialist"])
def test_outsiders_do_not_read_the_directory(client, cast, staff, who):
    login(client, getattr(cast, who), cast)
    page = client.get(url(cast.primary))
    # Another school's principal is told nothing (404); the office is refused with its reason.
    assert page.status_code == (404 if who == "other_principal" else 403)
    if page.status_code == 404:
        return
    assert "chỉ cán bộ, giáo viên, nhân viên của trường xem được" in html(page)


def test_anonymous_is_sent_to_login(client, cast):
    assert client.get(url(cast.primary)).url.startswith("/dang-nhap/")


def test_home_goes_to_the_users_school(client, cast):
    login(client, cast.vice, cast)
    assert client.get("/nhan-su/").url == url(cast.primary)
    login(client, cast.specialist, cast)
    assert client.get("/nhan-su/").status_code == 403


def test_the_vice_principal_adds_a_person_with_an_account(client, cast):
    login(client, cast.vice, cast)
    form = client.get(url(cast.primary, "them/"))
    assert "novalidate" in html(form) and "Hoàng Thị Em" in html(form)  # an account of the school to link
    answer = client.post(
        url(cast.primary, "them/"),
        {
            "full_name": "Hoàng Thị Em",
            "position": "Kế toán",
            "email": "em@thhb.edu.vn",
            "user": cast.staff.pk,
        },
    )
    assert answer.status_code == 302
    person = Person.objects.get(full_name="Hoàng Thị Em")
    assert person.user == cast.staff and person.position == "Kế toán"
    assert "Đã thêm Hoàng Thị Em" in html(client.get(answer.url))


def test_bad_values_get_vietnamese_messages_and_keep_what_was_typed(client, cast):
    login(client, cast.principal, cast)
    answer = client.post(
        url(cast.primary, "them/"),
        {
            "full_name": "",
            "position": "Kế toán",
            "email": "em@",
            "order": "ba",
            "user": cast.other_teacher.pk,
        },
    )
    text = html(answer)
    assert answer.status_code == 200
    assert "Hãy ghi họ và tên" in text
    assert "Thư điện tử chưa đúng dạng" in text
    assert "Thứ tự là một số nguyên" in text
    assert "không thuộc trường hoặc đã gắn với người khác" in text
    assert 'value="Kế toán"' in text
    assert not Person.objects.exists()


def test_edit_and_deactivate_then_bring_back(client, cast, staff):
    login(client, cast.principal, cast)
    person = staff.people["tuan"]
    edit = client.post(
        url(cast.primary, f"nguoi/{person.pk}/"),
        {"full_name": "Phan Văn Tuấn", "position": "Nhân viên bảo vệ"},
    )
    assert edit.status_code == 302
    gone = client.post(url(cast.primary, f"nguoi/{person.pk}/cong-tac/"), {"active": "0"})
    assert "đã được đánh dấu thôi công tác" in html(client.get(gone.url))
    page = html(client.get(url(cast.primary)))
    assert "Phan Văn Tuấn" not in page and "Người đã thôi công tác (1)" in page
    assert "Phan Văn Tuấn" in html(client.get(url(cast.primary) + "?da-nghi=1"))
    client.post(url(cast.primary, f"nguoi/{person.pk}/cong-tac/"), {"active": "1"})
    person.refresh_from_db()
    assert person.active and person.position == "Nhân viên bảo vệ"


def test_a_person_of_another_school_is_not_found(client, cast):
    stranger = services.person_create(school=cast.other, full_name="Đỗ Thị Hạnh")
    login(client, cast.principal, cast)
    assert client.get(url(cast.primary, f"nguoi/{stranger.pk}/")).status_code == 404
    assert client.get("/nhan-su/999999/").status_code == 404


def test_groups_and_members(client, cast, staff):
    login(client, cast.principal, cast)
    created = client.post(url(cast.primary, "to/them/"), {"name": "Tổ 2-3", "kind": "subject"})
    group = Group.objects.get(name="Tổ 2-3")
    assert created.url == url(cast.primary, f"to/{group.pk}/")
    duplicate = client.post(url(cast.primary, "to/them/"), {"name": "tổ 2-3", "kind": "subject"})
    assert "Trường đã có “tổ 2-3”" in html(duplicate)
    members = url(cast.primary, f"to/{group.pk}/thanh-vien/")
    client.post(members, {"person": staff.people["thu"].pk, "role": "leader"})
    assert GroupMember.objects.get(group=group).role == "leader"
    client.post(members, {"person": staff.people["thu"].pk, "role": "deputy"})
    assert GroupMember.objects.get(group=group).role == "deputy"
    odd = client.post(members, {"person": "abc", "role": "boss"})
    assert odd.status_code == 400
    assert "Lựa chọn không có trong danh sách" in html(odd) or "không có trong danh sách nhân sự" in html(odd)
    stranger = services.person_create(school=cast.other, full_name="Đỗ Thị Hạnh")
    assert client.post(members, {"person": stranger.pk, "role": "member"}).status_code == 400
    client.post(url(cast.primary, f"to/{group.pk}/thanh-vien/{staff.people['thu'].pk}/xoa/"))
    assert not GroupMember.objects.filter(group=group).exists()
    deleted = client.post(url(cast.primary, f"to/{group.pk}/xoa/"))
    assert "Đã xóa Tổ 2-3" in html(client.get(deleted.url))


def test_an_odd_group_kind_is_answered(client, cast):
    login(client, cast.principal, cast)
    answer = client.post(url(cast.primary, "to/them/"), {"name": "Tổ 9", "kind": "<script>"})
    assert answer.status_code == 200 and "Lựa chọn không có trong danh sách" in html(answer)
    assert client.get(url(cast.primary, "to/them/") + "?loai=xyz").status_code == 200


def _directory_queries(client, school) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(school)).status_code == 200
    return len(queries)


def test_directory_queries_do_not_grow_with_people(client, cast):
    login(client, cast.principal, cast)
    group = services.group_create(school=cast.primary, name="Tổ 1", kind=Group.Kind.SUBJECT)

    def add(n):
        for i in range(n):
            person = services.person_create(
                school=cast.primary, full_name=f"Giáo viên {Person.objects.count()}"
            )
            services.member_set(group=group, person=person)
            if i % 2:
                services.person_set_active(person, active=False)

    add(4)
    small = _directory_queries(client, cast.primary)
    add(30)
    assert _directory_queries(client, cast.primary) == small


# --- importing the staff list ------------------------------------------------------------------


def _xlsx(rows) -> io.BytesIO:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "danh-sach.xlsx"
    return out


def test_import_previews_then_saves(client, cast):
    login(client, cast.principal, cast)
    upload = _xlsx(
        [
            ["STT", "Họ và tên", "Chức vụ", "Tổ/Khối", "Email", "Điện thoại"],
            [1, "Nguyễn Văn An", "Hiệu trưởng", "Ban giám hiệu", "sai-email", ""],
            [2, "Trần Thị Bình", "Phó Hiệu trưởng", "Ban giám hiệu", "", ""],
        ]
    )
    preview = client.post(url(cast.primary, "nhap/"), {"file": upload})
    text = html(preview)
    assert preview.status_code == 200
    assert "Sẽ thêm <strong>2</strong> người" in text and "chưa đúng dạng" in text
    assert not Person.objects.exists()
    saved = client.post(url(cast.primary, "nhap/luu/"))
    assert "thêm 2 người" in html(client.get(saved.url))
    assert Person.objects.filter(school=cast.primary).count() == 2
    again = client.post(url(cast.primary, "nhap/luu/"))
    assert "Không còn bản xem trước" in html(client.get(again.url))


def test_import_refuses_a_bad_file_in_vietnamese(client, cast):
    login(client, cast.principal, cast)
    bad = io.BytesIO(b"%PDF-1.4 not a staff list")
    bad.name = "danh-sach.xlsx"
    answer = client.post(url(cast.primary, "nhap/"), {"file": bad})
    assert answer.status_code == 400 and "không phải tệp Excel .xlsx" in html(answer)
    assert client.post(url(cast.primary, "nhap/"), {}).status_code == 400


def test_staff_cannot_import(client, cast):
    login(client, cast.staff, cast)
    assert client.get(url(cast.primary, "nhap/")).status_code == 403


# --- the Người phụ trách page and the picker ---------------------------------------------------


ROWS = [
    {"criterion_code": "1.3", "lead_text": "HT", "coordinators_text": "Kế toán, Tổ văn phòng"},
    {"criterion_code": "3.2", "lead_text": "PHT", "coordinators_text": "Thủ quỹ; cô Lan"},
    {"criterion_code": "5.1", "lead_text": "TTCM", "coordinators_text": "GVCN khối 5, thủ quỹ"},
]


def test_the_plan_page_shows_resolutions_and_maps_once_for_the_school(client, cast, staff):
    plan = make_plan(cast.primary, cast.principal, rows=ROWS)
    login(client, cast.principal, cast)
    page = client.get(f"/ke-hoach/{plan.pk}/nguoi-phu-trach/")
    text = html(page)
    assert page.status_code == 200
    assert "Nguyễn Văn An" in text and "Tổ văn phòng" in text and "Đỗ Thị Thu" in text
    assert "“Thủ quỹ”" in text and "(dòng 2, 3)" in text and "“cô Lan”" in text
    answer = client.post(
        f"/ke-hoach/{plan.pk}/nguoi-phu-trach/gan/",
        {"text": "Thủ quỹ", "target": f"person:{staff.people['mai'].pk}"},
    )
    assert "Từ nay “Thủ quỹ” ứng với Ngô Thị Mai" in html(client.get(answer.url))
    # Another plan of the school uses the mapping at once.
    other = make_plan(
        cast.primary, cast.principal, rows=[{"lead_text": "Thủ quỹ"}], start_year=2026, end_year=2027
    )
    assert "“Thủ quỹ”" not in html(client.get(f"/ke-hoach/{other.pk}/nguoi-phu-trach/"))
    assert ResponsibleMapping.objects.get().person == staff.people["mai"]


@pytest.mark.parametrize(
    "target", ["", "person:abc", "person:999999", "group:0", "position:", "everyone", "<b>", "person:"]
)
def test_odd_mapping_targets_are_answered_in_vietnamese(client, cast, staff, target):
    plan = make_plan(cast.primary, cast.principal, rows=ROWS[1:2])
    login(client, cast.principal, cast)
    answer = client.post(f"/ke-hoach/{plan.pk}/nguoi-phu-trach/gan/", {"text": "Thủ quỹ", "target": target})
    assert answer.status_code == 400
    assert "hãy chọn" in html(answer).lower()
    assert not ResponsibleMapping.objects.exists()


def test_staff_read_the_page_but_do_not_map(client, cast, staff):
    plan = make_plan(cast.primary, cast.principal, rows=ROWS)
    login(client, cast.staff, cast)
    page = client.get(f"/ke-hoach/{plan.pk}/nguoi-phu-trach/")
    assert page.status_code == 200 and "Gán cho cả trường" not in html(page)
    assert (
        client.post(
            f"/ke-hoach/{plan.pk}/nguoi-phu-trach/gan/", {"text": "Thủ quỹ", "target": "nobody"}
        ).status_code
        == 403
    )
    login(client, cast.specialist, cast)
    # The office does not see a draft plan at all: its pages answer as for a missing number.
    assert client.get(f"/ke-hoach/{plan.pk}/nguoi-phu-trach/").status_code == 404


def test_the_mappings_page_lists_and_removes(client, cast, staff):
    mapping = services.mapping_set(
        school=cast.primary, text="Nhà trường", kind="nobody", actor=cast.principal
    )
    login(client, cast.principal, cast)
    assert "“Nhà trường”" in html(client.get(url(cast.primary, "cach-ghi/")))
    client.post(url(cast.primary, f"cach-ghi/{mapping.pk}/xoa/"))
    assert not ResponsibleMapping.objects.exists()


def _page_queries(client, plan) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/ke-hoach/{plan.pk}/nguoi-phu-trach/").status_code == 200
    return len(queries)


def test_the_plan_page_queries_do_not_grow_with_rows(client, cast, staff):
    login(client, cast.principal, cast)
    small = make_plan(cast.primary, cast.principal, rows=ROWS)
    big = make_plan(cast.primary, cast.principal, rows=ROWS * 8, start_year=2026, end_year=2027)
    assert _page_queries(client, small) == _page_queries(client, big)


def test_the_picker_offers_people_positions_and_groups(client, cast, staff):
    plan = make_plan(cast.primary, cast.principal, rows=ROWS)
    item = plan.items.order_by("order").first()
    login(client, cast.council, cast)
    base = f"/ke-hoach/{plan.pk}/dong/{item.pk}/goi-y-phu-trach/"
    answer = html(client.get(base, {"o": "coordinators_text", "coordinators_text": "Hiệu trưởng, ke t"}))
    assert 'data-pick="Kế toán"' in answer and 'data-pick="Hoàng Thị Em"' in answer
    assert f'data-pick-into="f-{item.pk}-coordinators_text"' in answer
    # The piece being typed is not understood yet, and the page says so.
    assert "Hiểu là: Nguyễn Văn An · chưa rõ: ke t" in answer
    done = html(client.get(base, {"o": "coordinators_text", "coordinators_text": "Hiệu trưởng, Kế toán"}))
    assert "Hiểu là: Nguyễn Văn An, Hoàng Thị Em" in done
    homeroom = html(client.get(base, {"o": "lead_text", "lead_text": "GVCN khối 5"}))
    assert 'data-pick="Lê Thị Cúc"' in homeroom and 'data-pick="Đỗ Thị Thu"' in homeroom
    groups = html(client.get(base, {"o": "lead_text", "lead_text": "to van"}))
    assert 'data-pick="Tổ văn phòng"' in groups
    assert "<script" not in groups and "onclick" not in groups
    # Odd values: an unknown field, a huge text, nothing at all.
    assert client.get(base, {"o": "budget", "lead_text": "x" * 50000}).status_code == 200
    assert client.get(base).status_code == 200


def test_the_picker_is_for_those_who_edit_the_plan(client, cast, staff):
    plan = make_plan(cast.primary, cast.principal, rows=ROWS)
    item = plan.items.first()
    login(client, cast.staff, cast)
    assert client.get(f"/ke-hoach/{plan.pk}/dong/{item.pk}/goi-y-phu-trach/").status_code == 403
    other = make_plan(cast.primary, cast.principal, rows=ROWS, start_year=2026, end_year=2027)
    login(client, cast.principal, cast)
    assert client.get(f"/ke-hoach/{other.pk}/dong/{item.pk}/goi-y-phu-trach/").status_code == 404


def test_the_row_editor_asks_the_picker(client, cast, staff):
    plan = make_plan(cast.primary, cast.principal, rows=ROWS)
    item = plan.items.order_by("order").first()
    login(client, cast.principal, cast)
    page = html(client.get(f"/ke-hoach/{plan.pk}/soan/"))
    assert f'hx-get="/ke-hoach/{plan.pk}/dong/{item.pk}/goi-y-phu-trach/?o=lead_text"' in page
    assert f'id="pick-{item.pk}-coordinators_text"' in page
    assert "caitien/people.js" in page


def test_without_a_directory_the_picker_offers_the_schools_accounts(client, cast):
    plan = make_plan(cast.primary, cast.principal, rows=ROWS[:1])
    item = plan.items.first()
    login(client, cast.principal, cast)
    answer = html(client.get(f"/ke-hoach/{plan.pk}/dong/{item.pk}/goi-y-phu-trach/", {"lead_text": "binh"}))
    assert 'data-pick="Trần Thị Bình"' in answer
    positions = html(
        client.get(f"/ke-hoach/{plan.pk}/dong/{item.pk}/goi-y-phu-trach/", {"lead_text": "to truong"})
    )
    assert 'data-pick="Tổ trưởng chuyên môn"' in positions
