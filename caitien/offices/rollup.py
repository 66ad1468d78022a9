"""The office roll-up: the overview of a Phòng or a Sở as JSON, for `caitien rollup --json` and
`GET /api/offices/{code}/rollup` (the keys are a contract, documented in README.md):

    {"office": "PGD-GODAU", "office_name": "…", "year": 2025,
     "schools": [{"code", "name", "level", "school_level", "regulation", "plan": {"id", "status"} | null,
                  "items", "done", "in_progress", "not_started", "overdue", "planned_vnd", "spent_vnd",
                  "reviews_recorded", "reviews_missing", "escalations_open", "last_activity"}],
     "totals": {"schools", "items", …the same counters…},
     "weak_criteria": [{"regulation", "criterion", "schools_below", "schools_assessed", "rows", "rows_done"}],
     "escalations": {"open", "by_type": {"staffing": 0, …}, "amount_vnd"}}

`level` is the level of the school's latest self-assessment (0 = not Mức 1, null = none);
`school_level` its cấp học. A school's counters are those of its plan's progress summary
(`caitien progress`), from the same lines the overview shows.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Sum
from django.utils import timezone

from caitien.dashboards.overview import overview_lines
from caitien.escalations.models import Escalation
from caitien.offices.weaknesses import weak_criteria

COUNTERS = (
    "items",
    "done",
    "in_progress",
    "not_started",
    "overdue",
    "planned_vnd",
    "spent_vnd",
    "reviews_recorded",
    "reviews_missing",
    "escalations_open",
)


def _iso(moment) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def office_rollup(office, year: int, *, today: datetime.date | None = None) -> dict:
    lines = overview_lines(office, year, today=today)
    schools = [
        {
            "code": line.code,
            "name": line.name,
            "level": line.assessment_level,
            "school_level": line.level,
            "regulation": line.regulation,
            "plan": {"id": line.plan_id, "status": line.plan_status} if line.plan_id else None,
            **{name: getattr(line, name) for name in COUNTERS},
            "last_activity": _iso(line.last_activity),
        }
        for line in lines
    ]
    totals = {
        "schools": len(lines),
        **{name: sum(getattr(line, name) for line in lines) for name in COUNTERS},
    }
    weak = [
        {
            "regulation": w["regulation"],
            "criterion": w["criterion"],
            "schools_below": w["schools_below"],
            "schools_assessed": w["schools_assessed"],
            "rows": w["rows"],
            "rows_done": w["rows_done"],
        }
        for w in weak_criteria(lines)
    ]
    return {
        "office": office.code,
        "office_name": office.name,
        "year": year,
        "schools": schools,
        "totals": totals,
        "weak_criteria": weak,
        "escalations": _escalations(office),
    }


def _escalations(office) -> dict:
    open_ = Escalation.objects.filter(
        school__office_id__in=[o.pk for o in office.covered_offices()], state__in=Escalation.OPEN_STATES
    )
    by_kind = dict(open_.order_by().values_list("kind").annotate(n=Count("pk")))
    total = open_.aggregate(n=Count("pk"), amount=Sum("amount_vnd"))
    return {
        "open": total["n"] or 0,
        "by_type": {k: by_kind.get(k, 0) for k in Escalation.Kind.values},
        "amount_vnd": total["amount"] or 0,
    }
