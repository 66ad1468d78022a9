"""A published plan in execution, and the school's staff directory."""

import pytest

from caitien.people.models import Person
from tests.monitoring.conftest import make_published, publish  # noqa: F401
from tests.plans.conftest import ROWS


@pytest.fixture
def published(cast):
    return make_published(cast, ROWS)


@pytest.fixture
def staff_people(cast):
    """The school's people: the principal, the vice-principal, a teacher (the staff user) and a
    teacher without an account."""
    return {
        "principal": Person.objects.create(
            school=cast.primary,
            full_name=cast.principal.display_name,
            position="Hiệu trưởng",
            user=cast.principal,
        ),
        "vice": Person.objects.create(
            school=cast.primary, full_name=cast.vice.display_name, position="Phó Hiệu trưởng", user=cast.vice
        ),
        "teacher": Person.objects.create(
            school=cast.primary, full_name=cast.staff.display_name, position="Giáo viên", user=cast.staff
        ),
        "other": Person.objects.create(school=cast.primary, full_name="Mai Văn Khoa", position="Kế toán"),
    }


def rows_of(plan):
    return list(plan.items.order_by("order"))
