"""Text renderings of plans written for these tests read as their Word files do.

The fixtures under tests/fixtures/text_renderings/ were made by make.py there: five plans in the
layouts schools use (12-column 2018 table with TT, Mức, split Chủ trì/Phối hợp and start/end
columns; 8 columns without TT and Mức; 9 columns with TT and no Mức; a five-year plan; the
10-column 57/2026 table with standard-only rows and a filled status column), saved by python-docx,
turned into PDF by LibreOffice and into text by `pdftotext -layout` and `-raw`, and the same texts
with their diacritics stripped. The ground truth is the Word file's reading (real cells).
"""

import pytest

from bench.text_score import FIXTURES, measure
from caitien.planfile import readers
from caitien.planfile.readers.text import detect_layout, read_text

PLANS = ["full2018", "plain2018", "numbered2018", "multiyear2018", "form57"]


@pytest.fixture(scope="module")
def figures():
    return measure()


def _total(figures, rendering):
    rows = [v for (_, r), v in figures.items() if r == rendering]
    want = sum(v[3] for v in rows)
    return (
        sum(v[0] * v[3] for v in rows) / want,
        sum(v[1] * v[3] for v in rows) / want,
    )


def test_every_plan_and_rendering_is_measured(figures):
    assert {name for name, _ in figures} == set(PLANS)
    assert all(len([k for k in figures if k[0] == name]) == 4 for name in PLANS)


@pytest.mark.parametrize("rendering", ["layout", "layout.ascii"])
def test_layout_text_reads_like_the_word_file(figures, rendering):
    recall, fields = _total(figures, rendering)
    assert recall >= 0.95
    assert fields >= 0.85
    for name in PLANS:
        assert figures[(name, rendering)][0] == 1.0, name


@pytest.mark.parametrize("rendering", ["raw", "raw.ascii"])
def test_raw_text_reads_like_the_word_file(figures, rendering):
    recall, fields = _total(figures, rendering)
    assert recall >= 0.95
    assert fields >= 0.85


def test_raw_text_glued_first_lines_are_split_into_their_cells():
    text = (FIXTURES / "plain2018.raw.txt").read_text(encoding="utf-8")
    assert "Tiêu chí 1.1 Phương hướng, chiến" in text and "Không Sự hướng dẫn" in text
    doc = read_text(text, "plain2018.raw.txt")
    truth = readers.read_path(FIXTURES / "plain2018.docx")
    got, want = doc.items[0], truth.items[0]
    assert got.criterion == "1.1"
    assert got.expected_result == want.expected_result
    assert got.solutions == want.solutions
    assert got.budget_text == "Không" and got.support.startswith("Sự hướng dẫn của Phòng")
    assert (got.start, got.end) == (want.start, want.end) == ("2024-09", "2024-11")


def test_a_hostile_raw_row_is_cut_not_searched_for_ever():
    head = "III. NỘI DUNG KẾ HOẠCH\nTT Tiêu chí Mức Kết quả cần đạt Giải pháp Chủ trì Thời gian Kinh phí Ghi chú\n"
    body = "1 Tiêu chí 1.1\n" + "\n".join(f"Dòng {k} viết tiếp" for k in range(3000))
    doc = read_text(head + body, "dai.txt")
    assert [i.criterion for i in doc.items] == ["1.1"]
    assert "Dòng 2999 viết tiếp" in doc.to_json()


def test_the_layout_text_keeps_the_57_form_columns():
    doc = read_text((FIXTURES / "form57.layout.txt").read_text(encoding="utf-8"), "form57.layout.txt")
    truth = readers.read_path(FIXTURES / "form57.docx")
    assert doc.regulation == truth.regulation == "tt57-2026-pl2"
    assert [(i.criterion, i.standard) for i in doc.items] == [(i.criterion, i.standard) for i in truth.items]
    # The standard-only row (Tiêu chuẩn 3, no criterion) is kept, with its status.
    sân = doc.items[2]
    assert (sân.criterion, sân.standard, sân.status) == (None, 3, "Chưa thực hiện")
    assert sân.indicator == "Sân tập có mái che đưa vào sử dụng"
    assert [i.status for i in doc.items] == [i.status for i in truth.items]
    assert [(i.start, i.end) for i in doc.items] == [(i.start, i.end) for i in truth.items]


def test_a_row_across_a_page_break_in_layout_text():
    text = (FIXTURES / "full2018.layout.txt").read_text(encoding="utf-8")
    assert "\f" in text and detect_layout(text.split("\n")) == "columns"
    doc = read_text(text, "full2018.layout.txt")
    truth = readers.read_path(FIXTURES / "full2018.docx")
    # Row 1.8 starts on page 1 and goes on on page 2, where pdftotext shifts every column.
    got = next(i for i in doc.items if i.criterion == "1.8")
    want = next(i for i in truth.items if i.criterion == "1.8")
    assert (got.expected_result, got.solutions, got.lead, got.start, got.end) == (
        want.expected_result,
        want.solutions,
        want.lead,
        want.start,
        want.end,
    )
    assert [a.vnd for a in got.budget_amounts] == [500_000]
