"""Self-assessment services: rows created, levels recomputed, conflicts caught, audit written."""

import pytest

from caitien.assessments import selectors, services
from caitien.assessments.models import CriterionAssessment, SelfAssessment, StandardAssessment
from caitien.audit.models import AuditEvent
from caitien.schools.services import school_create

from .helpers import answer_up_to


@pytest.fixture
def sa(cast):
    return services.self_assessment_create(school=cast.primary, start_year=2026, actor=cast.principal)


@pytest.fixture
def school57(cast, catalog):
    return school_create(
        name="Trường Tiểu học Tân Phú",
        level="tieu_hoc",
        office=cast.phong,
        governing_body="UBND huyện Dầu Tiếng",
        place="Tân Phú",
        short_code="THTP",
        regulation=catalog["tt57-2026-pl2"],
    )


def test_create_makes_a_row_per_criterion_and_audits(cast, sa):
    assert sa.regulation == cast.primary.regulation
    assert (sa.start_year, sa.end_year, sa.target_level) == (2026, 2027, 2)
    assert sa.criteria.count() == 27
    assert sa.standards.count() == 0  # the 2018 circulars ask for no per-standard texts
    ev = AuditEvent.objects.get(action="self_assessment.create")
    assert ev.actor == cast.principal and ev.school == cast.primary and ev.object_id == str(sa.pk)


def test_create_twice_for_the_same_year_is_refused_in_vietnamese(cast, sa):
    with pytest.raises(services.AssessmentError, match="đã có tự đánh giá năm học 2026-2027"):
        services.self_assessment_create(school=cast.primary, start_year=2026, actor=cast.principal)
    assert SelfAssessment.objects.filter(school=cast.primary).count() == 1


def test_create_with_a_target_above_the_regulation_is_refused(school57, cast):
    with pytest.raises(services.AssessmentError, match="từ 1 đến 2"):
        services.self_assessment_create(
            school=school57, start_year=2026, actor=cast.principal, target_level=3
        )


def test_create_under_57_also_makes_standard_rows(school57, cast):
    sa = services.self_assessment_create(school=school57, start_year=2026, actor=cast.principal)
    assert sa.criteria.count() == 15
    assert sorted(sa.standards.values_list("standard__number", flat=True)) == [1, 2, 3, 4]


def test_indicator_results_recompute_criterion_and_school_levels(cast, sa):
    ca = sa.criteria.get(criterion__code="1.1")
    answer_up_to(ca, 2, cast.council)
    assert ca.level_reached == 2
    sa.refresh_from_db()
    assert sa.school_level_reached == 0  # the other criteria are not assessed yet
    for other in sa.criteria.exclude(pk=ca.pk):
        answer_up_to(other, 1, cast.council)
    sa.refresh_from_db()
    assert sa.school_level_reached == 1
    assert AuditEvent.objects.filter(action="self_assessment.indicator").count() == sum(
        c.criterion.indicators.count() for c in sa.criteria.all()
    )


def test_unticking_an_indicator_lowers_the_level(cast, sa):
    ca = answer_up_to(sa.criteria.get(criterion__code="1.1"), 3, cast.council)
    assert ca.level_reached == 3
    first = ca.criterion.indicators.get(level=1, position=0)
    services.indicator_result_set(assessment=ca, indicator=first, met=False, actor=cast.council)
    ca.refresh_from_db()
    assert ca.level_reached == 0
    ev = AuditEvent.objects.filter(action="self_assessment.indicator").latest("pk")
    assert ev.changes["level_reached"] == [3, 0] and ev.changes["met"] is False


def test_setting_the_same_answer_again_writes_no_audit(cast, sa):
    ca = sa.criteria.get(criterion__code="1.1")
    ind = ca.criterion.indicators.first()
    services.indicator_result_set(assessment=ca, indicator=ind, met=True, actor=cast.council)
    services.indicator_result_set(assessment=ca, indicator=ind, met=True, actor=cast.council)
    assert AuditEvent.objects.filter(action="self_assessment.indicator").count() == 1


def test_an_indicator_of_another_criterion_is_refused(cast, sa):
    ca = sa.criteria.get(criterion__code="1.1")
    foreign = sa.criteria.get(criterion__code="1.2").criterion.indicators.first()
    with pytest.raises(services.AssessmentError, match="không thuộc tiêu chí"):
        services.indicator_result_set(assessment=ca, indicator=foreign, met=True, actor=cast.council)


def test_texts_saved_with_revision_and_audited(cast, sa):
    ca = sa.criteria.get(criterion__code="2.1")
    out = services.criterion_assessment_update(
        assessment=ca,
        actor=cast.council,
        current_state=" Hiện trạng [H1-2.1-01] ",
        strengths="Đội ngũ đủ",
        weaknesses="Thiếu giáo viên Tin học",
        expected_revision=ca.revision,
    )
    assert (
        out.revision == 2 and out.current_state == "Hiện trạng [H1-2.1-01]" and out.updated_by == cast.council
    )
    ev = AuditEvent.objects.get(action="self_assessment.criterion")
    assert ev.changes["weaknesses"] == ["", "Thiếu giáo viên Tin học"]


def test_a_stale_revision_is_a_conflict_and_keeps_the_newer_text(cast, sa):
    ca = sa.criteria.get(criterion__code="2.1")
    opened = ca.revision
    services.criterion_assessment_update(
        assessment=ca,
        actor=cast.vice,
        current_state="Bản của Phó Hiệu trưởng",
        strengths="",
        weaknesses="",
        expected_revision=opened,
    )
    with pytest.raises(services.EditConflict) as err:
        services.criterion_assessment_update(
            assessment=ca,
            actor=cast.council,
            current_state="Bản của thành viên",
            strengths="",
            weaknesses="",
            expected_revision=opened,
        )
    assert "Trần Thị Bình vừa lưu" in str(err.value)
    assert err.value.current.current_state == "Bản của Phó Hiệu trưởng"
    assert CriterionAssessment.objects.get(pk=ca.pk).current_state == "Bản của Phó Hiệu trưởng"
    assert AuditEvent.objects.filter(action="self_assessment.criterion").count() == 1


def test_unchanged_texts_write_nothing(cast, sa):
    ca = sa.criteria.get(criterion__code="2.1")
    services.criterion_assessment_update(
        assessment=ca, actor=cast.council, current_state="", strengths="", weaknesses="", expected_revision=1
    )
    assert CriterionAssessment.objects.get(pk=ca.pk).revision == 1
    assert not AuditEvent.objects.filter(action="self_assessment.criterion").exists()


def test_standard_texts_with_conflict_check(school57, cast):
    membership = cast.principal.memberships.create(role="principal", school=school57)
    assert membership.pk
    sa = services.self_assessment_create(school=school57, start_year=2026, actor=cast.principal)
    st = sa.standards.get(standard__number=2)
    out = services.standard_assessment_update(
        assessment=st,
        actor=cast.principal,
        strengths="Đủ giáo viên",
        weaknesses="Thiếu nhân viên y tế",
        expected_revision=1,
    )
    assert out.revision == 2
    assert AuditEvent.objects.filter(action="self_assessment.standard", school=school57).count() == 1
    with pytest.raises(services.EditConflict):
        services.standard_assessment_update(
            assessment=st, actor=cast.principal, strengths="x", weaknesses="y", expected_revision=1
        )
    assert StandardAssessment.objects.get(pk=st.pk).weaknesses == "Thiếu nhân viên y tế"


def test_assignees_set_is_audited(cast, sa):
    ca = sa.criteria.get(criterion__code="3.1")
    services.criterion_assignees_set(assessment=ca, users=[cast.council], actor=cast.principal)
    assert list(ca.assignees.all()) == [cast.council]
    assert AuditEvent.objects.filter(action="self_assessment.assign").count() == 1
    assert [c.criterion.code for c in selectors.unassessed_criteria(sa, assignee=cast.council)] == ["3.1"]


def test_weak_criteria_and_levels_selectors(cast, sa):
    for ca in sa.criteria.all():
        answer_up_to(ca, 2, cast.council)
    low = sa.criteria.get(criterion__code="4.2")
    answer_up_to(low, 1, cast.council)
    noted = sa.criteria.get(criterion__code="1.3")
    services.criterion_assessment_update(
        assessment=noted,
        actor=cast.council,
        current_state="",
        strengths="",
        weaknesses="Tổ chuyên môn họp chưa đều",
    )
    weak = selectors.weak_criteria(sa)
    assert [w["code"] for w in weak] == ["1.3", "4.2"]
    assert weak[0] == {
        "code": "1.3",
        "name": noted.criterion.name,
        "level": 2,
        "weaknesses": "Tổ chuyên môn họp chưa đều",
        "mandatory": False,
    }
    assert weak[1]["level"] == 1
    got = selectors.criterion_levels(sa)
    assert len(got) == 27 and got["4.2"] == 1 and got["1.1"] == 2
    sa.refresh_from_db()
    assert sa.school_level_reached == 1
