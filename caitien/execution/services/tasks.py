"""Tasks (việc) under a plan row: create, edit, delete, and the confirmed split of a row."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from caitien.audit.services import audit_record
from caitien.execution.dates import outside_window
from caitien.execution.models import Task
from caitien.execution.services.common import (
    TEXT_LIMIT,
    TITLE_LIMIT,
    person_of_school,
    require_execution,
    root,
    row_of,
    text_limit,
)
from caitien.execution.services.errors import ExecutionError


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ExecutionError("Hãy ghi tên việc cần làm.")
    text_limit("Tên việc", title, TITLE_LIMIT)
    return title


def _check_dates(item, start, due) -> None:
    problem = outside_window(item, start, due)
    if problem:
        raise ExecutionError(
            f"{problem} Hãy chọn ngày nằm trong thời gian thực hiện của dòng, hoặc điều chỉnh kế hoạch."
        )


@transaction.atomic
def task_create(
    *, plan, item_key, title, owner=None, start=None, due=None, actor, helpers=(), notes: str = ""
) -> Task:
    """A task under the row `item_key`; `plan` may be any version of the lineage (the root is stored).

    Refused (ExecutionError) when the plan is not published, the row is unknown, the title is empty
    or the dates leave the row's time."""
    current = require_execution(plan)
    item = row_of(current, item_key)
    title = _clean_title(title)
    notes = (notes or "").strip()
    text_limit("Ghi chú", notes, TEXT_LIMIT)
    person_of_school(owner, current.school)
    for helper in helpers:
        person_of_school(helper, current.school)
    _check_dates(item, start, due)
    lineage_root = root(current)
    order = (
        Task.objects.filter(plan=lineage_root, item_key=item.key).aggregate(m=Max("order"))["m"] or 0
    ) + 1
    task = Task.objects.create(
        plan=lineage_root,
        item_key=item.key,
        order=order,
        title=title,
        owner=owner,
        start=start,
        due=due,
        notes=notes,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    if helpers:
        task.helpers.set(helpers)
    audit_record(
        actor=actor,
        action="task.create",
        obj=task,
        school=current.school,
        summary=f"Thêm việc “{title[:120]}” (dòng {item.order})",
    )
    return task


@transaction.atomic
def tasks_create_from_split(*, plan, item_key, tasks: list[dict], actor) -> list[Task]:
    """The principal confirmed the suggested tasks of a row: each {"title", "owner"} as they edited it.
    All are saved or none."""
    kept = [t for t in tasks if " ".join((t.get("title") or "").split())]
    if not kept:
        raise ExecutionError(
            "Chưa giữ lại việc nào. Hãy đánh dấu ít nhất một việc (hoặc ghi thêm việc) rồi lưu."
        )
    return [
        task_create(plan=plan, item_key=item_key, title=t["title"], owner=t.get("owner"), actor=actor)
        for t in kept
    ]


@transaction.atomic
def task_update(*, task: Task, actor, title, owner, helpers, start, due, notes: str = "") -> Task:
    current = require_execution(task.plan)
    item = row_of(current, task.item_key)
    task.title = _clean_title(title)
    notes = (notes or "").strip()
    text_limit("Ghi chú", notes, TEXT_LIMIT)
    person_of_school(owner, current.school)
    for helper in helpers:
        person_of_school(helper, current.school)
    _check_dates(item, start, due)
    task.owner, task.start, task.due, task.notes = owner, start, due, notes
    task.revision += 1
    task.save()
    task.helpers.set(helpers)
    audit_record(
        actor=actor,
        action="task.update",
        obj=task,
        school=current.school,
        summary=f"Sửa việc “{task.title[:120]}”",
    )
    return task


@transaction.atomic
def task_delete(*, task: Task, actor) -> None:
    """A task with progress recorded keeps its history: it cannot be deleted, only marked not done."""
    if task.updates.exists():
        raise ExecutionError(
            "Việc này đã có cập nhật tiến độ nên không xóa được (lịch sử được giữ lại). "
            "Hãy ghi nhận “Không thực hiện được” kèm lý do."
        )
    school = task.plan.school
    audit_record(
        actor=actor, action="task.delete", obj=task, school=school, summary=f"Xóa việc “{task.title[:120]}”"
    )
    task.delete()
