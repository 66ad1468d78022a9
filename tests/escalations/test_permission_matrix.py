"""Every role × every action of the office's side (escalations, overview, calendar, solution library,
roll-up): the HTTP answer, and nothing changed when refused."""

import pytest

from caitien.audit.models import AuditEvent
from caitien.audit.services import ACCESS_ACTIONS
from caitien.escalations.models import Escalation, EscalationEvent
from caitien.escalations.services import escalation_create
from caitien.offices.models import OfficeCalendar
from caitien.plans.models import PlanItem
from caitien.plans.services import plan_create, plan_item_add

ROLES = [
    "principal",
    "vice",
    "council",
    "monitor",
    "staff",
    "specialist",
    "admin",
    "other_principal",
    "other_teacher",
    "anonymous",
]
IN_SCHOOL = {"principal", "vice", "council", "monitor", "staff"}
ALLOWED = {
    "escalation_create": {"principal", "vice"},
    "escalation_view": IN_SCHOOL | {"specialist", "admin"},
    "escalation_answer": {"specialist"},
    "escalation_queue": {"specialist"},
    "office_overview": {"specialist"},
    "school_overview": IN_SCHOOL | {"specialist", "admin"},
    "calendar_set": {"specialist"},
    "solution_use": {"principal", "vice", "council"},
    "rollup_api": {"specialist", "admin"},
}
# Refusals answered as a missing number (the person may not know the object exists).
HIDDEN = {
    *(
        (who, action)
        for who in ("other_principal", "other_teacher")
        for action in ("escalation_view", "escalation_answer")
    ),
    *((who, "solution_use") for who in ("specialist", "other_principal", "other_teacher")),
}


@pytest.fixture
def world(cast):
    escalation = escalation_create(
        actor=cast.principal, school=cast.primary, kind="land", title="Mở rộng sân chơi", reason="Sân hẹp."
    )
    plan = plan_create(school=cast.primary, actor=cast.principal, start_year=2025, end_year=2026)
    row = plan_item_add(
        plan=plan, actor=cast.principal, values={"criterion_code": "3.2", "solutions": "Rà soát."}
    )
    return {"escalation": escalation, "row": row}


def _state():
    return (
        Escalation.objects.count(),
        EscalationEvent.objects.count(),
        OfficeCalendar.objects.count(),
        list(PlanItem.objects.values_list("solutions", flat=True)),
        # Refusals are recorded too (audit_access); the state is the data's changes.
        AuditEvent.objects.exclude(action__in=ACCESS_ACTIONS).count(),
    )


def _do(action, client, cast, world):
    e, row = world["escalation"], world["row"]
    if action == "escalation_create":
        return client.post(
            f"/de-xuat/moi/?truong={cast.primary.pk}",
            {
                "kind": "staffing",
                "addressee": "phong",
                "title": "Thêm giáo viên",
                "reason": "Thiếu 2 giáo viên",
            },
        )
    if action == "escalation_view":
        return client.get(f"/de-xuat/{e.pk}/")
    if action == "escalation_answer":
        return client.post(f"/de-xuat/{e.pk}/tra-loi/", {"state": "received", "text": "Đã nhận."})
    if action == "escalation_queue":
        return client.get("/de-xuat/co-quan/")
    if action == "office_overview":
        return client.get("/tong-quan/")
    if action == "school_overview":
        return client.get(f"/tong-quan/truong/{cast.primary.pk}/")
    if action == "calendar_set":
        return client.post(f"/co-quan/lich/?co-quan={cast.phong.pk}&nam=2025", {"plan_due": "15/10/2025"})
    if action == "solution_use":
        return client.post(f"/giai-phap/dong/{row.pk}/dung/", {"solution": "Sửa mái."})
    if action == "rollup_api":
        return client.get(f"/api/offices/{cast.phong.code}/rollup")
    raise AssertionError(action)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_role_action(client, cast, world, role, action):
    if role != "anonymous":
        client.force_login(getattr(cast, role))
    before = _state()
    response = _do(action, client, cast, world)
    if role in ALLOWED[action]:
        assert response.status_code in (200, 302), (
            role,
            action,
            response.status_code,
            response.content[:300],
        )
        if response.status_code == 302:
            assert "/dang-nhap/" not in response["Location"]
        if action in ("escalation_create", "escalation_answer", "calendar_set", "solution_use"):
            assert _state() != before
    else:
        if role == "anonymous" and action != "rollup_api":
            assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
        else:
            # Another school's escalation, an unpublished plan's row: not even known to exist.
            expected = 404 if (role, action) in HIDDEN else 403
            assert response.status_code == expected, (role, action, response.status_code)
        assert _state() == before
