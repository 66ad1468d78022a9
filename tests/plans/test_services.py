import datetime

import pytest

from caitien.assessments.models import CriterionAssessment, SelfAssessment
from caitien.audit.models import AuditEvent
from caitien.catalog.models import Criterion
from caitien.planfile.model import Amount, Document, Item, Signer
from caitien.plans import services
from caitien.plans.models import Plan, PlanItem

from .conftest import ROWS, make_plan


def actions_for(obj):
    return list(
        AuditEvent.objects.filter(object_type=obj._meta.model_name, object_id=str(obj.pk)).values_list(
            "action", flat=True
        )
    )


def test_plan_create_sets_header_and_is_audited(cast):
    plan = services.plan_create(
        school=cast.primary, actor=cast.principal, start_year=2025, end_year=2026, period_kind="single"
    )
    assert plan.status == "draft"
    assert plan.regulation == cast.primary.regulation
    assert plan.title == "Kế hoạch cải tiến chất lượng giáo dục năm học 2025 - 2026"
    assert plan.school_name == "Trường Tiểu học Hoà Bình"
    assert "plan.create" in actions_for(plan)


def test_plan_create_refuses_wrong_years(cast):
    with pytest.raises(services.PlanError, match="Năm kết thúc"):
        services.plan_create(school=cast.primary, actor=cast.principal, start_year=2026, end_year=2025)
    with pytest.raises(services.PlanError, match="một năm học"):
        services.plan_create(
            school=cast.primary, actor=cast.principal, start_year=2025, end_year=2028, period_kind="single"
        )
    assert not Plan.objects.exists()


def test_rows_understand_months_money_and_criteria(draft):
    rows = list(draft.items.order_by("order"))
    assert [r.order for r in rows] == [1, 2, 3]
    assert rows[0].criterion.code == "1.3" and rows[0].standard_number == 1
    assert rows[1].budget_amounts == [{"vnd": 12500000, "per": None}]
    assert rows[1].start_month == "2025-10" and rows[1].end_month == "2025-12"
    assert rows[0].lead == "Hiệu trưởng; Văn thư"


def test_row_time_text_written_from_months(cast, draft):
    item = services.plan_item_add(
        plan=draft, actor=cast.council, values={"start_month": "2025-11", "end_month": "2026-01"}
    )
    assert item.time_text == "Từ tháng 11/2025 đến tháng 1/2026"
    single = services.plan_item_add(plan=draft, actor=cast.council, values={"start_month": "2026-03"})
    assert (single.start_month, single.end_month, single.time_text) == ("2026-03", "2026-03", "Tháng 3/2026")


def test_row_update_is_audited_with_changes(cast, draft):
    item = draft.items.get(order=1)
    updated = services.plan_item_update(
        item=item, actor=cast.vice, values={"solutions": "Họp định kỳ mỗi quý."}, revision=item.revision
    )
    assert updated.revision == item.revision + 1
    event = AuditEvent.objects.filter(action="plan_item.update", object_id=str(item.pk)).get()
    assert event.actor == cast.vice
    assert event.changes["solutions"][1] == "Họp định kỳ mỗi quý."


def test_row_edit_conflict_keeps_the_first_save(cast, draft):
    item = draft.items.get(order=2)
    seen = item.revision  # both people opened the row at this revision
    services.plan_item_update(
        item=item, actor=cast.principal, values={"lead_text": "Hiệu trưởng"}, revision=seen
    )
    with pytest.raises(services.EditConflict) as caught:
        services.plan_item_update(
            item=item, actor=cast.council, values={"lead_text": "Kế toán"}, revision=seen
        )
    assert caught.value.changed == {"lead_text": "Hiệu trưởng"}
    assert "Người khác vừa lưu" in str(caught.value)
    item.refresh_from_db()
    assert item.lead_text == "Hiệu trưởng"
    assert AuditEvent.objects.filter(action="plan_item.update", object_id=str(item.pk)).count() == 1


def test_row_edit_of_a_deleted_row_is_a_conflict(cast, draft):
    item = draft.items.get(order=1)
    services.plan_item_delete(item=PlanItem.objects.get(pk=item.pk), actor=cast.principal)
    with pytest.raises(services.EditConflict, match="xóa"):
        services.plan_item_update(item=item, actor=cast.vice, values={"notes": "x"}, revision=item.revision)


def test_sections_conflict(cast, draft):
    seen = draft.revision
    before = AuditEvent.objects.filter(action="plan.update", object_id=str(draft.pk)).count()
    services.plan_update_sections(
        plan=draft, actor=cast.principal, sections={"purposes": "Mục đích A"}, revision=seen
    )
    with pytest.raises(services.EditConflict):
        services.plan_update_sections(
            plan=Plan.objects.get(pk=draft.pk),
            actor=cast.vice,
            sections={"purposes": "Mục đích B"},
            revision=seen,
        )
    draft.refresh_from_db()
    assert draft.sections["purposes"] == "Mục đích A"
    assert AuditEvent.objects.filter(action="plan.update", object_id=str(draft.pk)).count() == before + 1


def test_move_duplicate_delete_keep_a_clean_order(cast, draft):
    first, second, third = draft.items.order_by("order")
    services.plan_item_move(item=third, actor=cast.principal, direction="up")
    assert list(draft.items.order_by("order").values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    services.plan_item_move(item=first, actor=cast.principal, direction="up")  # already first: nothing moves
    assert draft.items.get(pk=first.pk).order == 1
    copy = services.plan_item_duplicate(item=first, actor=cast.principal)
    assert copy.order == 2 and copy.expected_result == first.expected_result and copy.pk != first.pk
    services.plan_item_delete(item=draft.items.get(pk=third.pk), actor=cast.principal)
    assert list(draft.items.order_by("order").values_list("order", flat=True)) == [1, 2, 3]
    for action in ("plan_item.move", "plan_item.duplicate", "plan_item.delete"):
        assert AuditEvent.objects.filter(action=action).exists()


def test_insert_after_a_row(cast, draft):
    first = draft.items.get(order=1)
    new = services.plan_item_add(plan=draft, actor=cast.principal, after=first)
    assert new.order == 2
    assert sorted(draft.items.values_list("order", flat=True)) == [1, 2, 3, 4]


def test_submit_refuses_an_empty_plan(cast):
    plan = services.plan_create(school=cast.primary, actor=cast.principal, start_year=2025, end_year=2026)
    with pytest.raises(services.PlanNotReady, match="chưa có dòng"):
        services.plan_submit(plan=plan, actor=cast.principal)
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_workflow_to_publication(cast, published):
    assert published.status == "published"
    assert published.document_number == "45/KH-THHB"
    assert published.date == datetime.date(2025, 9, 20)
    assert published.signer_name == "Nguyễn Văn An"
    assert published.approved_by == cast.principal
    assert actions_for(published)[:3] == ["plan.publish", "plan.approve", "plan.submit"]


def test_wrong_steps_are_refused(cast, draft):
    with pytest.raises(services.PlanError, match="chờ phê duyệt"):
        services.plan_approve(
            plan=draft, actor=cast.principal, number="1/KH", date=datetime.date.today(), signer="A"
        )
    with pytest.raises(services.PlanError, match="đã phê duyệt"):
        services.plan_publish(plan=draft, actor=cast.principal)
    with pytest.raises(services.PlanError, match="đã công khai"):
        services.plan_revise(plan=draft, reason="x", actor=cast.principal)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_approve_needs_number_and_signer(cast, submitted):
    with pytest.raises(services.PlanError, match="số văn bản"):
        services.plan_approve(
            plan=submitted,
            actor=cast.principal,
            number=" ",
            date=datetime.date.today(),
            signer="Nguyễn Văn An",
        )
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_return_to_draft_leaves_a_comment(cast, submitted):
    services.plan_return(plan=submitted, actor=cast.principal, reason="Thiếu kinh phí dòng 2")
    submitted.refresh_from_db()
    assert submitted.status == "draft"
    assert submitted.comments.get().text == "Trả lại để sửa: Thiếu kinh phí dòng 2"


def test_published_rows_cannot_be_edited(cast, published):
    item = published.items.first()
    with pytest.raises(services.PlanError, match="Điều chỉnh|điều chỉnh"):
        services.plan_item_update(
            item=item, actor=cast.principal, values={"notes": "x"}, revision=item.revision
        )
    with pytest.raises(services.PlanError):
        services.plan_item_add(plan=published, actor=cast.principal)


def test_revise_keeps_every_version_and_supersedes_on_publish(cast, published):
    v2 = services.plan_revise(plan=published, reason="Kinh phí xã hội hóa thay đổi", actor=cast.principal)
    assert (v2.version, v2.status, v2.lineage, v2.previous) == (2, "draft", published, published)
    assert v2.items.count() == published.items.count()
    published.refresh_from_db()
    assert published.status == "published"  # the public version stays until the new one is published
    with pytest.raises(services.PlanError, match="đã có bản điều chỉnh"):
        services.plan_revise(plan=published, reason="lần nữa", actor=cast.principal)
    row = v2.items.get(order=2)
    services.plan_item_update(
        item=row, actor=cast.principal, values={"budget_vnd": "9000000"}, revision=row.revision
    )
    services.plan_submit(plan=v2, actor=cast.principal)
    services.plan_approve(
        plan=v2,
        actor=cast.principal,
        number="52/KH-THHB",
        date=datetime.date(2026, 1, 5),
        signer="Nguyễn Văn An",
    )
    services.plan_publish(plan=v2, actor=cast.principal)
    published.refresh_from_db()
    assert published.status == "superseded"
    assert "plan.supersede" in actions_for(published)
    v3 = services.plan_revise(plan=Plan.objects.get(pk=v2.pk), reason="Thêm dòng", actor=cast.principal)
    assert v3.version == 3 and v3.lineage == published
    assert Plan.objects.filter(school=cast.primary).count() == 3


def test_compare_versions_row_by_row(cast, published):
    v2 = services.plan_revise(plan=published, reason="Điều chỉnh", actor=cast.principal)
    row = v2.items.get(criterion_code="3.2")
    services.plan_item_update(
        item=row, actor=cast.principal, values={"lead_text": "Kế toán"}, revision=row.revision
    )
    services.plan_item_delete(item=v2.items.get(criterion_code="5.1"), actor=cast.principal)
    services.plan_item_add(plan=v2, actor=cast.principal, values={"criterion_code": "2.1"})
    services.plan_update_sections(plan=v2, actor=cast.principal, sections={"purposes": "Mục đích mới"})
    diff = services.plan_compare(published, v2)
    assert diff["counts"] == {"added": 1, "removed": 1, "changed": 1, "same": 1}
    changed = next(r for r in diff["rows"] if r.kind == "changed")
    assert changed.fields == [("Chủ trì", "Phó Hiệu trưởng", "Kế toán")]
    assert [s["key"] for s in diff["sections"]] == ["purposes"]
    assert diff["header"][0][0] == "Số văn bản"


def test_comment_on_a_row(cast, published):
    item = published.items.first()
    c = services.plan_comment_add(
        plan=published, actor=cast.specialist, text="Cần ghi rõ minh chứng.", item=item
    )
    assert c.item == item and c.author == cast.specialist
    assert "plan.comment" in actions_for(c)
    with pytest.raises(services.PlanError, match="trống"):
        services.plan_comment_add(plan=published, actor=cast.specialist, text="  ")


def test_from_previous_carries_unfinished_rows(cast, published):
    done = published.items.get(order=1)
    PlanItem.objects.filter(pk=done.pk).update(status="Hoàn thành")
    PlanItem.objects.filter(plan=published, order=2).update(status="Đang thực hiện")
    nxt = services.plan_create_from_previous(plan=published, actor=cast.principal)
    assert (nxt.start_year, nxt.end_year, nxt.status) == (2026, 2027, "draft")
    codes = list(nxt.items.order_by("order").values_list("criterion_code", flat=True))
    assert codes == ["3.2", "5.1"]
    assert all(i.time_text == "" and i.status == "" for i in nxt.items.all())
    assert "plan.from_previous" in actions_for(nxt)


def _assessment(school, regulation, weak: dict, levels: dict, target=2):
    sa = SelfAssessment.objects.create(
        school=school, regulation=regulation, start_year=2025, end_year=2026, target_level=target
    )
    for c in Criterion.objects.filter(standard__regulation=regulation):
        CriterionAssessment.objects.create(
            self_assessment=sa,
            criterion=c,
            weaknesses=weak.get(c.code, ""),
            level_reached=levels.get(c.code, 3),
            current_state=f"Hiện trạng {c.code}",
        )
    return sa


def test_from_assessment_2018_rows_for_weak_or_low_criteria(cast):
    sa = _assessment(
        cast.primary,
        cast.primary.regulation,
        weak={"3.4": "Phòng thư viện chật, thiếu sách."},
        levels={"1.2": 1},
    )
    plan = services.plan_create_from_assessment(assessment=sa, actor=cast.principal)
    rows = list(plan.items.order_by("order"))
    assert [r.criterion_code for r in rows] == ["1.2", "3.4"]
    # The result to achieve is a target to edit, not the weakness copied ("Khắc phục: …").
    assert rows[1].expected_result == f"Đến tháng 5/{plan.end_year}, tiêu chí 3.4 đạt Mức 2."
    assert "Khắc phục" not in rows[1].expected_result and "thư viện" not in rows[1].expected_result
    assert rows[0].level == "2" and rows[0].expected_result.endswith("tiêu chí 1.2 đạt Mức 2.")
    assert plan.self_assessment == sa
    assert "plan.from_assessment" in actions_for(plan)


def test_the_editor_shows_the_weakness_under_its_row(client, cast):
    """The weakness is the starting point: the editor keeps it in view under the row it led to."""
    from django.urls import reverse

    sa = _assessment(
        cast.primary, cast.primary.regulation, weak={"3.4": "Phòng thư viện chật, thiếu sách."}, levels={}
    )
    plan = services.plan_create_from_assessment(assessment=sa, actor=cast.principal)
    row = plan.items.get(criterion_code="3.4")
    client.force_login(cast.principal)
    html = client.get(reverse("plans:edit", args=[plan.pk])).content.decode()
    assert f'id="weakness-{row.pk}"' in html
    assert "Điểm yếu trong báo cáo tự đánh giá:</span> Phòng thư viện chật, thiếu sách." in html


def test_from_assessment_2026_mandatory_first_with_priority_issues(cast, catalog):
    from caitien.catalog import registry

    reg = catalog["tt57-2026-pl2"]
    data = registry.get("tt57-2026-pl2")
    mandatory = data.mandatory_codes[-1]
    other = next(c.code for c in data.criteria if not c.mandatory)
    sa = _assessment(
        cast.primary,
        reg,
        weak={other: "Chưa có kế hoạch bồi dưỡng.", mandatory: "Thiếu hồ sơ."},
        levels={},
        target=2,
    )
    plan = services.plan_create_from_assessment(assessment=sa, actor=cast.principal)
    rows = list(plan.items.order_by("order"))
    assert [r.criterion_code for r in rows] == [mandatory, other]
    assert rows[0].issue == "Thiếu hồ sơ." and rows[0].expected_result == ""
    assert [p["criteria"] for p in plan.priority_issues] == [mandatory, other]
    assert plan.priority_issues[0]["limitation"] == "Thiếu hồ sơ."


def test_from_document_keeps_rows_as_written(cast):
    doc = Document(
        source="kehoach.docx",
        school="Trường Tiểu học Hoà Bình",
        school_level="tieu_hoc",
        circular="17/2018/TT-BGDĐT",
        document_number="12/KH-THHB",
        date="2024-10-02",
        title="Kế hoạch cải tiến chất lượng năm học 2024 - 2025",
        period={"start_year": 2024, "end_year": 2025},
        signer=Signer(title="HIỆU TRƯỞNG", name="Nguyễn Văn An"),
        recipients=["Lưu: VT"],
        sections={"purposes": "Nâng cao chất lượng."},
        items=[
            Item(
                criterion="1.1",
                expected_result="A",
                lead="Hiệu trưởng; Kế toán",
                coordinators="Kế toán",
                start="2024-09",
                end="2025-05",
                budget_amounts=[Amount(vnd=3000000)],
                budget_text="3 triệu",
            ),
            Item(criterion="9.9", expected_result="Mã sai vẫn giữ", lead="BGH"),
        ],
    )
    plan = services.plan_create_from_document(school=cast.primary, document=doc, actor=cast.principal)
    assert plan.regulation.slug == "tt17-2018" and plan.date == datetime.date(2024, 10, 2)
    a, b = plan.items.order_by("order")
    assert (a.lead_text, a.coordinators_text, a.lead) == ("Hiệu trưởng", "Kế toán", "Hiệu trưởng; Kế toán")
    assert a.criterion.code == "1.1" and a.budget_amounts == [{"vnd": 3000000, "per": None}]
    assert b.criterion_code == "9.9" and b.criterion is None
    assert "plan.import" in actions_for(plan)


def test_plan_to_document_round_trip(cast, draft):
    from caitien.plans.documents import plan_to_document

    doc = plan_to_document(draft)
    assert doc.regulation == "tt17-2018" and doc.circular == "17/2018/TT-BGDĐT"
    assert doc.school_level == "tieu_hoc" and doc.period == {"start_year": 2025, "end_year": 2026}
    assert [i.criterion for i in doc.items] == ["1.3", "3.2", "5.1"]
    assert doc.items[0].lead == "Hiệu trưởng; Văn thư" and doc.items[0].coordinators == "Văn thư"
    assert doc.items[1].budget_amounts == [Amount(vnd=12500000, per=None)]
    again = services.plan_create_from_document(
        school=cast.primary, document=Document.from_json(doc.to_json()), actor=cast.principal
    )
    assert [i.lead for i in again.items.order_by("order")] == [i.lead for i in draft.items.order_by("order")]
    assert len(ROWS) == again.items.count()


def test_multi_year_rows_group_by_school_year(cast):
    from caitien.plans.selectors import item_groups

    plan = make_plan(
        cast.primary,
        cast.principal,
        rows=[
            {"criterion_code": "1.1", "start_month": "2026-10"},
            {"criterion_code": "1.2", "start_month": "2025-09"},
            {"criterion_code": "1.3", "start_month": "2026-03"},
            {"criterion_code": "1.4"},
        ],
        start_year=2025,
        end_year=2028,
        period_kind="multi",
    )
    groups = item_groups(plan)
    assert [g.label for g in groups] == ["Năm học 2025-2026", "Năm học 2026-2027", "Chưa ghi thời gian"]
    assert [[i.criterion_code for i in g.items] for g in groups] == [["1.2", "1.3"], ["1.1"], ["1.4"]]


def test_a_row_may_name_a_standard_only(cast, catalog):
    plan = services.plan_create(
        school=cast.primary,
        actor=cast.principal,
        start_year=2026,
        end_year=2027,
        regulation=catalog["tt57-2026-pl2"],
    )
    item = services.plan_item_add(
        plan=plan, actor=cast.principal, values={"issue": "Thiếu phòng", "standard_number": "3"}
    )
    assert item.standard_number == 3 and item.criterion is None
    item = services.plan_item_update(
        item=item,
        actor=cast.principal,
        revision=item.revision,
        values={"criterion_code": "2.1", "standard_number": "3"},
    )
    assert item.standard_number == 2 and item.criterion.code == "2.1"


def test_check_context_carries_the_self_assessment(cast):
    from caitien.plans.documents import check_context_for

    sa = _assessment(cast.primary, cast.primary.regulation, weak={"3.4": "Thư viện chật."}, levels={"1.2": 1})
    plan = services.plan_create_from_assessment(assessment=sa, actor=cast.principal)
    ctx = check_context_for(plan)
    assert ctx.saved is True and ctx.target_level == 2
    assert ctx.criterion_levels["1.2"] == 1 and ctx.criterion_levels["1.1"] == 3
    assert ctx.weaknesses == {"3.4": "Thư viện chật."}
    # a weakness the plan drops is noticed by the checker through this context
    services.plan_item_delete(item=plan.items.get(criterion_code="3.4"), actor=cast.principal)
    rules = {f.rule for f in services.plan_findings(plan)}
    assert "weakness-not-covered" in rules


def test_admin_pages_render(client, cast, draft):
    from caitien.plans.models import PlanComment

    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    client.force_login(cast.admin)
    services.plan_comment_add(plan=draft, actor=cast.principal, text="Góp ý")
    for url in (
        "/quan-tri/plans/plan/",
        f"/quan-tri/plans/plan/{draft.pk}/change/",
        "/quan-tri/plans/planitem/",
        f"/quan-tri/plans/planitem/{draft.items.first().pk}/change/",
        "/quan-tri/plans/plancomment/",
        f"/quan-tri/plans/plancomment/{PlanComment.objects.get().pk}/change/",
    ):
        assert client.get(url).status_code == 200, url


def _form(item, **changes):
    """What the row editor posts: every field of the row as shown, with the person's changes."""
    from caitien.plans.templatetags.plan_tags import single_amount

    data = {f: getattr(item, f) for f in services.ITEM_TEXT_FIELDS}
    data["budget_vnd"] = str(single_amount(item))
    data.update(changes)
    return data


def _save(cast, item, **changes):
    return services.plan_item_update(
        item=item, actor=cast.principal, values=_form(item, **changes), revision=item.revision
    )


def test_editor_time_text_or_months_whichever_changed(cast, draft):
    item = draft.items.get(order=2)  # Tháng 10/2025 - 12/2025, 2025-10..2025-12
    item = _save(cast, item, time_text="Học kỳ II năm học 2025 - 2026")
    assert (item.start_month, item.end_month) == ("2026-01", "2026-05")
    item = _save(cast, item, end_month="2026-04")
    assert (item.start_month, item.end_month) == ("2026-01", "2026-04")
    assert item.time_text == "Học kỳ II năm học 2025 - 2026"  # the school's words stay
    item = _save(cast, item, time_text="", start_month="2025-11", end_month="2025-11")
    assert item.time_text == "Tháng 11/2025"
    item = _save(cast, item, start_month="2025-12", end_month="2026-02")
    assert item.time_text == "Từ tháng 12/2025 đến tháng 2/2026"  # generated text follows the months


def test_editor_budget_text_or_number_whichever_changed(cast, draft):
    item = draft.items.get(order=2)  # 12.500.000 đồng from the number box
    assert item.budget_text == "12.500.000 đồng"
    item = _save(cast, item, budget_text="15 triệu đồng")
    assert item.budget_amounts == [{"vnd": 15000000, "per": None}]
    item = _save(cast, item, budget_text="2 triệu/tháng")
    assert item.budget_amounts == [{"vnd": 2000000, "per": "month"}]
    item = _save(cast, item, budget_vnd="800000")
    assert item.budget_amounts == [{"vnd": 800000, "per": None}] and item.budget_text == "2 triệu/tháng"
    item = _save(cast, item, budget_text="", budget_vnd="")
    assert item.budget_amounts == []


def test_rows_link_the_people_they_name(cast, draft):
    item = services.plan_item_add(
        plan=draft,
        actor=cast.principal,
        values={"lead_text": "Trần Thị Bình", "coordinators_text": "Lê Thị Cúc, Kế toán"},
    )
    assert list(item.lead_people.all()) == [cast.vice]
    assert list(item.coordinator_people.all()) == [cast.council]
    item = services.plan_item_update(
        item=item, actor=cast.principal, values={"lead_text": "Hiệu trưởng"}, revision=item.revision
    )
    assert not item.lead_people.exists()


def test_new_plan_is_sent_to_the_office_that_oversees_the_school(cast):
    from caitien.plans.services import plan_create

    plan = plan_create(
        school=cast.primary, actor=cast.principal, start_year=2025, end_year=2026, period_kind="single"
    )
    assert plan.recipients[0] == "Phòng GDĐT huyện Dầu Tiếng (để báo cáo)"
    assert plan.recipients[-1] == "Lưu: VT THHB"


def test_a_draft_is_not_told_to_add_the_number_and_date_that_approval_sets(cast):
    from caitien.plans.services import plan_create, plan_findings

    plan = plan_create(
        school=cast.primary, actor=cast.principal, start_year=2025, end_year=2026, period_kind="single"
    )
    rules = {f.rule for f in plan_findings(plan)}
    assert "document-number-format" not in rules and "date-format" not in rules
    plan.document_number = "12/KH"  # written, but without the school's code: still a remark
    plan.save()
    assert "document-number-format" in {f.rule for f in plan_findings(plan)}
