"""Word 97, Excel 97, RTF and OpenDocument files: converted by LibreOffice, read like DOCX/XLSX.

The fixtures are the test plans (builders.py) saved by LibreOffice in each format."""

import pytest

from caitien.planfile import readers
from tests.readers import builders


def _same(a, b) -> None:
    left, right = a.to_dict(), b.to_dict()
    left.pop("source"), right.pop("source")
    assert left == right


@pytest.fixture(scope="module")
def office(built, tmp_path_factory):
    root = tmp_path_factory.mktemp("office")
    return {
        "doc": builders.soffice_convert(built["docx"], root, "doc", "doc"),
        "doc57": builders.soffice_convert(built["docx57"], root / "57", "doc", "doc"),
        "rtf": builders.soffice_convert(built["docx"], root, "rtf", "rtf"),
        "odt": builders.soffice_convert(built["docx"], root, "odt", "odt"),
        "xls": builders.soffice_convert(built["xlsx"], root, "xls", "xls"),
        "ods": builders.soffice_convert(built["xlsx"], root, "ods", "ods"),
    }


def test_a_word_97_file_reads_equal_to_its_docx(built, office):
    assert office["doc"].read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    doc = readers.read_path(office["doc"])
    _same(doc, readers.read_path(built["docx"]))
    assert len(doc.items) == len(builders.ROWS)
    assert doc.source == office["doc"].name


def test_a_word_97_file_of_the_57_form_reads_equal_to_its_docx(built, office):
    doc = readers.read_path(office["doc57"])
    _same(doc, readers.read_path(built["docx57"]))
    assert doc.items[-1].criterion is None and doc.items[-1].standard == 5


def test_an_excel_97_file_reads_equal_to_its_xlsx(built, office):
    assert office["xls"].read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    _same(readers.read_path(office["xls"]), readers.read_path(built["xlsx"]))


@pytest.mark.parametrize("kind, original", [("rtf", "docx"), ("odt", "docx"), ("ods", "xlsx")])
def test_rtf_and_opendocument_files_read_like_the_original(built, office, kind, original):
    doc = readers.read_path(office[kind])
    expected = readers.read_path(built[original])
    assert [i.criterion for i in doc.items] == [i.criterion for i in expected.items]
    assert [i.expected_result for i in doc.items] == [i.expected_result for i in expected.items]
    assert doc.school == expected.school


def test_a_renamed_old_word_file_is_still_read_by_its_content(office, tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(office["doc"].read_bytes())
    assert len(readers.read_path(path).items) == len(builders.ROWS)


def test_a_password_protected_word_97_file_asks_for_the_password_to_be_removed(built, tmp_path):
    path = builders.soffice_with_password(built["docx"], tmp_path / "mat-khau.doc", "MS Word 97", "matkhau")
    with pytest.raises(readers.ReadError) as caught:
        readers.read_path(path)
    assert "được đặt mật khẩu" in str(caught.value) and "bỏ mật" in str(caught.value)


def test_a_password_protected_excel_97_file_asks_for_the_password_to_be_removed(built, tmp_path):
    path = builders.soffice_with_password(built["xlsx"], tmp_path / "mat-khau.xls", "MS Excel 97", "matkhau")
    with pytest.raises(readers.ReadError) as caught:
        readers.read_path(path)
    assert "được đặt mật khẩu" in str(caught.value)


def test_a_corrupted_excel_97_file_is_refused_with_how_to_fix(office, tmp_path):
    data = bytearray(office["xls"].read_bytes())
    for position in range(600, len(data), 97):
        data[position] ^= 0xFF
    path = tmp_path / "hong.xls"
    path.write_bytes(bytes(data))
    try:
        doc = readers.read_path(path)
    except readers.ReadError as exc:
        assert "Excel 97-2003 (.xls)" in str(exc) and "\n" not in str(exc)
    else:  # LibreOffice may recover part of a damaged workbook; what it recovers must be a document
        assert doc.source == "hong.xls"


def test_an_opendocument_zip_bomb_is_refused_before_conversion(tmp_path):
    import zipfile

    path = tmp_path / "bom.odt"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", b"<a>" + b" " * (70 * 1024 * 1024) + b"</a>")
    with pytest.raises(readers.ReadError) as caught:
        readers.read_path(path)
    assert "bom nén" in str(caught.value)
