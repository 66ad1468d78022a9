"""One task: the phone-first update form (one tap from “Việc của tôi”), its edit and its deletion."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from caitien.execution import services
from caitien.execution.dates import deadline_badge
from caitien.execution.forms import TaskForm, UpdateForm
from caitien.execution.lineage import in_force
from caitien.execution.models import Task
from caitien.execution.selectors.choices import evidence_choices, people_choices
from caitien.execution.selectors.timeline import task_timeline
from caitien.execution.views.common import require_view, row_of
from caitien.schools import permissions

TASK_REFUSED = (
    "Chỉ người thực hiện, người hỗ trợ, người chủ trì dòng và Ban giám hiệu cập nhật được việc này."
)
EDIT_REFUSED = "Chỉ Ban giám hiệu và người chủ trì dòng sửa hoặc xóa được việc, khi kế hoạch đã công khai."


def _load(pk):
    task = get_object_or_404(
        Task.objects.select_related("plan", "plan__school", "owner").prefetch_related("helpers"), pk=pk
    )
    plan = in_force(task.plan)
    return task, plan, row_of(plan, task.item_key)


def _page(request, task, plan, item, *, form=None, edit_form=None, error="", status=200):
    today = timezone.localdate()
    can_edit = permissions.can_update_row(request.user, plan, item)
    can_update = permissions.can_update_task(request.user, plan, item, task)
    return render(
        request,
        "execution/task.html",
        {
            "task": task,
            "plan": plan,
            "item": item,
            "badge": deadline_badge(task.due, task.status, today),
            "timeline": task_timeline(task),
            "can_update": can_update,
            "can_edit": can_edit,
            "form": form
            or (
                UpdateForm(
                    evidence_items=evidence_choices(plan.school),
                    initial={"status": task.status, "progress": task.progress},
                )
                if can_update
                else None
            ),
            "edit_form": edit_form
            or (
                TaskForm(
                    people=people_choices(plan.school),
                    initial={
                        "title": task.title,
                        "owner": task.owner_id,
                        "helpers": [p.pk for p in task.helpers.all()],
                        "start": task.start,
                        "due": task.due,
                        "notes": task.notes,
                    },
                )
                if can_edit
                else None
            ),
            "error": error,
        },
        status=status,
    )


def task_page(request, pk):
    task, plan, item = _load(pk)
    require_view(request, plan)
    return _page(request, task, plan, item)


@require_POST
def task_update_post(request, pk):
    task, plan, item = _load(pk)
    permissions.require(permissions.can_update_task(request.user, plan, item, task), TASK_REFUSED)
    form = UpdateForm(request.POST, request.FILES, evidence_items=evidence_choices(plan.school))
    if not form.is_valid():
        return _page(request, task, plan, item, form=form, status=400)
    try:
        services.update_add(plan=plan, item_key=item.key, task=task, actor=request.user, **form.values())
    except services.ExecutionError as exc:
        return _page(request, task, plan, item, form=form, error=str(exc), status=400)
    messages.success(request, f"Đã ghi nhận tiến độ của việc “{task.title[:60]}”.")
    # From “Việc của tôi” the person goes back to their list; otherwise to the task.
    if request.POST.get("next") == "mine":
        return redirect("execution:mine")
    return redirect("execution:task", task.pk)


@require_POST
def task_edit(request, pk):
    task, plan, item = _load(pk)
    permissions.require(permissions.can_update_row(request.user, plan, item), EDIT_REFUSED)
    form = TaskForm(request.POST, people=people_choices(plan.school))
    if not form.is_valid():
        return _page(request, task, plan, item, edit_form=form, status=400)
    try:
        services.task_update(task=task, actor=request.user, **form.chosen())
    except services.ExecutionError as exc:
        return _page(request, task, plan, item, edit_form=form, error=str(exc), status=400)
    messages.success(request, "Đã lưu việc.")
    return redirect("execution:task", task.pk)


@require_POST
def task_delete(request, pk):
    task, plan, item = _load(pk)
    permissions.require(permissions.can_update_row(request.user, plan, item), EDIT_REFUSED)
    try:
        services.task_delete(task=task, actor=request.user)
    except services.ExecutionError as exc:
        return _page(request, task, plan, item, error=str(exc), status=400)
    messages.success(request, "Đã xóa việc.")
    return redirect(reverse("execution:row", args=[plan.pk, item.key]) + "#tasks")
