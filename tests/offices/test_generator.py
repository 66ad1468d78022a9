"""The province generator: the shape it promises, on a small scale, and the command around it."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from caitien.assessments.models import CriterionAssessment, SelfAssessment
from caitien.audit.models import AuditEvent
from caitien.offices.generator import GenerateError, province_generate
from caitien.plans.models import Plan, PlanItem
from caitien.schools.models import Membership, Office, Role, School


def test_generate_builds_offices_schools_assessments_and_plans(catalog, client):
    r = province_generate(offices=3, schools=12, plans=5, rows=4, prefix="GT", school_year=2025)
    assert r.so.code == "SO-GT" and [o.code for o in r.offices] == ["PGD-GT-01", "PGD-GT-02", "PGD-GT-03"]
    schools = School.objects.filter(short_code__startswith="GT")
    assert schools.count() == 12 == r.schools
    assert set(schools.values_list("office__parent__code", flat=True)) == {"SO-GT"}
    assert {s.office_id for s in schools} == {o.pk for o in r.offices}  # every Phòng has schools
    assert len({s.regulation.generation for s in schools}) == 2  # both generations of regulation
    plans = Plan.objects.filter(school__in=schools)
    assert plans.count() == 60 == r.plans
    assert PlanItem.objects.filter(plan__in=plans).count() == 240 == r.rows
    for school in schools:
        mine = list(plans.filter(school=school).order_by("start_year", "version"))
        assert [p.start_year for p in mine] == [2022, 2023, 2024, 2024, 2025]
        superseded, adjusted = mine[2], mine[3]
        assert superseded.status == "superseded" and adjusted.status == "published"
        assert adjusted.lineage == superseded and adjusted.previous == superseded and adjusted.version == 2
        assert mine[-1].status in {"draft", "submitted", "approved", "published"}
    sas = SelfAssessment.objects.filter(school__in=schools, start_year=2025)
    assert sas.count() == r.assessments > 0
    sa = sas.first()
    assert CriterionAssessment.objects.filter(self_assessment=sa).count() == len(
        sa.regulation.registry.criteria
    )
    # The current plan rows start from the weakest criteria of the self-assessment.
    current = plans.get(school=sa.school, start_year=2025)
    first = current.items.order_by("order").first()
    weakest = min(ca.level_reached for ca in sa.criteria.all())
    assert sa.criteria.get(criterion__code=first.criterion_code).level_reached == weakest
    assert AuditEvent.objects.filter(action="province.generate", object_id=str(r.so.pk)).count() == 1
    # The logins it names work.
    assert Membership.objects.get(user__username=r.so_specialist).role == Role.OFFICE_SPECIALIST
    assert client.login(username=r.principals[0], password=r.password)
    assert client.login(username=r.office_specialists[-1], password=r.password)


def test_generate_is_repeatable_with_the_same_seed(catalog):
    a = province_generate(offices=1, schools=3, plans=2, rows=3, prefix="AA", school_year=2025, seed=7)
    b = province_generate(offices=1, schools=3, plans=2, rows=3, prefix="BB", school_year=2025, seed=7)

    def shape(prefix):
        return [
            (p.status, [(i.criterion_code, i.solutions) for i in p.items.order_by("order")])
            for p in Plan.objects.filter(school__short_code__startswith=prefix).order_by(
                "school__short_code", "pk"
            )
        ]

    assert a.plans == b.plans and shape("AA") == shape("BB")


def test_generate_refuses_a_prefix_already_used_and_bad_sizes(catalog):
    province_generate(offices=1, schools=1, plans=1, rows=1, prefix="XY")
    with pytest.raises(GenerateError, match="Đã có Sở mang mã SO-XY"):
        province_generate(offices=1, schools=1, prefix="XY")
    with pytest.raises(GenerateError, match="Tiền tố mã"):
        province_generate(prefix="Đ-1")
    with pytest.raises(GenerateError, match="từ 1 trở lên"):
        province_generate(offices=0, prefix="ZZ")
    assert Office.objects.filter(code__startswith="SO-").count() == 1


def test_generate_command_prints_what_it_made(catalog):
    out = io.StringIO()
    call_command(
        "province_generate",
        "--offices",
        "2",
        "--schools",
        "4",
        "--plans",
        "2",
        "--rows",
        "3",
        "--prefix",
        "CMD",
        "--year",
        "2025",
        stdout=out,
    )
    text = out.getvalue()
    assert "2 Phòng, 4 trường" in text and "8 kế hoạch, 24 dòng kế hoạch" in text and "cmd_so" in text
    with pytest.raises(CommandError, match="Đã có Sở mang mã SO-CMD"):
        call_command("province_generate", "--prefix", "CMD", stdout=io.StringIO())


def test_published_plans_are_carried_out_with_tasks_updates_and_review_points(catalog):
    """Rows of published plans get a status, tasks and progress as the execution services keep them
    (the row's progress is the mean of its tasks'), and each lineage its two review points."""
    import datetime

    from caitien.execution.models import ProgressUpdate, RowProgress, Task
    from caitien.monitoring.models import ReviewPoint

    r = province_generate(
        offices=1, schools=4, plans=3, rows=5, prefix="GX", school_year=2025, today=datetime.date(2026, 3, 1)
    )
    carried = Plan.objects.filter(school__short_code__startswith="GX", status__in=["published", "superseded"])
    rows = PlanItem.objects.filter(plan__in=carried)
    assert RowProgress.objects.filter(item_key__in=rows.values("key")).count() == rows.count() > 0
    assert Task.objects.filter(item_key__in=rows.values("key")).count() == r.tasks >= rows.count()
    for progress in RowProgress.objects.filter(item_key__in=rows.values("key"))[:20]:
        shares = list(Task.objects.filter(item_key=progress.item_key).values_list("progress", flat=True))
        assert progress.progress == round(sum(shares) / len(shares))
        assert Plan.objects.get(pk=progress.plan_id).lineage_id is None  # kept on the lineage's root
    assert ProgressUpdate.objects.filter(plan__school__short_code__startswith="GX").exists()
    roots = carried.filter(lineage=None)
    assert ReviewPoint.objects.filter(plan__in=roots).count() == 2 * roots.count() == r.review_points
    # Points planned before "today" are mostly recorded; later ones never.
    assert not ReviewPoint.objects.filter(
        planned_date__gte=datetime.date(2026, 3, 1), recorded_on__isnull=False
    ).exists()
