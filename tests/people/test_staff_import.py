"""The staff list from real Excel files made with openpyxl: headers as schools write them, a preview
with a Vietnamese message per row, and bad files refused cleanly."""

import io
import zipfile

import openpyxl
import pytest

from caitien.people import services
from caitien.people.models import Group, GroupMember, Person
from caitien.people.staff_import import (
    MAX_FILE_BYTES,
    StaffFileRefused,
    StaffSheet,
    read_staff_xlsx,
    staff_import_apply,
)

HEADER = ["STT", "Họ và tên", "Chức vụ", "Tổ/Khối", "Email", "Điện thoại"]
ROWS = [
    [1, "Nguyễn Văn An", "Hiệu trưởng", "Ban giám hiệu", "an@thhb.edu.vn", "0912 345 678"],
    [2, "Trần Thị Bình", "Phó Hiệu trưởng", "Ban giám hiệu", "", "0987654321"],
    [3, "Đặng Văn Minh", "Tổ trưởng chuyên môn", "Tổ 1; Khối 1", "minh@thhb", "12"],
    [4, "Bùi Thị Hoa", "Giáo viên chủ nhiệm lớp 1B", "Tổ 1, Khối 1", "", ""],
    [5, "", "Giáo viên", "Tổ 2", "", ""],
    [6, "Hoàng Thị Em", "Kế toán", "Tổ văn phòng", "em@thhb.edu.vn", ""],
    [7, "nguyễn văn an", "Giáo viên", "", "", ""],
]


def xlsx(rows, *, title_rows=(), sheet_title="Danh sách") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_title
    for row in title_rows:
        sheet.append(row)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_preview_says_what_happens_to_each_row(cast):
    sheet = read_staff_xlsx(xlsx([HEADER, *ROWS]), "nhan-su.xlsx", cast.primary)
    assert sheet.columns == {
        "index": "STT",
        "full_name": "Họ và tên",
        "position": "Chức vụ",
        "groups": "Tổ/Khối",
        "email": "Email",
        "phone": "Điện thoại",
    }
    by_line = {r.line: r for r in sheet.rows}
    assert by_line[2].action == "create" and by_line[2].email == "an@thhb.edu.vn"
    assert by_line[4].groups == ["Tổ 1", "Khối 1"]
    assert (
        any("Email “minh@thhb” chưa đúng dạng" in m for m in by_line[4].messages) and by_line[4].email == ""
    )
    assert any("Số điện thoại “12” chưa đúng" in m for m in by_line[4].messages)
    assert by_line[6].action == "skip" and "Thiếu họ và tên" in by_line[6].messages[0]
    assert by_line[8].action == "skip" and "Trùng họ tên với dòng 2" in by_line[8].messages[0]
    assert (sheet.to_create, sheet.to_update, sheet.skipped) == (5, 0, 2)


def test_saving_makes_people_groups_and_roles(cast):
    sheet = read_staff_xlsx(xlsx([HEADER, *ROWS]), "nhan-su.xlsx", cast.primary)
    result = staff_import_apply(school=cast.primary, sheet=sheet, actor=cast.principal)
    assert (result.created, result.updated, result.skipped) == (5, 0, 2)
    assert set(result.groups_created) == {"Ban giám hiệu", "Tổ 1", "Khối 1", "Tổ văn phòng"}
    kinds = dict(Group.objects.filter(school=cast.primary).values_list("name", "kind"))
    assert kinds == {"Ban giám hiệu": "board", "Tổ 1": "subject", "Khối 1": "grade", "Tổ văn phòng": "office"}
    minh = Person.objects.get(full_name="Đặng Văn Minh")
    assert GroupMember.objects.get(person=minh, group__name="Tổ 1").role == "leader"
    assert Person.objects.get(full_name="Nguyễn Văn An").phone == "0912 345 678"


def test_a_second_import_updates_and_keeps_roles(cast):
    staff_import_apply(
        school=cast.primary, sheet=read_staff_xlsx(xlsx([HEADER, *ROWS]), "a.xlsx", cast.primary), actor=None
    )
    hoa = Person.objects.get(full_name="Bùi Thị Hoa")
    services.member_set(group=Group.objects.get(name="Tổ 1"), person=hoa, role=GroupMember.Role.DEPUTY)
    services.person_set_active(hoa, active=False)
    again = read_staff_xlsx(
        xlsx([HEADER, [1, "Bui Thi Hoa", "Giáo viên chủ nhiệm lớp 2A", "Tổ 1", "hoa@thhb.edu.vn", ""]]),
        "b.xlsx",
        cast.primary,
    )
    # Written without diacritics, the same person is recognised.
    assert again.rows[0].action == "update" and again.rows[0].person_id == hoa.pk
    result = staff_import_apply(school=cast.primary, sheet=again, actor=None)
    hoa.refresh_from_db()
    assert result.updated == 1 and hoa.active and hoa.email == "hoa@thhb.edu.vn"
    assert hoa.position == "Giáo viên chủ nhiệm lớp 2A" and hoa.full_name == "Bùi Thị Hoa"
    assert GroupMember.objects.get(person=hoa, group__name="Tổ 1").role == "deputy"


@pytest.mark.parametrize(
    "header",
    [
        ["TT", "HỌ VÀ TÊN", "CHỨC DANH", "TỔ CHUYÊN MÔN", "THƯ ĐIỆN TỬ", "SĐT"],
        ["So TT", "Ho va ten", "Chuc vu", "To/Khoi", "E-mail", "So dien thoai"],
        ["STT", "Họ tên", "Chức vụ hiện nay", "Tổ", "Email", "ĐT"],
    ],
)
def test_headers_are_matched_by_meaning(cast, header):
    data = xlsx(
        [header, [1, "Lê Thị Cúc", "Giáo viên", "Tổ 4-5", "cuc@thhb.edu.vn", "0909112233"]],
        title_rows=[["PHÒNG GD&ĐT HUYỆN DẦU TIẾNG"], ["DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN"], []],
    )
    sheet = read_staff_xlsx(data, "ds.xlsx", cast.primary)
    row = sheet.rows[0]
    assert (row.line, row.full_name, row.position, row.groups) == (5, "Lê Thị Cúc", "Giáo viên", ["Tổ 4-5"])
    assert row.email == "cuc@thhb.edu.vn" and row.phone == "0909112233"


def test_the_preview_survives_the_session(cast):
    sheet = read_staff_xlsx(xlsx([HEADER, *ROWS]), "nhan-su.xlsx", cast.primary)
    again = StaffSheet.from_data(sheet.as_data())
    assert again.rows == sheet.rows and again.to_create == sheet.to_create


# --- bad files --------------------------------------------------------------------------------


def _zip(parts: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _refused(data, name="nhan-su.xlsx", school=None) -> str:
    with pytest.raises(StaffFileRefused) as caught:
        read_staff_xlsx(data, name, school)
    return str(caught.value)


def test_a_text_file_named_xlsx_is_refused(cast):
    assert "không phải tệp Excel .xlsx" in _refused("STT;Họ và tên\n1;An".encode(), school=cast.primary)


def test_an_old_xls_file_is_refused_with_what_to_do(cast):
    message = _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "ds.xls", cast.primary)
    assert "Excel cũ (.xls)" in message and "Lưu thành" in message


def test_a_truncated_file_is_refused(cast):
    data = xlsx([HEADER, *ROWS])
    assert "bị hỏng" in _refused(data[: len(data) // 2], school=cast.primary)


def test_a_file_too_big_is_refused_before_reading(cast):
    assert "quá lớn" in _refused(b"PK\x03\x04" + b"\x00" * (MAX_FILE_BYTES + 1), school=cast.primary)


def test_an_empty_file_is_refused(cast):
    assert "trống" in _refused(b"", school=cast.primary)


def test_a_zip_bomb_is_refused(cast):
    parts = _parts(xlsx([HEADER, *ROWS]))
    parts["xl/media/padding.bin"] = b"\x00" * (3 * 1024 * 1024)  # 3 MB of zeros squeezed into a few kilobytes
    assert "bom nén" in _refused(_zip(parts), school=cast.primary)


def test_xml_with_entities_is_refused(cast):
    parts = _parts(xlsx([HEADER, *ROWS]))
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        "<worksheet", '<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet', 1
    ).encode()
    assert "DOCTYPE/ENTITY" in _refused(_zip(parts), school=cast.primary)


def test_a_workbook_without_a_staff_header_is_refused(cast):
    data = xlsx([["Tiêu chí", "Kết quả"], ["1.1", "Đạt"]])
    assert "Không tìm thấy dòng tiêu đề" in _refused(data, school=cast.primary)


def test_a_header_without_people_says_so(cast):
    sheet = read_staff_xlsx(xlsx([HEADER]), "ds.xlsx", cast.primary)
    assert sheet.rows == [] and "chưa có người nào" in sheet.messages[0]


def _parts(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}
