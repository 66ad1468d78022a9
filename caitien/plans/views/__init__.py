"""Plan pages: list, new plan, detail, the row editor, workflow, versions, public pages, downloads.

Views stay thin: ask caitien.schools.permissions, call a service or a selector, render. htmx
requests get fragments; without htmx every form still works and redirects back.
"""

from caitien.plans.views.comments import comment_add, comment_answer
from caitien.plans.views.editor import (
    criteria_search,
    item_add,
    item_delete,
    item_duplicate,
    item_move,
    item_restore,
    item_update,
    plan_edit,
    plan_sections,
)
from caitien.plans.views.pages import (
    home,
    plan_compare,
    plan_detail,
    plan_list,
    plan_new,
    plan_new_from_assessment,
)
from caitien.plans.views.public import plan_download, public_index, public_list, public_plan, signed_scan_file
from caitien.plans.views.workflow import (
    plan_approve,
    plan_publish,
    plan_return,
    plan_revise,
    plan_signed_scan,
    plan_submit,
)

__all__ = [
    "comment_add",
    "comment_answer",
    "criteria_search",
    "home",
    "item_add",
    "item_delete",
    "item_duplicate",
    "item_move",
    "item_restore",
    "item_update",
    "plan_approve",
    "plan_compare",
    "plan_detail",
    "plan_download",
    "plan_edit",
    "plan_list",
    "plan_new",
    "plan_new_from_assessment",
    "plan_publish",
    "plan_return",
    "plan_revise",
    "plan_sections",
    "plan_signed_scan",
    "plan_submit",
    "public_index",
    "public_list",
    "public_plan",
    "signed_scan_file",
]
