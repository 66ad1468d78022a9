"""Codes become links (escaped), last year's register copied with new codes, an XLSX list imported."""

import io

import openpyxl
import pytest
from django.template import Context, Template
from django.urls import reverse

from caitien.assessments.models import CriterionAssessment, SelfAssessment
from caitien.catalog.models import Criterion
from caitien.evidence import exports, imports, selectors
from caitien.evidence.models import EvidenceItem
from caitien.evidence.services import EvidenceRefused, ItemFields, copy_year, file_add, item_create
from caitien.plans.models import Plan, PlanItem
from tests.evidence.conftest import png_bytes, upload


def _criterion(school, code):
    return Criterion.objects.get(standard__regulation=school.regulation, code=code)


def _add(cast, year, codes, name, **fields):
    return item_create(
        school=cast.primary,
        school_year=year,
        regulation=cast.primary.regulation,
        criteria=[_criterion(cast.primary, c) for c in codes],
        fields=ItemFields(name=name, **fields),
        actor=cast.principal,
    )


def _render(text, index):
    return Template("{% load evidence_tags %}{{ text|evidence_links:index|linebreaksbr }}").render(
        Context({"text": text, "index": index})
    )


def test_known_codes_become_links_and_the_rest_is_escaped(db):
    html = _render("<b>Xem</b> [H1-1.1-01] và H1-1.1-01,\n[H9-9.9-99] <script>", {"[H1-1.1-01]": 7})
    link = reverse("evidence:item", args=[7])
    assert html.count(f'href="{link}"') == 2
    assert "&lt;b&gt;Xem&lt;/b&gt;" in html and "&lt;script&gt;" in html and "<script>" not in html
    assert "[H9-9.9-99]" in html and html.count("<a ") == 2
    assert "<br>" in html


def test_the_plan_page_and_the_criterion_page_link_codes(client, cast, media):
    item = _add(cast, 2025, ["1.1"], "Quyết định thành lập Hội đồng")
    plan = Plan.objects.create(
        school=cast.primary, regulation=cast.primary.regulation, start_year=2025, end_year=2026
    )
    PlanItem.objects.create(
        plan=plan, criterion_code="1.1", notes=f"Quyết định {item.code}; <i>[H1-1.1-07]</i>"
    )
    client.force_login(cast.staff)
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert f'href="{reverse("evidence:item", args=[item.pk])}"' in page
    assert "&lt;i&gt;[H1-1.1-07]&lt;/i&gt;" in page
    sa = SelfAssessment.objects.create(
        school=cast.primary, regulation=cast.primary.regulation, start_year=2025, end_year=2026
    )
    ca = CriterionAssessment.objects.create(
        self_assessment=sa,
        criterion=_criterion(cast.primary, "1.1"),
        current_state=f"Có quyết định {item.code}.",
    )
    page = client.get(reverse("assessments:criterion", args=[sa.pk, ca.pk])).content.decode()
    assert (
        page.count(f'href="{reverse("evidence:item", args=[item.pk])}"') >= 2
    )  # in the text and in the list
    client.force_login(cast.council)
    page = client.get(reverse("assessments:criterion", args=[sa.pk, ca.pk])).content.decode()
    assert "Mã minh chứng ghi trong nhận định" in page


def test_copying_a_year_gives_new_codes_keeps_criteria_and_files_and_runs_once(cast, media):
    first = _add(cast, 2024, ["1.1", "2.1"], "Quyết định thành lập Hội đồng")
    second = _add(cast, 2024, ["1.1"], "Kế hoạch năm học")
    file_add(item=second, uploaded_file=upload("kh.png", png_bytes()), actor=cast.principal)
    _add(cast, 2025, ["1.1"], "Ảnh chụp đầu năm")  # already in the new year: numbering goes on after it
    created = copy_year(school=cast.primary, from_year=2024, to_year=2025, actor=cast.principal)
    assert [i.code for i in created] == ["[H1-1.1-02]", "[H1-1.1-03]"]
    assert [link.criterion.code for link in created[0].criterion_links.all()] == ["1.1", "2.1"]
    assert first.code in created[0].notes and created[0].copied_from == first
    copied_file = created[1].files.get()
    assert copied_file.file.name != second.files.get().file.name
    assert copied_file.file.open("rb").read() == second.files.get().file.open("rb").read()
    assert copy_year(school=cast.primary, from_year=2024, to_year=2025, actor=cast.principal) == []
    with pytest.raises(EvidenceRefused, match="chưa có minh chứng"):
        copy_year(school=cast.primary, from_year=2019, to_year=2020, actor=cast.principal)


def test_the_copy_button_is_for_the_leaders(client, cast, media):
    _add(cast, 2024, ["1.1"], "Quyết định")
    client.force_login(cast.council)
    url = reverse("evidence:copy_year")
    assert client.post(url, {"truong": cast.primary.pk, "nam": 2025}).status_code == 403
    client.force_login(cast.vice)
    assert client.post(url, {"truong": cast.primary.pk, "nam": 2025}).status_code == 302
    assert EvidenceItem.objects.filter(school_year=2025).count() == 1


def _workbook(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH MỤC MINH CHỨNG"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_list_is_previewed_with_a_message_per_row_then_saved(cast, media):
    _add(cast, 2025, ["1.1"], "Đã có")  # [H1-1.1-01]
    data = _workbook(
        [
            ["TT", "Mã minh chứng", "Tên minh chứng", "Số/ngày ban hành", "Nơi ban hành", "Ghi chú"],
            ["Tiêu chí 1.2"],
            [1, "", "Biên bản họp tổ", "Số 3/BB", "Tổ 1", ""],
            [2, "H2-2.1-04", "Danh sách giáo viên", "", "", ""],
            [3, "[H1-1.1-01]", "Trùng mã đã có", "", "", ""],
            [4, "ABC", "Mã sai dạng", "", "", ""],
            [5, "[H2-2.1-04]", "Trùng mã trong tệp", "", "", ""],
            [6, "", "", "", "", "thiếu tên"],
            [7, "[H9-9.1-01]", "Tiêu chí không có", "", "", ""],
        ]
    )
    preview = imports.preview(
        school=cast.primary,
        school_year=2025,
        regulation=cast.primary.regulation,
        data=data,
        filename="dm.xlsx",
    )
    by_line = {r.line: r for r in preview.rows}
    assert by_line[4].code == "[H1-1.2-01]" and by_line[4].criterion_code == "1.2"
    assert by_line[5].code == "[H2-2.1-04]"
    assert by_line[6].skipped and "đã có trong danh mục" in by_line[6].messages[0]
    assert by_line[7].code == "[H1-1.2-02]" and "không đúng dạng" in by_line[7].messages[0]
    assert by_line[8].skipped and "dòng trên" in by_line[8].messages[0]
    assert by_line[9].skipped and "Thiếu tên" in by_line[9].messages[0]
    assert by_line[10].criterion_code == "" and "không có trong" in by_line[10].messages[0]
    created = imports.commit(
        school=cast.primary,
        school_year=2025,
        regulation=cast.primary.regulation,
        rows=preview,
        actor=cast.principal,
    )
    assert sorted(i.code for i in created) == ["[H0-0.0-01]", "[H1-1.2-01]", "[H1-1.2-02]", "[H2-2.1-04]"]


def test_the_registers_own_export_reads_back(cast, media):
    _add(cast, 2024, ["1.1", "3.1"], "Quyết định", number_date="Số 1/QĐ", issuer="Trường")
    _add(cast, 2024, ["2.1"], "=1+1 không phải công thức")
    doc = exports.register_document(
        cast.primary, 2024, cast.primary.regulation, list(selectors.register_items(cast.primary, 2024))
    )
    preview = imports.preview(
        school=cast.primary,
        school_year=2025,
        regulation=cast.primary.regulation,
        data=exports.xlsx_bytes(doc),
        filename="x.xlsx",
    )
    assert [(r.code, r.name, r.number_date, r.issuer) for r in preview.rows] == [
        ("[H1-1.1-01]", "Quyết định", "Số 1/QĐ", "Trường"),
        ("[H2-2.1-01]", "=1+1 không phải công thức", "", ""),
    ]


def test_the_import_page_refuses_a_wrong_file_in_vietnamese_and_confirms_a_good_one(client, cast, media):
    client.force_login(cast.council)
    url = reverse("evidence:import") + f"?truong={cast.primary.pk}&nam=2025"
    response = client.post(url, {"file": upload("dm.xlsx", png_bytes())})
    assert response.status_code == 400 and "không phải bảng tính Excel" in response.content.decode()
    data = _workbook([["Mã", "Tên"], ["", "Biên bản họp"]])
    response = client.post(url, {"file": upload("dm.xlsx", data)})
    assert response.status_code == 200
    signed = response.context["signed"]
    assert not EvidenceItem.objects.exists()
    response = client.post(url, {"preview": signed})
    assert response.status_code == 302
    assert EvidenceItem.objects.get().name == "Biên bản họp"
    response = client.post(url, {"preview": signed[:-3] + "xyz"})
    assert response.status_code == 302 and EvidenceItem.objects.count() == 1
