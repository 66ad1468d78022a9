"""What a person reads of a plan is only what they may read: findings, versions, refusals."""

import re

import pytest

from caitien.assessments.models import CriterionAssessment
from caitien.assessments.services import criterion_assessment_update, self_assessment_create
from caitien.checks.engine import CHECKS
from caitien.checks.saved import RULES_FROM_SELF_ASSESSMENT
from caitien.plans import services
from caitien.plans.models import Plan

SECRET = "Phòng thiết bị xuống cấp nặng, chưa báo cáo cấp trên"


@pytest.fixture
def assessed(published, cast):
    """The published plan linked to a self-assessment whose weakness the plan does not cover."""
    sa = self_assessment_create(school=cast.primary, start_year=2025, actor=cast.principal)
    ca = CriterionAssessment.objects.get(self_assessment=sa, criterion__code="2.1")
    criterion_assessment_update(
        assessment=ca, actor=cast.principal, current_state="", strengths="", weaknesses=SECRET
    )
    Plan.objects.filter(pk=published.pk).update(self_assessment=sa)
    published.refresh_from_db()
    return published


def _as(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def test_the_rules_that_quote_the_self_assessment_are_all_named():
    from caitien.checks import saved  # noqa: F401 (registers its rules)

    of_saved = {r for ids, fn in CHECKS if fn.__module__ == "caitien.checks.saved" for r in ids}
    assert of_saved == RULES_FROM_SELF_ASSESSMENT


def test_api_findings_quote_the_self_assessment_only_to_its_readers(client, cast, assessed):
    url = f"/api/plans/{assessed.pk}/findings"
    for user in (None, cast.other_principal, cast.other_teacher):
        response = _as(client, user).get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert SECRET not in body and "Tự đánh giá" not in body and "theo tự đánh giá" not in body
        assert not {f["rule"] for f in response.json()["findings"]} & RULES_FROM_SELF_ASSESSMENT
    for user in (cast.principal, cast.staff, cast.specialist):
        findings = _as(client, user).get(url).json()["findings"]
        assert any(SECRET in f["message"] for f in findings), user


def test_plan_pages_quote_the_self_assessment_only_to_its_readers(client, cast, assessed):
    public = _as(client, None).get(f"/cong-khai/{assessed.pk}/")
    assert public.status_code == 200 and SECRET not in public.content.decode()
    other = _as(client, cast.other_principal).get(f"/cong-khai/{assessed.pk}/")
    assert other.status_code == 200 and SECRET not in other.content.decode()
    inside = _as(client, cast.principal).get(f"/ke-hoach/{assessed.pk}/")
    assert SECRET in inside.content.decode()


def test_service_keeps_the_whole_list_for_the_workflow(assessed, cast):
    from django.contrib.auth.models import AnonymousUser

    everything = services.plan_findings(assessed)
    public = services.plan_findings(assessed, reader=AnonymousUser())
    assert any(SECRET in f.message for f in everything)
    assert [f for f in everything if f.rule not in RULES_FROM_SELF_ASSESSMENT] == public


@pytest.fixture
def revising(published, cast):
    return services.plan_revise(plan=published, reason="Điều chỉnh kinh phí mái che", actor=cast.principal)


def test_a_specialist_never_sees_an_unpublished_revision(client, cast, published, revising):
    _as(client, cast.specialist)
    page = client.get(f"/ke-hoach/{published.pk}/").content.decode()
    assert f"/ke-hoach/{revising.pk}/" not in page
    compare = client.get(f"/ke-hoach/{published.pk}/so-sanh/?voi={revising.pk}")
    if compare.status_code == 200:
        text = compare.content.decode()
        assert f'value="{revising.pk}"' not in text and "Phiên bản 2" not in text
    else:
        assert compare.status_code == 302  # only one version to compare with: back to the plan
    assert client.get(f"/ke-hoach/{revising.pk}/so-sanh/").status_code == 404
    # The school sees both.
    _as(client, cast.principal)
    text = client.get(f"/ke-hoach/{published.pk}/so-sanh/?voi={revising.pk}").content.decode()
    assert "Phiên bản 2" in text


def _without_ids(text: str, *ids) -> str:
    for n in sorted(ids, reverse=True):  # the longer number first: it may contain the shorter
        text = text.replace(str(n), "N")
    return re.sub(r'"X-CSRFToken": "[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"', "", text)


@pytest.mark.parametrize("who", [None, "other_principal", "specialist"])
def test_a_hidden_plan_is_answered_like_a_missing_one(client, cast, draft, who):
    _as(client, getattr(cast, who) if who else None)
    missing = 10_000_000 + draft.pk
    for pattern in ("/ke-hoach/{}/", "/ke-hoach/{}/so-sanh/", "/ke-hoach/{}/tai-ve/docx/", "/cong-khai/{}/"):
        hidden, absent = client.get(pattern.format(draft.pk)), client.get(pattern.format(missing))
        assert hidden.status_code == absent.status_code == 404, pattern
        assert _without_ids(hidden.content.decode(), draft.pk, missing) == _without_ids(
            absent.content.decode(), draft.pk, missing
        )
    for pattern in ("/api/plans/{}", "/api/plans/{}/findings", "/api/plans/{}/reviews"):
        hidden, absent = client.get(pattern.format(draft.pk)), client.get(pattern.format(missing))
        assert hidden.status_code == absent.status_code == 404, pattern
        assert _without_ids(hidden.json()["detail"], draft.pk) == _without_ids(
            absent.json()["detail"], missing
        )


@pytest.mark.parametrize("who", [None, "other_principal", "specialist"])
def test_no_action_on_a_hidden_plan_tells_it_exists(client, cast, draft, who):
    """Every page about one plan (found by the URL resolver, actions included) answers a hidden
    plan exactly as a missing one, GET and POST."""
    from tests.security.test_odd_values import _routes

    client.raise_request_exception = False
    _as(client, getattr(cast, who) if who else None)
    item = draft.items.first()
    missing = 10_000_000 + draft.pk
    routes = [r for r, _cb in _routes() if r.startswith(("ke-hoach/<int:pk>/", "cong-khai/<int:pk>/"))]
    assert len(routes) > 20

    def fill(route, pk):
        path = re.sub(r"<int:pk>", str(pk), route)
        path = re.sub(r"<int:item_pk>", str(item.pk), path)
        path = re.sub(r"<int:\w+>", "1", path)
        return "/" + re.sub(r"<(?:str|slug):\w+>", "docx", path)

    differ = []
    for route in routes:
        for method in ("get", "post"):
            hidden = getattr(client, method)(fill(route, draft.pk))
            absent = getattr(client, method)(fill(route, missing))
            if hidden.status_code != absent.status_code:
                differ.append(f"{method.upper()} {route}: {hidden.status_code} vs {absent.status_code}")
    assert not differ, "\n".join(differ)
