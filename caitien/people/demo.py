"""The demo schools' staff directories: people with positions, teams, grades, the board, the council,
the monitoring team, the trade union and the parents' board; the demo users linked to their entry.

Built once per school (a school that already has people is left alone), so running the demo again
changes nothing. The rows of the demo plans ("Kế toán, Tổ văn phòng", "Tổ trưởng chuyên môn các
khối", "Giáo viên chủ nhiệm khối 1"…) resolve to these people; "giáo viên bộ môn" is left for the
principal to map on the plan's "Người phụ trách" page.
"""

from __future__ import annotations

from django.db import transaction

from caitien.people import services
from caitien.people.models import Group, GroupMember, Person
from caitien.schools.models import School, User

L, D, S, M = (
    GroupMember.Role.LEADER,
    GroupMember.Role.DEPUTY,
    GroupMember.Role.SECRETARY,
    GroupMember.Role.MEMBER,
)
K = Group.Kind

# short code -> (people: (key, full name, position, demo username or "", phone), groups: (name, kind,
# [(person key, role)]))
DIRECTORIES = {
    "THTP": (
        [
            ("ha", "Nguyễn Thị Thu Hà", "Hiệu trưởng", "hieutruong", "0276 3851 201"),
            ("khoa", "Trần Văn Khoa", "Phó Hiệu trưởng", "phohieutruong", "0918 234 567"),
            ("linh", "Lê Thị Mỹ Linh", "Giáo viên chủ nhiệm lớp 4A", "hoidong", "0909 112 233"),
            ("bao", "Phạm Quốc Bảo", "Giáo viên Thể dục", "giamsat", "0938 445 566"),
            ("tram", "Võ Thị Ngọc Trâm", "Giáo viên chủ nhiệm lớp 3A", "giaovien", "0987 667 788"),
            ("tai", "Huỳnh Văn Tài", "Tổng phụ trách Đội", "", "0945 221 334"),
            ("ngoc", "Nguyễn Thị Bích Ngọc", "Kế toán", "", "0916 778 899"),
            ("cuc", "Trần Thị Kim Cúc", "Văn thư", "", ""),
            ("hau", "Lê Văn Hậu", "Nhân viên thư viện", "", ""),
            ("hong", "Phan Thị Hồng", "Nhân viên y tế", "", ""),
            ("luc", "Đỗ Văn Lực", "Nhân viên thiết bị", "", ""),
            ("duc", "Mai Văn Đức", "Bảo vệ", "", ""),
            ("thuy", "Ngô Thị Thanh Thủy", "Giáo viên chủ nhiệm lớp 1A", "", ""),
            ("lananh", "Bùi Thị Lan Anh", "Giáo viên chủ nhiệm lớp 1B", "", ""),
            ("quan", "Đặng Minh Quân", "Giáo viên chủ nhiệm lớp 2A", "", ""),
            ("trang", "Hồ Thị Thu Trang", "Giáo viên chủ nhiệm lớp 2B", "", ""),
            ("han", "Lý Thị Ngọc Hân", "Giáo viên chủ nhiệm lớp 3B", "", ""),
            ("tuyen", "Trương Thị Mộng Tuyền", "Giáo viên chủ nhiệm lớp 4B", "", ""),
            ("phong", "Châu Văn Phong", "Giáo viên chủ nhiệm lớp 5A", "", ""),
            ("yen", "Dương Thị Yến", "Giáo viên chủ nhiệm lớp 5B", "", ""),
            ("phuc", "Nguyễn Hoàng Phúc", "Giáo viên Tiếng Anh", "", ""),
            ("mai", "Tạ Thị Mai", "Giáo viên Tin học", "", ""),
            ("diem", "Lâm Thị Diễm", "Giáo viên Âm nhạc", "", ""),
            ("tu", "Võ Văn Tú", "Giáo viên Mĩ thuật", "", ""),
            ("nhung", "Phạm Thị Hồng Nhung", "Trưởng ban đại diện cha mẹ học sinh", "", "0903 556 677"),
            ("loi", "Nguyễn Văn Lợi", "Phó ban đại diện cha mẹ học sinh", "", ""),
        ],
        [
            ("Ban giám hiệu", K.BOARD, [("ha", L), ("khoa", D)]),
            (
                "Tổ văn phòng",
                K.OFFICE,
                [("ngoc", L), ("cuc", D), ("hau", M), ("hong", M), ("luc", M), ("duc", M), ("tai", M)],
            ),
            ("Tổ khối 1", K.SUBJECT, [("thuy", L), ("lananh", D)]),
            ("Tổ khối 2-3", K.SUBJECT, [("quan", L), ("han", D), ("trang", M), ("tram", M)]),
            ("Tổ khối 4-5", K.SUBJECT, [("linh", L), ("phong", D), ("tuyen", M), ("yen", M)]),
            (
                "Tổ Tiếng Anh - Năng khiếu",
                K.SUBJECT,
                [("phuc", L), ("mai", M), ("diem", M), ("tu", M), ("bao", M)],
            ),
            ("Khối 1", K.GRADE, [("thuy", L), ("lananh", M)]),
            ("Khối 2", K.GRADE, [("quan", L), ("trang", M)]),
            ("Khối 3", K.GRADE, [("han", L), ("tram", M)]),
            ("Khối 4", K.GRADE, [("linh", L), ("tuyen", M)]),
            ("Khối 5", K.GRADE, [("phong", L), ("yen", M)]),
            (
                "Hội đồng tự đánh giá",
                K.COUNCIL,
                [
                    ("ha", L),
                    ("khoa", D),
                    ("linh", S),
                    ("ngoc", M),
                    ("thuy", M),
                    ("quan", M),
                    ("phuc", M),
                    ("tai", M),
                ],
            ),
            ("Tổ giám sát", K.MONITORING, [("bao", L), ("mai", S), ("hau", M)]),
            ("Công đoàn", K.OTHER, [("diem", L), ("hong", D), ("tram", M)]),
            ("Ban đại diện cha mẹ học sinh", K.PARENTS, [("nhung", L), ("loi", D)]),
        ],
    ),
    "MNHM": (
        [
            ("oanh", "Đoàn Thị Kim Oanh", "Hiệu trưởng", "hieutruong_mn", ""),
            ("thao", "Nguyễn Thị Thảo", "Phó Hiệu trưởng phụ trách chuyên môn", "", ""),
            ("nguyet", "Trần Thị Ánh Nguyệt", "Phó Hiệu trưởng phụ trách bán trú", "", ""),
            ("vy", "Lê Thị Tường Vy", "Kế toán", "", ""),
            ("sang", "Phạm Thị Sang", "Nhân viên cấp dưỡng", "", ""),
            ("nga", "Huỳnh Thị Nga", "Nhân viên cấp dưỡng", "", ""),
            ("hieu", "Võ Thị Hiếu", "Nhân viên y tế", "", ""),
            ("tien", "Đặng Thị Cẩm Tiên", "Giáo viên lớp Lá 1", "", ""),
            ("huong", "Bùi Thị Thanh Hương", "Giáo viên lớp Chồi 1", "", ""),
        ],
        [
            ("Ban giám hiệu", K.BOARD, [("oanh", L), ("thao", D), ("nguyet", D)]),
            ("Tổ văn phòng", K.OFFICE, [("vy", L), ("sang", M), ("nga", M), ("hieu", M)]),
            ("Tổ chuyên môn", K.SUBJECT, [("tien", L), ("huong", D)]),
        ],
    ),
    "THCSBĐ": (
        [
            ("phuc", "Lâm Văn Phúc", "Hiệu trưởng", "hieutruong_thcs", ""),
            ("son", "Trịnh Hoài Sơn", "Phó Hiệu trưởng", "", ""),
            ("kieu", "Ngô Thị Kiều", "Văn thư", "", ""),
            ("dao", "Phan Thị Đào", "Kế toán", "", ""),
            ("vinh", "Tô Văn Vinh", "Nhân viên thiết bị", "", ""),
            ("hai", "Lưu Thanh Hải", "Tổng phụ trách Đội", "", ""),
            ("nhan", "Trần Thị Thanh Nhàn", "Giáo viên Toán", "", ""),
            ("kiet", "Lê Tuấn Kiệt", "Giáo viên Tin học", "", ""),
        ],
        [
            ("Ban giám hiệu", K.BOARD, [("phuc", L), ("son", D)]),
            ("Tổ văn phòng", K.OFFICE, [("dao", L), ("kieu", M), ("vinh", M)]),
            ("Tổ Toán - Tin", K.SUBJECT, [("nhan", L), ("kiet", M)]),
        ],
    ),
}


@transaction.atomic
def people_demo_load() -> int:
    """The demo schools' directories; returns how many people were added (0 on a second run)."""
    added = 0
    schools = {s.short_code: s for s in School.objects.filter(short_code__in=DIRECTORIES)}
    for code, (people, groups) in DIRECTORIES.items():
        school = schools.get(code)
        if school is None or Person.objects.filter(school=school).exists():
            continue
        usernames = [username for *_, username, _phone in people if username]
        users = {
            u.username: u for u in User.objects.filter(username__in=usernames, memberships__school=school)
        }
        made = {}
        for order, (key, full_name, position, username, phone) in enumerate(people, start=1):
            made[key] = services.person_create(
                school=school,
                full_name=full_name,
                position=position,
                phone=phone,
                email=f"{username}@demo.caitien.vn" if username else "",
                user=users.get(username),
                order=order,
            )
        for name, kind, members in groups:
            group = services.group_create(school=school, name=name, kind=kind)
            for key, role in members:
                services.member_set(group=group, person=made[key], role=role)
        added += len(made)
    return added
