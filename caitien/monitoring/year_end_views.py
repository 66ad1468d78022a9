"""Year-end pages: close each row (đạt / chưa đạt), build next year's plan from last year's, and the
one-action handling of a recommendation (a task, or an escalation to the office)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from caitien.assessments.models import SelfAssessment
from caitien.monitoring import rules, services, year_end
from caitien.monitoring.forms import int_or_none, parse_date
from caitien.monitoring.models import Recommendation
from caitien.monitoring.views import _current, _plan, _require_view
from caitien.plans.services.errors import PlanError
from caitien.schools import permissions

NOT_PRINCIPAL = "Chỉ Hiệu trưởng kết thúc năm học và lập kế hoạch năm sau, khi kế hoạch đang công khai."


def _closing_context(request, plan, **extra):
    rows = year_end.closing_rows(plan)
    return {
        "plan": plan,
        "rows": rows,
        "summary": year_end.closing_summary(rows),
        "values": rules.closing_values(plan.regulation),
        "can_close": permissions.can_close_rows(request.user, plan),
        "report": year_end.year_end_report(plan),
        **extra,
    }


def close_rows(request, pk):
    plan = _current(_plan(pk))
    _require_view(request, plan)
    if request.method != "POST":
        return render(request, "monitoring/year_end.html", _closing_context(request, plan))
    permissions.require(permissions.can_close_rows(request.user, plan), NOT_PRINCIPAL)
    rows = []
    for item_pk in plan.items.values_list("pk", flat=True):
        if f"close-{item_pk}-label" in request.POST:
            rows.append(
                {
                    "item": item_pk,
                    **{f: request.POST.get(f"close-{item_pk}-{f}", "") for f in ("label", "result", "cause")},
                }
            )
    try:
        saved = services.rows_close(plan=plan, actor=request.user, rows=rows)
    except services.MonitoringError as exc:
        ctx = _closing_context(request, plan, error=str(exc), mine={r["item"]: r for r in rows})
        return render(request, "monitoring/year_end.html", ctx, status=400)
    messages.success(
        request, f"Đã ghi kết quả cuối năm của {saved} dòng." if saved else "Không có thay đổi nào cần lưu."
    )
    return redirect("monitoring:year_end", pk=plan.pk)


def _assessments_for(plan):
    return list(
        SelfAssessment.objects.filter(school=plan.school, start_year__gte=plan.end_year).order_by(
            "-start_year"
        )
    )


def next_plan(request, pk):
    """Next year's plan: last year's unfinished rows offered with their result (carried only when
    chosen), the new self-assessment's weak criteria, section II citing the results report."""
    plan = _current(_plan(pk))
    _require_view(request, plan)
    allowed = permissions.can_close_rows(request.user, plan) and permissions.can_create_plan(
        request.user, plan.school
    )
    report = year_end.year_end_report(plan)
    ctx = {
        "plan": plan,
        "options": year_end.carry_options(plan),
        "assessments": _assessments_for(plan),
        "report": report,
        "citation": year_end.report_citation(report, plan),
        "can_build": allowed,
        "chosen": set(),
    }
    if request.method != "POST":
        return render(request, "monitoring/next_plan.html", ctx)
    permissions.require(allowed, NOT_PRINCIPAL)
    carry = [int(v) for v in request.POST.getlist("carry") if v.isascii() and v.isdigit() and len(v) < 10]
    assessment = None
    chosen = int_or_none(request.POST.get("assessment"))
    if chosen:
        assessment = next((a for a in ctx["assessments"] if a.pk == chosen), None)
        if assessment is None:
            ctx.update(error="Tự đánh giá đã chọn không còn. Hãy tải lại trang rồi chọn lại.")
            return render(request, "monitoring/next_plan.html", ctx, status=400)
    try:
        new = services.next_plan_create(plan=plan, actor=request.user, carry=carry, assessment=assessment)
    except (services.MonitoringError, PlanError) as exc:
        ctx.update(error=str(exc), chosen=set(carry))
        return render(request, "monitoring/next_plan.html", ctx, status=400)
    messages.success(
        request,
        f"Đã lập dự thảo {new.title}: {len(carry)} dòng chuyển từ năm trước. Hãy soạn tiếp rồi gửi phê duyệt.",
    )
    return redirect("plans:detail", pk=new.pk)


def _recommendation(pk) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.select_related("point__plan__school", "point__plan__regulation", "item"), pk=pk
    )


@require_POST
def recommendation_task(request, pk):
    rec = _recommendation(pk)
    plan = _current(rec.point.plan)
    permissions.require(
        permissions.can_act_on_recommendation(request.user, plan),
        "Chỉ Hiệu trưởng giao được kiến nghị thành việc.",
    )
    back = reverse("monitoring:review", args=[rec.point_id]) + f"#recommendation-{rec.pk}"
    try:
        due = None
        if request.POST.get("due", "").strip():
            due = parse_date(request.POST["due"], label="Hạn hoàn thành")
        services.recommendation_to_task(
            recommendation=rec,
            actor=request.user,
            item_pk=int_or_none(request.POST.get("item")),
            due=due,
        )
    except services.MonitoringError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã giao kiến nghị thành việc của dòng kế hoạch.")
    return redirect(back)


@require_POST
def recommendation_escalate(request, pk):
    rec = _recommendation(pk)
    plan = _current(rec.point.plan)
    permissions.require(
        permissions.can_act_on_recommendation(request.user, plan),
        "Chỉ Hiệu trưởng đề xuất được kiến nghị lên cấp trên.",
    )
    try:
        services.recommendation_to_escalation(recommendation=rec, actor=request.user)
    except services.MonitoringError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã gửi đề xuất tới {plan.school.office.name}.")
    return redirect(reverse("monitoring:review", args=[rec.point_id]) + f"#recommendation-{rec.pk}")
