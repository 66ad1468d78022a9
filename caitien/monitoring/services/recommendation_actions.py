"""A recommendation (kiến nghị) of a review acted on with one action: it becomes a task (việc) under
its row, or an escalation (đề xuất cấp trên) to the office. Either is the principal's decision and
happens once: the recommendation keeps what it became."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from caitien.audit.services import audit_record
from caitien.monitoring import lineage
from caitien.monitoring.models import Recommendation
from caitien.monitoring.services.errors import MonitoringError
from caitien.plans.models import PlanItem
from caitien.schools import permissions
from caitien.text import fold


def _locked(recommendation: Recommendation) -> Recommendation:
    current = (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("point__plan__school__office", "item")
        .get(pk=recommendation.pk)
    )
    if current.action:
        raise MonitoringError(
            f"Kiến nghị này đã được xử lý ({current.get_action_display().lower()}); không làm lại được."
        )
    return current


def _row_in_force(recommendation: Recommendation, plan, item_pk: int | None) -> PlanItem | None:
    """The row of the version in force the action is about: the one chosen on the page, else the
    recommendation's own row (followed into the version in force by its key)."""
    if item_pk:
        return PlanItem.objects.filter(plan=plan, pk=item_pk).first()
    if recommendation.item is None:
        return None
    return PlanItem.objects.filter(plan=plan, key=recommendation.item.key).first()


def _title(text: str, limit: int = 300) -> str:
    first = re.split(r"(?<=[.;!?])\s", text.strip(), maxsplit=1)[0]
    return first if len(first) <= limit else first[: limit - 1] + "…"


def _done(rec: Recommendation, action: str, target_id, actor, summary: str) -> Recommendation:
    rec.action = action
    rec.action_id = str(target_id)
    rec.acted_at = timezone.now()
    rec.acted_by = actor if getattr(actor, "pk", None) else None
    rec.save(update_fields=["action", "action_id", "acted_at", "acted_by"])
    audit_record(
        actor=actor, action=f"recommendation.{action}", obj=rec, school=rec.point.plan.school, summary=summary
    )
    return rec


@transaction.atomic
def recommendation_to_task(
    *,
    recommendation: Recommendation,
    actor,
    item_pk: int | None = None,
    owner=None,
    due=None,
    title: str = "",
) -> Recommendation:
    """The recommendation as a task under its row (or the row chosen): its text is the task."""
    from caitien.execution.services import ExecutionError, task_create

    rec = _locked(recommendation)
    plan = lineage.in_force(rec.point.plan)
    if plan is None or not permissions.can_act_on_recommendation(actor, plan):
        raise MonitoringError("Chỉ Hiệu trưởng giao được kiến nghị thành việc, khi kế hoạch đang công khai.")
    item = _row_in_force(rec, plan, item_pk)
    if item is None:
        raise MonitoringError("Một việc thuộc một dòng kế hoạch: hãy chọn dòng nhận việc này.")
    try:
        task = task_create(
            plan=plan,
            item_key=item.key,
            title=(title or "").strip() or rec.text,
            owner=owner,
            due=due,
            actor=actor,
        )
    except ExecutionError as exc:
        raise MonitoringError(str(exc)) from exc
    return _done(
        rec,
        Recommendation.Action.TASK,
        task.pk,
        actor,
        f"Giao kiến nghị thành việc ở dòng {item.order}: {_title(rec.text, 120)}",
    )


def escalation_kind_for(text: str) -> str:
    """The kind of escalation the recommendation's words suggest (as the escalations app reads rows)."""
    from caitien.escalations.models import Escalation
    from caitien.escalations.selectors import KIND_WORDS

    words = fold(text or "")
    return next((k for k, pattern in KIND_WORDS if re.search(pattern, words)), Escalation.Kind.OTHER)


@transaction.atomic
def recommendation_to_escalation(*, recommendation: Recommendation, actor, kind: str = "") -> Recommendation:
    """The recommendation as an escalation to the school's office (a Phòng, or the Sở above it)."""
    from caitien.escalations.services import EscalationError, escalation_create

    rec = _locked(recommendation)
    plan = lineage.in_force(rec.point.plan)
    if plan is None or not permissions.can_act_on_recommendation(actor, plan):
        raise MonitoringError(
            "Chỉ Hiệu trưởng đề xuất được kiến nghị lên cấp trên, khi kế hoạch đang công khai."
        )
    item = _row_in_force(rec, plan, None)
    reason = f"Kiến nghị của lần giám sát “{rec.point.label}” ({plan.title}): {rec.text}"
    try:
        escalation = escalation_create(
            actor=actor,
            kind=kind or escalation_kind_for(rec.text),
            title=_title(rec.text),
            reason=reason,
            item=item,
            school=plan.school,
        )
    except EscalationError as exc:
        raise MonitoringError(str(exc)) from exc
    return _done(
        rec,
        Recommendation.Action.ESCALATION,
        escalation.pk,
        actor,
        f"Đề xuất kiến nghị lên {plan.school.office.name}: {_title(rec.text, 120)}",
    )
