"""Writes for plans, their rows and comments. Each change is audited in its own transaction.

Rows keep what the school wrote, even when the checker will object: the checker judges, the
services only refuse what cannot be done (a stale edit, a submission with errors, a wrong step).

One module per concern; everything is re-exported here, so `from caitien.plans import services`
and `services.plan_item_update(...)` keep working.
"""

from caitien.plans.selectors import plan_compare  # noqa: F401  (part of this package's interface)
from caitien.plans.services.comments import plan_comment_add
from caitien.plans.services.creation import (
    DONE_STATUS,
    default_recipients,
    plan_create,
    plan_create_from_assessment,
    plan_create_from_document,
    plan_create_from_previous,
)
from caitien.plans.services.errors import EditConflict, PlanError, PlanNotReady, RowInputError
from caitien.plans.services.findings import plan_findings
from caitien.plans.services.rows import (
    ITEM_TEXT_FIELDS,
    copy_item,
    item_values,
    month_span_text,
    plan_item_add,
    plan_item_delete,
    plan_item_duplicate,
    plan_item_move,
    plan_item_update,
    require_editable,
)
from caitien.plans.services.sections import SECTION_HEADER_FIELDS, plan_update_sections
from caitien.plans.services.workflow import (
    plan_approve,
    plan_publish,
    plan_return,
    plan_revise,
    plan_submit,
)

__all__ = [
    "DONE_STATUS",
    "ITEM_TEXT_FIELDS",
    "SECTION_HEADER_FIELDS",
    "EditConflict",
    "PlanError",
    "PlanNotReady",
    "RowInputError",
    "copy_item",
    "default_recipients",
    "item_values",
    "month_span_text",
    "plan_approve",
    "plan_comment_add",
    "plan_create",
    "plan_create_from_assessment",
    "plan_create_from_document",
    "plan_create_from_previous",
    "plan_findings",
    "plan_item_add",
    "plan_item_delete",
    "plan_item_duplicate",
    "plan_item_move",
    "plan_item_update",
    "plan_publish",
    "plan_return",
    "plan_revise",
    "plan_submit",
    "plan_update_sections",
    "require_editable",
]
