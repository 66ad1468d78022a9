"""“Việc của tôi”: a person's tasks (owned or helped) and the rows they lead or coordinate, across the
published plans of their school, overdue first. A fixed number of queries whatever their number."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from caitien.execution.dates import deadline_badge, row_window
from caitien.execution.models import Task
from caitien.execution.responsibles import leads_by_row
from caitien.plans.models import Plan, PlanItem

_BADGE_ORDER = {"overdue": 0, "soon": 1, "": 2}


@dataclass
class MyTask:
    task: Task
    plan: Plan
    item: PlanItem
    badge: str
    role: str  # "owner" | "helper"

    @property
    def overdue(self) -> bool:
        return self.badge == "overdue"


@dataclass
class MyRow:
    plan: Plan
    item: PlanItem
    role: str  # "lead" | "coordinator"
    badge: str
    end: datetime.date | None


@dataclass
class MyWork:
    person: object
    tasks: list[MyTask] = field(default_factory=list)
    rows: list[MyRow] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for t in self.tasks if t.overdue) + sum(1 for r in self.rows if r.badge == "overdue")


def _person_of(user):
    from caitien.people.models import Person

    return Person.objects.filter(user=user, active=True).select_related("school").first()


def my_work(user, today: datetime.date | None = None) -> MyWork:
    today = today or datetime.date.today()
    person = _person_of(user) if getattr(user, "is_authenticated", False) else None
    work = MyWork(person=person)
    if person is None:
        return work
    plans = list(
        Plan.objects.filter(school=person.school, status=Plan.Status.PUBLISHED).select_related("school")
    )
    by_root = {(p.lineage_id or p.pk): p for p in plans}
    items = list(
        PlanItem.objects.filter(plan__in=plans)
        .select_related("criterion")
        .prefetch_related("lead_people", "coordinator_people")
        .order_by("plan_id", "order")
    )
    item_of = {(i.plan_id, i.key): i for i in items}
    tasks = (
        Task.objects.filter(Q(owner=person) | Q(helpers=person), plan_id__in=list(by_root))
        .select_related("owner")
        .prefetch_related("helpers")
        .distinct()
    )
    for task in tasks:
        plan = by_root[task.plan_id]
        item = item_of.get((plan.pk, task.item_key))
        if item is None:  # the row was removed in the version in force
            continue
        role = "owner" if task.owner_id == person.pk else "helper"
        work.tasks.append(MyTask(task, plan, item, deadline_badge(task.due, task.status, today), role))
    leads = leads_by_row(items, person.school)
    plan_of = {p.pk: p for p in plans}
    statuses = _row_statuses(by_root)
    for item in items:
        found = leads.get(item.key)
        if not found or user.pk not in found.all_users:
            continue
        _, end = row_window(item)
        status = statuses.get((plan_of[item.plan_id].lineage_id or item.plan_id, item.key), "not_started")
        work.rows.append(
            MyRow(
                plan=plan_of[item.plan_id],
                item=item,
                role="lead" if user.pk in found.lead_users else "coordinator",
                badge=deadline_badge(end, status, today),
                end=end,
            )
        )
    far = datetime.date.max
    work.tasks.sort(
        key=lambda t: (_BADGE_ORDER[t.badge], t.task.status == "done", t.task.due or far, t.task.pk)
    )
    work.rows.sort(key=lambda r: (_BADGE_ORDER[r.badge], r.end or far, r.item.order))
    return work


def _row_statuses(by_root) -> dict:
    """{(root id, key): status} of every row of these plans, derived from tasks where they have some."""
    from caitien.execution.derive import row_from_tasks
    from caitien.execution.models import RowProgress

    out = {(r.plan_id, r.item_key): r.status for r in RowProgress.objects.filter(plan_id__in=list(by_root))}
    grouped: dict = {}
    for t in Task.objects.filter(plan_id__in=list(by_root)).only("plan_id", "item_key", "status", "progress"):
        grouped.setdefault((t.plan_id, t.item_key), []).append(t)
    for key, tasks in grouped.items():
        out[key] = row_from_tasks(tasks)[0]
    return out
