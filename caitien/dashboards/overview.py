"""The office overview: one line per school of a Phòng (or of every Phòng of a Sở), filtered,
sorted, totalled and paged.

Every figure comes from a fixed number of grouped queries over all the office's schools (schools;
self-assessments; plans of the school year; their rows; escalations; execution and reviews when
those parts are installed), whatever the number of schools, plans and rows; filtering, sorting and
totals then work on the lines in memory (a province has about a thousand schools).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.db.models import Count, Max, Q
from django.utils import timezone

from caitien.assessments import levels
from caitien.assessments.models import SelfAssessment
from caitien.catalog.models import Regulation
from caitien.catalog.registry import SCHOOL_LEVELS
from caitien.escalations.models import Escalation
from caitien.offices.selectors import dates_by_office, days_late
from caitien.plans.models import Plan
from caitien.schools.models import School
from caitien.text import fold
from caitien.web.params import whole_number

# Which of a school's plans covering the year is "its plan": the one being carried out first.
STATUS_RANK = {"published": 4, "approved": 3, "submitted": 2, "draft": 1}
NO_PLAN = "none"
PLAN_STATUS_LABELS = {NO_PLAN: "Chưa có kế hoạch", **dict(Plan.Status.choices)}
NO_SOURCE = "Chưa ghi nguồn"
COUNTERS = (
    "items",
    "done",
    "in_progress",
    "not_started",
    "overdue",
    "planned_vnd",
    "spent_vnd",
    "reviews_recorded",
    "reviews_due",
    "reviews_missing",
    "escalations_open",
)


@dataclass
class Line:
    """One school in the overview."""

    school_id: int
    code: str
    name: str
    level: str
    level_label: str
    office_id: int
    office_name: str
    regulation: str
    regulation_label: str
    assessment_id: int | None = None
    assessment_level: int | None = None
    assessment_year: int | None = None
    plan_id: int | None = None
    plan_root: int | None = None  # the first version of the plan's lineage (None: the plan itself)
    plan_status: str = NO_PLAN
    plan_version: int = 0
    plan_title: str = ""
    plan_public: bool = False
    submitted: datetime.date | None = None
    approved: datetime.date | None = None
    published: datetime.date | None = None
    plan_due: datetime.date | None = None
    plan_days_late: int = 0
    items: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    not_done: int = 0
    overdue: int = 0
    planned_vnd: int = 0
    spent_vnd: int = 0
    planned_by_source: dict = field(default_factory=dict)
    criteria_rows: dict = field(default_factory=dict)  # {criterion id: rows of this year's plan}
    criteria_done: dict = field(default_factory=dict)  # {criterion id: those rows done}
    spent_by_source: dict = field(default_factory=dict)
    reviews_recorded: int = 0
    reviews_due: int = 0
    reviews_missing: int = 0
    escalations_open: int = 0
    last_activity: datetime.datetime | None = None
    rows_signature: str = ""  # of the plan's rows, for the stored execution figures

    @property
    def plan_status_label(self) -> str:
        return PLAN_STATUS_LABELS.get(self.plan_status, self.plan_status)

    @property
    def assessment_label(self) -> str:
        return "" if self.assessment_level is None else levels.level_label(self.assessment_level)

    @property
    def pct_done(self) -> float | None:
        return self.done / self.items if self.items else None

    @property
    def search(self) -> str:
        return fold(f"{self.name} {self.code} {self.office_name}")

    @cached_property
    def name_key(self) -> str:
        return _folded(self.name)

    @cached_property
    def office_key(self) -> str:
        return _folded(self.office_name)

    @property
    def late(self) -> bool:
        return self.plan_days_late > 0 or self.reviews_missing > 0

    def touch(self, moment) -> None:
        if moment is not None and (self.last_activity is None or moment > self.last_activity):
            self.last_activity = moment


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return fold(text)


def school_year_of_today(today: datetime.date) -> int:
    return today.year if today.month >= 8 else today.year - 1


def overview_lines(office, year: int, *, today: datetime.date | None = None, school=None) -> list[Line]:
    """Every school under `office` (or only `school`) with its figures for the school year `year`."""
    today = today or timezone.localdate()
    if school is not None:
        scope = Q(school_id=school.pk)
        schools = School.objects.filter(pk=school.pk)
    else:
        office_ids = [o.pk for o in office.covered_offices()]
        scope = Q(school__office_id__in=office_ids)
        schools = School.objects.filter(office_id__in=office_ids)
    lines = {}
    found = schools.order_by("office__name", "name").values_list(
        "pk",
        "short_code",
        "name",
        "level",
        "office_id",
        "office__name",
        "regulation__slug",
        "regulation__code",
        "regulation__appendix",
    )
    labels: dict[str, str] = {}
    for pk, code, name, level, office_id, office_name, slug, reg_code, appendix in found:
        if slug not in labels:
            labels[slug] = Regulation(code=reg_code, appendix=appendix).label
        lines[pk] = Line(
            school_id=pk,
            code=code,
            name=name,
            level=level,
            level_label=SCHOOL_LEVELS.get(level, level),
            office_id=office_id,
            office_name=office_name,
            regulation=slug,
            regulation_label=labels[slug],
        )
    if not lines:
        return []
    _assessments(lines, scope, year)
    year_plans = Plan.objects.filter(scope, start_year__lte=year, end_year__gt=year).exclude(
        status=Plan.Status.SUPERSEDED
    )
    plans = _plans(lines, year_plans)
    _deadlines(lines, year, today)
    _rows(plans)
    _escalations(lines, scope)
    for extend in EXTENSIONS:
        extend(lines, plans, year_plans, year, today)
    return list(lines.values())


def _assessments(lines, scope, year) -> None:
    found = (
        SelfAssessment.objects.filter(scope, start_year__lte=year)
        .order_by("school_id", "-start_year", "-pk")
        .values_list("school_id", "pk", "school_level_reached", "start_year", "updated_at")
    )
    for school_id, pk, level, start, updated in found:
        line = lines[school_id]
        if line.assessment_id is None:
            line.assessment_id, line.assessment_level, line.assessment_year = pk, level, start
        line.touch(updated)


def _plans(lines, year_plans) -> dict[int, Line]:
    """Each school's plan of the year (the one in force first, then the newest version); returns
    {plan id: line}."""
    found = year_plans.values_list(
        "school_id",
        "pk",
        "status",
        "version",
        "submitted_at",
        "approved_at",
        "published_at",
        "updated_at",
        "title",
        "lineage_id",
    )
    best: dict[int, tuple] = {}
    for row in found:
        school_id, _pk, status, version = row[:4]
        lines[school_id].touch(row[7])
        key = (STATUS_RANK.get(status, 0), version)
        if school_id not in best or key > best[school_id][0]:
            best[school_id] = (key, row)
    out = {}
    tz = timezone.get_current_timezone()
    for school_id, (_key, row) in best.items():
        line = lines[school_id]
        _s, pk, status, version, submitted, approved, published, _u, title, lineage = row
        line.plan_id, line.plan_status, line.plan_version, line.plan_title = pk, status, version, title
        line.plan_root = lineage
        line.plan_public = status == Plan.Status.PUBLISHED
        line.submitted, line.approved, line.published = (
            _date(x, tz) for x in (submitted, approved, published)
        )
        out[pk] = line
    return out


def _date(moment, tz):
    return moment.astimezone(tz).date() if moment else None


def _deadlines(lines, year, today) -> None:
    dates = dates_by_office(year)
    for line in lines.values():
        d = dates.get(line.office_id)
        if d is not None and d.plan_due:
            line.plan_due = d.plan_due
            line.plan_days_late = days_late(d.plan_due, line.published, today)


def _rows(plans) -> None:
    """Row counts, planned money by source and rows per criterion of the chosen plans."""
    from caitien.offices.figures import row_figures

    statuses = {pk: line.plan_status for pk, line in plans.items()}
    for plan_id, f in row_figures(statuses).items():
        line = plans[plan_id]
        line.items = f["items"]
        line.rows_signature = f["signature"]
        line.touch(f["last"])
        line.criteria_rows = f["criteria"]
        for source, vnd in f["planned"].items():
            line.planned_vnd += vnd
            key = source or NO_SOURCE
            line.planned_by_source[key] = line.planned_by_source.get(key, 0) + vnd


def _escalations(lines, scope) -> None:
    found = (
        Escalation.objects.filter(scope)
        .order_by()
        .values("school_id")
        .annotate(open=Count("pk", filter=Q(state__in=Escalation.OPEN_STATES)), last=Max("updated_at"))
    )
    for row in found:
        line = lines[row["school_id"]]
        line.escalations_open = row["open"]
        line.touch(row["last"])


def _carrying_out(lines, plans, year_plans, year, today) -> None:
    from caitien.dashboards.carrying_out import add_execution, add_reviews

    add_reviews(lines, plans, year_plans, year, today)
    add_execution(lines, plans, year_plans, year, today)


# The columns of what happens after publication: f(lines, plans, year_plans, year, today).
EXTENSIONS: list = [_carrying_out]


# --- filters, sorting, totals ------------------------------------------------------------------------

SORTS = {
    "ten": lambda line: (line.name_key,),
    "phong": lambda line: (line.office_key, line.name_key),
    "muc": lambda line: (-1 if line.assessment_level is None else line.assessment_level,),
    "trang-thai": lambda line: (STATUS_RANK.get(line.plan_status, 0),),
    "tre": lambda line: (line.plan_days_late, line.reviews_missing),
    "dong": lambda line: (line.items,),
    "hoan-thanh": lambda line: (-1 if line.pct_done is None else line.pct_done,),
    "qua-han": lambda line: (line.overdue,),
    "kinh-phi": lambda line: (line.planned_vnd,),
    "da-chi": lambda line: (line.spent_vnd,),
    "giam-sat": lambda line: (line.reviews_missing,),
    "de-xuat": lambda line: (line.escalations_open,),
    "hoat-dong": lambda line: (line.last_activity or datetime.datetime.min.replace(tzinfo=datetime.UTC),),
}


@dataclass
class Filters:
    office: int | None = None
    level: str = ""
    regulation: str = ""
    status: str = ""
    late: bool = False
    q: str = ""
    criterion: str = ""  # "<regulation slug>:<criterion code>": the schools below target on it
    sort: str = "phong"
    descending: bool = False

    @classmethod
    def from_query(cls, params) -> Filters:
        office = params.get("phong", "")
        sort = params.get("sap", "phong")
        descending = sort.startswith("-")
        sort = sort.lstrip("-")
        return cls(
            office=whole_number(office),
            level=params.get("cap", "") if params.get("cap", "") in SCHOOL_LEVELS else "",
            regulation=params.get("van-ban", ""),
            status=params.get("ke-hoach", "") if params.get("ke-hoach", "") in PLAN_STATUS_LABELS else "",
            late=params.get("tre") == "1",
            q=params.get("q", "").strip(),
            criterion=params.get("tieu-chi", "").strip(),
            sort=sort if sort in SORTS else "phong",
            descending=descending,
        )


def apply(lines: list[Line], f: Filters) -> list[Line]:
    needle = fold(f.q)
    kept = [
        line
        for line in lines
        if (f.office is None or line.office_id == f.office)
        and (not f.level or line.level == f.level)
        and (not f.regulation or line.regulation == f.regulation)
        and (not f.status or line.plan_status == f.status)
        and (not f.late or line.late)
        and (not needle or needle in line.search)
    ]
    kept.sort(key=lambda line: (*SORTS[f.sort](line), line.name_key), reverse=f.descending)
    return kept


def totals(lines: list[Line]) -> dict:
    out = {name: sum(getattr(line, name) for line in lines) for name in COUNTERS}
    out["schools"] = len(lines)
    out["late"] = sum(1 for line in lines if line.late)
    out["pct_done"] = out["done"] / out["items"] if out["items"] else None
    by_status = defaultdict(int)
    for line in lines:
        by_status[line.plan_status] += 1
    out["by_status"] = [(k, PLAN_STATUS_LABELS[k], by_status[k]) for k in PLAN_STATUS_LABELS if by_status[k]]
    planned, spent = defaultdict(int), defaultdict(int)
    for line in lines:
        for k, v in line.planned_by_source.items():
            planned[k] += v
        for k, v in line.spent_by_source.items():
            spent[k] += v
    out["by_source"] = [
        {"source": k, "planned_vnd": planned[k], "spent_vnd": spent.get(k, 0)}
        for k in sorted(set(planned) | set(spent), key=lambda k: -planned.get(k, 0))
    ]
    levels_count = defaultdict(int)
    for line in lines:
        levels_count["none" if line.assessment_level is None else line.assessment_level] += 1
    out["by_level"] = dict(levels_count)
    return out


def filter_choices(lines: list[Line]) -> dict:
    """What the filter selects offer: the Phòng, levels and regulations present in the lines."""
    offices = sorted({(line.office_id, line.office_name) for line in lines}, key=lambda o: _folded(o[1]))
    present_levels = {line.level for line in lines}
    regulations = sorted({(line.regulation, line.regulation_label) for line in lines}, key=lambda r: r[1])
    return {
        "offices": offices,
        "levels": [(k, v) for k, v in SCHOOL_LEVELS.items() if k in present_levels],
        "regulations": regulations,
        "statuses": list(PLAN_STATUS_LABELS.items()),
    }


# --- the page --------------------------------------------------------------------------------------


def overview_data(office, year: int, f: Filters, *, today: datetime.date | None = None) -> dict:
    """Everything the overview shows: all lines, the filtered and sorted ones, totals over them,
    the weak criteria of the filtered schools and the filter choices."""
    from caitien.offices.weaknesses import schools_below_target, weak_criteria

    every = overview_lines(office, year, today=today)
    kept = apply(every, f)
    weak = weak_criteria(kept)
    if f.criterion:
        wanted = next((w for w in weak if f"{w['regulation_slug']}:{w['criterion']}" == f.criterion), None)
        below = schools_below_target(kept, wanted["criterion_id"]) if wanted else set()
        kept = [line for line in kept if line.school_id in below]
    return {
        "all": every,
        "lines": kept,
        "totals": totals(kept),
        "weak": weak,
        "choices": filter_choices(every),
    }


def level_distribution(weak: list[dict], regulation: str) -> tuple[list[tuple[str, list[int]]], list[str]]:
    """Per criterion of one regulation: schools at Mức 0 (below 1), 1, 2, 3 — for the stacked chart."""
    rows = []
    for w in sorted((w for w in weak if w["regulation_slug"] == regulation), key=lambda w: w["position"]):
        b = w["below"]
        rows.append(
            (f"Tiêu chí {w['criterion']}", [b[1], b[2] - b[1], b[3] - b[2], w["schools_assessed"] - b[3]])
        )
    return rows, ["Chưa đạt Mức 1", "Mức 1", "Mức 2", "Mức 3"]
