"""Comments on a plan or one of its rows."""

from __future__ import annotations

from django.db import transaction

from caitien.audit.services import audit_record
from caitien.plans.models import Plan, PlanComment, PlanItem
from caitien.plans.services.errors import PlanError


@transaction.atomic
def plan_comment_add(*, plan: Plan, actor, text: str, item: PlanItem | None = None) -> PlanComment:
    text = (text or "").strip()
    if not text:
        raise PlanError("Góp ý đang trống. Hãy viết nội dung góp ý.")
    if item is not None and item.plan_id != plan.pk:
        raise PlanError("Dòng được góp ý không thuộc kế hoạch này.")
    comment = PlanComment.objects.create(plan=plan, item=item, author=actor, text=text)
    where = f"dòng {item.order}" if item else "kế hoạch"
    audit_record(
        actor=actor,
        action="plan.comment",
        obj=comment,
        school=plan.school,
        summary=f"Góp ý {where} của {plan.title}",
    )
    return comment
