"""Readers: plan files in any supported format -> planfile.model.Document.

`read_path` / `read_bytes` recognise the format by content first (a renamed file still reads) and
by the file name second, then hand over to one reader module per format.
"""

from __future__ import annotations

import json
from pathlib import Path

from caitien.planfile.model import Document

MAX_BYTES = 15 * 1024 * 1024


class ReadError(Exception):
    """Input that cannot be read: the message (Vietnamese, one line) says what is wrong and what to do."""


def read_path(path) -> Document:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        raise ReadError(f"Không mở được tệp “{path.name}”: tệp không tồn tại hoặc không có quyền đọc.") from None
    if size > MAX_BYTES:
        raise ReadError(
            f"Tệp “{path.name}” quá lớn ({size / 1024 / 1024:.1f} MB, tối đa {MAX_BYTES // 1024 // 1024} MB). "
            "Hãy lưu lại kế hoạch không kèm hình ảnh rồi thử lại."
        )
    return read_bytes(path.read_bytes(), path.name)


def detect_format(data: bytes, filename: str = "") -> str:
    """"docx", "xlsx", "pdf", "json", "text", "doc" (old Word) or "unknown"."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        import zipfile
        from io import BytesIO

        try:
            names = set(zipfile.ZipFile(BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return "unknown"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "unknown"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    stripped = data.lstrip()[:1]
    if stripped == b"{" and filename.lower().endswith(".json"):
        return "json"
    if stripped == b"{":
        try:
            json.loads(data.decode("utf-8"))
            return "json"
        except (UnicodeDecodeError, ValueError):
            pass
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "unknown"
    return "text"


def read_bytes(data: bytes, filename: str = "") -> Document:
    if not data.strip():
        raise ReadError("Tệp rỗng, không có nội dung kế hoạch. Hãy chọn đúng tệp kế hoạch (.docx, .xlsx, .pdf hoặc .txt).")
    kind = detect_format(data, filename)
    if kind == "docx":
        from caitien.planfile.readers import docx as reader

        return reader.read_docx(data, filename)
    if kind == "xlsx":
        from caitien.planfile.readers import xlsx as reader

        return reader.read_xlsx(data, filename)
    if kind == "pdf":
        from caitien.planfile.readers import pdf as reader

        return reader.read_pdf(data, filename)
    if kind == "json":
        return _read_json(data, filename)
    if kind == "text":
        from caitien.planfile.readers import text as reader

        return reader.read_text(_decode(data), filename)
    if kind == "doc":
        raise ReadError("Tệp Word cũ (.doc) chưa đọc được. Hãy mở bằng Word hoặc LibreOffice và lưu lại dạng .docx.")
    raise ReadError(
        f"Không nhận ra định dạng của tệp “{filename or 'đã tải lên'}”. Hãy dùng tệp .docx, .xlsx, .pdf có lớp chữ, "
        ".txt hoặc tệp JSON của kế hoạch."
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
        raise ReadError("Tệp văn bản không ở bảng mã UTF-8. Hãy lưu lại tệp với bảng mã UTF-8 rồi thử lại.") from None


def _read_json(data: bytes, filename: str) -> Document:
    try:
        payload = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ReadError(f"Tệp JSON không hợp lệ ({exc}). Hãy dùng tệp do lệnh “caitien parse --json” tạo ra.") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("items", []), list):
        raise ReadError("Tệp JSON không phải dạng JSON của kế hoạch (thiếu danh sách “items”).")
    try:
        doc = Document.from_dict(payload)
    except (TypeError, ValueError) as exc:
        raise ReadError(f"Tệp JSON của kế hoạch có trường không hợp lệ: {exc}.") from None
    doc.source = doc.source or filename
    return doc
