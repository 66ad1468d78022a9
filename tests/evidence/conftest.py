"""Real evidence files, made by the tools that make them (Pillow, python-docx, openpyxl, a PDF writer)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


def png_bytes(size=(40, 30), color=(200, 30, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def jpeg_bytes(size=(64, 48)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    from caitien.evidence.demo import tiny_pdf

    return tiny_pdf("Biên bản họp Hội đồng tự đánh giá")


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Quyết định thành lập Hội đồng tự đánh giá")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["TT", "Tên"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
