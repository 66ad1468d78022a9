"""`caitien demo`: a Phòng with three schools, a person per role, a self-assessment and a plan each."""

import io
import unicodedata

import pytest
from django.core.management import CommandError, call_command

from caitien.assessments.models import CriterionAssessment, IndicatorResult, SelfAssessment
from caitien.audit.models import AuditEvent
from caitien.catalog.models import Criterion
from caitien.plans.calendar import current_school_year
from caitien.plans.models import Plan, PlanItem
from caitien.schools import demo, permissions
from caitien.schools.models import Membership, Office, Role, School, User

MODELS = [
    Office,
    School,
    User,
    Membership,
    SelfAssessment,
    CriterionAssessment,
    IndicatorResult,
    Plan,
    PlanItem,
    AuditEvent,
]


# The three schools of the core demo (the office's demo adds generated schools to the same Phòng).
CORE = [s["short_code"] for s in demo.SCHOOLS.values()]


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def built(db):
    return run_demo()


def test_it_prints_a_table_of_logins(built):
    lines = built.splitlines()
    assert lines[0].startswith("Đã tạo dữ liệu mẫu cho năm học")
    header = next(line for line in lines if line.startswith("Tên đăng nhập"))
    assert header.split("  ")[0] == "Tên đăng nhập" and "Mật khẩu" in header and "Vai trò" in header
    for person in demo.PEOPLE:
        row = next(line for line in lines if line.startswith(person.username + " "))
        assert demo.PASSWORD in row and Role(person.role).label in row
    assert "Trường Tiểu học Thanh Phước" in built and "Phòng Giáo dục và Đào tạo huyện Gò Dầu" in built


def test_every_login_works(built, client):
    for person in demo.PEOPLE:
        assert client.login(username=person.username, password=demo.PASSWORD), person.username
        client.logout()


def test_offices_schools_and_one_person_per_role(built):
    phong = Office.objects.get(kind=Office.Kind.PHONG)
    assert phong.parent.kind == Office.Kind.SO
    schools = {s.level: s for s in School.objects.filter(office=phong, short_code__in=CORE)}
    assert set(schools) == {"mam_non", "tieu_hoc", "thcs"}
    for s in schools.values():
        assert s.regulation.school_levels and s.level in s.regulation.school_levels
        assert s.short_code and s.place and s.governing_body
    primary = schools["tieu_hoc"]
    roles = {m.role for m in Membership.objects.filter(school=primary)}
    assert roles == {
        Role.PRINCIPAL,
        Role.VICE_PRINCIPAL,
        Role.COUNCIL_MEMBER,
        Role.MONITORING_MEMBER,
        Role.STAFF,
    }
    for s in schools.values():
        assert Membership.objects.filter(school=s, role=Role.PRINCIPAL).count() == 1
    specialist = User.objects.get(username="chuyenvien")
    assert all(permissions.oversees(specialist, s) for s in schools.values())
    admin = User.objects.get(username="quantri")
    assert permissions.is_system_admin(admin) and admin.is_staff


def test_each_school_has_a_self_assessment_with_levels_from_its_indicators(built):
    year = current_school_year()
    for school in School.objects.filter(short_code__in=CORE):
        # The preschool also has last year's (the monitoring demo's level history).
        sa = SelfAssessment.objects.get(school=school, start_year=year)
        assert sa.end_year == year + 1
        criteria = Criterion.objects.filter(standard__regulation=school.regulation)
        assert sa.criteria.count() == criteria.count()
        levels = set()
        for ca in sa.criteria.prefetch_related("indicator_results__indicator", "criterion__indicators"):
            assert ca.current_state and ca.strengths
            met = {r.indicator_id: r.met for r in ca.indicator_results.all()}
            assert set(met) == {i.pk for i in ca.criterion.indicators.all()}
            expected = 0
            for level in sorted({i.level for i in ca.criterion.indicators.all()}):
                if all(met[i.pk] for i in ca.criterion.indicators.all() if i.level == level):
                    expected = level
                else:
                    break
            assert ca.level_reached == expected, ca.criterion.code
            levels.add(expected)
        assert len(levels) >= 2  # plausible: not every criterion at the same level
        assert min(levels) >= 1
        assert sa.school_level_reached >= 1


def test_each_school_has_a_plan_in_another_state(built):
    year = current_school_year()
    plans = {
        p.school.level: p
        for p in Plan.objects.filter(school__short_code__in=CORE, start_year=year).select_related("school")
    }
    assert {p.status for p in plans.values()} == {"draft", "submitted", "published"}
    published = next(p for p in plans.values() if p.status == "published")
    assert permissions.can_view_public_plan(published)
    assert published.document_number.endswith(f"/KH-{published.school.short_code}")
    assert published.date and published.signer_name
    for plan in plans.values():
        assert (plan.start_year, plan.end_year) == (year, year + 1)
        assert plan.self_assessment.school == plan.school
        items = list(plan.items.all())
        assert 5 <= len(items) <= 8
        for item in items:
            assert item.criterion is not None, item.criterion_code
            assert item.expected_result and item.solutions and item.lead_text and item.time_text
            assert str(year) in item.time_text or str(year + 1) in item.time_text
            assert item.start_month and item.end_month and item.start_month <= item.end_month
            assert item.budget_text
            # The row aims above what the self-assessment found for its criterion.
            reached = plan.self_assessment.criteria.get(criterion=item.criterion).level_reached
            assert int(item.level.split()[-1]) > reached
        assert any(item.budget_amounts for item in items)
    new_form = plans["thcs"]
    assert new_form.regulation.plan_form["code"] == "57-mau-2"
    assert all(i.indicator and i.expected_evidence.startswith("MC.") for i in new_form.items.all())
    assert new_form.priority_issues and len(new_form.monitoring) == 2


def test_everything_a_person_reads_is_nfc_vietnamese(built):
    texts = [built]
    for item in PlanItem.objects.all():
        texts += [item.expected_result, item.solutions, item.lead_text, item.time_text, item.budget_text]
    for ca in CriterionAssessment.objects.all():
        texts += [ca.current_state, ca.strengths, ca.weaknesses]
    texts += [u.full_name for u in User.objects.all()] + [s.name for s in School.objects.all()]
    for text in texts:
        assert unicodedata.normalize("NFC", text) == text


def test_every_change_is_in_the_audit_log(built):
    assert AuditEvent.objects.filter(action="school.create").count() == 3
    # This year's preschool plan, and its plan of last year (the monitoring demo closes it).
    assert AuditEvent.objects.filter(action="plan.publish").count() == 2
    core_items = PlanItem.objects.filter(plan__school__short_code__in=CORE).count()
    assert AuditEvent.objects.filter(action="plan_item.create").count() == core_items
    # The generated schools of the office's demo are recorded as one generation.
    assert AuditEvent.objects.filter(action="province.generate").count() == 1


def test_running_twice_changes_nothing_and_prints_the_logins_again(built):
    counts = {m.__name__: m.objects.count() for m in MODELS}
    again = run_demo()
    assert again.splitlines()[0] == "Dữ liệu mẫu đã có sẵn, không thay đổi gì."
    assert {m.__name__: m.objects.count() for m in MODELS} == counts
    for person in demo.PEOPLE:
        assert any(
            line.startswith(person.username + " ") and demo.PASSWORD in line for line in again.splitlines()
        )


def test_it_refuses_to_take_over_existing_usernames(db):
    User.objects.create_user(username="hieutruong", password="mat-khau-that")
    with pytest.raises(CommandError, match="Tên đăng nhập hieutruong đã có người dùng"):
        run_demo()
    assert not School.objects.exists()


def test_it_refuses_a_half_present_demo(built):
    School.objects.filter(short_code="MNHM").delete()
    with pytest.raises(CommandError, match="chưa đủ dữ liệu mẫu"):
        run_demo()
