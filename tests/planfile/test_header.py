"""header.fill_document: the parts of a plan around its table."""

from caitien.planfile.model import Document
from caitien.planfile.readers import header

TEXT = """PHÒNG GD&ĐT HUYỆN NAM SƠN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRƯỜNG TRUNG HỌC CƠ SỞ            Độc lập – Tự do – Hạnh phúc
LÊ QUÝ ĐÔN
Số: 27/KH-THCSLQĐ                  Nam Sơn, ngày 18 tháng 9 năm 2025

KẾ HOẠCH
Cải tiến chất lượng giáo dục
Năm học 2025 – 2026

I. MỤC ĐÍCH, YÊU CẦU
Nâng chất lượng các tiêu chí còn ở mức 1.

II. CĂN CỨ XÂY DỰNG KẾ HOẠCH
Thông tư số 18/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018.

III. NỘI DUNG KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG
Tiêu chí 1.1	Kết quả	Giải pháp

IV. TỔ CHỨC THỰC HIỆN
1. Hiệu trưởng chỉ đạo chung.
2. Tổ chuyên môn thực hiện.

Trên đây là kế hoạch cải tiến chất lượng năm học 2025 - 2026
của Trường THCS Lê Quý Đôn./.

Nơi nhận:                                   KT. HIỆU TRƯỞNG
- Phòng GDĐT (để b/c);                      PHÓ HIỆU TRƯỞNG
- Lưu: VT.

                                            Ngô Bảo Châu
"""


def test_header_block_title_period_and_circular():
    doc = Document()
    header.fill_document(doc, TEXT)
    assert doc.governing_body == "Phòng GD&ĐT huyện Nam Sơn"  # printed in capitals, read in the usual case
    assert doc.school == "Trường Trung học cơ sở Lê Quý Đôn"
    assert doc.school_level == "thcs"
    assert doc.document_number == "27/KH-THCSLQĐ"
    assert (doc.place, doc.date) == ("Nam Sơn", "2025-09-18")
    assert doc.title == "Cải tiến chất lượng giáo dục Năm học 2025 – 2026"
    assert doc.period == {"start_year": 2025, "end_year": 2026}
    assert doc.circular == "18/2018/TT-BGDĐT"
    assert doc.regulation == "tt18-2018"


def test_sections_closing_signer_and_recipients():
    doc = Document()
    header.fill_document(doc, TEXT)
    assert doc.sections["purposes"] == "Nâng chất lượng các tiêu chí còn ở mức 1."
    assert doc.sections["legal_bases"] == "Thông tư số 18/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018."
    assert doc.sections["organisation"] == "1. Hiệu trưởng chỉ đạo chung. 2. Tổ chuyên môn thực hiện."
    assert "content" not in doc.sections
    assert doc.closing_text == (
        "Trên đây là kế hoạch cải tiến chất lượng năm học 2025 - 2026 của Trường THCS Lê Quý Đôn./."
    )
    assert doc.recipients == ["Phòng GDĐT (để b/c)", "Lưu: VT"]
    assert doc.signer.name == "Ngô Bảo Châu"
    assert doc.signer.title in ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")


def test_missing_header_block_leaves_fields_empty_and_takes_the_school_from_the_body():
    text = """Số: 3/KH-TH

Tân Hòa, ngày 2 tháng 9 năm 2024

KẾ HOẠCH
Năm học 2024 – 2025

I. MỤC ĐÍCH, YÊU CẦU
1. Giúp Trường Tiểu học Kim Đồng đạt kiểm định mức 2.

Nơi nhận:
- Lưu VT.

Hồ Văn Nam
"""
    doc = Document()
    header.fill_document(doc, text)
    assert doc.governing_body is None
    assert doc.school == "Trường Tiểu học Kim Đồng"
    assert doc.school_level == "tieu_hoc"
    assert doc.document_number == "3/KH-TH"
    assert doc.date == "2024-09-02"
    assert doc.circular is None and doc.regulation is None
    assert doc.signer.name == "Hồ Văn Nam" and doc.signer.title == ""


def test_level_comes_from_a_single_level_circular_when_the_school_is_not_named():
    doc = Document()
    header.fill_document(doc, "KẾ HOẠCH\nNăm học 2023 – 2024\n\nII. CĂN CỨ\nThông tư số 19/2018/TT-BGDĐT.\n")
    assert doc.school is None
    assert doc.school_level == "mam_non"
    assert doc.regulation == "tt19-2018"


def test_circular_with_several_appendices_needs_the_level():
    doc = Document()
    header.fill_document(doc, "TRƯỜNG THCS AN PHÚ\n\nKẾ HOẠCH\n\nCăn cứ Thông tư 57/2026/TT-BGDĐT.\n")
    assert doc.school_level == "thcs"
    assert doc.regulation == "tt57-2026-pl2"


CAPITALS = """UBND XÃ HÒA AN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRƯỜNG PTDTBT THCS HÒA AN          Độc lập - Tự do - Hạnh phúc
Số: 05/KH-THCS                     Hòa An, ngày 02 tháng 10 năm 2025

KẾ HOẠCH
Cải tiến chất lượng giáo dục năm học 2025 - 2026

I. CĂN CỨ XÂY DỰNG KẾ HOẠCH
Căn cứ kết quả tự đánh giá của Trường PTDTBT THCS Hòa An;
"""


def test_names_printed_in_capitals_are_read_as_the_body_writes_them():
    doc = Document()
    header.fill_document(doc, CAPITALS)
    assert doc.school == "Trường PTDTBT THCS Hòa An"
    assert doc.governing_body == "UBND xã Hòa An"


def test_capitals_without_a_body_spelling_get_the_usual_case():
    doc = Document()
    header.fill_document(doc, CAPITALS.replace("của Trường PTDTBT THCS Hòa An", "của nhà trường"))
    assert doc.school == "Trường PTDTBT THCS Hòa An"
    doc = Document()
    header.fill_document(doc, "ỦY BAN NHÂN DÂN THÀNH PHỐ LONG SƠN\nTRƯỜNG MẦM NON HOA SEN\n\nKẾ HOẠCH\n")
    assert (doc.governing_body, doc.school) == (
        "Ủy ban nhân dân thành phố Long Sơn",
        "Trường Mầm non Hoa Sen",
    )


def test_capitals_without_diacritics_stay_as_printed():
    # A scan read without diacritics: the document's own spelling is kept.
    doc = Document()
    header.fill_document(doc, "UBND HUYEN LONG SON\nTRUONG TIEU HOC AN PHU\n\nKE HOACH\n")
    assert (doc.governing_body, doc.school) == ("UBND HUYEN LONG SON", "TRUONG TIEU HOC AN PHU")


def test_ocr_section_heading_with_an_apostrophe_for_the_horn():
    text = """KE HOACH
Nam hoc 2024 - 2025

I. MUC DICH, YEU CAU
Nang cao chat luong day hoc.

VI. TO CHU'C THU'C HIEN
Hieu truong chi dao chung; to chuyen mon thuc hien.
"""
    doc = Document()
    header.fill_document(doc, text)
    assert doc.sections["organisation"].startswith("Hieu truong chi dao chung")


def test_legal_bases_written_before_section_one_are_kept_as_section_two():
    text = TEXT.replace(
        "Năm học 2025 – 2026\n\nI. MỤC ĐÍCH",
        "Năm học 2025 – 2026\n\nCăn cứ Thông tư số 18/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ\n"
        "Giáo dục và Đào tạo;\nCăn cứ kết quả tự đánh giá năm học 2024 - 2025;\n"
        "Trường THCS Lê Quý Đôn xây dựng kế hoạch như sau:\n\nI. MỤC ĐÍCH",
    ).replace("II. CĂN CỨ XÂY DỰNG KẾ HOẠCH\nThông tư số 18/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018.\n\n", "")
    doc = Document()
    header.fill_document(doc, text)
    assert doc.sections["legal_bases"] == (
        "Căn cứ Thông tư số 18/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ Giáo dục và Đào tạo; "
        "Căn cứ kết quả tự đánh giá năm học 2024 - 2025;"
    )
    assert doc.title == "Cải tiến chất lượng giáo dục Năm học 2025 – 2026"
    assert doc.sections["purposes"] == "Nâng chất lượng các tiêu chí còn ở mức 1."


def test_legal_bases_before_section_one_come_first_when_section_two_exists():
    text = TEXT.replace(
        "Năm học 2025 – 2026\n\nI. MỤC ĐÍCH",
        "Năm học 2025 – 2026\nCăn cứ Công văn số 5932/BGDĐT-QLCL;\n\nI. MỤC ĐÍCH",
    )
    doc = Document()
    header.fill_document(doc, text)
    assert doc.sections["legal_bases"] == (
        "Căn cứ Công văn số 5932/BGDĐT-QLCL; Thông tư số 18/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018."
    )
