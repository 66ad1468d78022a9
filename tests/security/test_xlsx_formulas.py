"""No text a person typed becomes a live formula in a workbook the product writes."""

import io
import re
from pathlib import Path

import openpyxl
import pytest

from caitien.dashboards.xlsx import workbook_bytes
from caitien.planfile.model import Document, Item, MonitoringEntry, PriorityIssue, Signer
from caitien.planfile.writers.xlsx import write_xlsx

EVIL = ['=HYPERLINK("http://x.invalid","bấm")', "+1+2", "-3+4", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


def _cells(book):
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield ws.title, cell


def _assert_texts_stay_text(book, expected_formulas=()):
    seen = set()
    for title, cell in _cells(book):
        value = str(cell.value)
        if cell.data_type == "f":
            assert any(value.startswith(f) for f in expected_formulas), f"{title}!{cell.coordinate}: {value}"
            continue
        if value in EVIL:
            assert cell.data_type == "s", f"{title}!{cell.coordinate}"
            assert cell.quotePrefix, f"{title}!{cell.coordinate} has no quote prefix"
            seen.add(value)
    return seen


@pytest.mark.parametrize("regulation", ["tt17-2018", "tt57-2026-pl2"])
def test_plan_workbook_keeps_formula_like_texts_as_text(tmp_path, regulation):
    evil = EVIL[0]
    items = [
        Item(
            criterion="1.1",
            level=text if n == 0 else "Mức 2",
            expected_result=text,
            solutions=text,
            lead=text,
            time_text=text,
            budget_text=text,
            support=text,
            notes=text,
            issue=text,
            indicator=text,
            expected_evidence=text,
            status=text,
        )
        for n, text in enumerate(EVIL)
    ]
    doc = Document(
        regulation=regulation,
        school=evil,
        governing_body="+UBND",
        title="-Kế hoạch",
        place="@Hà Nội",
        document_number="=1",
        signer=Signer(title="=HIỆU TRƯỞNG", name="-An"),
        recipients=["=Phòng GD"],
        period={"start_year": 2025, "end_year": 2026},
        items=items,
        priority_issues=[PriorityIssue(criteria=t, current_state=t, limitation=t, cause=t) for t in EVIL],
        monitoring=[MonitoringEntry(moment=t, content=t, result=t, adjustment=t, assessor=t) for t in EVIL],
    )
    path = tmp_path / "plan.xlsx"
    write_xlsx(doc, path)
    book = openpyxl.load_workbook(path)
    seen = _assert_texts_stay_text(book, expected_formulas=("=SUBTOTAL(",))
    assert seen == set(EVIL)
    header = {c.value: c for _t, c in _cells(book) if c.value in ("=1", "+UBND", "-Kế hoạch", "@Hà Nội")}
    assert set(header) == {"=1", "+UBND", "-Kế hoạch", "@Hà Nội"}
    assert all(c.data_type == "s" for c in header.values())
    # The writer's own total stays a working formula.
    formulas = [c.value for _t, c in _cells(book) if c.data_type == "f"]
    assert len(formulas) == 1 and formulas[0].startswith("=SUBTOTAL(109,")


def test_office_workbooks_keep_formula_like_texts_as_text():
    data = workbook_bytes(
        [
            ("Trường", ["=Tên", "Số"], [[t, 5] for t in EVIL]),
            ("Đề xuất", ["Nội dung"], [[t] for t in EVIL]),
        ]
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert _assert_texts_stay_text(book) == set(EVIL)
    assert book["Trường"]["A1"].data_type == "s"
    assert book["Trường"]["B2"].value == 5 and book["Trường"]["B2"].data_type == "n"


def test_escalation_download_keeps_a_request_text_as_text(client, cast):
    from caitien.escalations.services import escalation_create

    escalation_create(
        actor=cast.principal, school=cast.primary, kind="funding", title=EVIL[0], reason=EVIL[1]
    )
    client.force_login(cast.specialist)
    response = client.get(f"/de-xuat/co-quan/{cast.phong.pk}/?tai=xlsx&trang_thai=")
    assert response.status_code == 200, response.content[:300]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    evil = [c for _t, c in _cells(book) if str(c.value) in (EVIL[0], EVIL[1])]
    assert evil and all(c.data_type == "s" for c in evil)


def test_every_workbook_writer_uses_the_shared_cell_helper():
    """A new writer of workbooks must go through caitien.planfile.writers.cells.put_value."""
    root = Path(__file__).resolve().parents[2] / "caitien"
    writers = []
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bWorkbook\(", text) and "readers" not in path.parts:
            writers.append(path.relative_to(root).as_posix())
            assert "put_value" in text, path
            assert not re.search(r"ws\.append\(|ws\.cell\([^)]*,[^)]*,", text), path
    assert sorted(writers) == ["dashboards/xlsx.py", "evidence/exports.py", "planfile/writers/xlsx.py"]
