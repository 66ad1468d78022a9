"""Shared layout rules: dates, bullets, regulation choice, totals."""

import pytest

from caitien.planfile.model import Amount, Document, Item
from caitien.planfile.writers import layout


@pytest.mark.parametrize(
    ("iso", "line"),
    [
        ("2024-09-16", "Phước Hòa, ngày 16 tháng 9 năm 2024"),
        ("2025-01-06", "Phước Hòa, ngày 06 tháng 01 năm 2025"),  # days < 10 and months 1, 2: leading zero
        ("2025-02-28", "Phước Hòa, ngày 28 tháng 02 năm 2025"),
        ("2025-03-05", "Phước Hòa, ngày 05 tháng 3 năm 2025"),
    ],
)
def test_the_date_line_follows_the_decree(iso, line):
    assert layout.date_line(Document(place="Phước Hòa", date=iso)) == line


def test_a_date_line_without_place_or_date_leaves_room_to_write():
    assert layout.date_line(Document(date="2024-12-02")) == "Ngày 02 tháng 12 năm 2024"
    assert layout.date_line(Document(place="Tân Lập")).startswith("Tân Lập, ngày ")


def test_bullets_typed_on_one_line_become_paragraphs_and_join_back():
    text = "- Khảo sát hiện trạng năm học 2025 - 2026; - Lập dự toán: - Trình duyệt."
    parts = layout.cell_paragraphs(text)
    assert parts == ["- Khảo sát hiện trạng năm học 2025 - 2026;", "- Lập dự toán:", "- Trình duyệt."]
    assert " ".join(parts) == text
    assert layout.cell_paragraphs("Năm học 2025 - 2026") == ["Năm học 2025 - 2026"]


@pytest.mark.parametrize(
    ("doc", "slug"),
    [
        (Document(regulation="tt19-2018"), "tt19-2018"),
        (Document(circular="17/2018/TT-BGDĐT"), "tt17-2018"),
        (Document(circular="57/2026/TT-BGDĐT", school_level="mam_non"), "tt57-2026-pl1"),
        (Document(circular="57/2026/TT-BGDĐT"), "tt57-2026-pl2"),
        (Document(school_level="mam_non"), "tt19-2018"),
        (Document(), "tt18-2018"),
    ],
)
def test_the_regulation_of_a_document(doc, slug):
    assert layout.regulation_for(doc).slug == slug


def test_the_budget_total_counts_one_off_amounts_only():
    doc = Document(
        items=[
            Item(budget_amounts=[Amount(2_000_000), Amount(500_000, "month")]),
            Item(budget_amounts=[Amount(1_250_000)]),
        ]
    )
    assert layout.budget_total(doc) == (3_250_000, True)
    assert layout.vnd(3_250_000) == "3.250.000"


def test_a_row_without_time_text_shows_its_months():
    assert layout.time_from_months("2025-09", "2026-05") == "Từ tháng 09/2025 đến tháng 05/2026"
    assert layout.time_from_months("2025-10", "2025-10") == "Tháng 10/2025"
    assert layout.cell_text(Item(start="2025-10", end="2025-10"), "time_text", 1, False) == "Tháng 10/2025"


def test_the_lead_cell_keeps_coordinators_once():
    assert (
        layout.cell_text(Item(lead="Hiệu trưởng", coordinators="Kế toán"), "lead", 1, False)
        == "Hiệu trưởng; Kế toán"
    )
    assert layout.cell_text(Item(lead="Hiệu trưởng; Kế toán", coordinators="Kế toán"), "lead", 1, False) == (
        "Hiệu trưởng; Kế toán"
    )
