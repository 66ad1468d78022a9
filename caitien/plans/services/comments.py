"""Comments on a plan or one of its rows, and the school's answers (tiếp thu / không tiếp thu)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from caitien.audit.services import audit_record, diff_fields
from caitien.plans import limits
from caitien.plans.models import Plan, PlanComment, PlanItem
from caitien.plans.services.errors import PlanError


class CommentInputError(PlanError):
    """A comment or an answer that cannot be saved as typed; the page keeps the text."""


@transaction.atomic
def plan_comment_add(*, plan: Plan, actor, text: str, item: PlanItem | None = None) -> PlanComment:
    """A comment on the plan or one of its rows. A row comment names the row's key, so it shows
    beside the same row in the plan's later versions."""
    text = (text or "").strip()
    if not text:
        raise CommentInputError("Góp ý đang trống. Hãy viết nội dung góp ý.")
    refusal = limits.too_long("Góp ý", text, limits.COMMENT_LIMIT)
    if refusal:
        raise CommentInputError(refusal)
    if item is not None and item.plan_id != plan.pk:
        raise PlanError("Dòng được góp ý không thuộc kế hoạch này.")
    comment = PlanComment.objects.create(
        plan=plan, item=item, item_key=item.key if item else None, author=actor, text=text
    )
    where = f"dòng {item.order}" if item else "kế hoạch"
    audit_record(
        actor=actor,
        action="plan.comment",
        obj=comment,
        school=plan.school,
        summary=f"Góp ý {where} của {plan.title}",
    )
    return comment


@transaction.atomic
def plan_comment_answer(*, comment: PlanComment, actor, state: str, answer: str) -> PlanComment:
    """The school's answer: accepted (đã tiếp thu) or declined (không tiếp thu, with the reason)."""
    comment = PlanComment.objects.select_for_update().select_related("plan__school").get(pk=comment.pk)
    answer = (answer or "").strip()
    if state not in (PlanComment.State.ACCEPTED, PlanComment.State.DECLINED):
        raise CommentInputError("Hãy chọn trường đã tiếp thu hay không tiếp thu góp ý này.")
    if state == PlanComment.State.DECLINED and not answer:
        raise CommentInputError("Không tiếp thu thì hãy ghi lý do để người góp ý hiểu vì sao.")
    refusal = limits.too_long("Câu trả lời", answer, limits.ANSWER_LIMIT)
    if refusal:
        raise CommentInputError(refusal)
    changes = diff_fields(comment, {"state": state, "answer": answer})
    if not changes:
        return comment
    comment.state, comment.answer = state, answer
    comment.answered_by, comment.answered_at = actor if getattr(actor, "pk", None) else None, timezone.now()
    comment.save(update_fields=["state", "answer", "answered_by", "answered_at"])
    audit_record(
        actor=actor,
        action="plan.comment_answer",
        obj=comment,
        school=comment.plan.school,
        changes=changes,
        summary=f"Trả lời góp ý của {comment.plan.title}: {comment.get_state_display().lower()}",
    )
    return comment
