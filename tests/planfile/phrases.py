"""Money and time phrases as schools write them in plan cells, each with its expected reading.

Written for this project (not copied from any plan). Used by tests/planfile/test_phrases.py, which
requires every phrase to be read right, and by `make bench` (bench/phrases.py), which counts them.

A money phrase expects its amounts — (vnd, per) or a dict with "parts", "unit_vnd", "count" — or
PROBLEM (the reader must say what is wrong and read no amount from the wrong part). A time phrase
expects (start, end) months, None for no time at all, or PROBLEM (never a guessed span).
"""

from __future__ import annotations

from dataclasses import dataclass

from caitien.planfile import vietnamese as vn
from caitien.planfile.model import amount_to_dict

PROBLEM = "problem"
PERIOD = {"start_year": 2025, "end_year": 2026}
MULTI = {"start_year": 2025, "end_year": 2030}

TR = 1_000_000


def parts(total, *pairs, per=None):
    return {"vnd": total, "per": per, "parts": [{"vnd": v, "source": s} for v, s in pairs]}


def times(total, unit, count):
    return {"vnd": total, "per": None, "unit_vnd": unit, "count": count}


MONEY = [
    # Plain amounts, every way of writing the unit.
    ("3.000.000 đồng", [(3 * TR, None)]),
    ("3.000.000đ", [(3 * TR, None)]),
    ("3,000,000 đồng", [(3 * TR, None)]),
    ("3 000 000 đồng", [(3 * TR, None)]),
    ("12.500.000", [(12_500_000, None)]),
    ("7 triệu", [(7 * TR, None)]),
    ("7 triệu đồng", [(7 * TR, None)]),
    ("7tr", [(7 * TR, None)]),
    ("7 tr", [(7 * TR, None)]),
    ("Khoảng 7 triệu đồng", [(7 * TR, None)]),
    ("Dự kiến 45 triệu", [(45 * TR, None)]),
    ("2,5 triệu đồng", [(2_500_000, None)]),
    ("2.5 triệu", [(2_500_000, None)]),
    ("1,2 tỷ đồng", [(1_200_000_000, None)]),
    ("1 tỷ", [(1_000_000_000, None)]),
    ("800 nghìn đồng", [(800_000, None)]),
    ("800 ngàn", [(800_000, None)]),
    ("800k", [(800_000, None)]),
    ("450.000 đ", [(450_000, None)]),
    ("450.000 VNĐ", [(450_000, None)]),
    ("450.000 VND", [(450_000, None)]),
    ("Kinh phí: 9.600.000 đồng", [(9_600_000, None)]),
    ("Kinh phi 9 trieu dong", [(9 * TR, None)]),
    ("15 trieu dong tu nguon xa hoi hoa", [(15 * TR, None)]),
    ("1.500 triệu đồng", [(1_500_000_000, None)]),
    ("Ngân sách nhà nước: 20.000.000 đồng", [(20 * TR, None)]),
    ("Trích từ kinh phí chi thường xuyên 6 triệu", [(6 * TR, None)]),
    # Recurring amounts keep their period.
    ("500.000 đồng/tháng", [(500_000, "month")]),
    ("1 triệu/ tháng", [(TR, "month")]),
    ("2 triệu mỗi tháng", [(2 * TR, "month")]),
    ("3 triệu hằng tháng", [(3 * TR, "month")]),
    ("10 triệu/năm", [(10 * TR, "year")]),
    ("10 triệu mỗi năm", [(10 * TR, "year")]),
    ("5 triệu một năm", [(5 * TR, "year")]),
    ("- 30 triệu\n- 1 triệu/tháng", [(30 * TR, None), (TR, "month")]),
    # Amounts per source with no total stay separate amounts.
    ("Ngân sách: 40.000.000 đ; Xã hội hóa: 60.000.000 đ", [(40 * TR, None), (60 * TR, None)]),
    ("NSNN 12 triệu; XHH 8 triệu", [(12 * TR, None), (8 * TR, None)]),
    ("- Ngân sách: 5 triệu\n- Cha mẹ học sinh: 3 triệu", [(5 * TR, None), (3 * TR, None)]),
    ("Sửa mái: 25 triệu; sơn tường: 10 triệu", [(25 * TR, None), (10 * TR, None)]),
    ("Mua sách 4 triệu, mua giá sách 6 triệu", [(4 * TR, None), (6 * TR, None)]),
    # A stated total with its breakdown is one amount carrying its parts.
    (
        "120 triệu đồng (ngân sách xã 80 triệu; xã hội hóa 40 triệu)",
        [parts(120 * TR, (80 * TR, "ngân sách xã"), (40 * TR, "xã hội hóa"))],
    ),
    (
        "Tổng 50 triệu, trong đó NSNN 30 triệu, XHH 20 triệu",
        [parts(50 * TR, (30 * TR, "NSNN"), (20 * TR, "XHH"))],
    ),
    (
        "Tổng kinh phí 60 triệu đồng, gồm: ngân sách 45 triệu, vận động 15 triệu",
        [parts(60 * TR, (45 * TR, "ngân sách"), (15 * TR, "vận động"))],
    ),
    (
        "35.000.000 đồng (trong đó: NSNN 25.000.000 đồng, XHH 10.000.000 đồng)",
        [parts(35 * TR, (25 * TR, "NSNN"), (10 * TR, "XHH"))],
    ),
    (
        "30 triệu (gồm: 20 triệu đồng từ ngân sách, 10 triệu đồng do phụ huynh đóng góp)",
        [parts(30 * TR, (20 * TR, "ngân sách"), (10 * TR, "phụ huynh đóng góp"))],
    ),
    (
        "NSNN 30 triệu, XHH 20 triệu, tổng cộng 50 triệu",
        [parts(50 * TR, (30 * TR, "NSNN"), (20 * TR, "XHH"))],
    ),
    ("15 triệu (trong đó 5 triệu từ quỹ hội)", [parts(15 * TR, (5 * TR, "quỹ hội"))]),
    (
        "Tổng: 8 triệu; trong đó kinh phí chi thường xuyên 5 triệu, Hội cha mẹ học sinh 3 triệu",
        [parts(8 * TR, (5 * TR, "kinh phí chi thường xuyên"), (3 * TR, "Hội cha mẹ học sinh"))],
    ),
    ("100 triệu (ngân sách 60 triệu; xã hội hóa 30 triệu)", PROBLEM),
    # A unit price times a count is one amount of the product.
    ("2 triệu đồng/lớp x 10 lớp", [times(20 * TR, 2 * TR, 10)]),
    ("500.000 đồng/giáo viên x 24 giáo viên", [times(12 * TR, 500_000, 24)]),
    ("150.000đ/học sinh × 40 học sinh", [times(6 * TR, 150_000, 40)]),
    ("1,5 triệu/tháng x 9 tháng", [times(13_500_000, 1_500_000, 9)]),
    ("10 bộ x 3 triệu", [times(30 * TR, 3 * TR, 10)]),
    ("12 phòng x 4 triệu đồng", [times(48 * TR, 4 * TR, 12)]),
    ("800.000 đồng/bộ x 5 bộ", [times(4 * TR, 800_000, 5)]),
    # Numbers in words.
    ("năm triệu đồng", [(5 * TR, None)]),
    ("Năm triệu đồng", [(5 * TR, None)]),
    ("hai triệu", [(2 * TR, None)]),
    ("mười triệu đồng", [(10 * TR, None)]),
    ("hai mươi lăm triệu", [(25 * TR, None)]),
    ("ba trăm nghìn đồng", [(300_000, None)]),
    ("hai trăm năm mươi nghìn đồng", [(250_000, None)]),
    ("một tỷ rưỡi", [(1_500_000_000, None)]),
    ("ba triệu rưỡi", [(3_500_000, None)]),
    ("một trăm hai mươi triệu đồng", [(120 * TR, None)]),
    ("sáu triệu mỗi năm", [(6 * TR, "year")]),
    # No amount: nothing to read, and nothing wrong.
    ("Không", []),
    ("Không có", []),
    ("Không phát sinh kinh phí", []),
    ("Ngân sách nhà nước", []),
    ("Nguồn xã hội hóa", []),
    ("Từ ngân sách nhà nước", []),
    ("Kinh phí chi thường xuyên", []),
    ("Theo dự toán được duyệt", []),
    ("Lồng ghép trong hoạt động chuyên môn", []),
    ("", []),
    ("Huy động ngân hàng chính sách hỗ trợ", []),
    # Written as an amount but wrong: said, not read.
    ("Kinh phí 12345 theo dự toán", PROBLEM),
    ("Kinh phí: -5.000.000 đồng", PROBLEM),
    ("âm 2 triệu đồng", PROBLEM),
    ("500 tỷ đồng", PROBLEM),
    ("250.000.000.000 đồng", PROBLEM),
    ("5-7 triệu", PROBLEM),
    ("Khoảng 10 - 15 triệu đồng", PROBLEM),
    ("Từ 3 đến 5 triệu", PROBLEM),
]

TIME = [
    # Months of one year.
    ("Tháng 9/2025", ("2025-09", "2025-09")),
    ("tháng 09/2025", ("2025-09", "2025-09")),
    ("T10/2025", ("2025-10", "2025-10")),
    ("10/2025", ("2025-10", "2025-10")),
    ("Tháng 11-2025", ("2025-11", "2025-11")),
    ("tháng 12 năm 2025", ("2025-12", "2025-12")),
    ("Tháng 6-8/2026", ("2026-06", "2026-08")),
    ("Tháng 6 - 8/2026", ("2026-06", "2026-08")),
    ("Tháng 9 - 12/2025", ("2025-09", "2025-12")),
    ("tháng 9, 10/2025", ("2025-09", "2025-10")),
    ("Tháng 3 và 4/2026", ("2026-03", "2026-04")),
    ("Tháng 11-2/2026", ("2025-11", "2026-02")),
    # Ranges across months and years.
    ("Tháng 9/2025 - 5/2026", ("2025-09", "2026-05")),
    ("Từ tháng 9/2025 đến tháng 5/2026", ("2025-09", "2026-05")),
    ("Tháng 10/2025 đến tháng 12/2025", ("2025-10", "2025-12")),
    ("Tháng 9 đến tháng 12/2025", ("2025-09", "2025-12")),
    ("Tháng 10 đến hết tháng 1/2026", ("2025-10", "2026-01")),
    ("09/2025 - 05/2026", ("2025-09", "2026-05")),
    ("T9/2025 -> T5/2026", ("2025-09", "2026-05")),
    ("từ 15/9/2025 đến 30/4/2026", ("2025-09", "2026-04")),
    ("01/10/2025", ("2025-10", "2025-10")),
    ("Tháng 1/2026 đến hết năm học 2025 - 2026", ("2026-01", "2026-05")),
    # School years, terms, quarters.
    ("Năm học 2025 - 2026", ("2025-09", "2026-05")),
    ("Năm học 2025-2026", ("2025-09", "2026-05")),
    ("NH 2025-2026", ("2025-09", "2026-05")),
    ("Cả năm học", ("2025-09", "2026-05")),
    ("Trong năm học", ("2025-09", "2026-05")),
    ("Xuyên suốt năm học", ("2025-09", "2026-05")),
    ("Đầu năm học", ("2025-09", "2025-09")),
    ("Cuối năm học", ("2026-05", "2026-05")),
    ("Giữa năm học", ("2025-12", "2026-01")),
    ("Đầu năm học 2025-2026", ("2025-09", "2025-09")),
    ("Cuối năm học 2025 - 2026", ("2026-05", "2026-05")),
    ("Học kỳ I", ("2025-09", "2025-12")),
    ("HKI", ("2025-09", "2025-12")),
    ("Học kỳ II", ("2026-01", "2026-05")),
    ("HK2", ("2026-01", "2026-05")),
    ("Học kỳ II năm học 2025 - 2026", ("2026-01", "2026-05")),
    ("HKI năm học 2025-2026", ("2025-09", "2025-12")),
    ("Quý IV/2025", ("2025-10", "2025-12")),
    ("Quý I năm 2026", ("2026-01", "2026-03")),
    ("quý 2/2026", ("2026-04", "2026-06")),
    ("Quý III - 2026", ("2026-07", "2026-09")),
    # Months without a year take the plan's school year.
    ("Tháng 9", ("2025-09", "2025-09")),
    ("Tháng 12", ("2025-12", "2025-12")),
    ("Tháng 3", ("2026-03", "2026-03")),
    ("tháng 10 hằng năm", ("2025-10", "2025-10")),
    # Summer.
    ("Hè 2026", ("2026-06", "2026-08")),
    ("hè năm 2026", ("2026-06", "2026-08")),
    ("Trong hè", ("2026-06", "2026-08")),
    ("Dịp hè", ("2026-06", "2026-08")),
    ("Nghỉ hè 2025", ("2025-06", "2025-08")),
    # Years and phases.
    ("Năm 2026", ("2026-01", "2026-12")),
    ("2026", ("2026-01", "2026-12")),
    ("Năm 2025 đến năm 2027", ("2025-01", "2027-12")),
    ("2025 - 2030", ("2025-01", "2030-12")),
    ("Năm học 2025-2026 và các năm tiếp theo", ("2025-09", "2026-05")),
    # Several parts: the first month of all to the last.
    ("- Tháng 9/2025: khảo sát\n- Tháng 3/2026: tổng kết", ("2025-09", "2026-03")),
    ("Tháng 10/2025; tháng 4/2026", ("2025-10", "2026-04")),
    ("Đợt 1: tháng 11/2025; đợt 2: tháng 3/2026", ("2025-11", "2026-03")),
    ("Tháng 9/2025 (xây dựng kế hoạch), tháng 5/2026 (đánh giá)", ("2025-09", "2026-05")),
    # Without diacritics, or through OCR.
    ("Thang 9/2025 den thang 5/2026", ("2025-09", "2026-05")),
    ("Nam hoc 2025 - 2026", ("2025-09", "2026-05")),
    ("Hoc ky II", ("2026-01", "2026-05")),
    ("Nam 2025 Pén nam 2026", ("2025-01", "2026-12")),
    # No time written: nothing to read.
    ("", None),
    ("Thường xuyên", PROBLEM),
    ("Khi có kinh phí", PROBLEM),
    # Wrong times: said, never swapped or widened.
    ("Tháng 13/2025", PROBLEM),
    ("13/2025", PROBLEM),
    ("Tháng 0/2026", PROBLEM),
    ("Tháng 13", PROBLEM),
    ("Quý V/2026", PROBLEM),
    ("quý 5 năm 2026", PROBLEM),
    ("Tháng 12/2026 - 3/2026", PROBLEM),
    ("Từ tháng 5/2026 đến tháng 9/2025", PROBLEM),
    ("30/02/2026", PROBLEM),
    ("Ngày 31/4/2026", PROBLEM),
    ("Tháng 6-14/2026", PROBLEM),
]


@dataclass
class Result:
    kind: str  # "money" | "time"
    text: str
    expected: object
    got: object

    @property
    def right(self) -> bool:
        return self.expected == self.got


def money_reading(text: str):
    money = vn.parse_money(text)
    if money.problems or not money.ok:
        return PROBLEM
    out = []
    for a in money.amounts:
        d = amount_to_dict(a)
        out.append((d["vnd"], d["per"]) if set(d) == {"vnd", "per"} else d)
    return out


def time_reading(text: str, period=PERIOD):
    if not text.strip():
        return None
    span = vn.parse_time(text, period)
    if span.problems or not span.ok:
        return PROBLEM
    return (span.start, span.end)


def _period_for(text: str):
    return MULTI if "2030" in text or "2027" in text else PERIOD


def results() -> list[Result]:
    out = [Result("money", t, e, money_reading(t)) for t, e in MONEY]
    out += [Result("time", t, e, time_reading(t, _period_for(t))) for t, e in TIME]
    return out
