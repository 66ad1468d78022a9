"""An evidence list from an XLSX workbook: read, preview with a Vietnamese message per row, then save.

The header row is found by meaning among the first rows (Mã / Mã minh chứng, Tên / Tên minh chứng,
Số/ngày ban hành, Nơi ban hành, Định dạng/vị trí…, Ghi chú, and an optional Tiêu chí), so the
register's own XLSX export reads back, and so do the lists schools keep. A row "Tiêu chí 1.2" (or
"Tiêu chuẩn 2") above items sets the criterion of the items under it. A code in the regulation's
format is kept when it is free; otherwise a new code is made and the row says so.
"""

from __future__ import annotations

import io
import re
from dataclasses import asdict, dataclass, field

from django.db import transaction

from caitien.evidence import codes
from caitien.evidence.files import FileRefused, check_file
from caitien.evidence.models import EvidenceItem
from caitien.evidence.services import EvidenceRefused, ItemFields, _year_codes, item_create
from caitien.text import fold

MAX_ROWS = 2000
_HEADERS = {
    "code": ("ma minh chung", "ma"),
    "name": ("ten minh chung", "ten"),
    "number_date": ("so/ngay ban hanh", "so, ngay ban hanh", "so ngay ban hanh", "so, ngay, thang ban hanh"),
    "issuer": ("noi ban hanh", "co quan ban hanh"),
    "location": ("dinh dang", "vi tri luu tru", "duong dan"),
    "notes": ("ghi chu",),
    "criterion": ("tieu chi",),
}
_CRITERION_LINE = re.compile(r"^tieu chi\s+(\d+)\.(\d+)")


@dataclass
class ImportRow:
    line: int
    name: str = ""
    code: str = ""  # the code the item will get ("" = made when saved)
    written_code: str = ""
    criterion_code: str = ""
    number_date: str = ""
    issuer: str = ""
    location: str = ""
    notes: str = ""
    messages: list[str] = field(default_factory=list)
    skipped: bool = False


@dataclass
class ImportPreview:
    rows: list[ImportRow]

    @property
    def to_save(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.skipped]

    def as_data(self) -> list[dict]:
        return [asdict(r) for r in self.rows]

    @classmethod
    def from_data(cls, data: list[dict]) -> ImportPreview:
        return cls(rows=[ImportRow(**r) for r in data])


def _header_key(text: str) -> str | None:
    folded = " ".join(fold(text).split())
    if not folded:
        return None
    for key, names in _HEADERS.items():
        if key in ("code", "name"):
            if folded in names:
                return key
        elif any(folded.startswith(n) or n in folded for n in names):
            return key
    return None


def read_workbook(data: bytes, filename: str) -> list[list[str]]:
    try:
        checked = check_file(data, filename)
    except FileRefused as refused:
        raise EvidenceRefused(refused.message) from None
    if checked.kind.key != "xlsx":
        raise EvidenceRefused(
            f"Tệp “{filename}” không phải bảng tính Excel (.xlsx). Hãy lưu danh mục minh chứng dạng .xlsx rồi tải lại."
        )
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise EvidenceRefused(
            f"Không đọc được bảng tính “{filename}”. Hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi thử lại."
        ) from None
    rows = []
    for row in book.worksheets[0].iter_rows(values_only=True):
        rows.append(["" if v is None else str(v).strip() for v in row])
        if len(rows) > MAX_ROWS + 20:
            raise EvidenceRefused(f"Bảng tính có quá nhiều dòng (tối đa {MAX_ROWS} minh chứng một lần nhập).")
    book.close()
    return rows


def preview(*, school, school_year, regulation, data: bytes, filename: str) -> ImportPreview:
    rows = read_workbook(data, filename)
    header_at, columns = None, {}
    for index, row in enumerate(rows[:20]):
        found = {}
        for position, text in enumerate(row):
            key = _header_key(text)
            if key and key not in found:
                found[key] = position
        if "name" in found:
            header_at, columns = index, found
            break
    if header_at is None:
        raise EvidenceRefused(
            "Không thấy dòng tiêu đề của danh mục minh chứng. Bảng cần có ít nhất cột “Tên minh chứng” "
            "(và nên có “Mã minh chứng”, “Số/ngày ban hành”, “Nơi ban hành”, “Ghi chú”)."
        )
    spec = codes.spec_for(regulation)
    known_criteria = {c.code for c in regulation.registry.criteria}
    taken = set(_year_codes(school, school_year))
    in_file: set[str] = set()
    result: list[ImportRow] = []
    context_criterion = ""

    def cell(row, key):
        position = columns.get(key)
        return row[position].strip() if position is not None and position < len(row) else ""

    for index, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(row):
            continue
        name = " ".join(cell(row, "name").split())
        first = " ".join(fold(next((v for v in row if v), "")).split())
        heading = _CRITERION_LINE.match(first)
        if heading and not cell(row, "code") and (not name or fold(name) == first):
            context_criterion = f"{int(heading.group(1))}.{int(heading.group(2))}"
            continue
        if first.startswith("tieu chuan") and not cell(row, "code"):
            context_criterion = ""
            continue
        item = ImportRow(
            line=index,
            name=name,
            written_code=cell(row, "code"),
            number_date=cell(row, "number_date")[:200],
            issuer=cell(row, "issuer")[:200],
            location=cell(row, "location")[:500],
            notes=cell(row, "notes"),
        )
        if not name:
            item.skipped = True
            item.messages.append("Thiếu tên minh chứng: dòng này không được nhập.")
            result.append(item)
            continue
        parts = codes.parse_code(spec, item.written_code) if item.written_code else None
        written_criterion = cell(row, "criterion").replace("Tiêu chí", "").strip()
        if parts:
            item.criterion_code = f"{parts.standard}.{parts.criterion}"
        elif written_criterion:
            item.criterion_code = written_criterion
        else:
            item.criterion_code = context_criterion
        if item.criterion_code and item.criterion_code not in known_criteria:
            if parts and (parts.standard, parts.criterion) == codes.GENERAL:
                item.criterion_code = ""
            else:
                item.messages.append(
                    f"Tiêu chí {item.criterion_code} không có trong {regulation.label}: ghi là minh chứng chung"
                    + (", với mã mới." if parts else ".")
                )
                item.criterion_code = ""
                parts = None  # a code of a criterion the regulation does not have is not kept
        if item.written_code and not parts and not item.messages:
            item.messages.append(
                f"Mã “{item.written_code}” không đúng dạng {spec['format']} (ví dụ {spec['example']}): sẽ cấp mã mới."
            )
        elif parts:
            normalized = codes.normalize(spec, item.written_code)
            if normalized in taken:
                item.skipped = True
                item.messages.append(
                    f"Mã {normalized} đã có trong danh mục năm học này: dòng này không được nhập."
                )
            elif normalized in in_file:
                item.skipped = True
                item.messages.append(
                    f"Mã {normalized} đã ghi ở một dòng trên của tệp: dòng này không được nhập."
                )
            else:
                item.code = normalized
                in_file.add(normalized)
        if len(result) >= MAX_ROWS:
            raise EvidenceRefused(f"Tệp có hơn {MAX_ROWS} minh chứng; hãy chia thành nhiều tệp.")
        result.append(item)
    if not result:
        raise EvidenceRefused("Bảng tính không có dòng minh chứng nào dưới dòng tiêu đề.")
    # Codes made for the rows without a usable one, shown in the preview as they will be saved.
    planned = taken | in_file
    for item in result:
        if not item.skipped and not item.code:
            item.code = codes.next_code(spec, item.criterion_code or None, planned)
            planned.add(item.code)
            if item.written_code:
                continue
            item.messages.append(f"Cấp mã {item.code}.")
    return ImportPreview(rows=result)


def commit(*, school, school_year, regulation, rows: ImportPreview, actor) -> list[EvidenceItem]:
    """Saves the rows of a preview in one transaction; a code taken meanwhile gets the next free one."""
    from caitien.catalog.models import Criterion

    by_code = {c.code: c for c in Criterion.objects.filter(standard__regulation=regulation)}
    created = []
    with transaction.atomic():
        taken = set(_year_codes(school, school_year))
        spec = codes.spec_for(regulation)
        for row in rows.to_save:
            criterion = by_code.get(row.criterion_code)
            code = row.code if row.code and row.code not in taken else None
            if code is None:
                code = codes.next_code(spec, criterion.code if criterion else None, taken)
            taken.add(code)
            created.append(
                item_create(
                    school=school,
                    school_year=school_year,
                    regulation=regulation,
                    criteria=[criterion] if criterion else [],
                    fields=ItemFields(
                        name=row.name,
                        number_date=row.number_date,
                        issuer=row.issuer,
                        location=row.location,
                        notes=row.notes,
                    ),
                    actor=actor,
                    code=code,
                )
            )
    return created
