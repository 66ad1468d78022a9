"""Every permission function, for every role, in one table per function.

A row says which roles get True (and, for plans, in which statuses). A new `can_*` function in
caitien/schools/permissions.py fails `test_every_permission_function_has_a_table` until its
expected answers are written here.
"""

import datetime
import inspect

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from caitien.assessments.models import CriterionAssessment, SelfAssessment
from caitien.escalations.models import Escalation
from caitien.imports.models import PendingImport
from caitien.monitoring.models import ResultsReport, ReviewPoint
from caitien.notifications.models import Notification
from caitien.plans.models import Plan
from caitien.schools import permissions
from caitien.schools.models import Role, User
from caitien.schools.services import membership_add, user_create
from caitien.schools.views import refused

ROLES = [
    "principal",
    "vice",
    "council",
    "monitor",
    "staff",
    "specialist",
    "so_specialist",
    "admin",
    "other_principal",
    "other_teacher",
    "anonymous",
]
STATUSES = ["draft", "submitted", "approved", "published", "superseded"]
ALL = set(STATUSES)
PUBLIC = {"published", "superseded"}
IN_SCHOOL = {"principal", "vice", "council", "monitor", "staff"}
AUTHORS = {"principal", "vice", "council"}
OVERSEERS = {"specialist", "so_specialist"}

# function -> (what it is asked about, roles answered True). The object is built by `subject`.
BY_ROLE = {
    "can_view_school": ("school", IN_SCHOOL | OVERSEERS | {"admin"}),
    "can_view_self_assessment": ("assessment", IN_SCHOOL | OVERSEERS | {"admin"}),
    "can_edit_self_assessment": ("assessment", AUTHORS),
    "can_create_self_assessment": ("school", {"principal", "vice"}),
    "can_assign_criteria": ("assessment", {"principal", "vice"}),
    "can_view_audit": ("school", {"principal", "admin"}),
    "can_manage_system": (None, {"admin"}),
    "can_view_office": ("phong", {"specialist", "so_specialist", "admin"}),
    "can_create_plan": ("school", AUTHORS),
    "can_import_plan": ("school", AUTHORS),
    # An import waiting for confirmation, uploaded by the council member: theirs alone.
    "can_use_pending_import": ("pending", {"council"}),
    "can_create_escalation": ("school", {"principal", "vice"}),
    "can_view_escalation": ("escalation", IN_SCHOOL | OVERSEERS | {"admin"}),
    # The Phòng's calendar is set by the Phòng; the Sở sets its own (tested below).
    "can_set_office_calendar": ("phong", {"specialist"}),
    # A notification addressed to the staff member: theirs alone, not even the admin's.
    "can_view_notification": ("notification", {"staff"}),
}

ESCALATION_STATES = ["sent", "received", "forwarded", "resolved", "unresolvable"]
OPEN_ESCALATION = {"sent", "received", "forwarded"}
# function -> {role: escalation states answered True}, for an escalation the school's Phòng holds.
BY_ESCALATION_STATE = {
    "can_answer_escalation": {"specialist": OPEN_ESCALATION},
}

# function -> {role: statuses answered True}; a role left out is never allowed.
BY_STATUS = {
    "can_view_plan": {**{r: ALL for r in IN_SCHOOL | {"admin"}}, **{r: PUBLIC for r in OVERSEERS}},
    "can_edit_plan": {r: {"draft"} for r in AUTHORS},
    "can_delete_plan": {"principal": {"draft"}},
    "can_submit_plan": {r: {"draft"} for r in AUTHORS},
    "can_return_plan": {"principal": {"submitted"}},
    "can_approve_plan": {"principal": {"submitted"}},
    "can_publish_plan": {"principal": {"approved"}},
    "can_revise_plan": {"principal": {"published"}},
    "can_comment_plan": {**{r: ALL for r in IN_SCHOOL}, **{r: PUBLIC for r in OVERSEERS}},
    # Answering a comment changes nothing in the signed document: the school's authors, any step.
    "can_answer_comment": {r: ALL for r in AUTHORS},
    "can_attach_signed_scan": {"principal": {"approved", "published"}},
    # A published plan is public, and so are its files.
    "can_download_plan": {r: ALL if r in IN_SCHOOL | {"admin"} else PUBLIC for r in ROLES},
    "can_compare_versions": {**{r: ALL for r in IN_SCHOOL | {"admin"}}, **{r: PUBLIC for r in OVERSEERS}},
    # Monitoring: the school reads its reviews, the office those of published plans.
    "can_view_reviews": {**{r: ALL for r in IN_SCHOOL | {"admin"}}, **{r: PUBLIC for r in OVERSEERS}},
    # Thông tư 17/2018: the monitoring team and the school's leaders record reviews.
    "can_record_review": {r: {"published"} for r in ("principal", "vice", "monitor")},
    "can_schedule_reviews": {r: {"published"} for r in ("principal", "vice")},
    "can_act_on_recommendation": {"principal": {"published"}},
    "can_close_rows": {"principal": {"published"}},
    "can_create_report": {r: PUBLIC for r in ("principal", "vice")},
}

REPORT_STATUSES = ["draft", "sent", "received"]
SENT = {"sent", "received"}
# Results reports: function -> {role: report statuses answered True}.
BY_REPORT_STATUS = {
    "can_view_report": {
        **{r: set(REPORT_STATUSES) for r in IN_SCHOOL | {"admin"}},
        **{r: SENT for r in OVERSEERS},
    },
    "can_edit_report": {r: {"draft"} for r in ("principal", "vice")},
    "can_send_report": {"principal": {"draft"}},
    "can_receive_report": {r: {"sent"} for r in OVERSEERS},
    "can_comment_report": {
        **{r: set(REPORT_STATUSES) for r in ("principal", "vice")},
        **{r: SENT for r in OVERSEERS},
    },
}

# Functions that do not depend on who asks: status -> answer.
WITHOUT_USER = {
    "can_view_public_plan": PUBLIC,
}


@pytest.fixture
def people(cast):
    """The cast plus a specialist of the Sở above the school's Phòng, keyed by role name."""
    so_specialist = user_create(username="so_specialist", full_name="Lý Thị Sương", password=cast.password)
    membership_add(user=so_specialist, role=Role.OFFICE_SPECIALIST, office=cast.so)
    found = {name: User.objects.get(username=name) for name in ROLES if name != "anonymous"}
    found["anonymous"] = AnonymousUser()
    return found


@pytest.fixture
def subjects(cast):
    tt17 = cast.primary.regulation
    assessment = SelfAssessment.objects.create(
        school=cast.primary, regulation=tt17, start_year=2025, end_year=2026
    )
    plans = {
        s: Plan.objects.create(school=cast.primary, regulation=tt17, start_year=2025, end_year=2026, status=s)
        for s in STATUSES
    }
    pending = PendingImport.objects.create(school=cast.primary, user=cast.council, filename="ke-hoach.docx")
    escalations = {
        s: Escalation.objects.create(
            school=cast.primary,
            office=cast.phong,
            kind="land",
            title="Mở rộng sân chơi",
            reason="Thiếu",
            state=s,
        )
        for s in ESCALATION_STATES
    }
    notification = Notification.objects.create(user=cast.staff, kind="row_comment", subject="Góp ý")
    reports = {}
    for n, status in enumerate(REPORT_STATUSES):
        point = ReviewPoint.objects.create(
            plan=plans["published"],
            school_year=2025,
            kind="extra",
            label=f"Lần {n}",
            planned_date=datetime.date(2026, 1, 31),
        )
        reports[status] = ResultsReport.objects.create(
            plan=plans["published"], point=point, status=status, title="Báo cáo"
        )
    return {
        "reports": reports,
        "notification": notification,
        "escalation": escalations["sent"],
        "escalations": escalations,
        "school": cast.primary,
        "assessment": assessment,
        "phong": cast.phong,
        "plans": plans,
        "pending": pending,
    }


def _fresh(user):
    # Each question asked as on a new request: no membership cache carried between rows.
    if getattr(user, "pk", None):
        return User.objects.get(pk=user.pk)
    return user


def test_every_permission_function_has_a_table():
    defined = {
        name
        for name, f in inspect.getmembers(permissions, inspect.isfunction)
        if name.startswith("can_") and f.__module__ == permissions.__name__
    }
    tabled = (
        set(BY_ROLE) | set(BY_STATUS) | set(WITHOUT_USER) | set(BY_REPORT_STATUS) | set(BY_ESCALATION_STATE)
    )
    assert defined - tabled == set(), "permission functions without expected answers in this file"
    assert tabled - defined == set(), "answers for permission functions that no longer exist"


@pytest.mark.parametrize("name", sorted(BY_ROLE))
def test_answer_per_role(name, people, subjects):
    subject_key, allowed = BY_ROLE[name]
    check = getattr(permissions, name)
    wrong = []
    for role in ROLES:
        user = _fresh(people[role])
        answer = check(user) if subject_key is None else check(user, subjects[subject_key])
        if answer is not (role in allowed):
            wrong.append((role, answer))
    assert wrong == [], f"{name}: unexpected answers (role, answer)"


@pytest.mark.parametrize("name", sorted(BY_STATUS))
def test_answer_per_role_and_plan_status(name, people, subjects):
    expected = BY_STATUS[name]
    check = getattr(permissions, name)
    wrong = []
    for role in ROLES:
        for status in STATUSES:
            answer = check(_fresh(people[role]), subjects["plans"][status])
            if answer is not (status in expected.get(role, set())):
                wrong.append((role, status, answer))
    assert wrong == [], f"{name}: unexpected answers (role, status, answer)"


def test_the_plan_list_query_agrees_with_can_view_plan(people, subjects, cast):
    """plan_visibility is can_view_plan as a database condition: same answer for every role and status,
    for the school's plans and for a published plan of a school of another Phòng."""
    other = Plan.objects.create(
        school=cast.other,
        regulation=cast.other.regulation,
        start_year=2025,
        end_year=2026,
        status="published",
    )
    plans = [*subjects["plans"].values(), other]
    for role in ROLES:
        user = _fresh(people[role])
        condition = permissions.plan_visibility(user)
        listed = (
            set(Plan.objects.filter(condition).values_list("pk", flat=True))
            if condition is not None
            else None
        )
        for plan in plans:
            in_list = listed is None or plan.pk in listed
            assert in_list is permissions.can_view_plan(_fresh(people[role]), plan), (role, plan.status)


def test_the_so_sets_its_own_calendar_not_the_phongs(people, cast):
    assert permissions.can_set_office_calendar(_fresh(people["so_specialist"]), cast.so)
    assert not permissions.can_set_office_calendar(_fresh(people["specialist"]), cast.so)


def test_covered_offices_reach_down_the_tree(people, cast):
    assert permissions.covered_office_ids(_fresh(people["so_specialist"])) == {
        cast.so.pk,
        cast.phong.pk,
        cast.phong_other.pk,
    }
    assert permissions.covered_office_ids(_fresh(people["specialist"])) == {cast.phong.pk}
    assert permissions.covered_office_ids(_fresh(people["principal"])) == set()
    assert permissions.covered_office_ids(people["anonymous"]) == set()


@pytest.mark.parametrize("name", sorted(BY_REPORT_STATUS))
def test_answer_per_role_and_report_status(name, people, subjects):
    expected = BY_REPORT_STATUS[name]
    check = getattr(permissions, name)
    wrong = []
    for role in ROLES:
        for status in REPORT_STATUSES:
            answer = check(_fresh(people[role]), subjects["reports"][status])
            if answer is not (status in expected.get(role, set())):
                wrong.append((role, status, answer))
    assert wrong == [], f"{name}: unexpected answers (role, status, answer)"


@pytest.mark.parametrize("name", sorted(BY_ESCALATION_STATE))
def test_answer_per_role_and_escalation_state(name, people, subjects):
    expected = BY_ESCALATION_STATE[name]
    check = getattr(permissions, name)
    wrong = []
    for role in ROLES:
        for state in ESCALATION_STATES:
            answer = check(_fresh(people[role]), subjects["escalations"][state])
            if answer is not (state in expected.get(role, set())):
                wrong.append((role, state, answer))
    assert wrong == [], f"{name}: unexpected answers (role, state, answer)"


def test_a_forwarded_escalation_is_answered_by_the_so_not_the_phong(people, subjects, cast):
    escalation = subjects["escalations"]["forwarded"]
    escalation.office, escalation.forwarded_from = cast.so, cast.phong
    escalation.save()
    assert permissions.can_answer_escalation(_fresh(people["so_specialist"]), escalation)
    assert not permissions.can_answer_escalation(_fresh(people["specialist"]), escalation)
    assert permissions.can_view_escalation(_fresh(people["specialist"]), escalation)


@pytest.mark.parametrize("name", sorted(WITHOUT_USER))
def test_answer_per_plan_status_without_user(name, subjects):
    check = getattr(permissions, name)
    answers = {status: check(subjects["plans"][status]) for status in STATUSES}
    assert answers == {s: s in WITHOUT_USER[name] for s in STATUSES}


def test_nobody_outside_reaches_another_schools_plan(people, cast):
    """The Phòng specialist does not oversee a school of a neighbouring Phòng; its own principal does."""
    plan = Plan.objects.create(
        school=cast.other,
        regulation=cast.other.regulation,
        start_year=2025,
        end_year=2026,
        status="published",
    )
    assert not permissions.can_view_plan(_fresh(people["specialist"]), plan)
    assert permissions.can_view_plan(_fresh(people["so_specialist"]), plan)
    assert permissions.can_revise_plan(_fresh(people["other_principal"]), plan)
    assert not permissions.can_revise_plan(_fresh(people["principal"]), plan)
    assert permissions.can_view_plan(_fresh(people["other_teacher"]), plan)
    assert not permissions.can_edit_plan(_fresh(people["other_teacher"]), plan)


def test_a_pending_import_is_refused_once_the_uploader_lost_the_role(people, subjects):
    pending = subjects["pending"]
    pending.user.memberships.all().delete()
    assert not permissions.can_use_pending_import(_fresh(pending.user), pending)


def test_a_phong_specialist_does_not_see_the_so_as_their_office(people, cast):
    assert not permissions.can_view_office(_fresh(people["specialist"]), cast.so)
    assert permissions.can_view_office(_fresh(people["so_specialist"]), cast.so)
    assert permissions.can_view_office(_fresh(people["admin"]), cast.so)
    assert not permissions.can_view_office(_fresh(people["principal"]), cast.phong)


# --- the helpers the can_* functions are built on --------------------------------------------------


def test_is_system_admin_per_role(people, db):
    answers = {role: permissions.is_system_admin(_fresh(people[role])) for role in ROLES}
    assert answers == {role: role == "admin" for role in ROLES}
    boss = User.objects.create_superuser(username="root", password="x-quan-tri-1", email="")
    assert permissions.is_system_admin(boss)


def test_is_office_specialist_per_role(people):
    answers = {role: permissions.is_office_specialist(_fresh(people[role])) for role in ROLES}
    assert answers == {role: role in OVERSEERS for role in ROLES}


def test_oversees_per_role(people, cast):
    answers = {role: permissions.oversees(_fresh(people[role]), cast.primary) for role in ROLES}
    assert answers == {role: role in OVERSEERS for role in ROLES}
    assert not permissions.oversees(_fresh(people["specialist"]), None)


def test_school_roles_per_role(people, cast):
    expected = {
        "principal": {Role.PRINCIPAL},
        "vice": {Role.VICE_PRINCIPAL},
        "council": {Role.COUNCIL_MEMBER},
        "monitor": {Role.MONITORING_MEMBER},
        "staff": {Role.STAFF},
    }
    answers = {role: permissions.school_roles(_fresh(people[role]), cast.primary) for role in ROLES}
    assert answers == {role: expected.get(role, set()) for role in ROLES}
    assert permissions.school_roles(_fresh(people["principal"]), None) == set()
    assert permissions.school_roles(_fresh(people["other_principal"]), cast.other) == {Role.PRINCIPAL}


def test_schools_of_and_offices_of_per_role(people, cast):
    schools = {role: permissions.schools_of(_fresh(people[role])) for role in ROLES}
    assert schools == {
        role: [cast.primary] if role in IN_SCHOOL else [cast.other] if role.startswith("other_") else []
        for role in ROLES
    }
    offices = {role: permissions.offices_of(_fresh(people[role])) for role in ROLES}
    assert offices == {
        role: [cast.phong] if role == "specialist" else [cast.so] if role == "so_specialist" else []
        for role in ROLES
    }


def test_schools_of_lists_every_school_of_a_person_in_name_order(people, cast):
    membership_add(user=people["staff"], role=Role.STAFF, school=cast.secondary)
    membership_add(user=people["staff"], role=Role.COUNCIL_MEMBER, school=cast.primary)
    assert permissions.schools_of(_fresh(people["staff"])) == sorted(
        [cast.primary, cast.secondary], key=lambda s: s.name
    )


def test_require_refuses_with_the_reason_and_the_page_shows_it(rf):
    permissions.require(True, "không dùng tới")
    with pytest.raises(permissions.Refused) as refusal:
        permissions.require(False, "Chỉ Hiệu trưởng được phê duyệt kế hoạch.")
    with pytest.raises(permissions.Refused, match="không có quyền"):
        permissions.require(False)
    response = refused(rf.get("/"), refusal.value)
    assert response.status_code == 403
    assert "Chỉ Hiệu trưởng được phê duyệt kế hoạch." in response.content.decode()


@pytest.mark.django_db
def test_refused_page_without_a_reason_still_explains():
    response = refused(RequestFactory().get("/"), None)
    assert response.status_code == 403
    assert "Bạn không có quyền" in response.content.decode()


def test_templates_ask_the_same_functions(people, subjects):
    template = Template(
        '{% load perms %}{% if user|can:"edit_plan"|of:plan %}sửa được{% else %}chỉ xem{% endif %}'
    )
    draft, published = subjects["plans"]["draft"], subjects["plans"]["published"]
    assert template.render(Context({"user": _fresh(people["council"]), "plan": draft})) == "sửa được"
    assert template.render(Context({"user": _fresh(people["council"]), "plan": published})) == "chỉ xem"
    assert template.render(Context({"user": _fresh(people["staff"]), "plan": draft})) == "chỉ xem"
    assert template.render(Context({"user": people["anonymous"], "plan": draft})) == "chỉ xem"


def test_membership_cache_is_per_user_object(people, cast):
    """A role given after the first question counts once the user is read again (as on the next request)."""
    user = _fresh(people["other_teacher"])
    assert not permissions.can_view_school(user, cast.primary)
    membership_add(user=user, role=Role.STAFF, school=cast.primary)
    assert permissions.can_view_school(user, cast.primary)
    assert CriterionAssessment.objects.count() == 0  # the table's assessment has no rows: nothing else built
