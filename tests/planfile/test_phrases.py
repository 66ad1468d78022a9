"""The money and time readers on a table of real-looking phrases (tests/planfile/phrases.py): each
phrase read as expected, and a wrong one said in Vietnamese rather than guessed."""

import pytest

from caitien.planfile import vietnamese as vn

from . import phrases

RESULTS = phrases.results()


def test_the_table_is_large_and_covers_both_readers():
    assert len(RESULTS) >= 150
    assert sum(r.kind == "money" for r in RESULTS) >= 70 and sum(r.kind == "time" for r in RESULTS) >= 70
    assert len({(r.kind, r.text) for r in RESULTS}) == len(RESULTS), "a phrase is listed twice"


@pytest.mark.parametrize("result", RESULTS, ids=lambda r: f"{r.kind}:{r.text[:40]}")
def test_phrase_is_read_right(result):
    assert result.got == result.expected


@pytest.mark.parametrize("text", [t for t, e in phrases.MONEY if e == phrases.PROBLEM], ids=lambda t: t[:40])
def test_a_wrong_amount_says_what_is_wrong(text):
    money = vn.parse_money(text)
    assert money.ok is False and money.problems
    assert all(p.endswith(".") and p[0].isupper() for p in money.problems)


@pytest.mark.parametrize("text", [t for t, e in phrases.TIME if e == phrases.PROBLEM], ids=lambda t: t[:40])
def test_a_wrong_time_gives_no_months(text):
    span = vn.parse_time(text, phrases.PERIOD)
    assert (span.start, span.end, span.ok) == (None, None, False)


def test_wrong_times_are_explained():
    assert vn.parse_time("Tháng 13/2025", phrases.PERIOD).problems == [
        "Không có tháng 13 (trong “Tháng 13/2025”): tháng ghi từ 1 đến 12."
    ]
    assert vn.parse_time("Quý V/2026").problems == ["Không có quý V: một năm có bốn quý (I, II, III, IV)."]
    assert vn.parse_time("Tháng 12/2026 - 3/2026").problems == [
        "Thời gian kết thúc (3/2026) trước thời gian bắt đầu (12/2026). Hãy sửa lại tháng, năm cho đúng thứ tự."
    ]
    assert vn.parse_time("30/02/2026").problems == ["Ngày 30/02/2026 không có trong lịch. Hãy sửa lại ngày."]


def test_a_breakdown_that_does_not_add_up_is_said():
    money = vn.parse_money("100 triệu (ngân sách 60 triệu; xã hội hóa 30 triệu)")
    assert money.problems == [
        "Các khoản thành phần cộng lại 90.000.000 đồng, khác tổng 100.000.000 đồng đã ghi. "
        "Hãy kiểm tra lại tổng hoặc từng khoản."
    ]
    # The total is kept, with its parts, and counted once.
    assert [a.vnd for a in money.amounts] == [100_000_000]


def test_a_system_is_not_summer():
    assert vn.parse_time("Nâng cấp hệ thống", phrases.PERIOD).start is None
