"""The top menu: the groups and links each person sees, and which one the current page belongs to.

A principal thinks in stages (the plan, carrying it out, the school itself), a teacher in the work
given to them, an office specialist in the schools they oversee. The menu is built here from the
person's roles (no query beyond the memberships every page already loads) and drawn by
templates/_menu.html. A small menu (a teacher's) is shown as plain links, without groups.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

from caitien.schools import permissions
from caitien.schools.models import Role

LEADERS = {Role.PRINCIPAL, Role.VICE_PRINCIPAL}
# People who review rows: the monitoring team, and under Thông tư 57/2026 the council too.
REVIEWERS = {Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.COUNCIL_MEMBER, Role.MONITORING_MEMBER}
# With this many links or fewer the menu is shown flat.
FLAT_UP_TO = 4
# Pages of caitien.execution that are about one person's tasks rather than a plan's rows.
TASK_PAGES = {"mine", "task", "task_update", "task_edit", "task_delete"}


@dataclass
class Entry:
    label: str
    url: str
    # View names ("ns:name") or whole namespaces ("ns") whose pages belong to this entry.
    matches: tuple[str, ...] = ()
    id: str = ""
    current: str = ""  # "page" on the entry's own page, "true" elsewhere in its part, "" otherwise


@dataclass
class Group:
    key: str
    label: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def current(self) -> bool:
        return any(e.current for e in self.entries)


def _section(match) -> str:
    """The part of the product a page belongs to, as the menu's entries name it."""
    if match is None:
        return ""
    ns = match.namespace
    if ns == "execution":
        return "execution:mine" if match.url_name in TASK_PAGES else "execution"
    return (
        match.view_name if not ns else (f"{ns}:{match.url_name}" if ns in ("offices", "escalations") else ns)
    )


def _mark(groups: list[Group], request) -> None:
    match = getattr(request, "resolver_match", None)
    section = _section(match)
    view_name = match.view_name if match is not None else ""
    for group in groups:
        for entry in group.entries:
            if request.path == entry.url:
                entry.current = "page"
            elif section in entry.matches or view_name in entry.matches:
                entry.current = "true"


def school_groups(user, schools) -> list[Group]:
    roles = set().union(*(permissions.school_roles(user, s) for s in schools)) if schools else set()
    authors = bool(roles & permissions.AUTHORS)
    leaders = bool(roles & LEADERS)
    plan = Group("plan", "Kế hoạch", [Entry("Kế hoạch của trường", reverse("plans:list"), ("plans",))])
    if any(permissions.can_import_plan(user, s) for s in schools):
        plan.entries.append(Entry("Nhập kế hoạch từ tệp", reverse("imports:upload"), ("imports",)))
    if authors:
        plan.entries.append(
            Entry(
                "Trường khác đã làm gì",
                reverse("offices:solutions"),
                ("offices:solutions", "offices:solutions_row", "offices:solution_use"),
            )
        )
        plan.entries.append(Entry("Tiêu chuẩn đánh giá", reverse("catalog:index"), ("catalog",)))
    work = Group(
        "work",
        "Thực hiện",
        [
            Entry("Tiến độ", reverse("plan_in_force_progress"), ("execution", "plan_in_force_progress")),
            Entry("Việc của tôi", reverse("execution:mine"), ("execution:mine",), id="mine-link"),
        ],
    )
    if authors or roles & REVIEWERS:
        work.entries.append(Entry("Minh chứng", reverse("evidence:register"), ("evidence",)))
    if roles & REVIEWERS:
        work.entries.append(
            Entry("Giám sát", reverse("plan_in_force_reviews"), ("monitoring", "plan_in_force_reviews"))
        )
    if any(permissions.can_create_escalation(user, s) for s in schools):
        work.entries.append(
            Entry(
                "Đề xuất cấp trên",
                reverse("escalations:school"),
                ("escalations:school", "escalations:create", "escalations:detail"),
            )
        )
    school = Group("school", "Trường", [])
    if authors:
        school.entries.append(Entry("Tự đánh giá", reverse("assessments:index"), ("assessments",)))
    if leaders or authors:
        school.entries.append(Entry("Nhân sự", reverse("people:home"), ("people",)))
    return [g for g in (plan, work, school) if g.entries]


def office_groups(user) -> list[Group]:
    kinds = {o.kind for o in permissions.offices_of(user)}
    label = "Phòng/Sở" if len(kinds) != 1 else ("Sở" if kinds == {"so"} else "Phòng")
    office = Group(
        "office",
        label,
        [
            Entry("Các trường", reverse("dashboards:office"), ("dashboards",)),
            Entry(
                "Đề xuất của các trường",
                reverse("escalations:queue"),
                ("escalations:queue", "escalations:queue_office", "escalations:detail", "escalations:answer"),
            ),
            Entry("Lịch nộp và duyệt kế hoạch", reverse("offices:calendar"), ("offices:calendar",)),
            Entry("Kế hoạch đã công bố", reverse("plans:list"), ("plans",)),
        ],
    )
    lookup = Group(
        "lookup",
        "Tra cứu",
        [
            Entry("Tiêu chuẩn đánh giá", reverse("catalog:index"), ("catalog",)),
            Entry(
                "Trường khác đã làm gì",
                reverse("offices:solutions"),
                ("offices:solutions", "offices:solutions_row", "offices:solution_use"),
            ),
        ],
    )
    return [office, lookup]


def menu_for(request, schools=None) -> dict:
    """{"groups": [...], "flat": bool, "account": [...]} for the top bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        groups = [
            Group("lookup", "Tra cứu", [Entry("Tiêu chuẩn đánh giá", reverse("catalog:index"), ("catalog",))])
        ]
        _mark(groups, request)
        return {"groups": groups, "flat": True, "account": []}
    schools = permissions.schools_of(user) if schools is None else schools
    groups = school_groups(user, schools) if schools else []
    if permissions.is_office_specialist(user):
        groups += office_groups(user)
    if not groups:
        groups = [
            Group("lookup", "Tra cứu", [Entry("Tiêu chuẩn đánh giá", reverse("catalog:index"), ("catalog",))])
        ]
    account = [Entry("Mã truy cập API", reverse("tokens:list"), ("tokens",))]
    if permissions.can_manage_system(user):
        account.insert(0, Entry("Quản trị hệ thống", reverse("admin:index"), ("admin",)))
    account.append(Entry("Đổi mật khẩu", reverse("password_change"), ("password_change",)))
    _mark([*groups, Group("account", "", account)], request)
    return {"groups": groups, "flat": sum(len(g.entries) for g in groups) <= FLAT_UP_TO, "account": account}
