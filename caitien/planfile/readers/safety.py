"""Limits that keep a hostile or broken file from hanging or exhausting the server.

DOCX and XLSX files are zip archives of XML parts. Before any library parses them we check the
archive (entry count, declared uncompressed sizes, compression ratios: zip bombs) and scan every
XML part for a DOCTYPE or ENTITY declaration (billion laughs, external entities): a plan never needs
one, so such a file is refused outright. `zipfile` never inflates an entry past its declared size,
so the declared sizes we check are the sizes the parsers will see.
"""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO

from caitien.planfile.readers import ReadError

MAX_ZIP_ENTRIES = 3000
MAX_UNZIPPED_TOTAL = 60 * 1024 * 1024  # all parts together, uncompressed
MAX_XML_PART = 40 * 1024 * 1024  # one XML part, uncompressed
MAX_RATIO = 200  # uncompressed / compressed size of one entry...
RATIO_FLOOR = 2 * 1024 * 1024  # ...checked only for entries larger than this
MAX_PDF_PAGES = 400  # text PDFs; the real bound is the work (characters, rules, rows); scans: ocr
MAX_TABLE_ROWS = 3000  # rows over all tables of one document
MAX_CELLS = 60_000  # cells over all tables of one document
MAX_TEXT_CHARS = 3_000_000

_XML_SUFFIXES = (".xml", ".rels", ".vml")
_FORBIDDEN = (b"<!doctype", b"<!entity")
_CHUNK = 1024 * 1024


def _damaged(filename: str, kind: str) -> ReadError:
    return ReadError(
        f"Tệp {kind} “{filename or 'đã tải lên'}” bị hỏng hoặc chưa tải về hết, không mở được. "
        f"Hãy mở tệp bằng Word/Excel hoặc LibreOffice, lưu lại rồi thử lại."
    )


def open_office_zip(data: bytes, filename: str, kind: str) -> zipfile.ZipFile:
    """The archive, checked: raises ReadError for a damaged archive, a zip bomb or XML with a DTD."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, RuntimeError):
        raise _damaged(filename, kind) from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ReadError(
            f"Tệp {kind} có quá nhiều thành phần ({len(infos)}); tệp kế hoạch bình thường không như vậy. "
            "Hãy lưu lại tệp bằng Word/Excel rồi thử lại."
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise ReadError(
            f"Tệp {kind} “{filename or 'đã tải lên'}” được đặt mật khẩu hoặc bị hỏng (có phần được đánh dấu mã hóa), "
            "không đọc được. Hãy mở tệp, bỏ mật khẩu nếu có, lưu lại rồi thử lại."
        )
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNZIPPED_TOTAL or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO):
            raise ReadError(
                f"Tệp {kind} khi giải nén lớn bất thường (có thể là “bom nén”), nên không được mở. "
                "Hãy dùng tệp kế hoạch gốc, không kèm dữ liệu thừa."
            )
        if info.filename.lower().endswith(_XML_SUFFIXES) and info.file_size > MAX_XML_PART:
            raise ReadError(
                f"Phần “{info.filename}” của tệp {kind} quá lớn để đọc an toàn. "
                "Hãy tách kế hoạch ra khỏi phần dữ liệu lớn rồi thử lại."
            )
    for info in infos:
        if info.filename.lower().endswith(_XML_SUFFIXES) or info.filename == "[Content_Types].xml":
            _scan_xml(archive, info, filename, kind)
    return archive


def _scan_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, filename: str, kind: str) -> None:
    try:
        with archive.open(info) as part:
            first = part.read(_CHUNK)
            utf16 = first[:2] in (b"\xff\xfe", b"\xfe\xff") or first[:2] in (b"<\x00", b"\x00<")
            tail = b""
            chunk = first
            while chunk:
                window = tail + chunk
                if utf16:
                    window = _utf16_ascii(window)
                lowered = window.lower()
                if any(mark in lowered for mark in _FORBIDDEN):
                    raise ReadError(
                        f"Tệp {kind} chứa khai báo DOCTYPE/ENTITY trong phần “{info.filename}”; kiểu khai báo này "
                        "có thể dùng để tấn công nên tệp không được mở. Hãy lưu lại tệp bằng Word/Excel rồi thử lại."
                    )
                tail = chunk[-32:]
                chunk = part.read(_CHUNK)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        # CRC mismatch, truncated entry, unsupported compression, or an entry flagged as encrypted
        # (zipfile raises RuntimeError asking for a password).
        raise _damaged(filename, kind) from None


def _utf16_ascii(data: bytes) -> bytes:
    """The ASCII characters of UTF-16 text, enough to see a markup declaration in either byte order."""
    return data.replace(b"\x00", b"")


def check_rows(count: int, cells: int) -> None:
    if count > MAX_TABLE_ROWS or cells > MAX_CELLS:
        raise ReadError(
            f"Các bảng trong tệp quá lớn ({count} dòng, {cells} ô; tối đa {MAX_TABLE_ROWS} dòng, {MAX_CELLS} ô). "
            "Một kế hoạch cải tiến không dài như vậy: hãy chỉ giữ lại bảng kế hoạch rồi thử lại."
        )


def check_text(size: int) -> None:
    if size > MAX_TEXT_CHARS:
        raise ReadError(
            f"Tệp có quá nhiều chữ ({size} ký tự, tối đa {MAX_TEXT_CHARS}). "
            "Hãy chỉ giữ lại phần kế hoạch cải tiến rồi thử lại."
        )
