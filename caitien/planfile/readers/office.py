"""Legacy and other office formats (.doc, .rtf, .odt → DOCX; .xls, .ods → XLSX) through LibreOffice.

The file is converted by `soffice --headless --convert-to` in a private profile made for this one
conversion (parallel conversions never share a profile lock, a user's settings are never touched),
under a timeout, and the result is read by the DOCX or XLSX reader with all their limits. The
original is what the import keeps for the record; the converted copy lives only in memory.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from caitien.planfile.model import Document
from caitien.planfile.readers import ReadError, report_progress, safety
from caitien.planfile.writers.pdf import _copy_profile, _keep_profile, _profile_template

TIMEOUT_SECONDS = 90
# kind → (suffix given to the input, LibreOffice filter of the output, output suffix, name for the user)
KINDS = {
    "doc": (".doc", "docx:MS Word 2007 XML", "docx", "Word 97-2003 (.doc)"),
    "rtf": (".rtf", "docx:MS Word 2007 XML", "docx", "RTF (.rtf)"),
    "odt": (".odt", "docx:MS Word 2007 XML", "docx", "OpenDocument (.odt)"),
    "xls": (".xls", "xlsx:Calc MS Excel 2007 XML", "xlsx", "Excel 97-2003 (.xls)"),
    "ods": (".ods", "xlsx:Calc MS Excel 2007 XML", "xlsx", "OpenDocument (.ods)"),
}

_WORD_STREAM = "WordDocument".encode("utf-16-le")  # OLE2 directory names are UTF-16
_EXCEL_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")


def ole_kind(data: bytes, filename: str) -> str:
    """ "doc", "xls", "encrypted" (an OOXML file saved with a password) or "unknown" for an OLE2
    compound file, by the names of its streams (the directory holds them in UTF-16)."""
    if _ENCRYPTED_STREAM in data:
        return "encrypted"
    if _WORD_STREAM in data:
        return "doc"
    if any(stream in data for stream in _EXCEL_STREAMS):
        return "xls"
    suffix = Path(filename).suffix.lower()
    return {".doc": "doc", ".dot": "doc", ".xls": "xls", ".xlt": "xls"}.get(suffix, "unknown")


def odf_kind(archive_names: set[str], mimetype: bytes) -> str:
    if b"spreadsheet" in mimetype:
        return "ods"
    if b"text" in mimetype:
        return "odt"
    return "odt" if "content.xml" in archive_names else "unknown"


def read_office(data: bytes, kind: str, filename: str = "") -> Document:
    """Convert, then read like the DOCX/XLSX it became; the source stays the original file name."""
    suffix, target, out_suffix, label = KINDS[kind]
    if kind in ("odt", "ods"):
        safety.open_office_zip(data, filename, "OpenDocument")  # zip bombs, DOCTYPE: refused unconverted
    if kind in ("doc", "xls") and _encrypted_ole(data):
        raise _password(filename, label)
    report_progress(f"Đang chuyển tệp {label} sang dạng đọc được…")
    converted = convert(data, suffix, target, out_suffix, filename, label)
    try:
        if out_suffix == "docx":
            from caitien.planfile.readers import docx as reader

            doc = reader.read_docx(converted, filename)
        else:
            from caitien.planfile.readers import xlsx as reader

            doc = reader.read_xlsx(converted, filename)
    except ReadError as exc:
        # A damaged file LibreOffice half-recovered: say which file, then what the reader found.
        raise ReadError(
            f"Tệp {label} “{filename or 'đã tải lên'}” mở được nhưng chưa đọc được: {exc}"
        ) from None
    doc.source = filename
    return doc


def convert(data: bytes, suffix: str, target: str, out_suffix: str, filename: str, label: str) -> bytes:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ReadError(
            f"Máy chủ chưa cài LibreOffice nên chưa đọc được tệp {label}. Hãy mở tệp bằng Word/Excel, lưu lại "
            "dạng .docx hoặc .xlsx rồi thử lại, hoặc báo quản trị hệ thống cài LibreOffice."
        )
    with tempfile.TemporaryDirectory(prefix="caitien-office-") as tmp:
        source = Path(tmp, "ke-hoach" + suffix)
        source.write_bytes(data)
        profile = Path(tmp, "profile")
        # A new profile costs LibreOffice seconds: start from a copy of the PDF writer's kept template.
        template = _profile_template(soffice)
        warm = _copy_profile(template, profile)
        outdir = Path(tmp, "out")
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ]
        env = {**os.environ, "HOME": tmp}
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # its own process group: a timeout ends LibreOffice's helpers too
        )
        try:
            _, errors = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ReadError(
                f"Chuyển tệp {label} “{filename or 'đã tải lên'}” quá {TIMEOUT_SECONDS} giây nên đã dừng. "
                "Hãy mở tệp bằng Word/Excel, lưu lại dạng .docx hoặc .xlsx rồi thử lại."
            ) from None
        result = outdir / f"ke-hoach.{out_suffix}"
        if process.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            if b"password" in errors.lower():
                raise _password(filename, label)
            raise ReadError(
                f"Tệp {label} “{filename or 'đã tải lên'}” bị hỏng, được đặt mật khẩu hoặc không phải tệp "
                f"{label}, nên không chuyển đọc được. Hãy mở tệp bằng Word/Excel hoặc LibreOffice, bỏ mật khẩu "
                "nếu có, lưu lại dạng .docx hoặc .xlsx rồi thử lại."
            )
        if result.stat().st_size > safety.MAX_UNZIPPED_TOTAL:
            raise ReadError(
                f"Tệp {label} khi chuyển đổi lớn bất thường, nên không được đọc. "
                "Hãy dùng tệp kế hoạch gốc, không kèm dữ liệu thừa."
            )
        if not warm:
            _keep_profile(profile, template)
        return result.read_bytes()


def _password(filename: str, label: str) -> ReadError:
    return ReadError(
        f"Tệp {label} “{filename or 'đã tải lên'}” được đặt mật khẩu, không đọc được. Hãy mở tệp, bỏ mật "
        "khẩu (Tệp > Thông tin > Bảo vệ tài liệu), lưu lại rồi thử lại."
    )


def _encrypted_ole(data: bytes) -> bool:
    """A Word 97 or Excel 97 file saved with an opening password, read from the file's own flags:
    the Word FIB's fEncrypted bit, or a FILEPASS record at the head of Excel's workbook stream."""
    import olefile

    try:
        with olefile.OleFileIO(data) as compound:
            if compound.exists("WordDocument"):
                fib = compound.openstream("WordDocument").read(16)
                return len(fib) > 11 and bool(fib[11] & 0x01)  # FibBase flags, bit 8: fEncrypted
            for name in ("Workbook", "Book"):
                if compound.exists(name):
                    return _has_filepass(compound.openstream(name).read(64 * 1024))
    except Exception:  # olefile raises several kinds for a damaged file: LibreOffice will say it is
        return False
    return False


def _has_filepass(stream: bytes) -> bool:
    position = 0
    for _ in range(200):  # FILEPASS follows the first BOF closely
        if position + 4 > len(stream):
            return False
        record, length = (
            int.from_bytes(stream[position : position + 2], "little"),
            int.from_bytes(stream[position + 2 : position + 4], "little"),
        )
        if record == 0x002F:
            return True
        position += 4 + length
    return False
