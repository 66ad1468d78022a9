"""The staff list from an Excel file: read, previewed row by row, then saved.

Schools keep their staff list (danh sách cán bộ, giáo viên, nhân viên) in Excel with columns such as
STT | Họ và tên | Chức vụ | Tổ/Khối | Email | Điện thoại, written in many ways ("Họ tên", "HỌ VÀ TÊN",
"Ho va ten", "Chức danh", "Tổ chuyên môn", "SĐT"…). The header row is found by meaning, without
diacritics, in the first rows of each sheet. The file goes through the same safety checks as plan
files (format by content, size, zip bombs, XML declarations) before openpyxl reads it.

Reading gives a preview (`StaffSheet`) whose rows say what will happen to each person, in
Vietnamese; nothing is saved until `staff_import_apply` is called with that preview.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from caitien.audit.services import audit_record
from caitien.people import services
from caitien.people.models import Group, GroupMember, Person
from caitien.people.resolve import normalize
from caitien.planfile.readers import ReadError, detect_format
from caitien.planfile.readers.xlsx import read_sheets
from caitien.text import fold, nfc

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_PEOPLE = 1000
HEADER_SEARCH_ROWS = 15

# Column meaning -> header texts (folded, punctuation as spaces). A header cell means a column when
# it equals one of these or starts with one of them.
HEADERS = {
    "index": ("stt", "tt", "so tt", "so thu tu"),
    "full_name": (
        "ho va ten",
        "ho ten",
        "ho va ten can bo",
        "ten can bo",
        "ten giao vien",
        "ho ten giao vien",
    ),
    "position": ("chuc vu", "chuc danh", "vi tri viec lam", "nhiem vu"),
    "groups": ("to khoi", "to bo phan", "to chuyen mon", "to", "khoi", "bo phan", "don vi"),
    "email": ("email", "e mail", "thu dien tu", "mail", "dia chi email"),
    "phone": ("dien thoai", "so dien thoai", "sdt", "dt", "di dong", "so dt"),
}


class StaffFileRefused(ValueError):
    """The file cannot be read as a staff list; str(error) says why and what to do, in Vietnamese."""


@dataclass
class StaffRow:
    line: int  # the row number in the sheet, as Excel shows it
    full_name: str
    position: str = ""
    groups: list[str] = field(default_factory=list)
    email: str = ""
    phone: str = ""
    action: str = "create"  # create | update | skip
    person_id: int | None = None
    messages: list[str] = field(default_factory=list)


@dataclass
class StaffSheet:
    filename: str
    sheet: str
    columns: dict[str, str]  # meaning -> header as written
    rows: list[StaffRow]
    messages: list[str] = field(default_factory=list)

    @property
    def to_create(self) -> int:
        return sum(r.action == "create" for r in self.rows)

    @property
    def to_update(self) -> int:
        return sum(r.action == "update" for r in self.rows)

    @property
    def skipped(self) -> int:
        return sum(r.action == "skip" for r in self.rows)

    def as_data(self) -> dict:
        """Plain data for the session between the preview and the confirmation."""
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict) -> StaffSheet:
        rows = [StaffRow(**row) for row in data["rows"]]
        return cls(data["filename"], data["sheet"], data["columns"], rows, data.get("messages", []))


def _header_key(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


def _meaning(header: str) -> str | None:
    key = _header_key(header)
    if not key:
        return None
    for meaning, words in HEADERS.items():
        if key in words:
            return meaning
    for meaning, words in HEADERS.items():
        if any(key.startswith(w + " ") for w in words if len(w) > 2):
            return meaning
    return None


def _find_header(grid: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for col, cell in enumerate(row):
            meaning = _meaning(cell)
            if meaning and meaning not in columns:
                columns[meaning] = col
        if "full_name" in columns and len(columns) >= 2:
            return index, columns
    return None


def _open_sheets(data: bytes, filename: str) -> list[tuple[str, list[list[str]]]]:
    name = filename or "đã tải lên"
    if not data:
        raise StaffFileRefused(
            f"Tệp “{name}” trống. Hãy chọn tệp Excel danh sách cán bộ, giáo viên, nhân viên."
        )
    if len(data) > MAX_FILE_BYTES:
        raise StaffFileRefused(
            f"Tệp “{name}” quá lớn ({len(data) / 1024 / 1024:.1f} MB, tối đa {MAX_FILE_BYTES // 1024 // 1024} MB). "
            "Danh sách nhân sự không cần lớn như vậy: hãy xóa hình ảnh, trang tính thừa rồi lưu lại."
        )
    kind = detect_format(data, filename)
    if kind in ("doc", "xls", "encrypted") or (kind == "unknown" and data[:4] == b"\xd0\xcf\x11\xe0"):
        raise StaffFileRefused(
            f"Tệp “{name}” là tệp Excel cũ (.xls). Hãy mở bằng Excel hoặc LibreOffice, chọn Lưu thành "
            "“Excel Workbook (.xlsx)” rồi tải lên tệp mới."
        )
    if kind not in ("xlsx", "zip"):
        raise StaffFileRefused(
            f"Tệp “{name}” không phải tệp Excel .xlsx. Hãy chọn tệp danh sách nhân sự lưu dạng .xlsx."
        )
    try:
        return read_sheets(data, filename)
    except ReadError as error:
        raise StaffFileRefused(str(error)) from None


def _split_groups(text: str) -> list[str]:
    parts = re.split(r"[;,\n]+", text or "")
    return [" ".join(nfc(p).split()) for p in parts if p.strip()]


def read_staff_xlsx(data: bytes, filename: str, school) -> StaffSheet:
    """The preview of a staff list for `school`; raises StaffFileRefused for a file it cannot read."""
    sheets = _open_sheets(data, filename)
    if not sheets:
        raise StaffFileRefused(
            "Tệp Excel không có trang tính nào có dữ liệu. Hãy chọn đúng tệp danh sách nhân sự."
        )
    found = title = grid = None
    for title, grid in sheets:  # noqa: B007 - the sheet where the header is found is kept
        found = _find_header(grid)
        if found is not None:
            break
    if found is None:
        raise StaffFileRefused(
            "Không tìm thấy dòng tiêu đề của danh sách: cần ít nhất cột “Họ và tên” và một cột khác như "
            "“Chức vụ”, “Tổ/Khối”, “Email” hoặc “Điện thoại” trong 15 dòng đầu của trang tính."
        )
    header_index, columns = found
    header = grid[header_index]
    sheet = StaffSheet(
        filename=filename,
        sheet=title,
        columns={meaning: header[col] for meaning, col in columns.items()},
        rows=[],
    )
    existing = {fold(p.full_name): p for p in Person.objects.filter(school=school)}
    seen: dict[str, int] = {}
    for offset, cells in enumerate(grid[header_index + 1 :], start=header_index + 2):

        def cell(meaning: str, cells=cells) -> str:
            col = columns.get(meaning)
            return nfc(cells[col]).strip() if col is not None and col < len(cells) else ""

        name = " ".join(cell("full_name").split())
        others = [cell(m) for m in ("position", "groups", "email", "phone")]
        if not name and not any(others):
            continue
        if len(sheet.rows) >= MAX_PEOPLE:
            sheet.messages.append(
                f"Danh sách dài hơn {MAX_PEOPLE} người: chỉ đọc {MAX_PEOPLE} người đầu; hãy chia tệp nếu cần."
            )
            break
        row = StaffRow(line=offset, full_name=name[:150], position=cell("position")[:100])
        row.groups = _split_groups(cell("groups"))
        _check_row(row, cell("email"), cell("phone"), name)
        if row.action != "skip":
            key = fold(row.full_name)
            if key in seen:
                row.action = "skip"
                row.messages.append(f"Trùng họ tên với dòng {seen[key]} của tệp: bỏ qua dòng này.")
            else:
                seen[key] = row.line
                if key in existing:
                    row.action = "update"
                    row.person_id = existing[key].pk
                    row.messages.append("Đã có trong danh sách nhân sự: cập nhật chức vụ, tổ/khối, liên hệ.")
        sheet.rows.append(row)
    if not sheet.rows:
        sheet.messages.append("Trang tính có dòng tiêu đề nhưng chưa có người nào bên dưới.")
    return sheet


def _check_row(row: StaffRow, email: str, phone: str, name: str) -> None:
    if not name:
        row.action = "skip"
        row.messages.append("Thiếu họ và tên: bỏ qua dòng này (hãy ghi họ tên rồi nhập lại nếu cần).")
        return
    if len(name) > 150:
        row.messages.append("Họ và tên dài hơn 150 ký tự: đã cắt bớt.")
    if re.search(r"\d", name):
        row.messages.append("Họ và tên có chữ số: hãy kiểm tra lại cột họ tên.")
    if email:
        try:
            validate_email(email)
            row.email = email
        except ValidationError:
            row.messages.append(
                f"Email “{email[:60]}” chưa đúng dạng (ví dụ: ten@truong.edu.vn): không lưu email."
            )
    if phone:
        digits = re.sub(r"\D", "", phone)
        if 9 <= len(digits) <= 11:
            row.phone = phone[:30]
        else:
            row.messages.append(
                f"Số điện thoại “{phone[:30]}” chưa đúng (9 đến 11 chữ số): không lưu số này."
            )


# --- saving -----------------------------------------------------------------------------------

_KIND_BY_START = [
    ("ban giam hieu", Group.Kind.BOARD),
    ("to van phong", Group.Kind.OFFICE),
    ("hoi dong tu danh gia", Group.Kind.COUNCIL),
    ("to giam sat", Group.Kind.MONITORING),
    ("ban dai dien cha me hoc sinh", Group.Kind.PARENTS),
    ("khoi", Group.Kind.GRADE),
    ("to", Group.Kind.SUBJECT),
]


def guess_group_kind(name: str) -> str:
    """The kind of a group known only by its name: "Khối 3" a grade, "Tổ 1" a subject team…"""
    key = normalize(name)
    for start, kind in _KIND_BY_START:
        if key == start or key.startswith(start + " "):
            return kind
    return Group.Kind.OTHER


def _role_from_position(position: str) -> str:
    key = normalize(position)
    if key.startswith(("to truong", "khoi truong")):
        return GroupMember.Role.LEADER
    if key.startswith(("to pho", "khoi pho")):
        return GroupMember.Role.DEPUTY
    return GroupMember.Role.MEMBER


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    groups_created: list[str] = field(default_factory=list)


@transaction.atomic
def staff_import_apply(*, school, sheet: StaffSheet, actor=None) -> ImportResult:
    """Save the previewed rows: new people, updated positions and contacts, groups made when missing,
    memberships added (a tổ trưởng/tổ phó in the position leads/deputises the group). One
    transaction: all or nothing."""
    result = ImportResult()
    groups = {normalize(g.name): g for g in Group.objects.filter(school=school)}
    people = {p.pk: p for p in Person.objects.filter(school=school)}
    members = set(GroupMember.objects.filter(group__school=school).values_list("group_id", "person_id"))
    for row in sheet.rows:
        if row.action == "skip":
            result.skipped += 1
            continue
        person = people.get(row.person_id) if row.action == "update" else None
        if person is None:
            person = services.person_create(
                school=school,
                full_name=row.full_name,
                position=row.position,
                email=row.email,
                phone=row.phone,
                actor=actor,
            )
            result.created += 1
        else:
            values = {"position": row.position or person.position}
            values["email"] = row.email or person.email
            values["phone"] = row.phone or person.phone
            services.person_update(person, actor=actor, **values)
            if not person.active:
                services.person_set_active(person, active=True, actor=actor)
            result.updated += 1
        for name in row.groups:
            key = normalize(name)
            group = groups.get(key)
            if group is None:
                group = services.group_create(
                    school=school, name=name[:150], kind=guess_group_kind(name), actor=actor
                )
                groups[key] = group
                result.groups_created.append(group.name)
            role = _role_from_position(row.position)
            if role == GroupMember.Role.MEMBER and (group.pk, person.pk) in members:
                continue  # already in the group: keep the role the directory gives them
            services.member_set(group=group, person=person, role=role, actor=actor)
            members.add((group.pk, person.pk))
    audit_record(
        actor=actor,
        action="people.import",
        obj=school,
        school=school,
        summary=f"Nhập danh sách nhân sự từ {sheet.filename}: thêm {result.created}, cập nhật {result.updated}",
    )
    return result
