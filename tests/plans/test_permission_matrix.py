"""Every role × every plan action: the HTTP answer, and nothing changed when refused."""

import pytest

from caitien.plans.models import Plan, PlanComment

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

ALLOWED = {
    "view": {"principal", "vice", "council", "monitor", "staff", "admin"},
    "view_published": {"principal", "vice", "council", "monitor", "staff", "admin", "specialist"},
    "edit": {"principal", "vice", "council"},
    "submit": {"principal", "vice", "council"},
    "approve": {"principal"},
    "publish": {"principal"},
    "revise": {"principal"},
    # Staff carry out rows and suggest; the office specialist comments once the plan is published.
    "comment": {"principal", "vice", "council", "monitor", "staff", "specialist"},
    "download": {"principal", "vice", "council", "monitor", "staff", "admin"},
    "download_published": set(ROLES),
    "public_view": set(ROLES),
    "public_view_draft": set(),
}


def _client(client, cast, role):
    if role != "anonymous":
        client.force_login(getattr(cast, role))
    return client


def _state(plan):
    plan.refresh_from_db()
    first = plan.items.order_by("order").first()
    return (
        plan.status,
        plan.revision,
        first.notes if first else None,
        Plan.objects.count(),
        PlanComment.objects.count(),
    )


def _do(action, client, plans):
    """Runs the action on the plan at the right step; returns (response, plan)."""
    if action in ("view", "download", "edit", "submit", "public_view_draft"):
        plan = plans("draft")
    elif action == "approve":
        plan = plans("submitted")
    elif action == "publish":
        plan = plans("approved")
    else:
        plan = plans("published")
    item = plan.items.order_by("order").first()
    if action in ("view", "view_published"):
        return client.get(f"/ke-hoach/{plan.pk}/"), plan
    if action == "edit":
        return client.post(
            f"/ke-hoach/{plan.pk}/dong/{item.pk}/", {"notes": "Đã sửa", "revision": item.revision}
        ), plan
    if action == "submit":
        return client.post(f"/ke-hoach/{plan.pk}/gui-phe-duyet/"), plan
    if action == "approve":
        return client.post(
            f"/ke-hoach/{plan.pk}/phe-duyet/",
            {
                "number": "45/KH-THHB",
                "date": "2025-09-20",
                "signer": "Nguyễn Văn An",
                "signer_title": "HIỆU TRƯỞNG",
            },
        ), plan
    if action == "publish":
        return client.post(f"/ke-hoach/{plan.pk}/cong-khai/"), plan
    if action == "revise":
        return client.post(f"/ke-hoach/{plan.pk}/dieu-chinh/", {"reason": "Điều chỉnh kinh phí"}), plan
    if action == "comment":
        return client.post(
            f"/ke-hoach/{plan.pk}/gop-y/", {"text": "Cần rõ minh chứng.", "item": item.pk}
        ), plan
    if action in ("download", "download_published"):
        return client.get(f"/ke-hoach/{plan.pk}/tai-ve/json/"), plan
    if action in ("public_view", "public_view_draft"):
        return client.get(f"/cong-khai/{plan.pk}/"), plan
    raise AssertionError(action)


@pytest.fixture
def plans(request):
    def get(step):
        return request.getfixturevalue(step)

    return get


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_role_action(client, cast, plans, role, action):
    plan_before = None
    client = _client(client, cast, role)
    # Build the plan before acting so the "before" state is known.
    step = {"approve": "submitted", "publish": "approved"}.get(action)
    if step is None:
        step = (
            "draft" if action in ("view", "download", "edit", "submit", "public_view_draft") else "published"
        )
    plan_before = plans(step)
    before = _state(plan_before)
    response, plan = _do(action, client, plans)
    assert plan.pk == plan_before.pk
    if role in ALLOWED[action]:
        assert response.status_code in (200, 302), (response.status_code, response.content[:500])
        if action in ("edit", "submit", "approve", "publish", "revise", "comment"):
            assert _state(plan) != before
    elif step != "published" and role not in ALLOWED["view"]:
        # An unpublished plan seen from outside the school: the same 404 as a plan that does not exist.
        assert response.status_code == 404
        assert "Không tìm thấy trang" in response.content.decode()
        assert _state(plan) == before
    else:
        assert response.status_code == 403
        assert "Không có quyền truy cập" in response.content.decode()
        assert _state(plan) == before


def test_allowed_actions_do_what_they_say(client, cast, draft):
    client.force_login(cast.council)
    item = draft.items.order_by("order").first()
    client.post(f"/ke-hoach/{draft.pk}/dong/{item.pk}/", {"notes": "Đã sửa", "revision": item.revision})
    item.refresh_from_db()
    assert item.notes == "Đã sửa"
    client.post(f"/ke-hoach/{draft.pk}/gui-phe-duyet/")
    draft.refresh_from_db()
    assert draft.status == "submitted"


def test_refusal_explains_for_anonymous(client, draft):
    response = client.get(f"/ke-hoach/{draft.pk}/")
    assert response.status_code == 404  # as for a plan that does not exist
    body = response.content.decode()
    assert "Hãy đăng nhập" in body and "/dang-nhap/" in body


def test_published_plan_is_not_edited_even_by_the_principal(client, cast, published):
    client.force_login(cast.principal)
    item = published.items.first()
    response = client.post(
        f"/ke-hoach/{published.pk}/dong/{item.pk}/", {"notes": "x", "revision": item.revision}
    )
    assert response.status_code == 403
    assert "Điều chỉnh kế hoạch" in response.content.decode()
    item.refresh_from_db()
    assert item.notes == ""
