"""`pdftotext -layout` glues a two-digit TT to the criterion label by one space ("10 Tiêu chí 2"),
where one-digit rows keep their gap: the row still starts at its number, the label keeps its words."""

from caitien.planfile.readers.text import read_text

HEADER = (
    "III. NỘI DUNG KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG\n"
    "TT   Tiêu       Mức  Kết quả cần đạt     Giải pháp              Chủ trì      Thời gian     Kinh phí\n"
    "     chí\n"
)
ROW_9 = (
    "9    Tiêu chí   2    Sổ sách lưu         Rà soát sổ sách        Hiệu         Tháng         Không\n"
    "     1.9             đầy đủ              từng tháng             trưởng       9/2024\n"
)
ROW_10 = (
    "10 Tiêu chí 2        Học sinh tham       Tổ chức ngày hội       Tổng phụ     Tháng         5.000.000\n"
    "     1.10            gia trải nghiệm     đọc sách               trách Đội    3/2025        đồng\n"
)
ROW_11 = (
    "11 Tiêu chí 2        Sân chơi được       Lập dự toán sửa        Hiệu         Tháng         35.000.000\n"
    "     2.1             lát lại             chữa sân chơi          trưởng       6/2025        đồng\n"
)


def test_a_two_digit_number_glued_to_the_label_still_starts_its_row():
    doc = read_text(HEADER + ROW_9 + ROW_10 + ROW_11 + "IV. TỔ CHỨC THỰC HIỆN\n", "ke-hoach.txt")
    assert [i.criterion for i in doc.items] == ["1.9", "1.10", "2.1"]
    tenth = doc.items[1]
    assert tenth.expected_result == "Học sinh tham gia trải nghiệm"
    assert tenth.budget_amounts[0].vnd == 5_000_000
