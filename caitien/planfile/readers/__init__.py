"""Readers: plan files in any supported format -> planfile.model.Document.

`read_path` / `read_bytes` recognise the format by content first (a renamed file still reads) and
by the file name second, then hand over to one reader module per format.
"""

from __future__ import annotations

import contextvars
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from caitien.planfile.model import Document

MAX_BYTES = 15 * 1024 * 1024


class ReadError(Exception):
    """Input that cannot be read: the message (Vietnamese, one line) says what is wrong and what to do."""


_progress: contextvars.ContextVar[Callable[[str], None] | None] = contextvars.ContextVar(
    "progress", default=None
)


def report_progress(message: str) -> None:
    """Readers say how far they are ("Đang đọc trang 3/12"); the web import shows it."""
    callback = _progress.get()
    if callback is not None:
        callback(message)


# The file kinds the import accepts (the upload page's file picker and help text use these).
ACCEPT = ".docx,.xlsx,.pdf,.txt,.json,.doc,.rtf,.odt,.xls,.ods,.jpg,.jpeg,.png,.heic,.tif,.tiff"
ACCEPTED_KINDS = (
    "Word (.docx, .doc, .rtf, .odt), Excel (.xlsx, .xls, .ods), PDF (có lớp chữ hoặc bản quét), "
    "ảnh chụp/quét trang kế hoạch (.jpg, .png, .heic), văn bản .txt hoặc tệp JSON của kế hoạch"
)

PageProgress = Callable[[int, int], None]


def read_with_text(
    data: bytes,
    filename: str = "",
    *,
    progress: PageProgress | None = None,
    messages: Callable[[str], None] | None = None,
) -> tuple[Document, str]:
    """The document and the file's text as read (tables as "cell | cell" lines), for the import preview.
    `progress(pages_done, pages_total)` is called per OCR page; `messages` gets "Đang đọc trang 3/12"."""
    token = _progress.set(messages)
    try:
        doc = read_bytes(data, filename, progress=progress)
    finally:
        _progress.reset(token)
    text = getattr(doc, "_text", None)
    if text is None:
        text = _decode(data) if detect_format(data, filename) == "text" else ""
    return doc, text


def read_path(path, *, progress: PageProgress | None = None) -> Document:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        raise ReadError(
            f"Không mở được tệp “{path.name}”: tệp không tồn tại hoặc không có quyền đọc."
        ) from None
    if size > MAX_BYTES:
        raise ReadError(
            f"Tệp “{path.name}” quá lớn ({size / 1024 / 1024:.1f} MB, tối đa {MAX_BYTES // 1024 // 1024} MB). "
            "Hãy lưu lại kế hoạch không kèm hình ảnh rồi thử lại."
        )
    return read_bytes(path.read_bytes(), path.name, progress=progress)


def detect_format(data: bytes, filename: str = "") -> str:
    """ "docx", "xlsx", "pdf", "json", "text", "image" (a scan or photo), an office kind converted by
    LibreOffice ("doc", "xls", "rtf", "odt", "ods"), "encrypted" (an office file with a password),
    "zip" or "unknown"."""
    from caitien.planfile.readers import ocr, office

    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            archive = zipfile.ZipFile(BytesIO(data))
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
        except (
            zipfile.BadZipFile,
            OSError,
            ValueError,
            EOFError,
            RuntimeError,
            NotImplementedError,
            KeyError,
        ):
            # A truncated archive: trust the name so the reader can say the file is damaged.
            suffix = Path(filename).suffix.lower()
            return {".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".odt": "odt", ".ods": "ods"}.get(
                suffix, "zip"
            )
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "content.xml" in names:
            kind = office.odf_kind(names, mimetype)
            return kind if kind != "unknown" else "zip"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        kind = office.ole_kind(data, filename)
        return kind
    if data.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    if ocr.is_image(data):
        return "image"
    stripped = data.lstrip()[:1]
    if stripped == b"{" and filename.lower().endswith(".json"):
        return "json"
    if stripped == b"{":
        try:
            json.loads(data.decode("utf-8"))
            return "json"
        except (UnicodeDecodeError, ValueError, RecursionError):
            pass
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "unknown"
    return "text"


def read_bytes(data: bytes, filename: str = "", *, progress: PageProgress | None = None) -> Document:
    """Any supported plan file → Document. `progress(pages_done, pages_total)` is called per OCR page."""
    if len(data) > MAX_BYTES:
        raise ReadError(
            f"Tệp “{filename or 'đã tải lên'}” quá lớn ({len(data) / 1024 / 1024:.1f} MB, tối đa "
            f"{MAX_BYTES // 1024 // 1024} MB). Hãy lưu lại kế hoạch không kèm hình ảnh rồi thử lại."
        )
    if not data.strip():
        raise ReadError(
            "Tệp rỗng, không có nội dung kế hoạch. Hãy chọn đúng tệp kế hoạch (.docx, .xlsx, .pdf hoặc .txt)."
        )
    kind = detect_format(data, filename)
    if kind == "docx":
        from caitien.planfile.readers import docx as reader

        return reader.read_docx(data, filename)
    if kind == "xlsx":
        from caitien.planfile.readers import xlsx as reader

        return reader.read_xlsx(data, filename)
    if kind == "pdf":
        from caitien.planfile.readers import pdf as reader

        return reader.read_pdf(data, filename, progress=progress)
    if kind == "image":
        from caitien.planfile.readers import ocr

        return ocr.read_image(data, filename, progress=progress)
    if kind == "json":
        return _read_json(data, filename)
    if kind == "text":
        from caitien.planfile.readers import text as reader

        return reader.read_text(_decode(data), filename)
    if kind in ("doc", "xls", "rtf", "odt", "ods"):
        from caitien.planfile.readers import office

        return office.read_office(data, kind, filename)
    if kind == "encrypted":
        raise ReadError(
            f"Tệp “{filename or 'đã tải lên'}” được đặt mật khẩu, không đọc được. Hãy mở tệp bằng Word/Excel, "
            "bỏ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu), lưu lại rồi thử lại."
        )
    if kind == "zip":
        raise ReadError(
            f"Tệp “{filename or 'đã tải lên'}” là tệp nén nhưng không phải tệp Word (.docx) hay Excel (.xlsx), "
            "hoặc đã bị hỏng. Hãy giải nén và chọn đúng tệp kế hoạch."
        )
    if Path(filename).suffix.lower() == ".pdf":
        raise ReadError(
            f"Tệp “{filename}” mang đuôi .pdf nhưng không phải tệp PDF (hoặc đã bị hỏng). Hãy xuất lại tệp PDF rồi thử lại."
        )
    raise ReadError(
        f"Không nhận ra định dạng của tệp “{filename or 'đã tải lên'}”. Hãy dùng tệp {ACCEPTED_KINDS}."
    )


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        raise ReadError(
            "Tệp văn bản không ở bảng mã UTF-8. Hãy lưu lại tệp với bảng mã UTF-8 rồi thử lại."
        ) from None


def _read_json(data: bytes, filename: str) -> Document:
    try:
        payload = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise ReadError(
            "Tệp JSON lồng nhau quá sâu, không phải dạng JSON của kế hoạch. "
            "Hãy dùng tệp do lệnh “caitien parse --json” tạo ra."
        ) from None
    except (UnicodeDecodeError, ValueError) as exc:
        # The json module's own message is English; say where the fault is in Vietnamese instead.
        where = (
            f"sai cú pháp ở dòng {exc.lineno}, cột {exc.colno}"
            if isinstance(exc, json.JSONDecodeError)
            else "không ở bảng mã UTF-8"
        )
        raise ReadError(
            f"Tệp JSON không hợp lệ ({where}). Hãy dùng tệp do lệnh “caitien parse --json” tạo ra."
        ) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("items", []), list):
        raise ReadError("Tệp JSON không phải dạng JSON của kế hoạch (thiếu danh sách “items”).")
    try:
        doc = Document.from_dict(payload)
        doc.to_dict()  # every nested value of the right kind, or the refusal below
    except (TypeError, ValueError, AttributeError, KeyError):
        raise ReadError(
            "Tệp JSON của kế hoạch có mục dữ liệu sai kiểu hoặc không có trong dạng JSON của kế hoạch. "
            "Hãy dùng tệp do lệnh “caitien parse --json” tạo ra."
        ) from None
    doc.source = doc.source or filename
    return doc


# --- assembling a document from the blocks of a structured file ---------------------------------


@dataclass
class Block:
    """A piece of a structured file in reading order: running text, or a table as a grid of cell texts
    (a horizontally merged cell's text repeated in each column it spans, a vertical continuation "")."""

    text: str = ""
    rows: list[list[str]] | None = None
    where: str = ""
    continued: bool = False  # a table the file itself says continues the previous one (next page)
    extra: dict = field(default_factory=dict)
    hard_breaks: bool = False  # the cells' line breaks are the author's (Word, Excel), not wrapping
    doubt: set[tuple[int, int]] = field(default_factory=set)  # (row, column) of cells read unsure (OCR)

    @property
    def is_table(self) -> bool:
        return self.rows is not None

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows or []), default=0)


_NOISE = re.compile(r"^\s*(?:-?\s*\d{1,3}\s*-?|trang\s*\d+(?:\s*/\s*\d+)?)?\s*$", re.IGNORECASE)


def merge_continued_tables(blocks: list[Block]) -> list[Block]:
    """Join a table with the one after it when nothing but blank lines or a page number stands between
    and they have the same columns: a table broken by a page break, or continued in a second table."""
    out: list[Block] = []
    pending_noise: list[Block] = []
    for block in blocks:
        if not block.is_table:
            if out and out[-1].is_table and _NOISE.match(block.text):
                pending_noise.append(block)
                continue
            out.extend(pending_noise)
            pending_noise = []
            out.append(block)
            continue
        previous = out[-1] if out else None
        if previous is not None and previous.is_table and (previous.width == block.width or block.continued):
            offset = len(previous.rows)
            previous.doubt = previous.doubt | {(r + offset, c) for r, c in block.doubt}
            previous.rows = previous.rows + block.rows
            pending_noise = []
            continue
        out.extend(pending_noise)
        pending_noise = []
        out.append(
            Block(
                rows=list(block.rows),
                where=block.where,
                extra=dict(block.extra),
                hard_breaks=block.hard_breaks,
                doubt=set(block.doubt),
            )
        )
    out.extend(pending_noise)
    return out


def _rows_preview(rows: list[list[str]]) -> str:
    """A table as "cell | cell" lines, a merged cell's text once."""
    lines = []
    for row in rows:
        cells = []
        for cell in row:
            text = " ".join(cell.split())
            if not cells or text != cells[-1]:
                cells.append(text)
        lines.append(" | ".join(cells))
    return "\n".join(lines)


def table_text(rows: list[list[str]]) -> str:
    """A non-plan table (header block, signature block) as running text: each distinct cell on its lines."""
    lines = []
    for row in rows:
        previous = None
        for cell in row:
            if cell and cell != previous:
                lines.append(cell)
            previous = cell
    return "\n".join(lines)


def assemble(blocks: list[Block], source: str) -> Document:
    """Blocks → Document: plan tables through table.build_items, the rest through header.fill_document.

    A table is a plan table when build_items finds plan rows in it. When a file has no plan table at
    all (a plan typed as text, an unruled PDF), its text goes to the plain-text reader instead.
    """
    from caitien.planfile.readers import header, safety, table

    blocks = merge_continued_tables(blocks)
    row_count = sum(len(b.rows) for b in blocks if b.is_table)
    cell_count = sum(len(r) for b in blocks if b.is_table for r in b.rows)
    safety.check_rows(row_count, cell_count)
    safety.check_text(
        sum(len(b.text) for b in blocks)
        + sum(len(c) for b in blocks if b.is_table for r in b.rows for c in r)
    )

    preview = unicodedata.normalize(
        "NFC", "\n".join(b.text if not b.is_table else _rows_preview(b.rows) for b in blocks)
    )
    # Each table is classified by its header's meaning: the plan table, the 57/2026 form's
    # priority-issues and monitoring tables (read into the document), or other (running text).
    kinds = {i: table.table_kind(b.rows) for i, b in enumerate(blocks) if b.is_table and b.width >= 3}
    read_tables = {i for i, kind in kinds.items() if kind}
    plan_tables = {i for i, kind in kinds.items() if kind == "plan"}

    if not plan_tables:
        from caitien.planfile.readers import text

        whole = "\n".join(
            b.text if not b.is_table else "\n".join("\t".join(r) for r in b.rows) for b in blocks
        )
        doc = text.read_text(whole, source)
        doc.source = source
        doc._text = preview
        return doc

    doc = Document(source=source)
    running = "\n".join(
        b.text if not b.is_table else table_text(b.rows) for i, b in enumerate(blocks) if i not in read_tables
    )
    header.fill_document(doc, running)
    for index in sorted(read_tables):
        block = blocks[index]
        table.read_table(block.rows, doc, where=block.where, hard_breaks=block.hard_breaks, doubt=block.doubt)
    doc._text = preview
    return doc
