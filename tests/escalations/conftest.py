import pytest

from caitien.plans.models import Plan
from caitien.plans.services import plan_create, plan_item_add
from caitien.schools.models import Role
from caitien.schools.services import membership_add, user_create

ROOFS = "Tham mưu với UBND huyện đầu tư sửa chữa mái, chống thấm 04 phòng học khối 1."
TEACHERS = "Đề nghị Phòng GDĐT bổ sung biên chế 02 giáo viên Tiếng Anh."
TRAINING = "Tổ chức sinh hoạt chuyên môn theo nghiên cứu bài học mỗi tháng."


@pytest.fixture
def published(cast):
    """A published plan of the primary school: two rows that ask a higher level, one that does not."""
    plan = plan_create(school=cast.primary, actor=cast.principal, start_year=2025, end_year=2026)
    rows = [
        plan_item_add(
            plan=plan,
            actor=cast.principal,
            values={
                "criterion_code": "3.2",
                "issue": "04 phòng học khối 1 thấm dột",
                "expected_result": "Sửa chữa 04 phòng học thấm dột",
                "solutions": ROOFS,
                "budget_text": "350 triệu đồng",
            },
        ),
        plan_item_add(
            plan=plan,
            actor=cast.principal,
            values={
                "criterion_code": "2.2",
                "expected_result": "Đủ giáo viên Tiếng Anh",
                "solutions": TEACHERS,
            },
        ),
        plan_item_add(
            plan=plan,
            actor=cast.principal,
            values={
                "criterion_code": "2.3",
                "expected_result": "80% giáo viên đạt khá",
                "solutions": TRAINING,
            },
        ),
    ]
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.PUBLISHED)
    plan.refresh_from_db()
    return plan, rows


@pytest.fixture
def so_specialist(cast):
    user = user_create(username="so_specialist", full_name="Lý Thị Sương", password=cast.password)
    membership_add(user=user, role=Role.OFFICE_SPECIALIST, office=cast.so)
    return user
