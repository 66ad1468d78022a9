"""Findings are stored per plan and read back while the plan is unchanged; any change checks it again,
the stored findings always equal a fresh run of the checker, and the public page never runs it."""

import io

import pytest
from django.core.management import call_command

from caitien import checks
from caitien.checks.models import StoredFindings
from caitien.plans import services
from caitien.plans.documents import check_context_for, plan_to_document
from caitien.plans.models import Plan
from tests.plans.conftest import make_plan


def fresh_findings(plan):
    """What the checker says when asked directly, with the same draft-only filter as pages."""
    findings = checks.run_checks(plan_to_document(plan), context=check_context_for(plan))
    if plan.status in (Plan.Status.DRAFT, Plan.Status.SUBMITTED):
        unset = {"document-number-format": not plan.document_number, "date-format": plan.date is None}
        findings = [f for f in findings if not unset.get(f.rule)]
    return [f.to_dict() for f in findings]


@pytest.fixture
def checker_runs(monkeypatch):
    """Counts the real checker's runs (it still runs)."""
    calls = []
    real = checks.run_checks

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(checks, "run_checks", counting)
    return calls


@pytest.mark.django_db
def test_stored_findings_equal_fresh_ones_on_every_demo_plan(catalog):
    call_command("demo", stdout=io.StringIO())
    plans = list(Plan.objects.select_related("school", "regulation", "self_assessment").order_by("pk"))
    assert len(plans) > 10
    StoredFindings.objects.all().delete()
    for plan in plans:
        first = [f.to_dict() for f in services.plan_findings(plan)]  # checked and stored
        again = [f.to_dict() for f in services.plan_findings(plan)]  # read back
        assert first == again == fresh_findings(plan), plan.pk
    assert StoredFindings.objects.count() == len(plans)
    assert any(s.findings for s in StoredFindings.objects.all())


@pytest.mark.django_db
def test_the_checker_runs_again_only_when_the_plan_changes(cast, checker_runs):
    plan = make_plan(cast.primary, cast.principal)
    services.plan_findings(plan)
    services.plan_findings(plan)
    assert len(checker_runs) == 1

    row = plan.items.order_by("order").first()
    services.plan_item_update(
        item=row,
        actor=cast.principal,
        values={"lead_text": "", "coordinators_text": ""},
        revision=row.revision,
    )
    findings = services.plan_findings(plan)
    assert len(checker_runs) == 2
    assert any(f.rule == "missing-lead" and f.item == 0 for f in findings)
    services.plan_findings(plan)
    assert len(checker_runs) == 2
    assert [f.to_dict() for f in findings] == fresh_findings(plan)


@pytest.mark.django_db
def test_a_changed_self_assessment_checks_the_plan_again(cast, checker_runs):
    from caitien.assessments.services import self_assessment_create

    assessment = self_assessment_create(school=cast.primary, start_year=2024, actor=cast.principal)
    plan = make_plan(cast.primary, cast.principal)
    plan.self_assessment = assessment
    plan.save(update_fields=["self_assessment"])
    before = services.plan_findings(plan)
    runs = len(checker_runs)
    assert not any("khuyết tật" in f.message for f in before)
    assessment.criteria.filter(criterion__code="4.1").update(
        weaknesses="Chưa có kế hoạch bồi dưỡng giáo viên dạy học sinh khuyết tật"
    )
    findings = services.plan_findings(plan)
    assert len(checker_runs) == runs + 1
    assert any(f.rule == "weakness-not-covered" and "khuyết tật" in f.message for f in findings)
    assert [f.to_dict() for f in findings] == fresh_findings(plan)


@pytest.mark.django_db
def test_the_public_page_never_runs_the_checker(cast, client, checker_runs):
    import datetime

    plan = make_plan(cast.primary, cast.principal)
    services.plan_submit(plan=plan, actor=cast.principal)
    services.plan_approve(
        plan=plan, actor=cast.principal, number="1/KH-THHB", date=datetime.date(2025, 9, 20), signer="An"
    )
    services.plan_publish(plan=plan, actor=cast.principal)
    StoredFindings.objects.all().delete()
    runs = len(checker_runs)
    response = client.get(f"/cong-khai/{plan.pk}/")
    assert response.status_code == 200
    assert len(checker_runs) == runs
    assert not StoredFindings.objects.exists()


@pytest.mark.django_db
def test_the_principals_home_costs_the_same_queries_whatever_the_rows(cast, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.plans.conftest import ROWS

    client.force_login(cast.principal)
    counts = []
    for n in (3, 20):
        Plan.objects.filter(school=cast.primary).delete()
        rows = [{**ROWS[i % len(ROWS)], "notes": f"Dòng {i + 1}"} for i in range(n)]
        make_plan(cast.primary, cast.principal, rows=rows)
        client.get("/")  # the findings are checked and stored
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
