"""Each Vietnamese parsing rule on its own."""

import pytest

from caitien.planfile import vietnamese as vn

PERIOD = {"start_year": 2024, "end_year": 2025}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Tiêu chí 1.3: Tổ chức Đảng", "1.3"),
        ("Tieu chi 2.4", "2.4"),
        ("Tiéu chi 5.5", "5.5"),  # OCR accent confusion
        ("TIÊU CHÍ 3.10", "3.10"),
        ("TC 4.2", "4.2"),
        ("Tiêu chí số 1.1", "1.1"),
        ("1.10: An ninh trật tự", "1.10"),
        ("Tiêu chí\n1.2:", "1.2"),
        ("chi 1.3 - Ti1eu", None),
        ("Năm học 2024-2025", None),
        ("Tháng 9/2024", None),
        ("", None),
    ],
)
def test_find_criterion(text, code):
    assert vn.find_criterion(text) == code


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Tiêu chuẩn 2: Cán bộ quản lý, giáo viên", (2, "Cán bộ quản lý, giáo viên")),
        ("Tieu chuan 5 - Hoat dong giao duc", (5, "Hoat dong giao duc")),
        ("Tiéu chuan 3: Co so vat chat", (3, "Co so vat chat")),
        ("TIÊU CHUẨN 1. TỔ CHỨC", (1, "TỔ CHỨC")),
        ("Tiêu chí 1.1", None),
    ],
)
def test_find_standard(text, found):
    assert vn.find_standard(text) == found


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Số: 67/KH-THĐP", "67/KH-THĐP"),
        ("S6 : 71/KH-HH Binh Thanh", "71/KH-HH"),
        ("Số:12/KH-MN  Hà Nội, ngày 1 tháng 9 năm 2024", "12/KH-MN"),
        ("Số 12 học sinh", None),
    ],
)
def test_parse_document_number(text, number):
    assert vn.parse_document_number(text) == number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Định Hiệp, ngày 29 tháng  11  năm 2022", ("Định Hiệp", "2022-11-29")),
        ("Số: 233/KH-NVB Bình Thạnh, ngày 15 tháng 9 năm 2023", ("Bình Thạnh", "2023-09-15")),
        ("   Số: 5/KH-TH          Tân Phú, ngày 9 tháng 8 năm 2024", ("Tân Phú", "2024-08-09")),
        ("Binh Thanh, ngay 07 thang 10 nam 2021", ("Binh Thanh", "2021-10-07")),
        ("Hà Nội, ngày 05/9/2025", ("Hà Nội", "2025-09-05")),
        ("ngày 31 tháng 2 năm 2024", (None, None)),
        ("không có ngày", (None, None)),
    ],
)
def test_parse_place_date(text, expected):
    assert vn.parse_place_date(text) == expected


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("năm học 2023-2024", (2023, 2024)),
        ("Năm học 2024- 2025", (2024, 2025)),
        ("NH 2022 – 2023", (2022, 2023)),
        ("Nam hoc 2021 - 2022", (2021, 2022)),
        ("năm học 2023-2025", None),
        ("năm 2024", None),
    ],
)
def test_parse_school_year(text, years):
    assert vn.parse_school_year(text) == years


def test_parse_period_of_a_phase_and_of_a_school_year():
    assert vn.parse_period("Cải tiến chất lượng giáo dục giai đoạn 2022 - 2027") == {
        "start_year": 2022,
        "end_year": 2027,
    }
    assert vn.parse_period("Năm học 2025 – 2026") == {"start_year": 2025, "end_year": 2026}
    assert vn.parse_period("Kế hoạch") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018", "17/2018/TT-BGDĐT"),
        ("Thong tu so 18/2018/TT-BGDDT", "18/2018/TT-BGDĐT"),
        ("Thông tư 19/2018/TT-BGD&ĐT", "19/2018/TT-BGDĐT"),
        ("Thông tư 32/2018/TT-BGDĐT ban hành chương trình; Thông tư 57/2026/TT-BGDĐT", "57/2026/TT-BGDĐT"),
        ("Thông tư 28/2020/TT-BGDĐT", None),
    ],
)
def test_find_circular(text, code):
    assert vn.find_circular(text) == code


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Trường Tiểu học Định Phước", "tieu_hoc"),
        ("TRUONG TIEU HQC HONG HA", "tieu_hoc"),
        ("Trường THCS Lê Lợi", "thcs"),
        ("Trường Trung học cơ sở Nguyễn Văn Bé", "thcs"),
        ("TRƯỜNG TRUNG HỌC PHỔ THÔNG CHU VĂN AN", "thpt"),
        ("Trường Mầm non Hoa Sen", "mam_non"),
        ("Trường phổ thông có nhiều cấp học Quang Trung", "nhieu_cap"),
        ("Phòng Giáo dục và Đào tạo", None),
    ],
)
def test_school_level_from(text, level):
    assert vn.school_level_from(text) == level


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Tháng 01/2023", "2023-01", "2023-01"),
        ("tháng 9/2024", "2024-09", "2024-09"),
        ("Tháng 10-2021 đến Tháng 7 năm 2022", "2021-10", "2022-07"),
        ("Năm học 2025 - 2026", "2025-09", "2026-05"),
        ("Tháng 01/2023 đến hết năm học 2022 - 2023", "2023-01", "2023-05"),
        ("Đầu NH 2023-2024", "2023-09", "2023-09"),
        ("Cuối năm học 2024-2025", "2025-05", "2025-05"),
        ("- Xuyên suốt NH 2023-2024", "2023-09", "2024-05"),
        ("HKI", "2024-09", "2024-12"),
        ("HKII", "2025-01", "2025-05"),
        ("Học kỳ II năm học 2024-2025", "2025-01", "2025-05"),
        ("Quý II/2025", "2025-04", "2025-06"),
        ("quý 4 năm 2024", "2024-10", "2024-12"),
        ("đầu năm học", "2024-09", "2024-09"),
        ("cuối năm học", "2025-05", "2025-05"),
        ("xuyên suốt năm học", "2024-09", "2025-05"),
        ("Cả năm học", "2024-09", "2025-05"),
        ("từ 01/9/2024 đến 31/12/2024", "2024-09", "2024-12"),
        ("Tháng 9 đến tháng 12/2024", "2024-09", "2024-12"),
        ("Tháng 10", "2024-10", "2024-10"),
        ("Tháng 3", "2025-03", "2025-03"),
        ("Năm 2021 đến năm 2023", "2021-01", "2023-12"),
        ("Nam 2021 Pén nam 2023", "2021-01", "2023-12"),  # OCR "Đến"
        ("- Tháng 7/2023 đến 3/2024\n- Xuyên suốt NH 2023-2024", "2023-07", "2024-05"),
        ("Năm học 2024-2025 và các năm tiếp theo", "2024-09", "2025-05"),
        ("Nam hoc 2025-2026 va cac nam tiep theo", "2025-09", "2026-05"),
    ],
)
def test_parse_time(text, start, end):
    span = vn.parse_time(text, PERIOD)
    assert (span.start, span.end, span.ok) == (start, end, True)


def test_open_ended_time_ends_at_the_plan_period_end():
    span = vn.parse_time("Năm học 2023-2024 và những năm tiếp theo", {"start_year": 2023, "end_year": 2027})
    assert (span.start, span.end) == ("2023-09", "2027-05")


def test_times_without_year_need_the_period():
    assert vn.parse_time("HKI").ok is False
    assert vn.parse_time("đầu năm học").ok is False


def test_unreadable_time_is_not_guessed():
    span = vn.parse_time("Khi có điều kiện", PERIOD)
    assert (span.start, span.end, span.ok) == (None, None, False)


def test_empty_time_is_fine():
    assert vn.parse_time("", PERIOD) == vn.TimeSpan(None, None, True)


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("3.000.000 đồng", [(3_000_000, None)]),
        ("350.000 đồng", [(350_000, None)]),
        ("7 triệu", [(7_000_000, None)]),
        ("1,5 tỷ", [(1_500_000_000, None)]),
        ("1.5 tỷ đồng", [(1_500_000_000, None)]),
        ("25 triéu dong", [(25_000_000, None)]),
        ("25 trieu ddng tir quy CMHS", [(25_000_000, None)]),
        ("15 triệu/tháng", [(15_000_000, "month")]),
        ("- 50 triệu\n- 15 triệu/ tháng", [(50_000_000, None), (15_000_000, "month")]),
        ("2 triệu mỗi năm", [(2_000_000, "year")]),
        ("Dự kiến 120 triệu", [(120_000_000, None)]),
        ("500 nghìn đồng", [(500_000, None)]),
        ("2.000.000", [(2_000_000, None)]),
        ("Không có", []),
        ("Không", []),
        ("Nguồn ngân sách và kinh phí xã hội hóa", []),
        ("", []),
    ],
)
def test_parse_money(text, amounts):
    money = vn.parse_money(text)
    assert money.ok is True
    assert [(a.vnd, a.per) for a in money.amounts] == amounts


def test_unreadable_amount_is_flagged():
    money = vn.parse_money("Kinh phí 12345 theo dự toán")
    assert money.amounts == []
    assert money.ok is False


def test_join_lines_keeps_year_ranges_whole():
    assert (
        vn.join_lines(["Năm học 2023-", "2024", "và các năm", "tiếp theo"])
        == "Năm học 2023-2024 và các năm tiếp theo"
    )


def test_fold_keeps_one_character_per_character():
    text = "Tiêu chí Đạt"
    assert vn.fold_same_length(text) == "tieu chi dat"
    assert len(vn.fold_same_length(text)) == len(text)
