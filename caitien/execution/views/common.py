"""What the execution pages share: loading the plan in force and its row, refusals in Vietnamese."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from caitien.execution.lineage import in_force
from caitien.plans.models import Plan, PlanItem
from caitien.schools import permissions

NOT_IN_SCHOOL = "Bạn không thuộc trường hoặc cơ quan quản lý của kế hoạch này."
LOGIN_FIRST = "Hãy đăng nhập bằng tài khoản của trường để xem tiến độ thực hiện."


def plan_in_force(pk) -> Plan:
    plan = get_object_or_404(
        Plan.objects.select_related("school", "school__office", "regulation", "lineage"), pk=pk
    )
    return in_force(plan)


def require_view(request, plan) -> None:
    permissions.require(
        permissions.can_view_progress(request.user, plan),
        NOT_IN_SCHOOL if request.user.is_authenticated else LOGIN_FIRST,
    )


def row_of(plan, key) -> PlanItem:
    item = (
        PlanItem.objects.filter(plan=plan, key=key)
        .select_related("criterion", "plan__school")
        .prefetch_related("lead_people", "coordinator_people")
        .first()
    )
    if item is None:
        raise Http404("Không tìm thấy dòng kế hoạch này trong phiên bản đang thực hiện.")
    return item
