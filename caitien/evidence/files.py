"""What an evidence file may be, decided by its content, never by its name.

Accepted: PDF, JPEG and PNG images, DOCX and XLSX. The office formats are zip archives, checked by
the same limits as plan imports (zip bombs, XML with a DTD); images are opened by Pillow with its
decompression-bomb check turned into a refusal, and get a small thumbnail.
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePath

from django.conf import settings
from PIL import Image, UnidentifiedImageError

from caitien.planfile.readers import ReadError
from caitien.planfile.readers.safety import open_office_zip

MAX_BYTES = 10 * 1024 * 1024  # settings.CAITIEN_EVIDENCE_MAX_BYTES overrides it
MAX_PIXELS = 40_000_000  # a phone photo is 12-50 MP; beyond Pillow's own limit it is a bomb anyway
THUMBNAIL_SIZE = (320, 320)


def max_upload_bytes() -> int:
    return int(getattr(settings, "CAITIEN_EVIDENCE_MAX_BYTES", MAX_BYTES))


class FileRefused(Exception):
    def __init__(self, message_vi: str):
        super().__init__(message_vi)
        self.message = message_vi


@dataclass(frozen=True)
class Kind:
    key: str
    content_type: str
    extension: str
    label: str

    @property
    def is_image(self) -> bool:
        return self.key in ("jpeg", "png")


KINDS = {
    "pdf": Kind("pdf", "application/pdf", ".pdf", "PDF"),
    "jpeg": Kind("jpeg", "image/jpeg", ".jpg", "ảnh JPEG"),
    "png": Kind("png", "image/png", ".png", "ảnh PNG"),
    "docx": Kind(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
        "Word (DOCX)",
    ),
    "xlsx": Kind(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Excel (XLSX)"
    ),
}
ACCEPTED_TEXT = "PDF, ảnh JPEG/PNG, Word (DOCX) hoặc Excel (XLSX)"


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    kind: Kind
    original_name: str
    thumbnail: bytes | None  # PNG or JPEG bytes for images

    @property
    def size(self) -> int:
        return len(self.data)


def read_upload(uploaded_file, max_bytes: int | None = None) -> tuple[bytes, str]:
    """The bytes and the name of a Django upload, refusing an oversized one before reading it."""
    limit = max_bytes or max_upload_bytes()
    name = PurePath(getattr(uploaded_file, "name", "") or "tệp").name
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise FileRefused(_too_big(name, size, limit))
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(_too_big(name, len(data), limit))
    return data, name


def check_file(data: bytes, name: str, max_bytes: int | None = None) -> CheckedFile:
    limit = max_bytes or max_upload_bytes()
    if len(data) > limit:
        raise FileRefused(_too_big(name, len(data), limit))
    if not data:
        raise FileRefused(f"Tệp “{name}” rỗng. Hãy chọn lại tệp minh chứng.")
    kind = KINDS.get(detect_kind(data))
    if kind is None:
        raise FileRefused(
            f"Tệp “{name}” không phải {ACCEPTED_TEXT} (đã kiểm tra nội dung tệp, không dựa vào tên). "
            "Hãy lưu minh chứng ở một trong các định dạng này rồi tải lại."
        )
    thumbnail = None
    if kind.key in ("docx", "xlsx"):
        try:
            open_office_zip(data, name, kind.label).close()
        except ReadError as error:
            raise FileRefused(str(error)) from None
    elif kind.is_image:
        thumbnail = _checked_image_thumbnail(data, name, kind)
    elif not _looks_like_complete_pdf(data):
        raise FileRefused(
            f"Tệp PDF “{name}” bị hỏng hoặc chưa tải về hết. Hãy mở tệp, lưu lại (hoặc in ra PDF) rồi thử lại."
        )
    return CheckedFile(
        data=data, kind=kind, original_name=_name_with_extension(name, kind), thumbnail=thumbnail
    )


def detect_kind(data: bytes) -> str:
    head = data[:8]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return "unknown"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return "unknown"


def _looks_like_complete_pdf(data: bytes) -> bool:
    return b"%%EOF" in data[-2048:]


def _checked_image_thumbnail(data: bytes, name: str, kind: Kind) -> bytes:
    bomb = FileRefused(
        f"Ảnh “{name}” có kích thước điểm ảnh lớn bất thường (có thể là “bom ảnh”), nên không được nhận. "
        "Hãy chụp lại hoặc thu nhỏ ảnh (dưới 40 megapixel) rồi tải lại."
    )
    try:
        with warnings.catch_warnings():
            # Pillow warns past MAX_IMAGE_PIXELS and raises past twice that: both are refused here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise bomb
                image.verify()
            with Image.open(BytesIO(data)) as image:
                image.load()
                image.thumbnail(THUMBNAIL_SIZE)
                out = BytesIO()
                if kind.key == "jpeg":
                    image.convert("RGB").save(out, "JPEG", quality=80)
                else:
                    image.save(out, "PNG", optimize=True)
                return out.getvalue()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise bomb from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise FileRefused(
            f"Ảnh “{name}” bị hỏng, không mở được. Hãy chụp hoặc lưu lại ảnh rồi tải lại."
        ) from None


def _name_with_extension(name: str, kind: Kind) -> str:
    """The original name, with the extension of what the content is (a PDF named .png ends in .pdf)."""
    path = PurePath(name)
    stem = path.stem if path.suffix else path.name
    suffix = path.suffix.lower()
    if kind.key == "jpeg" and suffix in (".jpg", ".jpeg"):
        return path.name[:255]
    if suffix == kind.extension:
        return path.name[:255]
    return f"{stem[: 255 - len(kind.extension)]}{kind.extension}"


def _too_big(name: str, size: int, limit: int) -> str:
    return (
        f"Tệp “{name}” quá lớn ({size / 1024 / 1024:.1f} MB, tối đa {limit // 1024 // 1024} MB). "
        "Hãy nén ảnh, giảm độ phân giải khi quét hoặc tách tệp rồi tải lại."
    )
