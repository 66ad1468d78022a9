"""Escalations: a school sends, its Phòng answers or forwards to the Sở, every step kept and audited."""

import pytest

from caitien.audit.models import AuditEvent
from caitien.escalations.models import Escalation
from caitien.escalations.services import EscalationError, escalation_answer, escalation_create


def _send(cast, row, **extra):
    values = {
        "actor": cast.principal,
        "item": row,
        "kind": "equipment",
        "title": "Sửa chữa 04 phòng học thấm dột",
        "reason": "Mùa mưa 04 phòng học thấm dột.",
        "addressee": "ubnd",
        "amount_vnd": 350_000_000,
        "steps_taken": "Đã che chắn tạm.",
    }
    values.update(extra)
    return escalation_create(**values)


def test_a_row_becomes_an_escalation_with_the_office_of_the_school(cast, published):
    plan, rows = published
    e = _send(cast, rows[0])
    assert (e.school, e.office, e.plan, e.item, e.state) == (cast.primary, cast.phong, plan, rows[0], "sent")
    assert "Tham mưu với UBND huyện" in e.origin_text and "Tiêu chí: 3.2" in e.origin_text
    assert [(ev.state, ev.text) for ev in e.events.all()] == [("sent", "Mùa mưa 04 phòng học thấm dột.")]
    assert AuditEvent.objects.filter(
        action="escalation.create", object_id=str(e.pk), school=cast.primary
    ).exists()


def test_an_escalation_without_a_row_names_its_school(cast):
    e = escalation_create(
        actor=cast.vice,
        school=cast.primary,
        kind="staffing",
        title="Bổ sung nhân viên y tế",
        reason="Chưa có.",
    )
    assert e.item is None and e.office == cast.phong and e.addressee == "phong"


@pytest.mark.parametrize("who", ["council", "staff", "monitor", "specialist", "other_principal"])
def test_only_the_school_leadership_sends(cast, published, who):
    with pytest.raises(EscalationError, match="Chỉ Hiệu trưởng, Phó Hiệu trưởng"):
        _send(cast, published[1][0], actor=getattr(cast, who))
    assert Escalation.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "  ", "Hãy ghi ngắn gọn nội dung đề xuất"),
        ("reason", "", "Hãy ghi lý do"),
        ("kind", "roads", "Hãy chọn loại đề xuất"),
        ("addressee", "bo", "Hãy chọn nơi nhận"),
        ("amount_vnd", -5, "Kinh phí đề nghị phải là một số tiền hợp lệ"),
        ("title", "x" * 301, "dài quá 300 ký tự"),
    ],
)
def test_bad_input_is_refused_with_a_message(cast, published, field, value, message):
    with pytest.raises(EscalationError, match=message):
        _send(cast, published[1][0], **{field: value})
    assert (
        Escalation.objects.count() == 0 and not AuditEvent.objects.filter(action="escalation.create").exists()
    )


def test_the_phong_receives_forwards_and_the_so_resolves(cast, published, so_specialist):
    e = _send(cast, published[1][0])
    e = escalation_answer(
        escalation=e, actor=cast.specialist, state="received", text="Phòng đã nhận, sẽ khảo sát."
    )
    assert (e.state, e.answer, e.office) == ("received", "Phòng đã nhận, sẽ khảo sát.", cast.phong)
    e = escalation_answer(
        escalation=e, actor=cast.specialist, state="forwarded", text="Kinh phí vượt khả năng của huyện."
    )
    assert (e.state, e.office, e.forwarded_from, e.forward_note) == (
        "forwarded",
        cast.so,
        cast.phong,
        "Kinh phí vượt khả năng của huyện.",
    )
    # The Phòng no longer holds it; the Sở does.
    with pytest.raises(EscalationError, match="Chỉ chuyên viên của Sở"):
        escalation_answer(escalation=e, actor=cast.specialist, state="resolved", text="Xong")
    e = escalation_answer(
        escalation=e, actor=so_specialist, state="resolved", text="Sở bố trí kinh phí năm 2026."
    )
    assert (e.state, e.answer, e.office) == ("resolved", "Sở bố trí kinh phí năm 2026.", cast.so)
    with pytest.raises(EscalationError, match="đã được trả lời “Đã giải quyết”"):
        escalation_answer(escalation=e, actor=so_specialist, state="received", text="Lại")
    events = [(ev.state, ev.office_id, ev.actor_name) for ev in e.events.all()]
    assert events == [
        ("sent", None, "Nguyễn Văn An"),
        ("received", cast.phong.pk, "Võ Văn Phúc"),
        ("forwarded", cast.phong.pk, "Võ Văn Phúc"),
        ("resolved", cast.so.pk, "Lý Thị Sương"),
    ]
    assert AuditEvent.objects.filter(object_type="escalation", object_id=str(e.pk)).count() == 4


def test_an_answer_needs_a_state_and_a_text(cast, published):
    e = _send(cast, published[1][0])
    with pytest.raises(EscalationError, match="Hãy chọn một câu trả lời"):
        escalation_answer(escalation=e, actor=cast.specialist, state="sent", text="x")
    with pytest.raises(EscalationError, match="Hãy ghi ý kiến của Phòng"):
        escalation_answer(escalation=e, actor=cast.specialist, state="forwarded", text=" ")
    with pytest.raises(EscalationError, match="Hãy ghi nội dung trả lời"):
        escalation_answer(escalation=e, actor=cast.specialist, state="resolved", text="")
    e.refresh_from_db()
    assert e.state == "sent" and e.events.count() == 1


def test_the_so_forwarding_keeps_it_and_waits_for_the_province(cast, published, so_specialist):
    e = _send(cast, published[1][0])
    e = escalation_answer(escalation=e, actor=cast.specialist, state="forwarded", text="Chuyển Sở.")
    e = escalation_answer(escalation=e, actor=so_specialist, state="forwarded", text="Đã trình UBND tỉnh.")
    assert (e.office, e.state, e.forwarded_from, e.forward_note) == (
        cast.so,
        "forwarded",
        cast.phong,
        "Đã trình UBND tỉnh.",
    )
    assert e.is_open
