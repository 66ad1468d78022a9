"""Permission functions added for self-assessments."""

from caitien.assessments import services as assessment_services
from caitien.schools.permissions import can_assign_criteria


def test_can_assign_criteria(cast):
    sa = assessment_services.self_assessment_create(
        school=cast.primary, start_year=2026, actor=cast.principal
    )
    assert can_assign_criteria(cast.principal, sa) and can_assign_criteria(cast.vice, sa)
    for who in ("council", "monitor", "staff", "specialist", "admin", "other_principal"):
        assert not can_assign_criteria(getattr(cast, who), sa), who
