"""“Tiến độ thực hiện”: every row of the plan in force with its status, progress and tasks."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from caitien.execution import selectors
from caitien.execution.views.common import plan_in_force, require_view
from caitien.schools import permissions


def plan_progress_page(request, pk):
    plan = plan_in_force(pk)
    require_view(request, plan)
    today = timezone.localdate()
    rows = selectors.row_views(plan, today)
    return render(
        request,
        "execution/plan.html",
        {
            "plan": plan,
            "rows": rows,
            "summary": selectors.summary(rows),
            "today": today,
            "can_plan": permissions.can_plan_tasks(request.user, plan),
        },
    )
