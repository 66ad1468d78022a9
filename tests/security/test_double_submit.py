"""A workflow step sent twice (a double click, two people at once) answers the loser in Vietnamese,
never with a 500. The race is reproduced exactly: the loser's request has passed its permission
check on the plan as it was, and the winner's step lands before the loser's service runs."""

import datetime

import pytest

from caitien.plans import services
from caitien.plans.models import Plan
from tests.plans.conftest import make_plan

APPROVE = {
    "number": "45/KH-THHB",
    "date": "20/09/2025",
    "signer": "Nguyễn Văn An",
    "signer_title": "HIỆU TRƯỞNG",
}


def _at(step, cast):
    plan = make_plan(cast.primary, cast.principal)
    if step == "draft":
        return plan
    plan = services.plan_submit(plan=plan, actor=cast.vice)
    if step == "submitted":
        return plan
    plan = services.plan_approve(
        plan=plan,
        actor=cast.principal,
        number="45/KH-THHB",
        date=datetime.date(2025, 9, 20),
        signer="An",
    )
    if step == "approved":
        return plan
    return services.plan_publish(plan=plan, actor=cast.principal)


STEPS = [
    # (service, plan step before, url, posted data)
    ("plan_submit", "draft", "gui-phe-duyet", {}),
    ("plan_return", "submitted", "tra-lai", {"reason": "Cần bổ sung minh chứng."}),
    ("plan_approve", "submitted", "phe-duyet", APPROVE),
    ("plan_publish", "approved", "cong-khai", {}),
    ("plan_revise", "published", "dieu-chinh", {"reason": "Điều chỉnh kinh phí."}),
]


@pytest.mark.parametrize(("service", "step", "url", "data"), STEPS, ids=[s[0] for s in STEPS])
def test_the_loser_of_a_race_gets_a_vietnamese_answer(client, cast, monkeypatch, service, step, url, data):
    plan = _at(step, cast)
    real = getattr(services, service)

    def winner_first(**kwargs):
        real(**kwargs)  # the other request's step lands first…
        return real(**kwargs)  # …then this one runs on the plan as it now is

    monkeypatch.setattr(services, service, winner_first)
    client.raise_request_exception = False
    client.force_login(cast.principal)
    response = client.post(f"/ke-hoach/{plan.pk}/{url}/", data, follow=True)
    assert response.status_code in (200, 400), response.status_code
    text = response.content.decode()
    assert "Hệ thống đang gặp lỗi" not in text
    assert any(
        words in text
        for words in (
            "có thể thao tác này vừa được thực",
            "Chỉ trả lại được",
            "Chỉ phê duyệt được",
            "đã có bản điều chỉnh",
        )
    ), text[:2000]


@pytest.mark.parametrize(("service", "step", "url", "data"), STEPS, ids=[s[0] for s in STEPS])
def test_a_step_sent_twice_is_refused_in_vietnamese_the_second_time(client, cast, service, step, url, data):
    plan = _at(step, cast)
    client.raise_request_exception = False
    client.force_login(cast.principal)
    first = client.post(f"/ke-hoach/{plan.pk}/{url}/", data)
    assert first.status_code == 302
    second = client.post(f"/ke-hoach/{plan.pk}/{url}/", data)
    assert second.status_code in (302, 400, 403, 404), second.status_code
    if second.status_code in (400, 403):
        assert "Chỉ" in second.content.decode() or "đã có bản điều chỉnh" in second.content.decode()
    assert Plan.objects.filter(school=cast.primary).count() == (2 if service == "plan_revise" else 1)
