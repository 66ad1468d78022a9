"""Self-assessment pages across the years: next year's started from this one, and the levels'
history (a chart per criterion and for the school)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from caitien.assessments import carryover, history, services
from caitien.assessments.models import SelfAssessment
from caitien.assessments.views import NOT_CREATOR, NOT_YOURS
from caitien.schools import permissions
from caitien.schools.models import School


@login_required
@require_POST
def carry(request, pk):
    """Next year's self-assessment from this one (indicator results, texts, evidence links)."""
    previous = get_object_or_404(
        SelfAssessment.objects.select_related("school__regulation", "regulation"), pk=pk
    )
    permissions.require(permissions.can_create_self_assessment(request.user, previous.school), NOT_CREATOR)
    try:
        new = carryover.self_assessment_from_previous(previous=previous, actor=request.user)
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
        return redirect("assessments:detail", pk=previous.pk)
    messages.success(
        request,
        f"Đã tạo tự đánh giá {new.cycle_label} từ kết quả {previous.cycle_label}: "
        "Hội đồng chỉ cần cập nhật những gì đã thay đổi.",
    )
    return redirect("assessments:detail", pk=new.pk)


@login_required
def levels_history(request, school_pk):
    school = get_object_or_404(School.objects.select_related("regulation"), pk=school_pk)
    permissions.require(permissions.can_view_school(request.user, school), NOT_YOURS)
    overall = history.school_trend(school)
    trends = history.criterion_trends(school)
    return render(
        request,
        "assessments/history.html",
        {
            "school": school,
            "overall": overall,
            "overall_chart": history.trend_svg(overall),
            "rows": [(t, history.trend_svg(t, small=True)) for t in trends.values()],
            "years": [y for y, _ in overall.points],
        },
    )
