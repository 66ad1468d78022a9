"""Plan pages: list, new plan, detail, the row editor, workflow, versions, public pages, downloads.

Views stay thin: ask caitien.schools.permissions, call a service or a selector, render. htmx
requests get fragments; without htmx every form still works and redirects back.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from caitien.assessments.models import SelfAssessment
from caitien.dashboards.paging import page_of
from caitien.planfile.writers import WriteError
from caitien.planfile.writers.docx import write_docx
from caitien.planfile.writers.pdf import write_pdf
from caitien.planfile.writers.xlsx import write_xlsx
from caitien.plans import selectors, services
from caitien.plans.documents import plan_to_document
from caitien.plans.forms import ApproveForm, CommentForm, NewPlanForm, ReasonForm
from caitien.plans.models import Plan, PlanItem
from caitien.schools import permissions
from caitien.schools.models import School

DOWNLOADS = {
    "docx": (
        write_docx,
        "Word (DOCX)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": (write_pdf, "PDF", "application/pdf"),
    "xlsx": (write_xlsx, "Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


# Column widths of the row editor, by the plan form's column keys (text columns get the default).
SHEET_WIDTHS = {
    "order": "7.5rem",
    "criterion": "8.5rem",
    "level": "4.5rem",
    "lead": "12rem",
    "time_text": "11rem",
    "budget_text": "11rem",
    "status": "9rem",
}


@login_required
def home(request):
    return render(request, "plans/home.html", {"schools": permissions.schools_of(request.user)})


def _plan(pk) -> Plan:
    return get_object_or_404(Plan.objects.select_related("school", "regulation", "self_assessment"), pk=pk)


def _htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _refuse_view(request, plan):
    reason = (
        "Kế hoạch này đang là dự thảo nội bộ của trường; chỉ cán bộ của trường xem được."
        if plan.status not in permissions.PUBLIC_STATUSES
        else "Bạn không thuộc trường hoặc cơ quan quản lý của kế hoạch này."
    )
    if not request.user.is_authenticated:
        reason = "Hãy đăng nhập bằng tài khoản của trường để xem kế hoạch này."
    permissions.require(permissions.can_view_plan(request.user, plan), reason)


# --- list and new plan -----------------------------------------------------------------------------


def plan_list(request):
    permissions.require(request.user.is_authenticated, "Hãy đăng nhập để xem danh sách kế hoạch.")
    school = None
    if request.GET.get("truong", "").isdigit():
        school = get_object_or_404(School, pk=int(request.GET["truong"]))
    page = page_of(request, selectors.plans_visible_to(request.user, school))
    page.object_list = selectors.with_item_counts(page.object_list)
    creatable = [
        s for s in permissions.schools_of(request.user) if permissions.can_create_plan(request.user, s)
    ]
    return render(
        request,
        "plans/list.html",
        {"plans": page.object_list, "page": page, "school": school, "can_create": bool(creatable)},
    )


def plan_new_from_assessment(request, assessment_pk):
    """The new-plan page with the self-assessment already chosen (linked from the assessment)."""
    assessment = get_object_or_404(SelfAssessment, pk=assessment_pk)
    permissions.require(
        permissions.can_create_plan(request.user, assessment.school),
        "Chỉ Hiệu trưởng, Phó Hiệu trưởng và thành viên Hội đồng tự đánh giá của trường mới lập "
        "được kế hoạch.",
    )
    return plan_new(request, assessment=assessment)


def plan_new(request, assessment=None):
    schools = [
        s for s in permissions.schools_of(request.user) if permissions.can_create_plan(request.user, s)
    ]
    permissions.require(
        bool(schools),
        "Chỉ Hiệu trưởng, Phó Hiệu trưởng và thành viên Hội đồng tự đánh giá "
        "của trường mới lập được kế hoạch.",
    )
    ids = [s.pk for s in schools]
    initial = {}
    if assessment is not None:
        initial = {
            "school": assessment.school_id,
            "source": "assessment",
            "assessment": assessment.pk,
            "start_year": assessment.start_year,
            "end_year": assessment.end_year,
            "period_kind": Plan.PeriodKind.SINGLE
            if assessment.end_year == assessment.start_year + 1
            else Plan.PeriodKind.MULTI,
        }
    elif request.GET.get("truong", "").isdigit():
        initial = {"school": int(request.GET["truong"])}
    form = NewPlanForm(
        request.POST or None,
        initial=initial,
        schools=School.objects.filter(pk__in=ids),
        assessments=SelfAssessment.objects.filter(school__in=ids).select_related("school"),
        previous_plans=Plan.objects.filter(school__in=ids).exclude(status=Plan.Status.SUPERSEDED),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "actor": request.user,
            "start_year": data["start_year"],
            "end_year": data["end_year"],
            "period_kind": data["period_kind"],
            "title": data["title"],
        }
        try:
            if data["source"] == "assessment":
                plan = services.plan_create_from_assessment(assessment=data["assessment"], **common)
            elif data["source"] == "previous":
                plan = services.plan_create_from_previous(plan=data["previous"], **common)
            else:
                plan = services.plan_create(school=data["school"], regulation=data["regulation"], **common)
        except services.PlanError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã tạo dự thảo “{plan.title}” với {plan.items.count()} dòng.")
            return redirect("plans:edit", pk=plan.pk)
    return render(request, "plans/new.html", {"form": form}, status=400 if form.errors else 200)


# --- detail ------------------------------------------------------------------------------------------


def _findings_by_row(plan, items, findings):
    """Findings keyed by row pk (the checker counts rows 0-based in document order), and the rest."""
    by_row, general = {}, []
    for f in findings:
        index = getattr(f, "item", None)
        if index is not None and 0 <= index < len(items):
            by_row.setdefault(items[index].pk, []).append(f)
        else:
            general.append(f)
    return by_row, general


def _available_downloads():
    return [(fmt, label) for fmt, (_write, label, _mime) in DOWNLOADS.items()]


def _plan_context(request, plan, **extra):
    items = list(plan.items.select_related("criterion").order_by("order", "id"))
    findings = services.plan_findings(plan)
    by_row, general = _findings_by_row(plan, items, findings)
    for item in items:
        item.findings = by_row.get(item.pk, [])
    versions = selectors.plan_versions(plan)
    return {
        "plan": plan,
        "items": items,
        "groups": selectors.item_groups(plan, items),
        "columns": selectors.plan_columns(plan),
        "sections": selectors.plan_sections(plan),
        "parts": selectors.plan_document_parts(plan),
        "findings": findings,
        "general_findings": general,
        "error_count": sum(1 for f in findings if f.severity == "error"),
        "totals": selectors.budget_totals(items),
        "versions": versions,
        "comments": plan.comments.select_related("author", "item"),
        "downloads": _available_downloads(),
        "plan_form": plan.regulation.plan_form or {},
        **extra,
    }


def plan_detail(request, pk):
    plan = _plan(pk)
    _refuse_view(request, plan)
    approve_form = ApproveForm(
        initial={
            "number": plan.document_number,
            "signer": plan.signer_name or request.user.display_name,
            "signer_title": plan.signer_title or "HIỆU TRƯỞNG",
        }
    )
    approve_form.fields["number"].widget.attrs["placeholder"] = f"ví dụ: 45/KH-{plan.school.short_code}"
    ctx = _plan_context(request, plan, approve_form=approve_form, comment_form=CommentForm())
    return render(request, "plans/detail.html", ctx)


# --- the row editor ------------------------------------------------------------------------------------


def _require_edit(request, plan):
    reason = "Bạn không sửa được kế hoạch này."
    if plan.status != Plan.Status.DRAFT:
        reason = (
            f"Kế hoạch đang ở trạng thái “{plan.get_status_display()}” nên không sửa trực tiếp được. "
            "Kế hoạch đã công khai thì dùng “Điều chỉnh kế hoạch”."
        )
    elif not request.user.is_authenticated:
        reason = "Hãy đăng nhập để soạn kế hoạch."
    else:
        reason = "Chỉ Hiệu trưởng, Phó Hiệu trưởng và thành viên Hội đồng tự đánh giá của trường soạn được kế hoạch."
    permissions.require(permissions.can_edit_plan(request.user, plan), reason)


def _editor_context(request, plan, **extra):
    ctx = _plan_context(request, plan, **extra)
    ctx["people"] = selectors.people_suggestions(plan.school)
    ctx["criteria"] = selectors.criteria_of(plan.regulation)
    ctx["status_values"] = (plan.regulation.plan_form or {}).get("status_values") or []
    ctx["has_criterion_column"] = any(c["key"] == "criterion" for c in ctx["columns"])
    ctx["criteria_groups"] = selectors.criteria_search(plan.regulation, "")
    # The form's text sections and small tables, in the order of the plan form.
    tables = {t["key"]: {**t, "kind": "table"} for t in selectors.plan_tables(plan)}
    texts = {s["key"]: {**s, "kind": "text"} for s in ctx["sections"]}
    order = [s["key"] for s in (plan.regulation.plan_form or {}).get("sections") or []]
    ctx["form_parts"] = [tables.get(k) or texts[k] for k in order if k in tables or k in texts]
    ctx["sheet_cols"] = " ".join([*(SHEET_WIDTHS.get(c["key"], "16rem") for c in ctx["columns"]), "17rem"])
    return ctx


def plan_edit(request, pk):
    plan = _plan(pk)
    _refuse_view(request, plan)
    _require_edit(request, plan)
    return render(request, "plans/edit.html", _editor_context(request, plan))


def _sheet_response(request, plan, anchor=""):
    if _htmx(request):
        return render(request, "plans/_sheet.html", _editor_context(request, plan, focus_row=anchor))
    return redirect(reverse("plans:edit", args=[plan.pk]) + (f"#{anchor}" if anchor else ""))


def _item(plan, item_pk) -> PlanItem:
    return get_object_or_404(PlanItem, pk=item_pk, plan=plan)


@require_POST
def item_add(request, pk):
    plan = _plan(pk)
    _require_edit(request, plan)
    after = None
    if request.POST.get("after", "").isdigit():
        after = PlanItem.objects.filter(plan=plan, pk=int(request.POST["after"])).first()
    item = services.plan_item_add(plan=plan, actor=request.user, after=after)
    return _sheet_response(request, plan, f"row-{item.pk}")


def item_update(request, pk, item_pk):
    plan = _plan(pk)
    _refuse_view(request, plan)
    if request.method == "GET":  # reload one row (after a conflict)
        _require_edit(request, plan)
        ctx = _editor_context(request, plan)
        item = next((i for i in ctx["items"] if i.pk == item_pk), None)
        if item is None:
            raise Http404
        return render(request, "plans/_row.html", {**ctx, "item": item})
    _require_edit(request, plan)
    item = PlanItem.objects.filter(pk=item_pk, plan=plan).first()
    revision = request.POST.get("revision")
    revision = int(revision) if (revision or "").isdigit() else None
    values = {
        k: request.POST[k]
        for k in (*services.ITEM_TEXT_FIELDS, "budget_vnd", "standard_number")
        if k in request.POST
    }
    conflict = None
    try:
        if item is None:
            raise services.EditConflict("Dòng này vừa bị người khác xóa. Hãy tải lại trang.")
        item = services.plan_item_update(item=item, actor=request.user, values=values, revision=revision)
    except services.EditConflict as exc:
        conflict = exc
    except services.PlanError as exc:
        permissions.require(False, str(exc))
    if not _htmx(request):
        if conflict is not None:
            ctx = _editor_context(request, plan, conflict=conflict, conflict_item=item_pk, mine=values)
            return render(request, "plans/edit.html", ctx, status=409)
        return redirect(reverse("plans:edit", args=[plan.pk]) + f"#row-{item.pk}")
    ctx = _editor_context(request, plan)
    return render(
        request,
        "plans/_row_saved.html",
        {
            **ctx,
            "saved": None if conflict else item,
            "conflict": conflict,
            "conflict_item": item_pk,
            "mine": values,
            "now": timezone.localtime(),
        },
    )


@require_POST
def item_delete(request, pk, item_pk):
    plan = _plan(pk)
    _require_edit(request, plan)
    services.plan_item_delete(item=_item(plan, item_pk), actor=request.user)
    return _sheet_response(request, plan)


@require_POST
def item_duplicate(request, pk, item_pk):
    plan = _plan(pk)
    _require_edit(request, plan)
    copy = services.plan_item_duplicate(item=_item(plan, item_pk), actor=request.user)
    return _sheet_response(request, plan, f"row-{copy.pk}")


@require_POST
def item_move(request, pk, item_pk, direction):
    if direction not in ("up", "down"):
        raise Http404
    plan = _plan(pk)
    _require_edit(request, plan)
    item = services.plan_item_move(item=_item(plan, item_pk), actor=request.user, direction=direction)
    return _sheet_response(request, plan, f"row-{item.pk}")


@require_POST
def plan_sections(request, pk):
    plan = _plan(pk)
    _require_edit(request, plan)
    keys = [s["key"] for s in selectors.plan_sections(plan)]
    sections = {k: request.POST[f"section_{k}"] for k in keys if f"section_{k}" in request.POST}
    header = {
        k: request.POST[k] for k in (*services.SECTION_HEADER_FIELDS, "recipients") if k in request.POST
    }
    tables = {}
    for table in selectors.plan_tables(plan):
        key, fields = table["key"], [f for f, _label in table["columns"]]
        count = request.POST.get(f"{key}-count", "")
        if not count.isdigit():
            continue
        rows = [
            {f: request.POST.get(f"{key}-{i}-{f}", "").strip() for f in fields} for i in range(int(count))
        ]
        # a row counts once something beyond its first cell (the moment, the standard) is written
        tables[key] = [r for r in rows if any(r[f] for f in fields[1:])]
    revision = request.POST.get("revision")
    try:
        services.plan_update_sections(
            plan=plan,
            actor=request.user,
            sections=sections,
            header=header,
            revision=int(revision) if (revision or "").isdigit() else None,
            **tables,
        )
    except services.EditConflict as exc:
        plan.refresh_from_db()
        ctx = _editor_context(request, plan, section_conflict=exc, mine_sections=sections, mine_header=header)
        return render(request, "plans/edit.html", ctx, status=409)
    messages.success(request, "Đã lưu phần nội dung của kế hoạch.")
    return redirect(reverse("plans:edit", args=[plan.pk]) + "#sections")


def criteria_search(request, pk):
    plan = _plan(pk)
    _refuse_view(request, plan)
    groups = selectors.criteria_search(plan.regulation, request.GET.get("q", ""))
    return render(
        request, "plans/_criteria.html", {"plan": plan, "groups": groups, "q": request.GET.get("q", "")}
    )


# --- workflow ----------------------------------------------------------------------------------------


@require_POST
def plan_submit(request, pk):
    plan = _plan(pk)
    permissions.require(
        permissions.can_submit_plan(request.user, plan),
        "Chỉ người soạn kế hoạch của trường gửi phê duyệt được, và chỉ khi kế hoạch còn là dự thảo.",
    )
    try:
        services.plan_submit(plan=plan, actor=request.user)
    except services.PlanNotReady as exc:
        plan.refresh_from_db()
        ctx = _plan_context(
            request,
            plan,
            submit_refused=str(exc),
            submit_errors=exc.findings,
            approve_form=ApproveForm(),
            comment_form=CommentForm(),
        )
        return render(request, "plans/detail.html", ctx, status=400)
    messages.success(request, "Đã gửi kế hoạch để Hiệu trưởng phê duyệt.")
    return redirect("plans:detail", pk=plan.pk)


@require_POST
def plan_return(request, pk):
    plan = _plan(pk)
    permissions.require(
        permissions.can_return_plan(request.user, plan),
        "Chỉ Hiệu trưởng trả lại được kế hoạch đang chờ phê duyệt.",
    )
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy ghi lý do trả lại để người soạn biết cần sửa gì.")
        return redirect("plans:detail", pk=plan.pk)
    services.plan_return(plan=plan, actor=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, "Đã trả lại kế hoạch về dự thảo.")
    return redirect("plans:detail", pk=plan.pk)


@require_POST
def plan_approve(request, pk):
    plan = _plan(pk)
    permissions.require(
        permissions.can_approve_plan(request.user, plan),
        "Chỉ Hiệu trưởng của trường phê duyệt được, và chỉ khi kế hoạch đang chờ phê duyệt.",
    )
    form = ApproveForm(request.POST)
    if not form.is_valid():
        ctx = _plan_context(request, plan, approve_form=form, comment_form=CommentForm())
        return render(request, "plans/detail.html", ctx, status=400)
    d = form.cleaned_data
    services.plan_approve(
        plan=plan,
        actor=request.user,
        number=d["number"],
        date=d["date"],
        signer=d["signer"],
        signer_title=d["signer_title"],
    )
    messages.success(request, f"Đã phê duyệt kế hoạch, số {d['number']}.")
    return redirect("plans:detail", pk=plan.pk)


@require_POST
def plan_publish(request, pk):
    plan = _plan(pk)
    permissions.require(
        permissions.can_publish_plan(request.user, plan),
        "Chỉ Hiệu trưởng công khai được, và chỉ khi kế hoạch đã được phê duyệt.",
    )
    services.plan_publish(plan=plan, actor=request.user)
    messages.success(
        request, "Đã công khai kế hoạch. Cơ quan quản lý và mọi người xem được kế hoạch ở trang công khai."
    )
    return redirect("plans:detail", pk=plan.pk)


def plan_revise(request, pk):
    plan = _plan(pk)
    permissions.require(
        permissions.can_revise_plan(request.user, plan),
        "Chỉ Hiệu trưởng điều chỉnh được, và chỉ kế hoạch đã công khai.",
    )
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.plan_revise(plan=plan, reason=form.cleaned_data["reason"], actor=request.user)
        except services.PlanError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"Đã tạo phiên bản {new.version} để điều chỉnh. Bản đang công khai giữ "
                "nguyên cho tới khi bản mới được phê duyệt và công khai.",
            )
            return redirect("plans:edit", pk=new.pk)
    return render(
        request, "plans/revise.html", {"plan": plan, "form": form}, status=400 if form.errors else 200
    )


def plan_compare(request, pk):
    plan = _plan(pk)
    _refuse_view(request, plan)
    permissions.require(permissions.can_compare_versions(request.user, plan))
    versions = selectors.plan_versions(plan)
    other_pk = request.GET.get("voi", "")
    other = next((v for v in versions if str(v.pk) == other_pk), None)
    if other is None:
        other = plan.previous or next((v for v in versions if v.pk != plan.pk), None)
    if other is None:
        messages.info(request, "Kế hoạch này mới có một phiên bản nên chưa có gì để so sánh.")
        return redirect("plans:detail", pk=plan.pk)
    old, new = sorted([other, plan], key=lambda p: p.version)
    return render(
        request,
        "plans/compare.html",
        {
            "plan": plan,
            "old": old,
            "new": new,
            "versions": versions,
            "diff": selectors.plan_compare(old, new),
        },
    )


@require_POST
def comment_add(request, pk):
    plan = _plan(pk)
    permissions.require(
        permissions.can_comment_plan(request.user, plan), "Bạn không góp ý được cho kế hoạch này."
    )
    form = CommentForm(request.POST)
    item = None
    if form.is_valid() and form.cleaned_data.get("item"):
        item = PlanItem.objects.filter(plan=plan, pk=form.cleaned_data["item"]).first()
    if not form.is_valid():
        messages.error(request, "Góp ý đang trống. Hãy viết nội dung góp ý.")
    else:
        services.plan_comment_add(plan=plan, actor=request.user, text=form.cleaned_data["text"], item=item)
        messages.success(request, "Đã gửi góp ý.")
    return redirect(reverse("plans:detail", args=[plan.pk]) + "#comments")


# --- downloads and the public pages -----------------------------------------------------------------------


def plan_download(request, pk, fmt):
    plan = _plan(pk)
    permissions.require(
        permissions.can_download_plan(request.user, plan),
        "Bạn không tải được kế hoạch này: dự thảo chỉ cán bộ của trường xem được.",
    )
    doc = plan_to_document(plan)
    name = f"ke-hoach-{plan.school.short_code}-{plan.start_year}-{plan.end_year}-v{plan.version}".lower()
    if fmt == "json":
        response = HttpResponse(doc.to_json(indent=2), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    if fmt not in DOWNLOADS:
        raise Http404
    write, label, mime = DOWNLOADS[fmt]
    with tempfile.TemporaryDirectory(prefix="caitien-") as tmp:
        path = Path(tmp) / f"{name}.{fmt}"
        try:
            write(doc, path)
        except WriteError as exc:
            messages.error(request, f"Chưa tạo được bản {label}: {exc}")
            back = "plans:detail" if permissions.can_view_plan(request.user, plan) else "plans:public"
            return redirect(back, pk=plan.pk)
        data = path.read_bytes()
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def public_plan(request, pk):
    plan = _plan(pk)
    permissions.require(
        permissions.can_view_public_plan(plan),
        "Kế hoạch này chưa được công khai. Trường sẽ công khai sau khi Hiệu trưởng phê duyệt.",
    )
    ctx = _plan_context(request, plan)
    ctx["newer"] = Plan.objects.filter(previous=plan, status__in=permissions.PUBLIC_STATUSES).first()
    return render(request, "plans/public.html", ctx)


def public_list(request, school_pk):
    school = get_object_or_404(School, pk=school_pk)
    return render(
        request, "plans/public_list.html", {"school": school, "plans": selectors.public_plans(school)}
    )
