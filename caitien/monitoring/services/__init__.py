"""Writes of the monitoring app, by concern; each change is audited in its own transaction.

reviews     review points, the review of each row, overall texts, recommendations
recommendation_actions   a recommendation becomes a task or an escalation with one action
reports     the results report: create, edit, send to the office, receive, comment
year_end    closing rows (đạt / chưa đạt), next year's plan from last year's
"""

from caitien.monitoring.services.errors import EditConflict, MonitoringError  # noqa: F401
from caitien.monitoring.services.recommendation_actions import (  # noqa: F401
    recommendation_to_escalation,
    recommendation_to_task,
)
from caitien.monitoring.services.reports import (  # noqa: F401
    report_comment_add,
    report_create,
    report_receive,
    report_send,
    report_update,
)
from caitien.monitoring.services.reviews import (  # noqa: F401
    ENTRY_FIELDS,
    REVIEW_TEXT_FIELDS,
    recommendation_add,
    recommendation_delete,
    review_entries_save,
    review_point_add,
    review_point_delete,
    review_point_update,
    review_points_ensure,
    review_update,
)
from caitien.monitoring.services.year_end import next_plan_create, rows_close  # noqa: F401
