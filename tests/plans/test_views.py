import io
import re
import subprocess
import zipfile

import pytest

from caitien.audit.models import AuditEvent
from caitien.plans import services
from caitien.plans.models import Plan, PlanItem

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def principal(client, cast):
    client.force_login(cast.principal)
    return client


def test_plan_list_shows_own_school_only(client, cast, draft):
    other = services.plan_create(
        school=cast.other, actor=cast.other_principal, start_year=2025, end_year=2026
    )
    client.force_login(cast.vice)
    body = client.get("/ke-hoach/").content.decode()
    assert f"/ke-hoach/{draft.pk}/" in body and f"/ke-hoach/{other.pk}/" not in body
    assert "Lập kế hoạch mới" in body


def test_new_empty_plan_starts_from_default_sections(principal, cast):
    response = principal.post(
        "/ke-hoach/moi/",
        {
            "school": cast.primary.pk,
            "period_kind": "multi",
            "start_year": 2025,
            "end_year": 2028,
            "title": "",
            "source": "empty",
        },
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == f"/ke-hoach/{plan.pk}/soan/"
    assert plan.period_kind == "multi" and plan.title.endswith("giai đoạn 2025 - 2028")
    assert {"purposes", "legal_bases", "organisation"} <= set(plan.sections)
    assert "Trường Tiểu học Hoà Bình" in plan.sections["purposes"]
    page = principal.get(response.url).content.decode()
    assert 'id="section-purposes"' in page and "MỤC ĐÍCH, YÊU CẦU" in page


def test_new_plan_form_explains_wrong_years(principal, cast):
    response = principal.post(
        "/ke-hoach/moi/",
        {
            "school": cast.primary.pk,
            "period_kind": "single",
            "start_year": 2025,
            "end_year": 2027,
            "source": "empty",
        },
    )
    assert response.status_code == 400
    assert "Kế hoạch một năm học kết thúc vào năm sau năm bắt đầu" in response.content.decode()
    assert not Plan.objects.exists()


def test_new_plan_from_previous(principal, cast, published):
    PlanItem.objects.filter(plan=published, order=1).update(status="Hoàn thành")
    response = principal.post(
        "/ke-hoach/moi/",
        {
            "school": cast.primary.pk,
            "period_kind": "single",
            "start_year": 2026,
            "end_year": 2027,
            "source": "previous",
            "previous": published.pk,
        },
    )
    assert response.status_code == 302
    new = Plan.objects.exclude(pk=published.pk).get()
    assert new.items.count() == 2 and new.start_year == 2026


def test_new_plan_refused_for_staff(client, cast):
    client.force_login(cast.staff)
    response = client.get("/ke-hoach/moi/")
    assert response.status_code == 403
    assert "Chỉ Hiệu trưởng, Phó Hiệu trưởng" in response.content.decode()


def test_editor_follows_the_2018_form(principal, draft):
    page = principal.get(f"/ke-hoach/{draft.pk}/soan/").content.decode()
    assert "Kết quả cần đạt (so với hiện trạng)" in page and "Chỉ số đánh giá kết quả" not in page
    assert 'aria-label="Tiêu chuẩn, tiêu chí, dòng 1"' in page
    assert 'id="add-row"' in page and "Thêm dòng" in page
    # Chủ trì / Phối hợp ask the staff directory's picker as the person types (tests/people).
    assert f"/ke-hoach/{draft.pk}/dong/" in page and "goi-y-phu-trach/?o=lead_text" in page
    assert 'type="month"' not in page
    assert 'type="text" name="start_month" value="9/2025"' in page


def test_editor_follows_the_57_form(principal, cast, catalog):
    plan = services.plan_create(
        school=cast.primary,
        actor=cast.principal,
        start_year=2026,
        end_year=2027,
        regulation=catalog["tt57-2026-pl2"],
    )
    services.plan_item_add(plan=plan, actor=cast.principal, values={"issue": "Thiếu phòng học bộ môn"})
    page = principal.get(f"/ke-hoach/{plan.pk}/soan/").content.decode()
    for label in ("Nội dung cải tiến", "Mục tiêu cải tiến", "Chỉ số đánh giá kết quả", "Mức độ thực hiện"):
        assert label in page
    assert 'aria-label="Tiêu chí liên quan, dòng 1"' in page
    assert '<option value="Hoàn thành">' in page
    assert "Kết quả cần đạt (so với hiện trạng)" not in page


def test_htmx_row_save_answers_with_fragments(principal, draft):
    item = draft.items.get(order=2)
    response = principal.post(
        f"/ke-hoach/{draft.pk}/dong/{item.pk}/",
        {"revision": item.revision, "lead_text": "", "coordinators_text": ""},
        **HX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    # the row as saved (editor.js merges it), with its new revision and the checker's finding
    assert body.count('class="sheet-row" id="row-') == 1
    assert f'id="rev-{item.pk}" value="{item.revision + 1}"' in body
    fragment = body.split(f'id="findings-{item.pk}"', 1)[1].split("</div>", 1)[0]
    assert "chủ trì" in fragment.lower()
    # out of band: the save status, the other rows' findings, the plan's findings and totals
    assert "Đã lưu dòng 2" in body
    others = [i.pk for i in draft.items.exclude(pk=item.pk)]
    assert all(f'id="findings-{pk}" hx-swap-oob="true"' in body for pk in others)
    assert 'id="plan-findings"' in body and 'id="plan-totals"' in body


def test_htmx_conflict_shows_the_other_value(principal, cast, draft):
    item = draft.items.get(order=1)
    services.plan_item_update(
        item=item, actor=cast.vice, values={"solutions": "Bản của cô Bình"}, revision=item.revision
    )
    response = principal.post(
        f"/ke-hoach/{draft.pk}/dong/{item.pk}/",
        {"revision": item.revision, "solutions": "Bản của thầy An"},
        **HX,
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "Người khác vừa lưu ô “Công việc, giải pháp” của dòng này trước bạn" in body
    assert 'data-field="solutions" data-value="Bản của cô Bình"' in body
    assert "Chưa lưu được — Trần Thị Bình vừa lưu ô “Công việc, giải pháp”" in body
    assert "Giữ bản của tôi" in body and "Dùng bản đã lưu" in body
    item.refresh_from_db()
    assert item.solutions == "Bản của cô Bình"


def test_conflict_without_htmx_is_a_409_page(principal, cast, draft):
    item = draft.items.get(order=1)
    services.plan_item_update(
        item=item, actor=cast.vice, values={"notes": "Của cô Bình"}, revision=item.revision
    )
    response = principal.post(
        f"/ke-hoach/{draft.pk}/dong/{item.pk}/", {"revision": item.revision, "notes": "Của tôi"}
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Trần Thị Bình đã lưu: “Của cô Bình”. Bạn đã nhập: “Của tôi”." in body


def test_reload_row_fragment(principal, draft):
    item = draft.items.get(order=1)
    response = principal.get(f"/ke-hoach/{draft.pk}/dong/{item.pk}/", **HX)
    assert response.status_code == 200 and f'id="row-{item.pk}"' in response.content.decode()


def test_row_tools_by_htmx_rerender_the_sheet(principal, draft):
    first = draft.items.get(order=1)
    response = principal.post(f"/ke-hoach/{draft.pk}/dong/them/", {"after": first.pk}, **HX)
    body = response.content.decode()
    assert body.startswith('<section id="sheet"') and body.count('class="sheet-row" id="row-') == 4
    new = draft.items.get(order=2)
    assert f'data-focus="row-{new.pk}"' in body
    principal.post(f"/ke-hoach/{draft.pk}/dong/{new.pk}/chuyen/down/", **HX)
    assert draft.items.get(pk=new.pk).order == 3
    principal.post(f"/ke-hoach/{draft.pk}/dong/{first.pk}/nhan-ban/", **HX)
    principal.post(f"/ke-hoach/{draft.pk}/dong/{new.pk}/xoa/", **HX)
    assert list(draft.items.order_by("order").values_list("order", flat=True)) == [1, 2, 3, 4]
    assert principal.post(f"/ke-hoach/{draft.pk}/dong/{first.pk}/chuyen/sideways/").status_code == 404


def test_row_tools_without_htmx_redirect_back(principal, draft):
    response = principal.post(f"/ke-hoach/{draft.pk}/dong/them/")
    assert response.status_code == 302 and response.url.startswith(f"/ke-hoach/{draft.pk}/soan/#row-")


def test_multi_year_editor_groups_rows(principal, cast):
    plan = services.plan_create(
        school=cast.primary, actor=cast.principal, start_year=2025, end_year=2027, period_kind="multi"
    )
    services.plan_item_add(
        plan=plan, actor=cast.principal, values={"criterion_code": "1.1", "start_month": "2026-09"}
    )
    services.plan_item_add(
        plan=plan, actor=cast.principal, values={"criterion_code": "1.2", "start_month": "2025-09"}
    )
    page = principal.get(f"/ke-hoach/{plan.pk}/soan/").content.decode()
    assert page.index('class="sheet-year">Năm học 2025-2026') < page.index(
        'class="sheet-year">Năm học 2026-2027'
    )


def test_criteria_search_without_diacritics(principal, draft):
    body = principal.get(f"/ke-hoach/{draft.pk}/tieu-chi/", {"q": "co so vat chat"}).content.decode()
    assert "Tiêu chuẩn 3" in body and "Tiêu chuẩn 1:" not in body
    body = principal.get(f"/ke-hoach/{draft.pk}/tieu-chi/", {"q": "khong co gi nhu the nay"}).content.decode()
    assert "Không thấy tiêu chí nào khớp" in body
    # no name matches: the indicator texts are searched
    body = principal.get(f"/ke-hoach/{draft.pk}/tieu-chi/", {"q": "khu de xe"}).content.decode()
    assert 'data-code="3.3"' in body


def test_sections_form_saves_and_detects_conflicts(principal, cast, draft):
    rev = draft.revision
    response = principal.post(
        f"/ke-hoach/{draft.pk}/noi-dung/",
        {
            "revision": rev,
            "section_purposes": "Mục đích mới",
            "title": "Kế hoạch CTCL năm học 2025 - 2026",
            "recipients": "Phòng GDĐT\nLưu: VT",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.sections["purposes"] == "Mục đích mới" and draft.recipients == ["Phòng GDĐT", "Lưu: VT"]
    stale = principal.post(f"/ke-hoach/{draft.pk}/noi-dung/", {"revision": rev, "section_purposes": "Cũ"})
    assert stale.status_code == 409 and "Người khác vừa lưu phần này" in stale.content.decode()
    draft.refresh_from_db()
    assert draft.sections["purposes"] == "Mục đích mới"


def test_submit_with_checker_errors_lists_them(principal, cast, draft):
    item = draft.items.get(order=1)
    services.plan_item_update(
        item=item,
        actor=cast.principal,
        values={"lead_text": "", "coordinators_text": "", "expected_result": ""},
        revision=item.revision,
    )
    response = principal.post(f"/ke-hoach/{draft.pk}/gui-phe-duyet/")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Chưa gửi phê duyệt được" in body
    refused = body.split('id="submit-refused"', 1)[1].split("</section>", 1)[0]
    assert refused.count("<li>Dòng 1") >= 2 and "chủ trì" in refused
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not AuditEvent.objects.filter(action="plan.submit").exists()


def test_detail_buttons_follow_the_step(client, cast, submitted):
    client.force_login(cast.principal)
    body = client.get(f"/ke-hoach/{submitted.pk}/").content.decode()
    assert 'id="approve-plan"' in body and "Phê duyệt" in body and 'id="submit-plan"' not in body
    client.force_login(cast.vice)
    body = client.get(f"/ke-hoach/{submitted.pk}/").content.decode()
    assert 'id="approve-plan"' not in body


def test_approve_form_errors_are_explained(principal, submitted):
    response = principal.post(
        f"/ke-hoach/{submitted.pk}/phe-duyet/", {"number": "", "date": "", "signer": ""}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Chưa phê duyệt được" in body and "Hãy nhập số văn bản, ví dụ 45/KH-THHB." in body
    assert "Hãy nhập ngày theo dạng ngày/tháng/năm" in body and "Hãy nhập họ tên người ký." in body
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_return_needs_a_reason(principal, submitted):
    principal.post(f"/ke-hoach/{submitted.pk}/tra-lai/", {"reason": ""})
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    principal.post(f"/ke-hoach/{submitted.pk}/tra-lai/", {"reason": "Thiếu thời gian dòng 3"})
    submitted.refresh_from_db()
    assert submitted.status == "draft"


def test_public_pages_without_login(client, cast, published, draft):
    body = client.get(f"/cong-khai/truong/{cast.primary.pk}/").content.decode()
    assert f"/cong-khai/{published.pk}/" in body
    page = client.get(f"/cong-khai/{published.pk}/").content.decode()
    assert "45/KH-THHB" in page and "Sửa xong mái che sân chơi khu B" in page
    assert "Kiểm tra</th>" not in page  # the checker's notes stay internal


def test_specialist_comments_on_a_row_of_a_published_plan(client, cast, published):
    client.force_login(cast.specialist)
    item = published.items.get(order=2)
    page = client.get(f"/ke-hoach/{published.pk}/").content.decode()
    assert 'id="comment-form"' in page and 'id="edit-plan"' not in page
    client.post(f"/ke-hoach/{published.pk}/gop-y/", {"text": "Ghi rõ nguồn vận động.", "item": item.pk})
    comment = published.comments.get()
    assert comment.item == item and comment.author == cast.specialist
    page = client.get(f"/ke-hoach/{published.pk}/").content.decode()
    assert "Ghi rõ nguồn vận động." in page and "dòng 2 (tiêu chí 3.2)" in page
    assert comment.item_key == item.key and comment.state == "new"


def test_revise_compare_and_versions(principal, cast, published):
    response = principal.post(f"/ke-hoach/{published.pk}/dieu-chinh/", {"reason": ""})
    assert response.status_code == 400 and Plan.objects.count() == 1
    response = principal.post(f"/ke-hoach/{published.pk}/dieu-chinh/", {"reason": "Bổ sung kinh phí"})
    v2 = Plan.objects.get(version=2)
    assert response.url == f"/ke-hoach/{v2.pk}/soan/"
    row = v2.items.get(order=3)
    services.plan_item_update(
        item=row, actor=cast.principal, values={"budget_text": "3 triệu đồng"}, revision=row.revision
    )
    page = principal.get(f"/ke-hoach/{v2.pk}/so-sanh/").content.decode()
    assert "So sánh phiên bản 1 và 2" in page
    assert "2 triệu đồng" in page and "3 triệu đồng" in page and "sửa 1 dòng" in page
    detail = principal.get(f"/ke-hoach/{v2.pk}/").content.decode()
    assert "Lý do: Bổ sung kinh phí" in detail and f"/ke-hoach/{published.pk}/" in detail


def test_compare_with_a_single_version_says_so(principal, draft):
    response = principal.get(f"/ke-hoach/{draft.pk}/so-sanh/", follow=True)
    assert "mới có một phiên bản" in response.content.decode()


def test_download_json_is_the_plan_document(principal, draft):
    from caitien.planfile.model import Document

    response = principal.get(f"/ke-hoach/{draft.pk}/tai-ve/json/")
    doc = Document.from_json(response.content.decode())
    assert [i.criterion for i in doc.items] == ["1.3", "3.2", "5.1"]


def test_download_docx_and_xlsx_are_real_files(principal, draft):
    import docx
    import openpyxl

    response = principal.get(f"/ke-hoach/{draft.pk}/tai-ve/docx/")
    assert response.status_code == 200
    data = response.content
    text = "\n".join(c.text for t in docx.Document(io.BytesIO(data)).tables for r in t.rows for c in r.cells)
    assert "Sửa xong mái che sân chơi khu B" in text
    response = principal.get(f"/ke-hoach/{draft.pk}/tai-ve/xlsx/")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    values = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert any("Hội đồng trường họp đủ các kỳ" in v for v in values)
    assert zipfile.is_zipfile(io.BytesIO(data))


def test_download_pdf_is_a_real_pdf(principal, draft, tmp_path):
    response = principal.get(f"/ke-hoach/{draft.pk}/tai-ve/pdf/")
    assert response.status_code == 200
    path = tmp_path / "plan.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "mái che" in text


def test_unknown_download_format_is_404(principal, draft):
    assert principal.get(f"/ke-hoach/{draft.pk}/tai-ve/odt/").status_code == 404


def test_new_plan_from_an_assessment_link(principal, cast):
    from caitien.assessments.models import CriterionAssessment, SelfAssessment
    from caitien.catalog.models import Criterion

    sa = SelfAssessment.objects.create(
        school=cast.primary,
        regulation=cast.primary.regulation,
        start_year=2026,
        end_year=2027,
        target_level=2,
    )
    for c in Criterion.objects.filter(standard__regulation=sa.regulation):
        CriterionAssessment.objects.create(
            self_assessment=sa,
            criterion=c,
            level_reached=3,
            weaknesses="Thiếu tủ sách lớp học." if c.code == "3.5" else "",
        )
    page = principal.get(f"/ke-hoach/moi/tu-danh-gia/{sa.pk}/").content.decode()
    assert re.search(rf'<option value="{sa.pk}" selected>', page)
    assert re.search(r'value="assessment"[^>]* checked', page)
    assert 'value="2026"' in page
    response = principal.post(
        f"/ke-hoach/moi/tu-danh-gia/{sa.pk}/",
        {
            "school": cast.primary.pk,
            "period_kind": "single",
            "start_year": 2026,
            "end_year": 2027,
            "source": "assessment",
            "assessment": sa.pk,
        },
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and plan.self_assessment == sa
    assert list(plan.items.values_list("criterion_code", flat=True)) == ["3.5"]


def test_new_plan_from_assessment_refused_for_another_school(client, cast):
    from caitien.assessments.models import SelfAssessment

    sa = SelfAssessment.objects.create(
        school=cast.primary, regulation=cast.primary.regulation, start_year=2026, end_year=2027
    )
    client.force_login(cast.other_principal)
    assert client.get(f"/ke-hoach/moi/tu-danh-gia/{sa.pk}/").status_code == 403


def test_57_form_small_tables_are_edited(principal, cast, catalog):
    plan = services.plan_create(
        school=cast.primary,
        actor=cast.principal,
        start_year=2026,
        end_year=2027,
        regulation=catalog["tt57-2026-pl2"],
    )
    services.plan_item_add(plan=plan, actor=cast.principal, values={"issue": "Thiếu phòng học bộ môn"})
    rules = {(f.rule, f.field) for f in services.plan_findings(plan)}
    assert ("missing-section", "priority_issues") in rules and ("missing-section", "monitoring") in rules
    page = principal.get(f"/ke-hoach/{plan.pk}/soan/").content.decode()
    assert "TÓM TẮT CÁC VẤN ĐỀ TRỌNG TÂM CẦN CẢI TIẾN" in page and "Nguyên nhân của hạn chế" in page
    assert 'name="monitoring-0-moment"' in page and ">Cuối học kỳ I</textarea>" in page
    principal.post(
        f"/ke-hoach/{plan.pk}/noi-dung/",
        {
            "revision": plan.revision,
            "priority_issues-count": "2",
            "priority_issues-0-standard": "3",
            "priority_issues-0-criteria": "3.2",
            "priority_issues-0-limitation": "Phòng học bộ môn còn thiếu",
            "priority_issues-0-cause": "Thiếu kinh phí",
            "priority_issues-1-standard": "",
            "priority_issues-1-criteria": "",
            "monitoring-count": "2",
            "monitoring-0-moment": "Cuối học kỳ I",
            "monitoring-0-content": "Tiến độ sửa phòng",
            "monitoring-0-assessor": "Tổ giám sát",
            "monitoring-1-moment": "Cuối năm học",
            "monitoring-1-content": "",
        },
    )
    plan.refresh_from_db()
    assert plan.priority_issues == [
        {
            "standard": 3,
            "criteria": "3.2",
            "current_state": "",
            "limitation": "Phòng học bộ môn còn thiếu",
            "cause": "Thiếu kinh phí",
        }
    ]
    assert [m["moment"] for m in plan.monitoring] == ["Cuối học kỳ I"]
    rules = {(f.rule, f.field) for f in services.plan_findings(plan)}
    assert ("missing-section", "priority_issues") not in rules and (
        "missing-section",
        "monitoring",
    ) not in rules
    page = principal.get(f"/ke-hoach/{plan.pk}/").content.decode()
    assert "Phòng học bộ môn còn thiếu" in page and "Tiến độ sửa phòng" in page


def test_superseded_public_page_points_to_the_newer_version(client, cast, published):
    import datetime

    v2 = services.plan_revise(plan=published, reason="Bổ sung", actor=cast.principal)
    services.plan_submit(plan=v2, actor=cast.principal)
    services.plan_approve(
        plan=v2,
        actor=cast.principal,
        number="50/KH-THHB",
        date=datetime.date(2026, 1, 2),
        signer="Nguyễn Văn An",
    )
    services.plan_publish(plan=v2, actor=cast.principal)
    page = client.get(f"/cong-khai/{published.pk}/").content.decode()
    assert "Phiên bản này đã được điều chỉnh" in page and f"/cong-khai/{v2.pk}/" in page
    listing = client.get(f"/cong-khai/truong/{cast.primary.pk}/").content.decode()
    assert "đã điều chỉnh" in listing and f"/cong-khai/{v2.pk}/" in listing


def test_new_plan_may_follow_another_regulation_of_the_level(principal, cast, catalog):
    base = {
        "school": cast.primary.pk,
        "period_kind": "single",
        "start_year": 2026,
        "end_year": 2027,
        "source": "empty",
    }
    response = principal.post("/ke-hoach/moi/", {**base, "regulation": catalog["tt19-2018"].pk})
    assert response.status_code == 400 and "không dành cho cấp học" in response.content.decode()
    principal.post("/ke-hoach/moi/", {**base, "regulation": catalog["tt57-2026-pl2"].pk})
    plan = Plan.objects.get()
    assert plan.regulation.slug == "tt57-2026-pl2" and "general_info" in plan.sections


def test_57_form_parts_follow_the_form_order(principal, cast, catalog):
    plan = services.plan_create(
        school=cast.primary,
        actor=cast.principal,
        start_year=2026,
        end_year=2027,
        regulation=catalog["tt57-2026-pl2"],
    )
    page = principal.get(f"/ke-hoach/{plan.pk}/soan/").content.decode()
    marks = [
        "I. THÔNG TIN CHUNG",
        "II. CĂN CỨ",
        "III. MỤC ĐÍCH",
        "IV. TÓM TẮT",
        "VI. THEO DÕI",
        "VII. TỔ CHỨC",
        "VIII. CƠ CHẾ",
    ]
    positions = [page.index(m) for m in marks]
    assert positions == sorted(positions)


def test_plan_page_reads_like_the_printed_plan(principal, draft):
    """Sections in the form's order, the table as section III, then Nơi nhận and the signer."""
    html = principal.get(f"/ke-hoach/{draft.pk}/").content.decode()
    marks = [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. CĂN CỨ XÂY DỰNG KẾ HOẠCH",
        "III. NỘI DUNG KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG",
        'id="plan-table"',
        "IV. TỔ CHỨC THỰC HIỆN",
        "Nơi nhận:",
    ]
    positions = [html.find(m) for m in marks]
    assert -1 not in positions and positions == sorted(positions), dict(zip(marks, positions, strict=True))
