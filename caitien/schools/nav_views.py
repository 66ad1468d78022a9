"""The menu's "Tiến độ" and "Giám sát": the pages of the plan the school is carrying out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from caitien.plans.models import Plan
from caitien.schools import permissions


def _plan_in_force(user):
    """The latest published plan of the person's schools, or None."""
    schools = permissions.schools_of(user)
    if not schools:
        return None
    return (
        Plan.objects.filter(school__in=schools, status="published")
        .order_by("-start_year", "-end_year", "-pk")
        .only("pk")
        .first()
    )


def _to_plan(request, url_name, what):
    plan = _plan_in_force(request.user)
    if plan is None:
        messages.info(
            request,
            f"Trường chưa có kế hoạch đã công bố nên chưa có {what} để xem. Việc theo dõi bắt đầu khi "
            "Hiệu trưởng công bố kế hoạch; đến lúc đó, trang này mở thẳng kế hoạch đang thực hiện.",
        )
        return redirect("plans:list")
    return redirect(url_name, pk=plan.pk)


@login_required
def progress(request):
    return _to_plan(request, "execution:plan", "tiến độ")


@login_required
def reviews(request):
    return _to_plan(request, "monitoring:plan", "kết quả giám sát")
