"""The 10-column table of Thông tư 57/2026 (Mẫu số 2) read from every kind of file, field by field.

The fixtures are built by builders.py: DOCX with python-docx, PDF and .xls by LibreOffice, workbooks
typed with openpyxl in the layouts schools use (the form's labels, the short labels, labels with their
column numbers, a row of column numbers, a priority-issues table on its own sheet or above the plan)
and the project's own XLSX export. The rows include a row naming only a standard, right under the
header, whose cells use header words ("phụ trách", "Kinh phí", "Hoàn thành").
"""

import pytest

from caitien.planfile import readers
from caitien.planfile.writers.xlsx import write_xlsx
from tests.readers import builders

COLUMNS = [
    "order",
    "issue",
    "expected_result",
    "solutions",
    "indicator",
    "time_text",
    "lead",
    "budget_text",
    "expected_evidence",
    "status",
]
NUMBERED_LABELS = [f"{label} ({n})" for n, label in enumerate(builders.HEADER_57, 1)]


def assert_rows_read(doc, rows) -> None:
    """Each plan row read into its own item, every column into its own field."""
    assert len(doc.items) == len(rows)
    for item, values in zip(doc.items, rows, strict=True):
        for key, value in zip(COLUMNS, values, strict=True):
            if key == "order":
                continue
            assert getattr(item, key) == value, (key, getattr(item, key), value)


@pytest.mark.parametrize(
    ("labels", "numbered_row", "priority"),
    [
        (None, False, ""),
        (None, True, ""),
        (NUMBERED_LABELS, False, ""),
        (builders.HEADER_57_SHORT, False, ""),
        (None, False, "sheet"),
        (None, True, "above"),
    ],
    ids=[
        "form-labels",
        "numbered-row",
        "numbered-labels",
        "short-labels",
        "priority-sheet",
        "priority-above",
    ],
)
def test_a_workbook_of_the_57_form_maps_every_column(tmp_path, labels, numbered_row, priority):
    path = builders.build_plan_57_xlsx(
        tmp_path / "ke-hoach-57.xlsx", labels=labels, numbered_row=numbered_row, priority=priority
    )
    doc = readers.read_path(path)
    rows = builders.rows_57(standard_first=True)
    assert_rows_read(doc, rows)
    first = doc.items[0]
    assert first.criterion is None and first.standard == 4
    assert (first.start, first.end) == ("2026-09", "2027-05")
    assert [i.criterion for i in doc.items[1:]] == ["2.1", "3.3", None]
    assert [i.standard for i in doc.items] == [4, 2, 3, 5]
    assert doc.items[1].budget_amounts[0].vnd == 8_000_000
    if priority:
        assert [p.standard for p in doc.priority_issues] == [2, 3]
        assert doc.priority_issues[1].cause == "Kinh phí hạn hẹp"


def test_the_export_of_a_57_plan_reads_back_field_by_field(tmp_path):
    original = readers.read_path(
        builders.build_plan_57_docx(tmp_path / "ke-hoach-57.docx", standard_first=True)
    )
    write_xlsx(original, tmp_path / "xuat.xlsx")
    again = readers.read_path(tmp_path / "xuat.xlsx")
    assert len(again.items) == len(original.items) == 4
    for a, b in zip(original.items, again.items, strict=True):
        for key in [*COLUMNS[1:], "criterion", "standard", "start", "end"]:
            assert getattr(a, key) == getattr(b, key), key


@pytest.mark.parametrize("numbered_row", [True, False], ids=["numbered-row", "no-numbered-row"])
def test_a_word_file_of_the_57_form_keeps_the_standard_only_row(tmp_path, numbered_row):
    path = builders.build_plan_57_docx(
        tmp_path / "ke-hoach-57.docx", numbered_row=numbered_row, standard_first=True
    )
    doc = readers.read_path(path)
    assert_rows_read(doc, builders.rows_57(standard_first=True))
    assert doc.items[0].standard == 4


def test_a_pdf_of_the_57_form_keeps_the_standard_only_row(tmp_path):
    docx = builders.build_plan_57_docx(tmp_path / "ke-hoach-57.docx", numbered_row=False, standard_first=True)
    doc = readers.read_path(builders.soffice_pdf(docx, tmp_path))
    rows = builders.rows_57(standard_first=True)
    assert len(doc.items) == len(rows)
    assert [i.standard for i in doc.items] == [4, 2, 3, 5]
    assert [i.status for i in doc.items] == [r[9] for r in rows]
    assert doc.items[0].lead == "Giáo viên chủ nhiệm phụ trách"


def test_an_excel_97_file_of_the_57_form_reads_equal_to_its_xlsx(tmp_path):
    xlsx = builders.build_plan_57_xlsx(tmp_path / "ke-hoach-57.xlsx")
    xls = builders.soffice_convert(xlsx, tmp_path / "xls", "xls", "xls")
    left, right = readers.read_path(xls).to_dict(), readers.read_path(xlsx).to_dict()
    left.pop("source"), right.pop("source")
    assert left == right
    assert len(left["items"]) == 4
