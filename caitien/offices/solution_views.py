"""The solution library pages: browse a criterion's solutions from other schools' published plans,
and, beside a row of the editor, put one of them into the row as a starting point."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from caitien.catalog.models import Regulation
from caitien.offices.solutions import library
from caitien.plans import services as plan_services
from caitien.plans.models import PlanItem
from caitien.plans.selectors import criteria_of
from caitien.schools import permissions

MAX_TEXT = 3000


def _htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def browse(request):
    """Pick a regulation and a criterion; see what other schools did, searchable without diacritics."""
    schools = permissions.schools_of(request.user)
    slug = request.GET.get("van-ban") or (schools[0].regulation.slug if schools else "tt17-2018")
    regulation = Regulation.objects.filter(slug=slug).first() or Regulation.objects.order_by("issued").first()
    criteria = criteria_of(regulation) if regulation else []
    code = request.GET.get("tieu-chi", "")
    criterion = next((c for c in criteria if c.code == code), None)
    q = request.GET.get("q", "").strip()
    groups = (
        library(criterion, exclude_school=schools[0] if len(schools) == 1 else None, q=q) if criterion else []
    )
    return render(
        request,
        "offices/solutions.html",
        {
            "regulations": Regulation.objects.order_by("issued", "slug"),
            "regulation": regulation,
            "criteria": criteria,
            "criterion": criterion,
            "groups": groups,
            "q": q,
        },
    )


def _row(request, item_pk) -> PlanItem:
    item = get_object_or_404(
        PlanItem.objects.select_related("plan__school", "plan__regulation", "criterion"), pk=item_pk
    )
    permissions.require(
        permissions.can_edit_plan(request.user, item.plan),
        "Chỉ người soạn kế hoạch (khi kế hoạch còn là dự thảo) dùng được thư viện giải pháp cho dòng này.",
    )
    return item


@login_required
def for_row(request, item_pk):
    """Beside a row: its criterion's library (a fragment for the editor, a page without JavaScript)."""
    item = _row(request, item_pk)
    q = request.GET.get("q", "").strip()
    groups = library(item.criterion, exclude_school=item.plan.school, q=q, limit=8) if item.criterion else []
    template = "offices/_solutions_panel.html" if _htmx(request) else "offices/solutions_row.html"
    return render(request, template, {"item": item, "groups": groups, "q": q})


@login_required
@require_POST
def use(request, item_pk):
    """Put a peer's solution (and its indicator, when the row has none and the form has the column)
    into the row: added after what the row already says, never replacing it."""
    item = _row(request, item_pk)
    text = (request.POST.get("solution") or "").strip()[:MAX_TEXT]
    indicator = (request.POST.get("indicator") or "").strip()[:MAX_TEXT]
    permissions.require(bool(text), "Chưa chọn giải pháp nào để đưa vào dòng.")
    values = {}
    if text not in item.solutions:
        values["solutions"] = f"{item.solutions.rstrip()}\n{text}" if item.solutions.strip() else text
    columns = {c["key"] for c in (item.plan.regulation.plan_form or {}).get("columns") or []}
    if indicator and "indicator" in columns and not item.indicator.strip():
        values["indicator"] = indicator
    error = ""
    if values:
        try:
            item = plan_services.plan_item_update(
                item=item, actor=request.user, values=values, revision=item.revision
            )
        except plan_services.PlanError as exc:
            error = str(exc)
    if _htmx(request):
        labels = {c["key"]: c["label"] for c in (item.plan.regulation.plan_form or {}).get("columns") or []}
        return render(
            request,
            "offices/_solution_used.html",
            {
                "item": item,
                "error": error,
                "changed": bool(values) and not error,
                "values": values,
                "solutions_label": labels.get("solutions", "Công việc, giải pháp"),
                "indicator_label": labels.get("indicator", "Chỉ số đánh giá kết quả"),
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"Đã đưa giải pháp vào dòng {item.order}.")
    return redirect(reverse("plans:edit", args=[item.plan_id]) + f"#row-{item.pk}")


@login_required
def close(request, item_pk):
    """The panel folded away (an empty fragment); without JavaScript, back to the row."""
    item = _row(request, item_pk)
    if _htmx(request):
        return HttpResponse("")
    return redirect(reverse("plans:edit", args=[item.plan_id]) + f"#row-{item.pk}")
