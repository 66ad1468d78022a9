"""What every execution write needs: the lineage root and the row a key names."""

from __future__ import annotations

from caitien.execution.lineage import in_force, root_of
from caitien.execution.services.errors import ExecutionError
from caitien.plans.models import Plan, PlanItem

TITLE_LIMIT = 500
TEXT_LIMIT = 4000


def row_of(plan: Plan, item_key) -> PlanItem:
    """The row with this key in the version in force of the plan's lineage."""
    current = in_force(plan)
    item = PlanItem.objects.filter(plan=current, key=item_key).first()
    if item is None:
        raise ExecutionError(
            "Không tìm thấy dòng kế hoạch này trong phiên bản đang thực hiện. Hãy tải lại trang."
        )
    return item


def require_execution(plan: Plan) -> Plan:
    current = in_force(plan)
    if current.status != Plan.Status.PUBLISHED:
        raise ExecutionError(
            "Kế hoạch chưa được công khai: chỉ ghi nhận việc thực hiện trên kế hoạch đã ký và công khai."
        )
    return current


def root(plan: Plan) -> Plan:
    return root_of(plan)


def text_limit(label: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise ExecutionError(
            f"{label} dài {len(value)} ký tự, quá giới hạn {limit} ký tự. Hãy viết ngắn lại."
        )


def person_of_school(person, school):
    if person is not None and person.school_id != school.pk:
        raise ExecutionError(f"{person.full_name} không thuộc danh sách cán bộ của trường này.")
    return person
