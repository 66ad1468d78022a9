"""Excel (.xlsx) plans: the sheet that holds the plan table → Document.

The workbook is opened read-only (rows stream, memory stays small) and only the first rows and columns
are read, whatever size the sheet claims. Merged ranges are read from the sheet XML with defusedxml,
since read-only sheets do not expose them. Other sheets (a cover, a summary) are ignored: the sheet
whose table build_items understands best is the plan. Header fields written as label | value cells
above the table (as our own export writes them) are read by the label's meaning; the 57/2026 form's
priority-issues and monitoring tables are read from their own sheets.
"""

from __future__ import annotations

import datetime
import re
from io import BytesIO

from caitien.planfile.model import Document
from caitien.planfile.readers import Block, ReadError, assemble, safety
from caitien.text import fold

MAX_SHEETS = 30
MAX_SHEET_ROWS = 3000
MAX_COLUMNS = 40

_HEADER_WORDS = (
    "tieu chi",
    "ket qua",
    "giai phap",
    "cong viec",
    "thoi gian",
    "kinh phi",
    "chu tri",
    "muc tieu",
    "hoat dong",
    "noi dung cai tien",
    "phu trach",
    "nguon luc",
    "ho tro",
    "ghi chu",
)
_STANDARD = re.compile(r"^\s*tieu chuan\s*\d")


def read_xlsx(data: bytes, filename: str = "") -> Document:
    from caitien.planfile.readers import table

    cut: list[str] = []
    sheets = read_sheets(data, filename, cut=cut)
    best, best_count, best_title = None, -1, ""
    for title, grid in sheets:
        blocks = split_sheet(grid, title)
        count = sum(
            len(table.build_items(b.rows, Document(), where=b.where))
            for b in blocks
            if b.is_table and table.table_kind(b.rows) == "plan"  # not a priority-issues sheet
        )
        if count > best_count:
            best, best_count, best_title = blocks, count, title
    if best is None:
        raise ReadError("Tệp Excel không có trang tính nào có dữ liệu. Hãy chọn đúng tệp kế hoạch.")
    doc = assemble(best, filename)
    grid = dict(sheets).get(best_title) or []
    fill_labelled_fields(doc, grid[: _header_index(grid) or 0])
    # The 57/2026 form's other tables (priority issues, monitoring) may stand on sheets of their own.
    for title, other in sheets:
        if title != best_title and table.table_kind(other) in ("priority_issues", "monitoring"):
            table.read_table(other, doc, where=f"trang tính “{title}”")
    if best_title in cut:
        doc.warn(
            "sheet-cut",
            f"Trang tính “{best_title}” dài hơn {MAX_SHEET_ROWS} dòng: chỉ {MAX_SHEET_ROWS} dòng "
            "đầu được đọc. Hãy kiểm tra phần cuối kế hoạch.",
            f"trang tính “{best_title}”",
        )
    return doc


def read_sheets(
    data: bytes, filename: str = "", *, cut: list | None = None
) -> list[tuple[str, list[list[str]]]]:
    """(sheet title, grid of cell texts) for every worksheet with content, merged ranges filled the way
    build_items expects (across: the text repeated; down: "" below the first row). Titles of sheets
    longer than MAX_SHEET_ROWS go to `cut`."""
    archive = safety.open_office_zip(data, filename, "Excel")
    import openpyxl

    try:
        book = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken workbook
        raise ReadError(
            f"Tệp Excel “{filename or 'đã tải lên'}” bị hỏng hoặc không đúng cấu trúc .xlsx. "
            "Hãy mở bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi thử lại."
        ) from None
    out = []
    try:
        for sheet in book.worksheets[:MAX_SHEETS]:
            grid = _grid(sheet)
            if not grid:
                continue
            if (
                cut is not None
                and len(grid) >= MAX_SHEET_ROWS
                and any(
                    _cell_text(c)
                    for row in sheet.iter_rows(
                        min_row=MAX_SHEET_ROWS + 1, max_row=MAX_SHEET_ROWS + 200, max_col=MAX_COLUMNS
                    )
                    for c in row
                )
            ):
                cut.append(sheet.title)
            path = getattr(sheet, "_worksheet_path", None)
            if path:
                _apply_merges(grid, _merged_ranges(archive, path))
            out.append((sheet.title, grid))
    except ReadError:
        raise
    except Exception:
        raise ReadError(
            f"Không đọc được nội dung tệp Excel “{filename or 'đã tải lên'}” (tệp bị hỏng). "
            "Hãy mở bằng Excel hoặc LibreOffice, lưu lại rồi thử lại."
        ) from None
    finally:
        book.close()
    return out


def _grid(sheet) -> list[list[str]]:
    grid = []
    for row in sheet.iter_rows(min_row=1, max_row=MAX_SHEET_ROWS, min_col=1, max_col=MAX_COLUMNS):
        grid.append([_cell_text(c) for c in row])
    while grid and not any(grid[-1]):
        grid.pop()
    width = max((max((i + 1 for i, v in enumerate(r) if v), default=0) for r in grid), default=0)
    return [r[:width] + [""] * (width - len(r[:width])) for r in grid] if width else []


def _cell_text(cell) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    fmt = (getattr(cell, "number_format", "") or "").lower()
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, datetime.datetime | datetime.date):
        if "d" not in fmt.replace("[", "").split(";")[0]:
            return f"{value.month:02d}/{value.year}"
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, float | int):
        decimals = re.search(r"0\.(0+)", fmt)
        if "#,##0" in fmt or (
            isinstance(value, int | float) and abs(value) >= 10000 and float(value).is_integer()
        ):
            return f"{value:,.0f}".replace(",", ".")
        if decimals:
            # "1.10" typed in a cell formatted 0.00 is the number 1.1: show it as the sheet does.
            return f"{value:.{len(decimals.group(1))}f}"
        if float(value).is_integer():
            return str(int(value))
        return repr(float(value))
    return str(value).replace("\r\n", "\n").replace("_x000D_", "").strip()


def _merged_ranges(archive, path: str) -> list[str]:
    from defusedxml.ElementTree import iterparse

    name = path.lstrip("/")
    try:
        with archive.open(name) as part:
            raw = part.read()
    except KeyError:
        return []
    if b"mergeCell" not in raw:
        return []
    refs = []
    for _event, element in iterparse(BytesIO(raw), events=("end",)):
        if element.tag.endswith("}mergeCell") and element.get("ref"):
            refs.append(element.get("ref"))
        element.clear()
    return refs


def _apply_merges(grid: list[list[str]], refs: list[str]) -> None:
    from openpyxl.utils.cell import range_boundaries

    for ref in refs:
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (ValueError, TypeError):
            continue
        top = min_row - 1
        if top >= len(grid) or min_col - 1 >= len(grid[top]):
            continue
        text = grid[top][min_col - 1]
        for r in range(top, min(max_row, len(grid))):
            for c in range(min_col - 1, min(max_col, len(grid[r]))):
                grid[r][c] = text if r == top else ""


def _header_index(grid: list[list[str]]) -> int | None:
    """The plan table's header row: three cells or more using the header words, none naming a
    criterion (a row of data, say of a priority-issues table above, may use those words too)."""
    from caitien.planfile import vietnamese as vn

    for index, row in enumerate(grid):
        cells = {c for c in row if c}
        joined = fold(" ".join(cells))
        if (
            len(cells) >= 3
            and sum(word in joined for word in _HEADER_WORDS) >= 2
            and not any(len(c) < 300 and vn.find_criterion(c) for c in cells)
        ):
            return index
    return None


def split_sheet(grid: list[list[str]], title: str) -> list[Block]:
    """Text above the plan table, the table (from its header row to its last row), text below."""
    header = _header_index(grid)
    where = f"trang tính “{title}”"
    if header is None:
        return [Block(rows=grid, where=where, hard_breaks=True)]
    end = header
    for index in range(header, len(grid)):
        row = grid[index]
        filled = len({c for c in row if c})
        first = next((c for c in row if c), "")
        if filled >= 3 or (filled >= 1 and _STANDARD.match(fold(first)) and len(first) < 200):
            end = index
    blocks = _side_tables(grid[:header], where)
    blocks.append(Block(rows=grid[header : end + 1], where=where, hard_breaks=True))
    after = _text(grid[end + 1 :])
    if after:
        blocks.append(Block(text=after))
    return blocks


def _side_tables(rows: list[list[str]], where: str) -> list[Block]:
    """The rows above the plan table as running text, except a table of the 57/2026 form's section IV
    (priority issues) or VI typed there on the same sheet: that one stays a table, from its header
    row to the last row of three cells or more."""
    from caitien.planfile.readers import table

    blocks: list[Block] = []
    start = 0
    index = 0
    while index < len(rows):
        if len({c for c in rows[index] if c}) >= 3 and table.table_kind(rows[index : index + 2]) in (
            "priority_issues",
            "monitoring",
        ):
            end = index
            while end + 1 < len(rows) and len({c for c in rows[end + 1] if c}) >= 2:
                end += 1
            text = _text(rows[start:index])
            if text:
                blocks.append(Block(text=text))
            blocks.append(Block(rows=rows[index : end + 1], where=where, hard_breaks=True))
            start = index = end + 1
            continue
        index += 1
    text = _text(rows[start:])
    if text:
        blocks.append(Block(text=text))
    return blocks


def _text(rows: list[list[str]]) -> str:
    lines = []
    for row in rows:
        previous = None
        for cell in row:
            if cell and cell != previous:
                lines.append(cell)
            previous = cell
    return "\n".join(lines)


# Header fields written as label | value cells above the table (a workbook made by a program, or
# one typed that way): label meaning (folded, the whole cell) -> field.
_LABELS: tuple[tuple[str, re.Pattern], ...] = (
    ("title", re.compile(r"^ten\s*ke\s*hoach$")),
    ("school", re.compile(r"^(?:ten\s*)?(?:truong|co\s*so\s*giao\s*duc|don\s*vi)$")),
    ("governing_body", re.compile(r"^(?:co\s*quan\s*chu\s*quan|cap\s*tren\s*truc\s*tiep)$")),
    ("school_level", re.compile(r"^cap\s*hoc$")),
    ("circular", re.compile(r"^(?:van\s*ban\s*ap\s*dung|thong\s*tu(?:\s*ap\s*dung)?)$")),
    ("document_number", re.compile(r"^so(?:\s*van\s*ban|\s*hieu|\s*ky\s*hieu|\s*ke\s*hoach)?$")),
    ("date", re.compile(r"^ngay(?:\s*ban\s*hanh|\s*ky|\s*van\s*ban)?$")),
    ("place", re.compile(r"^(?:dia\s*danh|noi\s*ban\s*hanh)$")),
    ("start_year", re.compile(r"^nam\s*bat\s*dau$")),
    ("end_year", re.compile(r"^nam\s*ket\s*thuc$")),
    ("signer_title", re.compile(r"^chuc\s*vu(?:\s*nguoi\s*ky)?$")),
    ("signer_name", re.compile(r"^(?:ho\s*ten\s*)?nguoi\s*ky$")),
    ("recipients", re.compile(r"^noi\s*nhan$")),
)


def _label(text: str) -> str | None:
    folded = " ".join(fold(text).rstrip(" :").split())
    for key, pattern in _LABELS:
        if pattern.match(folded):
            return key
    return None


def labelled_fields(rows: list[list[str]]) -> dict[str, str]:
    """{field: value} from rows of label and value cells ("Trường" | "Trường THCS …" | "Cơ quan chủ
    quản" | "UBND …"); a merged cell counts once."""
    out: dict[str, str] = {}
    for row in rows:
        runs = [c for i, c in enumerate(row) if c and (i == 0 or c != row[i - 1])]
        for i, text in enumerate(runs):
            key = _label(text)
            if key is None or key in out or i + 1 >= len(runs) or _label(runs[i + 1]):
                continue
            out[key] = runs[i + 1].strip()
    return out


def fill_labelled_fields(doc: Document, rows: list[list[str]]) -> None:
    """Labelled header fields say exactly what they hold: they win over what the running text suggested."""
    from caitien.catalog import registry
    from caitien.planfile import vietnamese as vn
    from caitien.planfile.model import Signer, clean_text

    found = {k: clean_text(v) for k, v in labelled_fields(rows).items()}
    found = {k: v for k, v in found.items() if v}
    if not found:
        return
    for key in ("title", "school", "governing_body", "document_number", "place"):
        if key in found:
            setattr(doc, key, found[key])
    if "school_level" in found:
        by_name = {fold(name): code for code, name in registry.SCHOOL_LEVELS.items()}
        doc.school_level = (
            by_name.get(fold(found["school_level"]))
            or vn.school_level_from(found["school_level"])
            or doc.school_level
        )
    if "circular" in found:
        doc.circular = vn.find_circular(found["circular"]) or found["circular"]
        reg = registry.for_circular(doc.circular, doc.school_level)
        doc.regulation = reg.slug if reg else doc.regulation
    if "date" in found:
        m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", found["date"])
        try:
            doc.date = datetime.date(int(m[3]), int(m[2]), int(m[1])).isoformat() if m else doc.date
        except ValueError:
            doc.warn(
                "date-unparsed", f"Ngày ban hành “{found['date']}” không hợp lệ; hãy ghi dạng ngày/tháng/năm."
            )
    years = [found.get(k, "") for k in ("start_year", "end_year")]
    if all(re.fullmatch(r"\d{4}", y) for y in years):
        doc.period = {"start_year": int(years[0]), "end_year": int(years[1])}
    if "signer_title" in found or "signer_name" in found:
        doc.signer = Signer(title=found.get("signer_title", ""), name=found.get("signer_name", ""))
    if "recipients" in found:
        doc.recipients = [r for r in (clean_text(p) for p in found["recipients"].split(";")) if r]
