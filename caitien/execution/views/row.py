"""A row in execution: its tasks, “Tách thành việc”, its own status, its timeline, comments."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from caitien.execution import selectors, services
from caitien.execution.forms import TaskForm, UpdateForm
from caitien.execution.lineage import root_of
from caitien.execution.selectors.choices import evidence_choices, people_choices
from caitien.execution.selectors.timeline import row_timeline
from caitien.execution.splitting import suggest_tasks
from caitien.execution.views.common import plan_in_force, require_view, row_of
from caitien.schools import permissions

ROW_REFUSED = "Chỉ Ban giám hiệu và người chủ trì dòng này cập nhật được, khi kế hoạch đã công khai."
PLAN_REFUSED = (
    "Chỉ Hiệu trưởng, Phó Hiệu trưởng tách dòng thành việc và giao việc, khi kế hoạch đã công khai."
)


def _url(plan, item) -> str:
    return reverse("execution:row", args=[plan.pk, item.key])


def _page(request, plan, item, *, task_form=None, update_form=None, error="", status=200, suggestions=None):
    today = timezone.localdate()
    view = selectors.row_view(plan, item.key, today)
    people = people_choices(plan.school)
    can_row = permissions.can_update_row(request.user, plan, item)
    context = {
        "plan": plan,
        "item": item,
        "row": view,
        "today": today,
        "timeline": row_timeline(root_of(plan), item.key),
        "can_row": can_row,
        "can_plan": permissions.can_plan_tasks(request.user, plan),
        "can_comment": permissions.can_comment_progress(request.user, plan),
        "comments": list(
            plan.comments.filter(item_key=item.key).select_related("author").order_by("created_at")
        ),
        "task_form": task_form or (TaskForm(people=people) if can_row else None),
        "update_form": update_form
        or (
            UpdateForm(
                evidence_items=evidence_choices(plan.school),
                initial={"status": view.status, "progress": view.progress},
            )
            if can_row
            else None
        ),
        "error": error,
        "suggestions": suggestions,
    }
    return render(request, "execution/row.html", context, status=status)


def row_page(request, pk, key):
    plan = plan_in_force(pk)
    require_view(request, plan)
    return _page(request, plan, row_of(plan, key))


@require_POST
def task_add(request, pk, key):
    plan = plan_in_force(pk)
    item = row_of(plan, key)
    permissions.require(permissions.can_update_row(request.user, plan, item), ROW_REFUSED)
    form = TaskForm(request.POST, people=people_choices(plan.school))
    if not form.is_valid():
        return _page(request, plan, item, task_form=form, status=400)
    try:
        services.task_create(plan=plan, item_key=item.key, actor=request.user, **form.chosen())
    except services.ExecutionError as exc:
        return _page(request, plan, item, task_form=form, error=str(exc), status=400)
    messages.success(request, "Đã thêm việc.")
    return redirect(_url(plan, item) + "#tasks")


def split(request, pk, key):
    """GET: the suggested tasks to confirm or edit; POST: save those kept."""
    plan = plan_in_force(pk)
    item = row_of(plan, key)
    permissions.require(permissions.can_plan_tasks(request.user, plan), PLAN_REFUSED)
    people = people_choices(plan.school)
    if request.method == "POST":
        by_pk = {str(p.pk): p for p in people}
        keep = set(request.POST.getlist("keep"))
        owners = request.POST.getlist("owner")
        lines = [
            {"n": n, "title": t, "keep": str(n) in keep, "owner": owners[n] if n < len(owners) else ""}
            for n, t in enumerate(request.POST.getlist("title"))
        ]
        chosen = [{"title": x["title"], "owner": by_pk.get(x["owner"])} for x in lines if x["keep"]]
        try:
            saved = services.tasks_create_from_split(
                plan=plan, item_key=item.key, tasks=chosen, actor=request.user
            )
        except services.ExecutionError as exc:
            return _split_page(request, plan, item, lines, people, error=str(exc), status=400, extra=0)
        messages.success(request, f"Đã lưu {len(saved)} việc của dòng {item.order}.")
        return redirect(_url(plan, item) + "#tasks")
    suggestions = [
        {"n": n, "title": t, "keep": True, "owner": ""} for n, t in enumerate(suggest_tasks(item.solutions))
    ]
    return _split_page(request, plan, item, suggestions, people)


def _split_page(request, plan, item, suggestions, people, error="", status=200, extra=3):
    # Empty lines for tasks the text did not spell out.
    start = len(suggestions)
    suggestions = suggestions + [
        {"n": start + i, "title": "", "keep": True, "owner": ""} for i in range(extra)
    ]
    return render(
        request,
        "execution/split.html",
        {"plan": plan, "item": item, "suggestions": suggestions, "people": people, "error": error},
        status=status,
    )


@require_POST
def row_update(request, pk, key):
    plan = plan_in_force(pk)
    item = row_of(plan, key)
    permissions.require(permissions.can_update_row(request.user, plan, item), ROW_REFUSED)
    form = UpdateForm(request.POST, request.FILES, evidence_items=evidence_choices(plan.school))
    if not form.is_valid():
        return _page(request, plan, item, update_form=form, status=400)
    try:
        services.update_add(plan=plan, item_key=item.key, actor=request.user, **form.values())
    except services.ExecutionError as exc:
        return _page(request, plan, item, update_form=form, error=str(exc), status=400)
    messages.success(request, "Đã ghi nhận tiến độ của dòng.")
    return redirect(_url(plan, item) + "#timeline")


@require_POST
def comment(request, pk, key):
    from caitien.plans.services import PlanError, plan_comment_add

    plan = plan_in_force(pk)
    item = row_of(plan, key)
    permissions.require(
        permissions.can_comment_progress(request.user, plan),
        "Chỉ người của trường, tổ giám sát và cơ quan quản lý góp ý được về tiến độ.",
    )
    try:
        plan_comment_add(plan=plan, actor=request.user, text=request.POST.get("text", ""), item=item)
    except PlanError as exc:
        return _page(request, plan, item, error=str(exc), status=400)
    messages.success(request, "Đã gửi góp ý.")
    return redirect(_url(plan, item) + "#comments")
