"""Broken, hostile and unsupported files get one clear Vietnamese message, never a crash or a hang."""

import random
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx as python_docx
import pytest
from PIL import Image

from caitien.planfile import readers
from caitien.planfile.readers import safety
from tests.readers import builders

LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>\n'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol4;</w:t></w:r></w:p></w:body></w:document>"
)


def _rezip(source: Path, target: Path, replace: dict[str, bytes] | None = None, extra=None) -> Path:
    """Copy an Office archive, replacing some parts and adding others (extra: name -> chunk iterator)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = (replace or {}).get(info.filename, old.read(info.filename))
            new.writestr(info.filename, data)
        for name, chunks in (extra or {}).items():
            with new.open(name, "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk)
    return target


def _message(path) -> str:
    with pytest.raises(readers.ReadError) as caught:
        readers.read_path(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "rong.docx"
    path.write_bytes(b"")
    assert "Tệp rỗng" in _message(path)


def test_a_truncated_docx_is_called_damaged(built, tmp_path):
    data = built["docx"].read_bytes()
    path = tmp_path / "bi-cat.docx"
    path.write_bytes(data[: len(data) // 2])
    message = _message(path)
    assert "bị hỏng hoặc chưa tải về hết" in message and "Word" in message


def test_a_docx_with_a_corrupt_part_is_called_damaged(built, tmp_path):
    data = bytearray(built["docx"].read_bytes())
    # Flip bytes inside the compressed document part: the archive's directory still opens.
    with zipfile.ZipFile(built["docx"]) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 40
    for i in range(start, start + 200):
        data[i] ^= 0x5A
    path = tmp_path / "hong-ben-trong.docx"
    path.write_bytes(bytes(data))
    assert "bị hỏng" in _message(path)


def test_billion_laughs_inside_a_docx_is_refused_before_parsing(built, tmp_path):
    path = _rezip(built["docx"], tmp_path / "cuoi.docx", replace={"word/document.xml": LAUGHS.encode()})
    message = _message(path)
    assert "DOCTYPE/ENTITY" in message and "word/document.xml" in message


def test_a_utf16_doctype_is_seen_too(built, tmp_path):
    path = _rezip(
        built["docx"],
        tmp_path / "utf16.docx",
        replace={"word/document.xml": LAUGHS.replace("UTF-8", "UTF-16").encode("utf-16")},
    )
    assert "DOCTYPE/ENTITY" in _message(path)


def test_billion_laughs_inside_an_xlsx_is_refused(built, tmp_path):
    with zipfile.ZipFile(built["xlsx"]) as archive:
        strings = [n for n in archive.namelist() if n.endswith("sharedStrings.xml")]
        part = strings[0] if strings else "xl/worksheets/sheet1.xml"
    path = _rezip(built["xlsx"], tmp_path / "cuoi.xlsx", replace={part: LAUGHS.encode()})
    assert "DOCTYPE/ENTITY" in _message(path)


def test_a_zip_bomb_is_refused_by_its_sizes(built, tmp_path):
    zeros = b"\0" * (1024 * 1024)
    path = _rezip(
        built["docx"],
        tmp_path / "bom.docx",
        extra={"word/media/padding.bin": (zeros for _ in range(safety.MAX_UNZIPPED_TOTAL // len(zeros) + 8))},
    )
    assert path.stat().st_size < 2 * 1024 * 1024  # small on disk, huge when unpacked
    assert "bom nén" in _message(path)


def test_a_single_highly_compressed_part_is_refused_by_its_ratio(built, tmp_path):
    zeros = b"\0" * (1024 * 1024)
    path = _rezip(
        built["docx"], tmp_path / "ti-le.docx", extra={"word/media/anh.bin": (zeros for _ in range(8))}
    )
    assert "bom nén" in _message(path)


def test_too_many_table_rows_are_refused(tmp_path):
    import copy

    document = python_docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "Tiêu chí 1.1"
    row = table.rows[0]._tr
    for _ in range(safety.MAX_TABLE_ROWS + 5):
        row.addnext(copy.deepcopy(row))
    path = tmp_path / "dai.docx"
    document.save(path)
    assert "quá lớn" in _message(path)


def test_random_bytes_named_pdf_are_refused(tmp_path):
    path = tmp_path / "ngau-nhien.pdf"
    path.write_bytes(b"\x00" + random.Random(7).randbytes(6000))
    assert "không phải tệp PDF" in _message(path)


def test_a_damaged_pdf_is_refused(built, tmp_path):
    data = built["pdf57"].read_bytes()
    path = tmp_path / "hong.pdf"
    path.write_bytes(data[:900])
    assert "PDF" in _message(path)


def test_an_encrypted_pdf_asks_for_the_password_to_be_removed(built, tmp_path):
    path = builders.soffice_pdf(built["docx57"], tmp_path / "mat-khau", password="matkhau-123")
    assert b"/Encrypt" in path.read_bytes()
    assert "mật khẩu" in _message(path)


def test_an_image_only_pdf_without_any_text_says_nothing_was_recognised(tmp_path):
    image = Image.new("RGB", (800, 600), "white")
    for x in range(100, 700):
        for y in range(280, 300):
            image.putpixel((x, y), (0, 0, 0))
    path = tmp_path / "ban-quet.pdf"
    image.save(path, "PDF", resolution=100)
    message = _message(path)
    assert message.startswith("Không nhận dạng được chữ nào trong “ban-quet.pdf”")


def test_an_office_compound_file_that_is_neither_word_nor_excel_is_refused(tmp_path):
    path = tmp_path / "la.bin"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)  # an OLE2 signature, no Word/Excel
    assert "Không nhận ra định dạng" in _message(path)


def test_a_zip_that_is_not_office_is_refused(tmp_path):
    path = tmp_path / "nen.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "không phải kế hoạch")
    assert "không phải tệp Word" in _message(path)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "lon.pdf"
    with path.open("wb") as handle:
        handle.truncate(readers.MAX_BYTES + 1)
    assert "quá lớn" in _message(path)


@pytest.mark.parametrize("name", ["bi-cat.docx", "ngau-nhien.pdf", "rong.xlsx"])
def test_the_parse_command_exits_2_with_one_vietnamese_line(built, tmp_path, name):
    path = tmp_path / name
    if name.endswith(".docx"):
        path.write_bytes(built["docx"].read_bytes()[:3000])
    elif name.endswith(".pdf"):
        path.write_bytes(b"\x00" + random.Random(3).randbytes(3000))
    else:
        path.write_bytes(b"")
    caitien = shutil.which("caitien", path=str(Path(sys.executable).parent))
    result = subprocess.run(
        [caitien, "parse", "--json", str(path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi: Tệp")
