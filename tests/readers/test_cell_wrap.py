"""Numbers a narrow cell broke across lines are joined back; other line ends are left alone."""

import pytest

from caitien.planfile.readers.cell_wrap import join_lines
from caitien.planfile.readers.header import _kind_spelled


@pytest.mark.parametrize(
    "lines, joined",
    [
        (["18.000.", "000 đồng"], "18.000.000 đồng"),
        (["1.500.0", "00 đồng"], "1.500.000 đồng"),
        (["Tháng", "11/202", "6 - tháng", "1/2027"], "Tháng\n11/2026 - tháng\n1/2027"),
        (["Mua 12 bộ đèn,", "8 quạt trần"], "Mua 12 bộ đèn,\n8 quạt trần"),
        (["Năm học 2024 -", "2025"], "Năm học 2024 -\n2025"),
        (["Tháng 9/2024", "2 lần mỗi tháng"], "Tháng 9/2024\n2 lần mỗi tháng"),
        (["3.", "1000 đồng"], "3.\n1000 đồng"),
    ],
)
def test_a_number_broken_by_the_cell_width_is_joined(lines, joined):
    assert join_lines(lines) == joined


@pytest.mark.parametrize(
    "name, spelled",
    [
        ("Trường Tiếu học Sông Bé", "Trường Tiểu học Sông Bé"),
        ("TRƯỜNG TIẾU HỌC SÔNG BÉ", "TRƯỜNG TIỂU HỌC SÔNG BÉ"),
        ("Trường Trung học cơ sớ Tân Lập", "Trường Trung học cơ sở Tân Lập"),
        ("Truong Tieu hoc Song Be", "Truong Tieu hoc Song Be"),
        ("Trường THCS Tân Lập", "Trường THCS Tân Lập"),
    ],
)
def test_the_kind_of_school_is_spelled_as_the_regulation_spells_it(name, spelled):
    assert _kind_spelled(name) == spelled
