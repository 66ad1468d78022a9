"""A primary school's staff directory as schools write it: positions, tổ chuyên môn, khối, the
office team, the board, the council, the monitoring team, the trade union and the parents' board."""

from types import SimpleNamespace

import pytest

from caitien.people import services
from caitien.people.models import Group, GroupMember

LEADER, DEPUTY, SECRETARY, MEMBER = (
    GroupMember.Role.LEADER,
    GroupMember.Role.DEPUTY,
    GroupMember.Role.SECRETARY,
    GroupMember.Role.MEMBER,
)

PEOPLE = [
    # key, full name, position, account username from the cast
    ("an", "Nguyễn Văn An", "Hiệu trưởng", "principal"),
    ("binh", "Trần Thị Bình", "Phó Hiệu trưởng", "vice"),
    ("cuc", "Lê Thị Cúc", "Giáo viên chủ nhiệm lớp 5A", "council"),
    ("dung", "Phạm Văn Dũng", "Tổng phụ trách Đội", "monitor"),
    ("em", "Hoàng Thị Em", "Kế toán", "staff"),
    ("lan_v", "Võ Thị Lan", "Nhân viên thư viện", None),
    ("minh", "Đặng Văn Minh", "Giáo viên chủ nhiệm lớp 1A", None),
    ("hoa", "Bùi Thị Hoa", "Giáo viên chủ nhiệm lớp 1B", None),
    ("mai", "Ngô Thị Mai", "Văn thư", None),
    ("nam", "Trương Văn Nam", "Giáo viên Tiếng Anh", None),
    ("hanh", "Lý Thị Hạnh", "Nhân viên y tế", None),
    ("tuan", "Phan Văn Tuấn", "Bảo vệ", None),
    ("thu", "Đỗ Thị Thu", "Giáo viên chủ nhiệm lớp 5B", None),
    ("son", "Mai Văn Sơn", "Giáo viên Thể dục", None),
    ("lan_n", "Nguyễn Thị Lan", "Giáo viên", None),
    ("hung", "Lương Văn Hùng", "Trưởng ban đại diện CMHS", None),
]

GROUPS = [
    ("bgh", "Ban giám hiệu", Group.Kind.BOARD, [("an", LEADER), ("binh", DEPUTY)]),
    (
        "vp",
        "Tổ văn phòng",
        Group.Kind.OFFICE,
        [("em", LEADER), ("lan_v", MEMBER), ("mai", MEMBER), ("hanh", MEMBER)],
    ),
    ("to1", "Tổ 1", Group.Kind.SUBJECT, [("minh", LEADER), ("hoa", DEPUTY)]),
    ("to45", "Tổ 4-5", Group.Kind.SUBJECT, [("cuc", LEADER), ("thu", MEMBER), ("lan_n", MEMBER)]),
    ("ta", "Tổ Tiếng Anh - Tin học", Group.Kind.SUBJECT, [("nam", LEADER), ("son", MEMBER)]),
    ("k1", "Khối 1", Group.Kind.GRADE, [("minh", LEADER), ("hoa", MEMBER)]),
    ("k5", "Khối 5", Group.Kind.GRADE, [("cuc", LEADER), ("thu", MEMBER)]),
    (
        "hd",
        "Hội đồng tự đánh giá",
        Group.Kind.COUNCIL,
        [("an", LEADER), ("binh", DEPUTY), ("cuc", SECRETARY)],
    ),
    ("gs", "Tổ giám sát", Group.Kind.MONITORING, [("dung", LEADER), ("nam", MEMBER)]),
    ("cd", "Công đoàn", Group.Kind.OTHER, [("son", LEADER), ("em", MEMBER)]),
    ("cmhs", "Ban đại diện cha mẹ học sinh", Group.Kind.PARENTS, [("hung", LEADER)]),
]


@pytest.fixture
def staff(cast):
    """The directory of cast.primary: `staff.people[key]`, `staff.groups[key]`."""
    school = cast.primary
    people = {}
    for key, name, position, username in PEOPLE:
        user = getattr(cast, username) if username else None
        people[key] = services.person_create(
            school=school, full_name=name, position=position, user=user, actor=cast.principal
        )
    groups = {}
    for key, name, kind, members in GROUPS:
        groups[key] = services.group_create(school=school, name=name, kind=kind, actor=cast.principal)
        for person_key, role in members:
            services.member_set(group=groups[key], person=people[person_key], role=role, actor=cast.principal)
    return SimpleNamespace(school=school, people=people, groups=groups)
