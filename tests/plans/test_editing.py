"""No edit is ever lost or misread: the row editor's saves as the page sends them (htmx requests),
merges by field, refusals with their reasons, limits, deletion with undo, and what it costs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caitien.audit.models import AuditEvent
from caitien.plans import services
from caitien.plans.models import PlanComment, PlanItem

from .conftest import ROWS, make_plan

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def principal(client, cast):
    client.force_login(cast.principal)
    return client


def _page_row(item):
    """Every cell of a row as a page shows it (what a page without scripts, or an old page, posts)."""
    from caitien.plans.templatetags.plan_tags import single_amount_text
    from caitien.web.inputs import format_month

    data = {f: getattr(item, f) or "" for f in services.ITEM_TEXT_FIELDS}
    data["start_month"], data["end_month"] = format_month(item.start_month), format_month(item.end_month)
    data["budget_vnd"] = single_amount_text(item)
    return data


def _post(client, item, data, **extra):
    return client.post(
        f"/ke-hoach/{item.plan_id}/dong/{item.pk}/", {"revision": item.revision, **data}, **HX, **extra
    )


def test_a_budget_typed_as_text_survives_edits_of_other_cells(principal, draft):
    """Typing "7 triệu đồng", then the funding source, then the notes, keeps 7.000.000 đ and no
    warning — also when the page posts its stale amount box with the row."""
    item = draft.items.get(order=1)
    stale = _page_row(item)  # the page as drawn before the amount was typed: the box is empty
    assert _post(principal, item, {"budget_text": "7 triệu đồng"}).status_code == 200
    item.refresh_from_db()
    assert item.budget_amounts == [{"vnd": 7_000_000, "per": None}]
    for change in ({"funding_source": "Ngân sách nhà nước"}, {"notes": "Làm trong hè."}):
        response = _post(principal, item, {**stale, "budget_text": "7 triệu đồng", **change})
        assert response.status_code == 200, response.content.decode()[:500]
        item.refresh_from_db()
        assert item.budget_amounts == [{"vnd": 7_000_000, "per": None}]
    assert "≈ 7.000.000 đ" in response.content.decode()
    assert not [f for f in services.plan_findings(draft) if f.rule == "budget-unparsed"]


def test_a_typed_amount_never_leaves_the_text_saying_something_else_unseen(principal, draft):
    item = draft.items.get(order=3)  # "2 triệu đồng"
    response = _post(principal, item, {"budget_vnd": "5.000.000"})
    item.refresh_from_db()
    assert item.budget_amounts == [{"vnd": 5_000_000, "per": None}] and item.budget_text == "2 triệu đồng"
    assert item.budget_manual is True
    assert "Số tiền nhập tay: 5.000.000 đ" in response.content.decode()
    # A later text edit leaves the hand-typed amount alone; "Lấy số tiền theo chữ đã ghi" reads the text.
    item = services.plan_item_update(
        item=item, actor=None, values={"budget_text": "3 triệu đồng"}, revision=item.revision
    )
    assert item.budget_amounts == [{"vnd": 5_000_000, "per": None}]
    _post(principal, item, {"budget_auto": "1"})
    item.refresh_from_db()
    assert item.budget_amounts == [{"vnd": 3_000_000, "per": None}] and item.budget_manual is False
    # An amount box that cannot be read is refused, never taken as 0.
    response = _post(principal, item, {"budget_vnd": "mấy triệu"})
    assert response.status_code == 400 and 'data-field="budget_vnd"' in response.content.decode()
    item.refresh_from_db()
    assert item.budget_amounts == [{"vnd": 3_000_000, "per": None}]


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("13/2025", "Không có tháng 13"),
        ("132025-", "Chưa hiểu “132025-” là tháng nào"),
        ("2025-13", "Không có tháng 13"),
        ("tháng chín", "Chưa hiểu"),
    ],
)
def test_a_month_the_server_cannot_read_is_refused_and_never_stored(principal, draft, typed, says):
    item = draft.items.get(order=1)
    before = (item.start_month, item.end_month, item.revision)
    response = _post(principal, item, {"start_month": typed})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'class="save-refused" data-field="start_month"' in body and says in body
    item.refresh_from_db()
    assert (item.start_month, item.end_month, item.revision) == before
    # ...and every later save of the row works.
    assert _post(principal, item, {"notes": "Đã sửa tháng."}).status_code == 200


def test_months_before_their_start_are_refused(principal, draft):
    item = draft.items.get(order=1)
    response = _post(principal, item, {"start_month": "5/2026", "end_month": "9/2025"})
    assert response.status_code == 400 and "sau tháng kết thúc" in response.content.decode()


def test_two_people_on_different_cells_of_one_row_both_succeed(cast, draft):
    item = draft.items.get(order=1)
    page = {f: getattr(item, f) for f in services.ITEM_TEXT_FIELDS}  # what both pages show
    services.plan_item_update(
        item=item, actor=cast.vice, values={"notes": "Của cô Bình"}, revision=item.revision, base=page
    )
    saved = services.plan_item_update(
        item=item, actor=cast.principal, values={"level": "3"}, revision=item.revision, base=page
    )
    assert (saved.notes, saved.level) == ("Của cô Bình", "3")
    assert saved.revision == item.revision + 2


def test_the_same_cell_from_a_stale_page_is_a_conflict_naming_only_that_cell(cast, draft):
    item = draft.items.get(order=1)
    page = {f: getattr(item, f) for f in services.ITEM_TEXT_FIELDS}
    services.plan_item_update(
        item=item,
        actor=cast.vice,
        values={"notes": "Của cô Bình", "level": "3"},
        revision=item.revision,
        base=page,
    )
    with pytest.raises(services.EditConflict) as exc:
        services.plan_item_update(
            item=item,
            actor=cast.principal,
            values={"notes": "Của thầy An", "solutions": "Thêm một việc."},
            revision=item.revision,
            base=page,
        )
    assert exc.value.changed == {"notes": "Của cô Bình"}
    assert "ô “Ghi chú”" in str(exc.value) and "Mức" not in str(exc.value)
    item.refresh_from_db()
    assert (item.notes, item.solutions) == ("Của cô Bình", ROWS[0]["solutions"])


def test_a_save_naming_no_revision_is_refused(principal, cast, draft):
    item = draft.items.get(order=1)
    with pytest.raises(services.EditConflict):
        services.plan_item_update(item=item, actor=cast.principal, values={"notes": "X"}, revision=None)
    response = principal.post(f"/ke-hoach/{draft.pk}/dong/{item.pk}/", {"notes": "Ghi đè"}, **HX)
    assert response.status_code == 409 and "không thể biết có ghi đè" in response.content.decode()
    item.refresh_from_db()
    assert item.notes == ""


def test_a_cell_past_its_limit_is_refused_with_the_reason(principal, draft):
    item = draft.items.get(order=1)
    response = _post(principal, item, {"notes": "Giáo viên ghi chép đầy đủ. " * 200})
    body = response.content.decode()
    assert response.status_code == 400 and 'data-field="notes"' in body
    assert "Ô “Ghi chú” dài 5.399 ký tự, quá giới hạn 4.000 ký tự" in body
    item.refresh_from_db()
    assert item.notes == ""


def test_a_long_comment_is_refused_as_too_long_and_given_back(client, cast, published):
    """A 5,400-character comment was refused as "empty" and lost."""
    comment = "Đề nghị bổ sung minh chứng cho từng tháng. " * 130
    assert len(comment) > 5400
    client.force_login(cast.specialist)
    response = client.post(f"/ke-hoach/{published.pk}/gop-y/", {"text": comment})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Góp ý dài" in body and "quá giới hạn 4.000 ký tự" in body and "đang trống" not in body
    assert comment.strip() in body
    assert not PlanComment.objects.filter(plan=published).exists()


def test_a_section_past_its_limit_keeps_every_text_typed(principal, cast):
    plan = make_plan(cast.primary, cast.principal)
    long_text = "Căn cứ tình hình thực tế của nhà trường. " * 600
    response = principal.post(
        f"/ke-hoach/{plan.pk}/noi-dung/",
        {
            "revision": plan.revision,
            "section_legal_bases": long_text,
            "section_purposes": "Mục đích mới",
            "title": "Tên mới",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400 and "quá giới hạn 20.000 ký tự" in body
    assert long_text.strip()[:200] in body and "Mục đích mới" in body and 'value="Tên mới"' in body
    plan.refresh_from_db()
    assert plan.title != "Tên mới"


def test_a_deleted_row_comes_back_with_its_comments(principal, cast, draft):
    item = draft.items.get(order=2)
    services.plan_comment_add(plan=draft, actor=cast.council, item=item, text="Xem lại dự toán.")
    response = principal.post(f"/ke-hoach/{draft.pk}/dong/{item.pk}/xoa/", **HX)
    body = response.content.decode()
    assert "Đã xóa dòng 2" in body and f"/dong/{item.pk}/khoi-phuc/" in body and "confirm(" not in body
    assert list(draft.items.order_by("order").values_list("order", flat=True)) == [1, 2]
    assert PlanItem.all_objects.filter(pk=item.pk, deleted_at__isnull=False).exists()
    principal.post(f"/ke-hoach/{draft.pk}/dong/{item.pk}/khoi-phuc/", **HX)
    rows = list(draft.items.order_by("order"))
    assert [r.pk for r in rows][1] == item.pk and [r.order for r in rows] == [1, 2, 3]
    assert PlanComment.objects.get().item_id == item.pk
    assert AuditEvent.objects.filter(action="plan_item.restore", object_id=str(item.pk)).exists()


def test_refusals_match_the_plans_real_state(client, cast, submitted):
    client.force_login(cast.vice)
    body = client.get(f"/ke-hoach/{submitted.pk}/soan/").content.decode()
    assert "đang chờ Hiệu trưởng phê duyệt" in body
    services.plan_approve(
        plan=submitted,
        actor=cast.principal,
        number="7/KH-THHB",
        date=__import__("datetime").date(2025, 9, 20),
        signer="An",
    )
    body = client.get(f"/ke-hoach/{submitted.pk}/soan/").content.decode()
    assert "đã được phê duyệt" in body and "dự thảo" not in body.split('class="refused-message"')[1][:300]
    # Outside the school an unpublished plan is answered as a missing one (its number stays unknown).
    client.force_login(cast.specialist)
    response = client.get(f"/ke-hoach/{submitted.pk}/")
    assert response.status_code == 404 and "chưa công khai" not in response.content.decode()


# --- what a page costs: constant in the number of rows ------------------------------------------------


def _plan_with(cast, n):
    rows = [{**ROWS[i % len(ROWS)], "notes": f"Dòng {i + 1}"} for i in range(n)]
    return make_plan(cast.primary, cast.principal, rows=rows)


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


@pytest.mark.parametrize("what", ["editor", "row save", "row add", "row insert", "plan page", "public page"])
def test_queries_do_not_grow_with_the_rows(principal, cast, what):
    counts = []
    for n in (3, 30):
        plan = _plan_with(cast, n)
        first = plan.items.order_by("order").first()
        if what == "public page":
            for step in (services.plan_submit, services.plan_approve, services.plan_publish):
                extra = {"number": "1/KH", "date": __import__("datetime").date(2025, 9, 20), "signer": "An"}
                plan = step(
                    plan=plan, actor=cast.principal, **(extra if step is services.plan_approve else {})
                )
        actions = {
            "editor": lambda plan=plan: principal.get(f"/ke-hoach/{plan.pk}/soan/"),
            "row save": lambda plan=plan, first=first: _post(principal, first, {"notes": "Đã sửa"}),
            "row add": lambda plan=plan: principal.post(f"/ke-hoach/{plan.pk}/dong/them/", **HX),
            "row insert": lambda plan=plan, first=first: principal.post(
                f"/ke-hoach/{plan.pk}/dong/them/", {"after": first.pk}, **HX
            ),
            "plan page": lambda plan=plan: principal.get(f"/ke-hoach/{plan.pk}/"),
            "public page": lambda plan=plan: principal.get(f"/cong-khai/{plan.pk}/"),
        }
        counts.append(_count(actions[what]))
    assert counts[0] == counts[1], f"{what}: {counts[0]} queries with 3 rows, {counts[1]} with 30"
    # A row save: 12, one to read the plan's stored findings (caitien.checks.stored) and one for the
    # self-assessment's weakness shown under the row.
    assert counts[1] <= {"row save": 14}.get(what, 24), f"{what}: {counts[1]} queries"
