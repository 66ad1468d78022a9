"""The XLSX writer, read back with openpyxl: header fields, typed cells, frozen header, filter, total."""

import datetime as dt

import openpyxl
import pytest

from caitien.planfile.writers.xlsx import HEADER_LABELS, SHEET, VND_FORMAT, write_xlsx
from tests.writers.plans import plan_57, plan_2018


def _book(tmp_path, plan):
    path = tmp_path / "kh.xlsx"
    write_xlsx(plan, path)
    return openpyxl.load_workbook(path)


def _fields(ws):
    """label -> value over the header area (labels in columns A and F, values in D and G)."""
    out = {}
    for row in ws.iter_rows(min_row=2, max_row=12):
        for label_cell, value_col in ((row[0], 3), (row[5], 6)):
            if label_cell.value in HEADER_LABELS.values():
                out[label_cell.value] = row[value_col].value
    return out


def _header_row(ws):
    return next(r for r in range(1, 20) if ws.cell(r, 1).value == "TT")


def test_the_header_fields_are_above_the_table(tmp_path):
    ws = _book(tmp_path, plan_2018())[SHEET]
    f = _fields(ws)
    assert f["Trường"] == "Trường Tiểu học Phước Hòa"
    assert f["Cơ quan chủ quản"] == "UBND huyện Tân Châu"
    assert f["Tên kế hoạch"] == "Cải tiến chất lượng giáo dục năm học 2024 - 2025"
    assert f["Cấp học"] == "Tiểu học"
    assert f["Văn bản áp dụng"] == "17/2018/TT-BGDĐT"
    assert f["Số văn bản"] == "112/KH-THPH"
    assert f["Ngày ban hành"] == dt.datetime(2024, 9, 16)
    assert f["Năm bắt đầu"] == 2024 and f["Năm kết thúc"] == 2025
    assert f["Người ký"] == "Lâm Thị Ngọc Hân"
    assert f["Nơi nhận"].startswith("Phòng GDĐT huyện Tân Châu (để báo cáo); Hội đồng trường")


def test_rows_are_typed_and_the_header_frozen_and_filtered(tmp_path):
    ws = _book(tmp_path, plan_2018())[SHEET]
    h = _header_row(ws)
    labels = [c.value for c in ws[h]]
    col = {label: i for i, label in enumerate(labels)}
    assert ws.freeze_panes == f"A{h + 1}"
    assert ws.auto_filter.ref == f"A{h}:{openpyxl.utils.get_column_letter(len(labels))}{h + 6}"
    rows = [[c.value for c in ws[r]] for r in range(h + 1, h + 7)]
    assert [r[col["TT"]] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[1][col["Tiêu chí"]] == "1.10"  # text, never the number 1.1
    assert rows[1][col["Tiêu chuẩn"]] == 1
    start, end = col["Tháng bắt đầu"], col["Tháng kết thúc"]
    assert rows[3][start] == dt.datetime(2024, 11, 1) and rows[3][end] == dt.datetime(2025, 1, 1)
    assert ws.cell(h + 4, start + 1).number_format == "mm/yyyy"
    money = col["Kinh phí dự kiến (đồng)"]
    assert rows[3][money] == 45000000
    assert ws.cell(h + 4, money + 1).number_format == VND_FORMAT
    assert rows[0][money] is None  # "Không có"
    assert rows[5][money] is None  # a monthly amount is not a one-off cost
    assert rows[5][col["Dự kiến kinh phí"]] == "1.200.000 đồng/tháng"
    for name in ("Mức độ thực hiện", "Tiến độ (%)", "Minh chứng đã có"):
        assert name in col


def test_the_total_row_adds_the_visible_one_off_amounts(tmp_path):
    ws = _book(tmp_path, plan_2018())[SHEET]
    h = _header_row(ws)
    total_row = h + 7
    assert ws.cell(total_row, 1).value == "Tổng cộng"
    labels = [c.value for c in ws[h]]
    money = labels.index("Kinh phí dự kiến (đồng)") + 1
    letter = openpyxl.utils.get_column_letter(money)
    assert ws.cell(total_row, money).value == f"=SUBTOTAL(109,{letter}{h + 1}:{letter}{h + 6})"
    values = [ws.cell(r, money).value or 0 for r in range(h + 1, h + 7)]
    assert sum(values) == 54500000


def test_the_status_column_offers_the_form_s_values(tmp_path):
    ws = _book(tmp_path, plan_57())[SHEET]
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists and lists[0].formula1 == '"Hoàn thành,Đang thực hiện,Chưa hoàn thành"'


def test_the_57_workbook_has_its_columns_and_the_priority_and_monitoring_sheets(tmp_path):
    wb = _book(tmp_path, plan_57())
    ws = wb[SHEET]
    h = _header_row(ws)
    labels = [c.value for c in ws[h]]
    for name in (
        "Nội dung cải tiến",
        "Mục tiêu cải tiến",
        "Hoạt động/giải pháp",
        "Chỉ số đánh giá kết quả",
        "Đơn vị/cá nhân phụ trách",
        "Nguồn lực bảo đảm",
        "Thông tin, dữ liệu hoặc minh chứng dự kiến",
        "Mức độ thực hiện",
    ):
        assert name in labels
    row = {label: ws.cell(h + 1, i + 1).value for i, label in enumerate(labels)}
    assert row["Mức độ thực hiện"] == "Đang thực hiện"
    assert row["Kinh phí dự kiến (đồng)"] == 4000000
    assert wb["Vấn đề trọng tâm"]["B2"].value == "Tiêu chuẩn 1"
    assert [wb["Theo dõi, đánh giá"].cell(r, 1).value for r in (2, 3)] == ["Cuối học kỳ I", "Cuối năm học"]


@pytest.mark.parametrize("plan", [plan_2018, plan_57])
def test_every_cell_is_times_new_roman(tmp_path, plan):
    ws = _book(tmp_path, plan())[SHEET]
    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}
