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


def test_the_lead_cell_labels_chu_tri_and_phoi_hop_and_keeps_coordinators_once():
    """Chủ trì and phối hợp share one column of the form: printed labelled, so a reader tells them
    apart (a bare "Hiệu trưởng; Kế toán" does not say who leads)."""
    labelled = "Chủ trì: Hiệu trưởng\nPhối hợp: Kế toán"
    assert layout.cell_text(Item(lead="Hiệu trưởng", coordinators="Kế toán"), "lead", 1, False) == labelled
    assert (
        layout.cell_text(Item(lead="Hiệu trưởng; Kế toán", coordinators="Kế toán"), "lead", 1, False)
        == labelled
    )
    assert layout.cell_text(Item(lead="Hiệu trưởng"), "lead", 1, False) == "Hiệu trưởng"


def test_labelled_lead_cells_read_back_as_lead_and_coordinators():
    from caitien.planfile.readers.table import split_lead_labels

    assert split_lead_labels("Chủ trì: Hiệu trưởng\nPhối hợp: Kế toán, Tổ VP") == (
        "Hiệu trưởng",
        "Kế toán, Tổ VP",
    )
    assert split_lead_labels("CHỦ TRÌ: Phó HT; phối hợp: GVCN") == ("Phó HT", "GVCN")
    assert split_lead_labels("Hiệu trưởng; Kế toán") == ("Hiệu trưởng; Kế toán", "")


def test_the_funding_source_is_printed_with_the_money():
    item = Item(budget_text="7 triệu đồng", funding_source="Xã hội hóa")
    assert layout.cell_text(item, "budget_text", 1, False) == "7 triệu đồng\nNguồn: Xã hội hóa"
    stated = Item(budget_text="7 triệu đồng (xã hội hóa)", funding_source="Xã hội hóa")
    assert layout.cell_text(stated, "budget_text", 1, False) == "7 triệu đồng (xã hội hóa)"
