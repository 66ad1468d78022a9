"""Writes for escalations (tham mưu, đề xuất cấp trên).

For other parts of the product, one call turns what a school wrote into an escalation:

    from caitien.escalations.services import escalation_create

    escalation = escalation_create(
        actor=user,                 # who sends it (the principal or a vice-principal)
        kind="equipment",           # Escalation.Kind: staffing, land, equipment, funding, professional, other
        title="Sửa chữa 04 phòng học thấm dột",
        reason="Mùa mưa 04 phòng học khối 1 thấm dột, không bảo đảm an toàn cho học sinh.",
        item=row,                   # the plan row it comes from (or school=… when it has no row)
        addressee="ubnd",           # Escalation.Addressee: phong (default), so, ubnd
        amount_vnd=350_000_000,     # optional
        steps_taken="Đã che chắn tạm, chuyển 02 lớp sang phòng chức năng.",  # optional
        origin_text="",             # optional: what the source said (a row's text is copied by itself)
    )

It lands with the school's office (`school.office`) in state "sent" and is audited. Errors raise `EscalationError` with a Vietnamese message for the person.

The office answers with `escalation_answer(escalation=…, actor=…, state=…, text=…)`: "received",
"forwarded" (a Phòng hands it to its Sở; the text is the Phòng's note), "resolved", "unresolvable".
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from caitien.audit.services import audit_record
from caitien.escalations.models import Escalation, EscalationEvent
from caitien.schools import permissions

State = Escalation.State
ANSWER_STATES = (State.RECEIVED, State.FORWARDED, State.RESOLVED, State.UNRESOLVABLE)
MAX_AMOUNT = 10**15  # đồng; anything above is a typing mistake


class EscalationError(Exception):
    """What the person did cannot be done; the message (Vietnamese) says why and how to fix it."""


def row_text(item) -> str:
    """What a plan row says, kept with the escalation (rows change in later versions)."""
    parts = [
        ("Tiêu chí", item.criterion_code),
        ("Nội dung cải tiến", item.issue),
        ("Kết quả cần đạt", item.expected_result),
        ("Giải pháp", item.solutions),
        ("Kinh phí", item.budget_text),
    ]
    return "\n".join(f"{label}: {value}" for label, value in parts if value)


@transaction.atomic
def escalation_create(
    *,
    actor,
    kind: str,
    title: str,
    reason: str,
    item=None,
    school=None,
    addressee: str = Escalation.Addressee.PHONG,
    amount_vnd: int | None = None,
    steps_taken: str = "",
    origin_text: str = "",
) -> Escalation:
    if item is not None:
        school = item.plan.school
    if school is None:
        raise EscalationError("Hãy chọn dòng kế hoạch hoặc trường gửi đề xuất.")
    if not permissions.can_create_escalation(actor, school):
        raise EscalationError("Chỉ Hiệu trưởng, Phó Hiệu trưởng của trường gửi được đề xuất lên cấp trên.")
    title, reason = (title or "").strip(), (reason or "").strip()
    problems = []
    if kind not in Escalation.Kind.values:
        problems.append("Hãy chọn loại đề xuất (biên chế – nhân sự, đất đai – xây dựng, …).")
    if addressee not in Escalation.Addressee.values:
        problems.append("Hãy chọn nơi nhận đề xuất: Phòng GDĐT, Sở GDĐT hoặc UBND.")
    if not title:
        problems.append("Hãy ghi ngắn gọn nội dung đề xuất, ví dụ: “Sửa chữa 04 phòng học thấm dột”.")
    if len(title) > 300:
        problems.append("Nội dung đề xuất dài quá 300 ký tự; hãy viết ngắn lại, phần chi tiết ghi ở lý do.")
    if not reason:
        problems.append("Hãy ghi lý do: vì sao nhà trường cần cấp trên giải quyết.")
    if amount_vnd is not None and not (0 <= amount_vnd < MAX_AMOUNT):
        problems.append("Kinh phí đề nghị phải là một số tiền hợp lệ, ví dụ 350 triệu hoặc 350.000.000.")
    if problems:
        raise EscalationError(" ".join(problems))
    escalation = Escalation.objects.create(
        school=school,
        office=school.office,
        plan=item.plan if item is not None else None,
        item=item,
        origin_text=origin_text or (row_text(item) if item is not None else ""),
        kind=kind,
        addressee=addressee,
        title=title,
        amount_vnd=amount_vnd or None,
        reason=reason,
        steps_taken=(steps_taken or "").strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _event(escalation, State.SENT, actor, escalation.reason)
    audit_record(
        actor=actor,
        action="escalation.create",
        obj=escalation,
        school=school,
        summary=f"Gửi đề xuất “{title}” tới {school.office.name}",
        changes={"kind": kind, "amount_vnd": amount_vnd, "item": getattr(item, "pk", None)},
    )
    return escalation


@transaction.atomic
def escalation_answer(*, escalation: Escalation, actor, state: str, text: str) -> Escalation:
    escalation = (
        Escalation.objects.select_for_update().select_related("office", "school").get(pk=escalation.pk)
    )
    if not permissions.can_answer_escalation(actor, escalation):
        if escalation.state in permissions.ESCALATION_FINAL_STATES:
            raise EscalationError(
                f"Đề xuất này đã được trả lời “{escalation.get_state_display()}”, không trả lời thêm được."
            )
        raise EscalationError(f"Chỉ chuyên viên của {escalation.office.name} trả lời được đề xuất này.")
    text = (text or "").strip()
    if state not in ANSWER_STATES:
        raise EscalationError(
            "Hãy chọn một câu trả lời: tiếp nhận, chuyển cấp trên, đã giải quyết hoặc không giải quyết được."
        )
    if not text:
        raise EscalationError(
            "Hãy ghi ý kiến của Phòng khi chuyển lên Sở."
            if state == State.FORWARDED
            else "Hãy ghi nội dung trả lời để nhà trường biết cấp trên đã làm gì, sẽ làm gì."
        )
    before = {"state": escalation.state, "office": escalation.office_id}
    answering_office = escalation.office
    escalation.state = state
    escalation.answered_at = timezone.now()
    if state == State.FORWARDED:
        escalation.forward_note = text
        parent = answering_office.parent
        if parent is not None:
            # The Sở now holds it; the Phòng keeps seeing it as forwarded.
            escalation.forwarded_from = answering_office
            escalation.office = parent
    else:
        escalation.answer = text
    escalation.save()
    _event(escalation, state, actor, text, office=answering_office)
    audit_record(
        actor=actor,
        action=f"escalation.{state}",
        obj=escalation,
        school=escalation.school,
        summary=f"{answering_office.name}: {escalation.get_state_display()} — {escalation.title}",
        changes={"state": [before["state"], state], "office": [before["office"], escalation.office_id]},
    )
    return escalation


def _event(escalation, state, actor, text, office=None) -> EscalationEvent:
    return EscalationEvent.objects.create(
        escalation=escalation,
        state=state,
        office=office,
        text=text,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(getattr(actor, "display_name", "") or "")[:150],
    )
