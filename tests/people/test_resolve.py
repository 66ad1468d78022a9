"""Lead and coordinator texts as Vietnamese schools write them, resolved to people and groups."""

import pytest

from caitien.people import services
from caitien.people.models import ResponsibleMapping
from caitien.people.resolve import SchoolDirectory, normalize, resolve_responsibles, split_pieces

HOMEROOM = {"cuc", "minh", "hoa", "thu"}
SUBJECT_LEADERS = {"minh", "cuc", "nam"}
EVERYONE = {
    "an",
    "binh",
    "cuc",
    "dung",
    "em",
    "lan_v",
    "minh",
    "hoa",
    "mai",
    "nam",
    "hanh",
    "tuan",
    "thu",
    "son",
    "lan_n",
}

# text -> (people keys, group keys, unresolved texts)
TABLE = [
    ("Hiệu trưởng", {"an"}, set(), []),
    ("HT", {"an"}, set(), []),
    ("PHT", {"binh"}, set(), []),
    ("Phó Hiệu trưởng", {"binh"}, set(), []),
    ("Hiệu phó", {"binh"}, set(), []),
    ("P.HT", {"binh"}, set(), []),
    ("BGH", set(), {"bgh"}, []),
    ("Ban giám hiệu", set(), {"bgh"}, []),
    ("Kế toán", {"em"}, set(), []),
    ("ke toan", {"em"}, set(), []),
    ("KT", {"em"}, set(), []),
    ("Tổ trưởng CM", SUBJECT_LEADERS, set(), []),
    ("Tổ trưởng chuyên môn các khối", SUBJECT_LEADERS, set(), []),
    ("Phó Hiệu trưởng phụ trách chuyên môn", {"binh"}, set(), []),
    ("nhân viên văn thư", {"mai"}, set(), []),
    ("Tổ trưởng chuyên môn khối 4", {"cuc"}, set(), []),
    ("Tổ trưởng chuyên môn", SUBJECT_LEADERS, set(), []),
    ("TTCM", SUBJECT_LEADERS, set(), []),
    ("Các tổ trưởng chuyên môn", SUBJECT_LEADERS, set(), []),
    ("TPCM", {"hoa"}, set(), []),
    ("GVCN khối 5", {"cuc", "thu"}, set(), []),
    ("GVCN khoi 1", {"minh", "hoa"}, set(), []),
    ("GVCN", HOMEROOM, set(), []),
    ("GVCN các lớp", HOMEROOM, set(), []),
    ("TPT Đội", {"dung"}, set(), []),
    ("Tổng phụ trách Đội", {"dung"}, set(), []),
    ("TPT", {"dung"}, set(), []),
    ("Tổ văn phòng", set(), {"vp"}, []),
    ("Văn phòng", set(), {"vp"}, []),
    ("Nguyễn Văn An", {"an"}, set(), []),
    ("nguyen van an", {"an"}, set(), []),
    ("Đ/c Hoàng Thị Em", {"em"}, set(), []),
    ("cô Mai", {"mai"}, set(), []),
    ("thầy Tuấn", {"tuan"}, set(), []),
    # Two people are called Lan: the principal says which one, once.
    ("cô Lan", set(), set(), ["cô Lan"]),
    ("NV thư viện", {"lan_v"}, set(), []),
    ("Nhân viên y tế", {"hanh"}, set(), []),
    ("Ban đại diện CMHS", set(), {"cmhs"}, []),
    ("CMHS", set(), {"cmhs"}, []),
    ("Phụ huynh học sinh", set(), {"cmhs"}, []),
    ("Trưởng ban đại diện CMHS", {"hung"}, set(), []),
    ("BGH, TTCM, GVCN", SUBJECT_LEADERS | HOMEROOM, {"bgh"}, []),
    ("Kế toán - Thủ quỹ", {"em"}, set(), ["Thủ quỹ"]),
    ("Tổ 1", set(), {"to1"}, []),
    ("Tổ trưởng tổ 1", {"minh"}, set(), []),
    ("Tổ phó tổ 1", {"hoa"}, set(), []),
    ("Khối trưởng khối 5", {"cuc"}, set(), []),
    ("Tổ Tiếng Anh - Tin học", set(), {"ta"}, []),
    ("Tổ Tiếng Anh", set(), {"ta"}, []),
    ("GV Tiếng Anh", {"nam"}, set(), []),
    ("Toàn thể CB-GV-NV", EVERYONE, set(), []),
    ("Hội đồng sư phạm", EVERYONE, set(), []),
    ("Chủ tịch Công đoàn", {"son"}, set(), []),
    ("CĐ", set(), {"cd"}, []),
    ("HĐTĐG", set(), {"hd"}, []),
    ("Tổ giám sát", set(), {"gs"}, []),
    ("UBND xã Định Thành", set(), set(), ["UBND xã Định Thành"]),
    ("ĐTN", set(), set(), ["ĐTN"]),
    ("Chủ trì: HT; phối hợp: Kế toán", {"an", "em"}, set(), []),
    ("Trần Thị Bình (PHT)", {"binh"}, set(), []),
    ("HT/PHT", {"an", "binh"}, set(), []),
    ("HT và Kế toán", {"an", "em"}, set(), []),
    ("- BGH\n- Tổ văn phòng", set(), {"bgh", "vp"}, []),
    ("GVCN khối 4, 5", {"cuc", "thu"}, set(), ["GVCN khối 4"]),
    ("", set(), set(), []),
    ("   ", set(), set(), []),
]


def _keys(found, by_key):
    names = {v.pk: k for k, v in by_key.items()}
    return {names[x.pk] for x in found}


@pytest.mark.parametrize(
    ("text", "people", "groups", "unresolved"), TABLE, ids=[row[0] or "empty" for row in TABLE]
)
def test_texts_resolve_to_people_and_groups(staff, text, people, groups, unresolved):
    found = resolve_responsibles(staff.school, text)
    assert _keys(found.people, staff.people) == people
    assert _keys(found.groups, staff.groups) == groups
    assert found.unresolved == unresolved


def test_the_table_is_large_enough():
    assert len(TABLE) >= 30


def test_abbreviations_are_written_out():
    assert normalize("Đ/c TTCM khối 5") == "to truong chuyen mon khoi 5"
    assert normalize("TPT Đội") == normalize("Tổng phụ trách Đội") == "tong phu trach doi"
    assert normalize("Hiệu phó") == normalize("PHT")


def test_pieces_keep_their_writing():
    assert split_pieces("BGH, GVCN khối 4, 5") == ["BGH", "GVCN khối 4", "GVCN khối 5"]
    assert split_pieces("Đ/c Lan (NV thư viện)") == ["Đc Lan", "NV thư viện"]


def test_someone_who_left_is_not_named(staff, cast):
    services.person_set_active(staff.people["em"], active=False, actor=cast.principal)
    found = resolve_responsibles(staff.school, "Kế toán")
    assert found.people == [] and found.unresolved == ["Kế toán"]


def test_another_schools_people_are_never_named(staff, cast):
    services.person_create(school=cast.other, full_name="Phan Thị Quỳnh", position="Thủ quỹ")
    assert resolve_responsibles(staff.school, "Thủ quỹ").unresolved == ["Thủ quỹ"]
    assert resolve_responsibles(cast.other, "Thủ quỹ").people[0].full_name == "Phan Thị Quỳnh"


def test_a_mapping_decided_once_is_used_from_then_on(staff, cast):
    school = staff.school
    assert resolve_responsibles(school, "cô Lan").unresolved == ["cô Lan"]
    services.mapping_set(
        school=school,
        text="cô Lan",
        kind=ResponsibleMapping.Kind.PERSON,
        person=staff.people["lan_v"],
        actor=cast.principal,
    )
    services.mapping_set(
        school=school, text="Nhà trường", kind=ResponsibleMapping.Kind.NOBODY, actor=cast.principal
    )
    services.mapping_set(
        school=school,
        text="Bộ phận bán trú",
        kind=ResponsibleMapping.Kind.GROUP,
        group=staff.groups["vp"],
        actor=cast.principal,
    )
    services.mapping_set(
        school=school,
        text="Thủ quỹ",
        kind=ResponsibleMapping.Kind.POSITION,
        position="Văn thư",
        actor=cast.principal,
    )
    found = resolve_responsibles(school, "Cô Lan, Nhà trường; BP bán trú, thủ quỹ")
    assert _keys(found.people, staff.people) == {"lan_v", "mai"}
    assert _keys(found.groups, staff.groups) == {"vp"}
    assert found.unresolved == []
    # Written without diacritics, the same mapping applies.
    assert _keys(resolve_responsibles(school, "co lan").people, staff.people) == {"lan_v"}


def test_mapping_again_replaces_the_first_answer(staff, cast):
    kind = ResponsibleMapping.Kind.PERSON
    services.mapping_set(
        school=staff.school, text="cô Lan", kind=kind, person=staff.people["lan_v"], actor=cast.principal
    )
    services.mapping_set(
        school=staff.school, text="Cô Lan", kind=kind, person=staff.people["lan_n"], actor=cast.principal
    )
    assert ResponsibleMapping.objects.filter(school=staff.school).count() == 1
    assert _keys(resolve_responsibles(staff.school, "cô Lan").people, staff.people) == {"lan_n"}


def test_groups_carry_their_members(staff):
    found = resolve_responsibles(staff.school, "Tổ văn phòng")
    assert _keys(found.everyone(), staff.people) == {"em", "lan_v", "mai", "hanh"}


def test_one_directory_resolves_many_texts_without_queries(staff, django_assert_num_queries):
    directory = SchoolDirectory.load(staff.school)
    with django_assert_num_queries(0):
        for text, *_ in TABLE:
            resolve_responsibles(staff.school, text, directory=directory)


def test_the_rows_a_person_is_responsible_for(staff, cast):
    from caitien.people.selectors import responsibilities_of
    from tests.plans.conftest import make_plan

    rows = [
        {"lead_text": "Kế toán", "coordinators_text": "BGH"},
        {"lead_text": "HT", "coordinators_text": "Tổ văn phòng"},
        {"lead_text": "TPT Đội", "coordinators_text": "GVCN khối 5"},
    ]
    plan = make_plan(staff.school, cast.principal, rows=rows)
    items = list(plan.items.order_by("order"))
    em = [(i.order, role) for i, role in responsibilities_of(staff.people["em"], items)]
    assert em == [(1, "lead"), (2, "coordinator")]
    an = [(i.order, role) for i, role in responsibilities_of(staff.people["an"], items)]
    assert an == [(1, "coordinator"), (2, "lead")]
    assert [i.order for i, _ in responsibilities_of(staff.people["thu"], items)] == [3]
