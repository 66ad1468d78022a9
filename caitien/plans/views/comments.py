"""Comments on a plan and its rows, and the school's answers."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from caitien.plans import limits, services
from caitien.plans.models import PlanComment, PlanItem
from caitien.plans.views.common import detail_context, is_htmx, load_plan
from caitien.schools import permissions
from caitien.web.params import whole_number


@require_POST
def comment_add(request, pk):
    plan = load_plan(pk)
    permissions.require(
        permissions.can_comment_plan(request.user, plan), "Bạn không góp ý được cho kế hoạch này."
    )
    text = request.POST.get("text", "")
    raw_item = request.POST.get("item", "")
    item = (
        PlanItem.objects.filter(plan=plan, pk=whole_number(raw_item)).first()
        if whole_number(raw_item)
        else None
    )
    try:
        services.plan_comment_add(plan=plan, actor=request.user, text=text, item=item)
    except services.PlanError as exc:
        # Nothing typed is lost: the page comes back with the text and the row still chosen.
        ctx = detail_context(request, plan, comment_error=str(exc), comment_text=text, comment_item=raw_item)
        return render(request, "plans/detail.html", ctx, status=400)
    messages.success(request, "Đã gửi góp ý.")
    return redirect(reverse("plans:detail", args=[plan.pk]) + "#comments")


@require_POST
def comment_answer(request, pk, comment_pk):
    """The school's answer to a comment (on this version or an earlier one of the same plan)."""
    plan = load_plan(pk)
    comment = get_object_or_404(
        PlanComment.objects.select_related("plan", "author", "answered_by"), pk=comment_pk
    )
    if comment.plan.root.pk != plan.root.pk:
        raise permissions.Refused("Góp ý này không thuộc kế hoạch đang mở.")
    permissions.require(
        permissions.can_answer_comment(request.user, comment.plan),
        "Chỉ Hiệu trưởng, Phó Hiệu trưởng và thành viên Hội đồng tự đánh giá trả lời được góp ý.",
    )
    state, answer = request.POST.get("state", ""), request.POST.get("answer", "")
    errors = None
    try:
        comment = services.plan_comment_answer(
            comment=comment, actor=request.user, state=state, answer=answer
        )
    except services.CommentInputError as exc:
        errors = {"pk": comment.pk, "message": str(exc), "answer": answer}
    if is_htmx(request):
        ctx = {
            "plan": plan,
            "comment": comment,
            "comment_errors": errors,
            "answer_limit": limits.ANSWER_LIMIT,
        }
        return render(request, "plans/_comment.html", ctx, status=422 if errors else 200)
    if errors:
        ctx = detail_context(request, plan, comment_errors=errors)
        return render(request, "plans/detail.html", ctx, status=400)
    messages.success(request, "Đã lưu câu trả lời góp ý.")
    return redirect(reverse("plans:detail", args=[plan.pk]) + f"#comment-{comment.pk}")
