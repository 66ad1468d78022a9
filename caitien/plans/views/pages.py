"""Plan pages: the list, a new plan, the plan itself, comparing versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from caitien.assessments.models import SelfAssessment
from caitien.dashboards.paging import page_of
from caitien.plans import selectors, services
from caitien.plans.forms import NewPlanForm
from caitien.plans.models import Plan
from caitien.plans.views.common import detail_context, load_plan, refuse_view
from caitien.schools import permissions
from caitien.schools.models import School
from caitien.web.params import whole_number


@login_required
def home(request):
    return render(request, "plans/home.html", {"schools": permissions.schools_of(request.user)})


def plan_list(request):
    permissions.require(request.user.is_authenticated, "Hãy đăng nhập để xem danh sách kế hoạch.")
    school = None
    if whole_number(request.GET.get("truong")) is not None:
        school = get_object_or_404(School, pk=whole_number(request.GET["truong"]))
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
    elif whole_number(request.GET.get("truong")) is not None:
        initial = {"school": whole_number(request.GET["truong"])}
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


def plan_detail(request, pk):
    plan = load_plan(pk)
    refuse_view(request, plan)
    return render(request, "plans/detail.html", detail_context(request, plan))


def plan_compare(request, pk):
    plan = load_plan(pk)
    refuse_view(request, plan)
    permissions.require(permissions.can_compare_versions(request.user, plan))
    versions = selectors.plan_versions(plan, reader=request.user)
    other_pk = request.GET.get("voi", "")
    other = next((v for v in versions if str(v.pk) == other_pk), None)
    if other is None:
        previous = next((v for v in versions if v.pk == plan.previous_id), None)
        other = previous or next((v for v in versions if v.pk != plan.pk), None)
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
