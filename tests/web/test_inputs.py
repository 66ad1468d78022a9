"""The shared Vietnamese inputs: what they accept, what they refuse (and say), how they render."""

import datetime

import pytest
from django import forms
from django.template import Context, Template

from caitien.web import inputs


@pytest.mark.parametrize(
    "text, expected",
    [
        ("20/09/2025", datetime.date(2025, 9, 20)),
        ("20/9/2025", datetime.date(2025, 9, 20)),
        (" 1/1/2026 ", datetime.date(2026, 1, 1)),
        ("20-09-2025", datetime.date(2025, 9, 20)),
        ("20.9.2025", datetime.date(2025, 9, 20)),
        ("ngày 20 tháng 9 năm 2025", datetime.date(2025, 9, 20)),
        ("Ngày 5 tháng 10 năm 2025", datetime.date(2025, 10, 5)),
        ("2025-09-20", datetime.date(2025, 9, 20)),
        ("29/02/2024", datetime.date(2024, 2, 29)),
        ("31/12/2099", datetime.date(2099, 12, 31)),
    ],
)
def test_dates_typed_the_vietnamese_way(text, expected):
    assert inputs.parse_date(text) == expected


@pytest.mark.parametrize(
    "text, says",
    [
        ("", "Hãy nhập ngày theo dạng ngày/tháng/năm"),
        ("30/02/2025", "Ngày 30/02/2025 không có trong lịch: tháng 2 năm 2025 có 28 ngày."),
        ("29/02/2025", "tháng 2 năm 2025 có 28 ngày"),
        ("31/04/2026", "tháng 4 năm 2026 có 30 ngày"),
        ("0/9/2025", "Ngày 0/09/2025 không có trong lịch"),
        ("20/13/2025", "Không có tháng 13"),
        ("20/9/25", "Hãy ghi năm đủ bốn chữ số"),
        ("20/9/1890", "Năm 1890 nằm ngoài khoảng"),
        ("09/20/2025", "Không có tháng 20"),
        ("hôm qua", "Chưa hiểu “hôm qua” là ngày nào"),
        ("2025/09/20x", "Chưa hiểu"),
    ],
)
def test_wrong_dates_are_refused_in_vietnamese(text, says):
    with pytest.raises(inputs.InputError) as exc:
        inputs.parse_date(text)
    assert says in str(exc.value)


def test_dates_are_shown_dd_mm_yyyy():
    assert inputs.format_date(datetime.date(2025, 9, 5)) == "05/09/2025"
    assert inputs.format_date(None) == ""
    assert inputs.format_date("2025-09-05") == "05/09/2025"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("9/2027", "2027-09"),
        ("09/2027", "2027-09"),
        ("12/2025", "2025-12"),
        ("9-2027", "2027-09"),
        ("9.2027", "2027-09"),
        ("tháng 9/2027", "2027-09"),
        ("Tháng 9 năm 2027", "2027-09"),
        ("T9/2027", "2027-09"),
        ("thang 10/2026", "2026-10"),
        ("2027-09", "2027-09"),
        ("1 2026", "2026-01"),
    ],
)
def test_months_typed_as_thang_nam(text, expected):
    assert inputs.parse_month(text) == expected


@pytest.mark.parametrize(
    "text, says",
    [
        ("13/2025", "Không có tháng 13: tháng ghi từ 1 đến 12, ví dụ 9/2027."),
        ("0/2025", "Không có tháng 0"),
        ("132025-", "Chưa hiểu “132025-” là tháng nào. Hãy ghi tháng/năm, ví dụ 9/2027."),
        ("9/27", "Hãy ghi năm đủ bốn chữ số, ví dụ 9/2027."),
        ("2025-13", "Không có tháng 13"),
        ("tháng chín", "Chưa hiểu"),
        ("", "Hãy nhập tháng theo dạng tháng/năm"),
        ("9/3025", "Năm 3025 nằm ngoài khoảng"),
    ],
)
def test_wrong_months_are_refused_in_vietnamese(text, says):
    with pytest.raises(inputs.InputError) as exc:
        inputs.parse_month(text)
    assert says in str(exc.value)


def test_months_are_shown_as_thang_nam():
    assert inputs.format_month("2027-09") == "9/2027"
    assert inputs.month_span("2027-09", "2027-12") == "9/2027 – 12/2027"
    assert inputs.month_span("2027-09", "2027-09") == "9/2027"
    assert inputs.month_span("", "") == ""


class _Form(forms.Form):
    date = inputs.DateField(label="Ngày ban hành", min_value=datetime.date(2025, 1, 1))
    month = inputs.MonthField(label="Tháng bắt đầu", required=False)
    picked = inputs.MonthField(
        label="Tháng kết thúc", required=False, widget=inputs.MonthSelect(years=range(2025, 2028))
    )
    scan = inputs.FileField(label="Bản scan", required=False)


def test_form_fields_clean_and_explain():
    ok = _Form({"date": "20/9/2025", "month": "9/2027", "picked_thang": "5", "picked_nam": "2026"})
    assert ok.is_valid(), ok.errors
    assert ok.cleaned_data == {
        "date": datetime.date(2025, 9, 20),
        "month": "2027-09",
        "picked": "2026-05",
        "scan": None,
    }
    bad = _Form({"date": "30/02/2025", "month": "13/2025", "picked_thang": "5", "picked_nam": ""})
    assert not bad.is_valid()
    assert bad.errors["date"] == ["Ngày 30/02/2025 không có trong lịch: tháng 2 năm 2025 có 28 ngày."]
    assert bad.errors["month"] == ["Không có tháng 13: tháng ghi từ 1 đến 12, ví dụ 9/2027."]
    assert bad.errors["picked"] == ["Hãy chọn cả tháng và năm."]
    early = _Form({"date": "31/12/2024"})
    assert not early.is_valid() and early.errors["date"] == ["Ngày phải từ 01/01/2025 trở đi."]
    empty = _Form({})
    assert empty.errors["date"] == ["Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 20/09/2025."]


def test_widgets_render_no_native_picker():
    form = _Form(initial={"date": datetime.date(2025, 9, 5), "month": "2027-09", "picked": "2026-05"})
    html = str(form)
    assert 'type="date"' not in html and 'type="month"' not in html
    assert 'name="date"' in html and 'value="05/09/2025"' in html and 'inputmode="numeric"' in html
    assert 'value="9/2027"' in html
    assert '<option value="5" selected>Tháng 5</option>' in html
    assert '<option value="2026" selected>2026</option>' in html
    assert 'for="id_picked_thang"' in html
    # The file button: the native input is visually hidden inside a Vietnamese label.
    assert 'type="file"' in html and 'class="visually-hidden file-native"' in html
    assert "Chọn tệp…" in html and "Chưa chọn tệp nào" in html


def test_template_tags_for_hand_built_fields():
    html = Template(
        '{% load vi_inputs %}{% month_input "start_month" m id="f-1" aria_label="Từ tháng, dòng 1" %}'
        "|{{ d|vn_date }}|{{ m|vn_month }}|{% month_span m e %}"
        '|{% file_input "scan" id="scan" accept=".pdf" button="Chọn bản scan…" %}'
    ).render(Context({"m": "2027-09", "e": "2027-12", "d": datetime.date(2026, 1, 2)}))
    assert (
        'name="start_month"' in html and 'value="9/2027"' in html and 'aria-label="Từ tháng, dòng 1"' in html
    )
    assert "|02/01/2026|9/2027|9/2027 – 12/2027|" in html
    assert 'accept=".pdf"' in html and "Chọn bản scan…" in html
