"""text.read_text over every extracted-text layout (fixtures written for these tests).

pdftotext_layout.txt and pdftotext_raw.txt are the output of `pdftotext -layout` / `-raw` on a PDF
that LibreOffice made from a Word plan; the other fixtures imitate tab-separated copies, cell-by-cell
blocks with a page break, OCR pipe tables without diacritics (ocr_pipes.txt, ocr_columns.txt),
and a document whose table is lost.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from caitien.planfile import readers
from caitien.planfile.readers.text import detect_layout, read_text

FIXTURES = Path(__file__).parent / "fixtures"


def _read(name):
    return read_text((FIXTURES / name).read_text(encoding="utf-8"), name)


def test_tab_separated_rows():
    doc = _read("tab_rows.txt")
    assert [i.criterion for i in doc.items] == ["1.4", "3.3", "3.5"]
    first, roof, kits = doc.items
    assert (
        first.solutions
        == "Mỗi tháng tổ chức hai buổi sinh hoạt chuyên môn theo chủ đề Dự giờ, góp ý sau mỗi buổi"
    )
    assert (first.start, first.end) == ("2025-09", "2025-12")
    assert first.budget_text == "Không có" and first.budget_amounts == []
    assert (roof.start, roof.end) == ("2026-04", "2026-06")
    assert [(a.vnd, a.per) for a in roof.budget_amounts] == [(45_000_000, None)]
    assert roof.notes == "Làm trong hè"
    assert (kits.start, kits.end) == ("2025-10", "2025-12")
    assert [(a.vnd, a.per) for a in kits.budget_amounts] == [(1_500_000, "month")]
    assert doc.standard_headings == {
        "1": "Tổ chức và quản lý nhà trường",
        "3": "Cơ sở vật chất và thiết bị dạy học",
    }
    assert doc.school == "Trường Tiểu học Sao Mai" and doc.school_level == "tieu_hoc"
    assert (doc.document_number, doc.place, doc.date) == ("12/KH-THSM", "Hoàng Sa", "2025-09-05")
    assert doc.regulation == "tt17-2018"
    assert doc.signer.name == "Lê Thị Hoa" and doc.signer.title == "HIỆU TRƯỞNG"
    assert doc.warnings == []


def test_pdftotext_layout_columns():
    doc = _read("pdftotext_layout.txt")
    assert detect_layout((FIXTURES / "pdftotext_layout.txt").read_text().split("\n")) == "columns"
    assert [(i.criterion, i.level) for i in doc.items] == [("1.2", "2"), ("2.3", "2"), ("4.1", "1")]
    council, library, parents = doc.items
    assert council.expected_result == "Hội đồng trường họp đủ số phiên theo quy chế"
    assert council.solutions == "Lập lịch họp cả năm và gửi trước cho thành viên"
    assert council.lead == "Hiệu trưởng; Thư ký hội đồng"
    assert (council.start, council.end) == ("2024-10", "2024-10")
    assert [(a.vnd, a.per) for a in library.budget_amounts] == [(2_500_000, None)]
    assert library.notes == "Theo thông báo của Sở"
    assert (library.start, library.end) == ("2025-01", "2025-05")
    assert parents.expected_result == "Ban đại diện cha mẹ học sinh hoạt động đều"
    assert (parents.start, parents.end) == ("2024-09", "2025-05")
    assert doc.school_level == "thcs" and doc.regulation == "tt18-2018"


def test_pdftotext_raw_reading_order():
    doc = _read("pdftotext_raw.txt")
    assert [(i.criterion, i.level) for i in doc.items] == [("1.2", "2"), ("2.3", "2"), ("4.1", "1")]
    council, library, parents = doc.items
    assert council.expected_result == "Hội đồng trường họp đủ số phiên theo quy chế"
    assert council.solutions == "Lập lịch họp cả năm và gửi trước cho thành viên"
    assert library.solutions == "Cử đi học lớp bồi dưỡng của Sở"
    assert parents.solutions == "Họp ban đại diện mỗi học kỳ một lần"
    assert council.start == "2024-10"


def test_cell_blocks_with_empty_cells_and_a_page_break():
    doc = _read("cell_blocks.txt")
    assert [i.criterion for i in doc.items] == ["1.4", "3.2", "5.2"]
    meetings, room, outdoor = doc.items
    assert meetings.lead == "Phó Hiệu trưởng"
    assert (meetings.start, meetings.end) == ("2023-10", "2023-10")
    # Budget and support are empty: the note comes after two spaces.
    assert meetings.budget_text == "" and meetings.support == ""
    assert meetings.notes == "Thực hiện hằng tháng"
    assert room.expected_result == "Có thêm một phòng nhóm cho trẻ 3 tuổi"
    assert room.lead == "Hiệu trưởng, kế toán"
    assert (room.start, room.end) == ("2024-04", "2024-06")
    assert room.budget_text == "80 triệu đồng"
    assert [(a.vnd, a.per) for a in room.budget_amounts] == [(80_000_000, None)]
    assert room.support == "Ủy ban nhân dân xã"
    # The solutions cell goes on after the page break.
    assert outdoor.solutions == "Bố trí góc chơi cát, ở sân và nước"
    assert outdoor.lead == "Giáo viên các lớp"
    assert (outdoor.start, outdoor.end) == ("2023-09", "2024-05")
    assert doc.school_level == "mam_non" and doc.regulation == "tt19-2018"
    assert doc.standard_headings["5"] == "Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ"
    assert doc.sections["organisation"].startswith("- Hiệu trưởng phân công")


def test_pipe_table_without_diacritics_keeps_the_spelling():
    doc = _read("pipe_no_diacritics.txt")
    assert [i.criterion for i in doc.items] == ["2.2", "3.6"]
    teachers, books = doc.items
    assert teachers.solutions == "Cu di hoc Tu hoc qua mang"
    assert (teachers.start, teachers.end) == ("2022-09", "2023-05")
    assert [(a.vnd, a.per) for a in teachers.budget_amounts] == [(25_000_000, None)]
    assert books.lead == "Nhan vien thu vien"
    assert books.budget_amounts == []
    assert doc.school == "TRUONG TIEU HQC BINH MINH" and doc.school_level == "tieu_hoc"
    assert doc.document_number == "19/KH-TH"
    assert doc.circular == "17/2018/TT-BGDĐT"


def test_form_57_tab_rows_and_sections():
    doc = _read("form57_tabs.txt")
    assert doc.regulation == "tt57-2026-pl2" and doc.school_level == "thpt"
    lab, english = doc.items
    assert (lab.criterion, lab.standard) == ("3.3", 3)
    assert lab.indicator == "Phòng được đưa vào dùng"
    assert lab.expected_evidence == "Biên bản bàn giao"
    assert lab.status == "Đang thực hiện"
    assert (lab.start, lab.end) == ("2026-09", "2026-12")
    assert (english.criterion, english.standard) == (None, 2)
    assert (english.start, english.end) == ("2027-05", "2027-05")
    assert set(doc.sections) >= {
        "general_info",
        "legal_bases",
        "purposes",
        "priority_issues",
        "monitoring",
        "organisation",
        "review_mechanism",
    }
    assert doc.sections["review_mechanism"] == "Báo cáo Sở hai lần mỗi năm học."
    assert "2026 - 2027" in doc.closing_text


def test_lost_table_is_reported_and_no_row_is_invented():
    doc = _read("table_lost.txt")
    assert doc.items == []
    assert [w.code for w in doc.warnings] == ["table-lost"]
    assert doc.warnings[0].where.startswith("dòng ")
    assert doc.school_level == "mam_non"
    assert doc.period == {"start_year": 2024, "end_year": 2025}
    assert doc.signer.name == "Đoàn Thị Mai"


def test_read_bytes_dispatches_text_files():
    data = (FIXTURES / "tab_rows.txt").read_bytes()
    doc = readers.read_bytes(data, "ke-hoach.txt")
    assert [i.criterion for i in doc.items] == ["1.4", "3.3", "3.5"]
    assert doc.source == "ke-hoach.txt"


def test_garbage_text_gives_a_document_with_a_warning():
    doc = read_text("xin chào\n" * 50 + "\t\t\t\n" * 3)
    assert doc.items == []
    assert "table-lost" in [w.code for w in doc.warnings]


def test_parse_command_prints_the_json_contract(tmp_path):
    exe = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "caitien"
    if not exe.exists():
        exe = Path(shutil.which("caitien"))
    out = subprocess.run(
        [str(exe), "parse", "--json", str(FIXTURES / "cell_blocks.txt")],
        capture_output=True,
        check=True,
        timeout=60,
    )
    payload = json.loads(out.stdout)
    assert [i["criterion"] for i in payload["items"]] == ["1.4", "3.2", "5.2"]
    assert payload["items"][1]["budget_amounts"] == [{"vnd": 80_000_000, "per": None}]


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_every_fixture_round_trips_through_json(name):
    doc = _read(name)
    from caitien.planfile.model import Document

    again = Document.from_json(doc.to_json())
    assert again.to_dict() == doc.to_dict()


def test_an_endless_row_is_cut_with_a_warning_not_searched_forever():
    text = "III. NỘI DUNG KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG\nTiêu chí 1.1\n" + "Một dòng chữ\n" * 3000
    doc = read_text(text)
    assert [i.criterion for i in doc.items] == ["1.1"]
    assert [w.code for w in doc.warnings] == ["row-too-long"]
    assert doc.warnings[0].where == "dòng 2"


def test_ocr_lines_with_borders_read_here_and_there():
    doc = _read("ocr_pipes.txt")
    assert [i.criterion for i in doc.items] == ["3.3", "3.5", "5.2"]
    roof, chairs, swim = doc.items
    # On a row's first line the short cells on the right keep their places.
    assert [(a.vnd, a.per) for a in roof.budget_amounts] == [(30_000_000, None)]
    assert roof.support == "CMHS"
    assert (roof.start, roof.end) == ("2022-09", "2022-12")
    assert chairs.budget_text == "Khong" and chairs.support == "Khong"
    assert (chairs.start, chairs.end) == ("2023-01", "2023-05")
    assert (swim.start, swim.end) == ("2023-04", "2023-04")
    assert doc.standard_headings == {"3": "Co sé vat chat va thiét bi day hoc", "5": "Hoat dong giao duc"}
    assert doc.school == "TRUONG TIEU HQC RANG DONG" and doc.school_level == "tieu_hoc"
    assert doc.document_number == "5/KH-TH"


def test_ocr_columns_rebuilt_from_widths_borders_and_words():
    """OCR lines without diacritics holding one visual line of every column, borders read here and
    there, cells centred or cut mid-word, border noise at the edges, a level heading after the table."""
    doc = _read("ocr_columns.txt")
    assert [i.criterion for i in doc.items] == ["2.1", "3.2", "5.4"]
    staff, lights, visits = doc.items
    # Missed borders between the two text columns ("Nang cao To chuc …", "quan ly hoach …").
    assert staff.expected_result == "Nang cao nang luc quan ly cua to truong"
    assert staff.solutions == "To chuc boi duong cho to truong vé lap ké hoach va kiém tra noi bo."
    assert staff.lead == "Hiéu truong, Pho HT."
    # The time column wraps "11-" / "2024"; "Khon" / "g" is one word cut by the narrow column.
    assert staff.time_text == "Thang 11-2024 dén Thang 4 nam 2025" and (staff.start, staff.end) == (
        "2024-11",
        "2025-04",
    )
    assert staff.budget_text == "3 triéu dong" and [a.vnd for a in staff.budget_amounts] == [3_000_000]
    assert staff.support == "Khong"
    # "[Nam", "\chi", "_" at the left edge and a lone "i" at the right edge are borders, not text.
    assert lights.expected_result == "Sua chua hé thong chiéu sang lop hoc"
    assert lights.lead == "Ké toan, nhan vién bao vé."
    assert lights.time_text == "Nam hoc 2024-2025" and (lights.start, lights.end) == ("2024-09", "2025-05")
    assert lights.budget_text == "12 triéu dong tu nguon xa hoi hoa" and lights.support == ""
    # "5.4(tham": a border read as "("; "CM" / "HS" joined; the row ends at "MUC 4: …".
    assert visits.expected_result == "Hoc sinh tham gia day du cac hoat dong trai nghiém"
    assert (
        visits.solutions
        == "Xay dung lich trai nghiém theo tung khoi lop, moi thém bao tang va néng trai lién két."
    )
    assert visits.lead == "To truong chuyén mon."
    assert (visits.start, visits.end) == ("2025-01", "2025-05") and visits.budget_text == "Khong"
    assert visits.support == "Su ung ho cua CMHS"
    assert doc.standard_headings == {
        "2": "Can bo quan ly, giao vién, nhan vién",
        "3": "Co so vat chat va thiét bi day hoc",
        "5": "Hoat dong giao duc va két qua giao duc",
    }
    assert (doc.document_number, doc.place, doc.date) == ("18/KH-BM", "Nha Be", "2024-10-20")
    assert doc.warnings == []
