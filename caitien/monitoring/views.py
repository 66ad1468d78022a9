"""Monitoring pages: the plan's review points, the review of a point, recommendations.

Views stay thin: they ask caitien.schools.permissions, call a service or a selector, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from caitien.monitoring import lineage, rules, selectors, services, year_end
from caitien.monitoring.forms import int_or_none, parse_date
from caitien.monitoring.models import Recommendation, ReviewPoint
from caitien.plans.models import Plan, PlanItem
from caitien.schools import permissions

FIELDS = services.ENTRY_FIELDS


def _plan(pk) -> Plan:
    return get_object_or_404(Plan.objects.select_related("school", "regulation", "lineage"), pk=pk)


def _point(pk) -> ReviewPoint:
    return get_object_or_404(ReviewPoint.objects.select_related("plan__school", "plan__regulation"), pk=pk)


def _require_view(request, plan):
    reason = (
        "Hãy đăng nhập bằng tài khoản của trường để xem kết quả giám sát."
        if not request.user.is_authenticated
        else "Bạn không thuộc trường hoặc cơ quan quản lý của kế hoạch này."
    )
    permissions.require(permissions.can_view_reviews(request.user, plan), reason)


def _current(plan) -> Plan:
    """The version in force (the published one); a page about an older version shows the current one."""
    return lineage.in_force(plan) or plan


def plan_reviews(request, pk):
    plan = _current(_plan(pk))
    _require_view(request, plan)
    if plan.status == Plan.Status.PUBLISHED:
        services.review_points_ensure(plan=plan, actor=None)
    summaries = selectors.point_summaries(plan)
    return render(
        request,
        "monitoring/plan.html",
        {
            "plan": plan,
            "summaries": summaries,
            "counts": selectors.counts(summaries),
            "years": selectors.by_school_year(plan, summaries),
            "rows_by_year": year_end.rows_by_year(plan) if plan.period_kind == Plan.PeriodKind.MULTI else [],
        },
    )


@require_POST
def schedule(request, pk):
    plan = _current(_plan(pk))
    permissions.require(
        permissions.can_schedule_reviews(request.user, plan),
        "Chỉ Hiệu trưởng, Phó Hiệu trưởng đặt lịch giám sát, và chỉ khi kế hoạch đã công khai.",
    )
    points = {p.pk: p for p in plan.root.review_points.all()}
    try:
        for pk_, point in points.items():
            raw = request.POST.get(f"planned-{pk_}")
            if raw is not None and raw.strip():
                services.review_point_update(
                    point=point, actor=request.user, planned_date=parse_date(raw, label=point.label)
                )
        label = request.POST.get("new_label", "").strip()
        if label or request.POST.get("new_date", "").strip():
            services.review_point_add(
                plan=plan,
                actor=request.user,
                label=label,
                planned_date=parse_date(request.POST.get("new_date", ""), label="Ngày của lần giám sát thêm"),
            )
    except services.MonitoringError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã lưu lịch giám sát.")
    return redirect("monitoring:plan", pk=plan.pk)


def _review_context(request, point, plan, **extra):
    grid = selectors.review_grid(point, plan)
    return {
        "plan": plan,
        "point": point,
        "grid": grid,
        "status_values": rules.status_labels(plan.regulation),
        "recommendations": selectors.recommendations_of(point),
        "addressees": Recommendation.Addressee.choices,
        "can_record": permissions.can_record_review(request.user, plan),
        "can_act": permissions.can_act_on_recommendation(request.user, plan),
        "summary": selectors.completeness_of(grid),
        "report": selectors.report_of(point),
        **extra,
    }


def review(request, point_pk):
    point = _point(point_pk)
    plan = _current(point.plan)
    _require_view(request, plan)
    if request.method != "POST":
        return render(request, "monitoring/review.html", _review_context(request, point, plan))
    permissions.require(
        permissions.can_record_review(request.user, plan),
        "Chỉ tổ giám sát (và theo Thông tư 57/2026, Hội đồng tự đánh giá), Hiệu trưởng, Phó Hiệu trưởng "
        "ghi được kết quả giám sát, khi kế hoạch đã công khai.",
    )
    item_ids = set(plan.items.values_list("pk", flat=True))
    rows = []
    for pk_ in item_ids:
        if f"row-{pk_}-status" not in request.POST:
            continue
        row = {f: request.POST.get(f"row-{pk_}-{f}", "") for f in FIELDS}
        row["item"] = pk_
        row["revision"] = int_or_none(request.POST.get(f"row-{pk_}-revision"))
        rows.append(row)
    try:
        saved, conflicts = services.review_entries_save(point=point, actor=request.user, rows=rows)
    except services.MonitoringError as exc:
        ctx = _review_context(request, point, plan, error=str(exc), mine={r["item"]: r for r in rows})
        return render(request, "monitoring/review.html", ctx, status=400)
    if conflicts:
        ctx = _review_context(request, point, plan, conflicts=conflicts, saved=saved)
        return render(request, "monitoring/review.html", ctx, status=409)
    messages.success(
        request, f"Đã lưu kết quả giám sát của {saved} dòng." if saved else "Không có thay đổi nào cần lưu."
    )
    return redirect(reverse("monitoring:review", args=[point.pk]) + "#rows")


@require_POST
def review_texts(request, point_pk):
    point = _point(point_pk)
    plan = _current(point.plan)
    permissions.require(
        permissions.can_record_review(request.user, plan),
        "Bạn không ghi được đánh giá chung của lần giám sát này.",
    )
    values = {f: request.POST.get(f, "") for f in services.REVIEW_TEXT_FIELDS if f in request.POST}
    try:
        if request.POST.get("recorded_on", "").strip():
            values["recorded_on"] = parse_date(request.POST["recorded_on"], label="Ngày giám sát")
        services.review_update(
            point=point, actor=request.user, values=values, revision=int_or_none(request.POST.get("revision"))
        )
    except services.EditConflict as exc:
        ctx = _review_context(request, point, plan, texts_conflict=exc, mine_texts=values)
        return render(request, "monitoring/review.html", ctx, status=409)
    except services.MonitoringError as exc:
        ctx = _review_context(request, point, plan, texts_error=str(exc), mine_texts=values)
        return render(request, "monitoring/review.html", ctx, status=400)
    messages.success(request, "Đã lưu đánh giá chung.")
    return redirect(reverse("monitoring:review", args=[point.pk]) + "#overall")


@require_POST
def recommendation_add(request, point_pk):
    point = _point(point_pk)
    plan = _current(point.plan)
    permissions.require(
        permissions.can_record_review(request.user, plan),
        "Bạn không ghi được kiến nghị cho lần giám sát này.",
    )
    item_pk = int_or_none(request.POST.get("item"))
    item = PlanItem.objects.filter(plan=plan, pk=item_pk).first() if item_pk else None
    try:
        services.recommendation_add(
            point=point,
            actor=request.user,
            text=request.POST.get("text", ""),
            addressee_kind=request.POST.get("addressee_kind", ""),
            addressee=request.POST.get("addressee", ""),
            item=item,
        )
    except services.MonitoringError as exc:
        ctx = _review_context(
            request, point, plan, recommendation_error=str(exc), mine_recommendation=request.POST
        )
        return render(request, "monitoring/review.html", ctx, status=400)
    messages.success(request, "Đã thêm kiến nghị.")
    return redirect(reverse("monitoring:review", args=[point.pk]) + "#recommendations")


@require_POST
def recommendation_delete(request, pk):
    rec = get_object_or_404(Recommendation.objects.select_related("point__plan"), pk=pk)
    plan = _current(rec.point.plan)
    permissions.require(
        permissions.can_record_review(request.user, plan), "Bạn không xóa được kiến nghị này."
    )
    try:
        services.recommendation_delete(recommendation=rec, actor=request.user)
    except services.MonitoringError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã xóa kiến nghị.")
    return redirect(reverse("monitoring:review", args=[rec.point_id]) + "#recommendations")
