"""Cell-by-cell text (every visual line followed by a blank line, the cells of a row in column
order, the table's header lost): rows rebuilt as they were written. The text is made here from the
rows' visual lines."""

from caitien.planfile.readers.text import read_text

HEAD = [
    "ỦY BAN NHÂN DÂN HUYỆN BÌNH AN",
    "TRƯỜNG TIỂU HỌC AN HÒA",
    "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC",
    "Năm học 2024-2025",
    "I. MỤC ĐÍCH",
    "Nâng cao chất lượng giáo dục.",
    "III. NỘI DUNG KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG",
]


def _spaced(rows: list[list[list[str]]]) -> str:
    """Each row's cells, each cell's visual lines; an empty cell leaves one leading space on the
    next line, as the extraction prints it."""
    out = list(HEAD)
    for row in rows:
        pending = 0
        for cell in row:
            if not cell:
                pending += 1
                continue
            out.append(" " * pending + cell[0])
            out.extend(cell[1:])
            pending = 0
        if pending:
            out.append(" " * (pending + 1))
    out += ["Nơi nhận:", "- Phòng Giáo dục và Đào tạo;", "- Lưu: VT."]
    return "\n\n".join(out) + "\n"


def _row(code, name, expected, solutions, lead, time, support, notes):
    return [
        ["Tiêu chí", f"{code}: {name[0]}", *name[1:]],
        expected,
        solutions,
        lead,
        time,
        [],
        support,
        notes,
    ]


ROWS = [
    _row(
        "5.2",
        ["Thực", "hiện", "Chương", "trình giáo", "dục phổ", "thông cấp", "tiểu học"],
        ["Nâng cao", "chất lượng", "dạy học các", "môn năng", "khiếu"],
        ["Tổ chức câu", "lạc bộ âm", "nhạc, mĩ", "thuật cho", "học sinh"],
        ["Hiệu", "trưởng,", "Tổng phụ", "trách Đội,"],
        ["Tháng", "10/2024"],
        ["Ban", "Lãnh đạo ấp", "Bình", "Hòa"],
        ["Thường", "xuyên theo", "dõi"],
    ),
    _row(
        "1.1",
        ["Phương", "hướng,", "chiến lược", "xây dựng và", "phát triển", "nhà trường"],
        ["Đăng tải", "phương", "hướng lên", "website"],
        ["Cập nhật", "website", "hằng tháng"],
        ["Hiệu", "trưởng"],
        ["Tháng", "9/2024"],
        ["Tổ văn", "phòng"],
        ["Thực", "hiện", "thường", "xuyên"],
    ),
    _row(
        "3.3",
        ["Phòng học,", "phòng học", "bộ môn và", "khối phục", "vụ học tập"],
        ["Sửa chữa", "mái tôn hai", "phòng học"],
        ["Khảo sát", "và lập dự", "toán sửa", "chữa"],
        ["Hiệu", "trưởng, kế", "toán"],
        ["Tháng", "12/2024"],
        ["Phòng Tài", "chính"],
        ["Kinh phí", "không", "thường", "xuyên"],
    ),
]


def _items():
    doc = read_text(_spaced(ROWS), "khoi-o.txt")
    return {it.criterion: it for it in doc.items}


def test_a_criterion_name_with_a_capital_inside_stays_whole():
    # "Thực hiện / Chương trình …": the regulation's name of 5.2 goes on past the capital.
    item = _items()["5.2"]
    assert item.expected_result == "Nâng cao chất lượng dạy học các môn năng khiếu"


def test_a_lead_cut_after_a_comma_does_not_take_the_time_line():
    item = _items()["5.2"]
    assert item.lead == "Hiệu trưởng, Tổng phụ trách Đội,"
    assert item.time_text == "Tháng 10/2024"


def test_a_place_unit_goes_on_with_its_name_and_a_capital_going_on_in_lower_case_starts_a_cell():
    item = _items()["5.2"]
    assert item.support == "Ban Lãnh đạo ấp Bình Hòa"
    assert item.notes == "Thường xuyên theo dõi"


def test_the_other_rows_read_whole():
    items = _items()
    assert list(items) == ["5.2", "1.1", "3.3"]
    assert items["3.3"].solutions == "Khảo sát và lập dự toán sửa chữa"
    assert items["3.3"].notes == "Kinh phí không thường xuyên"
    assert items["1.1"].time_text == "Tháng 9/2024"
