"""Every permission decision of the product, as plain functions.

Views, commands and templates all ask here (templates through the `can` filter of the `perms`
template library), so a rule is changed in one place. Each function takes the user (possibly
anonymous) and the object, and answers True or False; `require` turns a False into a refusal page
with a Vietnamese reason.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from caitien.schools.models import Role

AUTHORS = {Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.COUNCIL_MEMBER}
READERS_OF_DRAFTS = {
    Role.PRINCIPAL,
    Role.VICE_PRINCIPAL,
    Role.COUNCIL_MEMBER,
    Role.MONITORING_MEMBER,
    Role.STAFF,
}
# Staff carry out the rows and are expected to suggest (góp ý), so they comment too.
COMMENTERS_IN_SCHOOL = {
    Role.PRINCIPAL,
    Role.VICE_PRINCIPAL,
    Role.COUNCIL_MEMBER,
    Role.MONITORING_MEMBER,
    Role.STAFF,
}
PUBLIC_STATUSES = {"published", "superseded"}


class Refused(PermissionDenied):
    """A refusal with a message for the person refused."""


def require(allowed: bool, message: str = "Bạn không có quyền thực hiện thao tác này.") -> None:
    if not allowed:
        raise Refused(message)


# --- who is who -------------------------------------------------------------------------------


def _memberships(user):
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_caitien_memberships", None)
    if cached is None:
        cached = list(user.memberships.select_related("school", "office"))
        user._caitien_memberships = cached
    return cached


def is_system_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or any(m.role == Role.SYSTEM_ADMIN for m in _memberships(user))


def school_roles(user, school) -> set[str]:
    """The roles the user holds in this school."""
    if school is None:
        return set()
    return {m.role for m in _memberships(user) if m.school_id == school.pk}


def schools_of(user) -> list:
    """Schools where the user holds a role, in name order."""
    seen = {}
    for m in _memberships(user):
        if m.school_id and m.school_id not in seen:
            seen[m.school_id] = m.school
    return sorted(seen.values(), key=lambda s: s.name)


def offices_of(user) -> list:
    return [m.office for m in _memberships(user) if m.role == Role.OFFICE_SPECIALIST and m.office_id]


def oversees(user, school) -> bool:
    """An office specialist oversees every school of their office and of the offices below it."""
    if school is None:
        return False
    office_ids = {m.office_id for m in _memberships(user) if m.role == Role.OFFICE_SPECIALIST and m.office_id}
    if not office_ids:
        return False
    office = school.office
    while office is not None:
        if office.pk in office_ids:
            return True
        office = office.parent
    return False


def covered_office_ids(user) -> set:
    """Every office a specialist oversees: their own and all offices below them. One query per level
    of the office tree (Sở → Phòng: two), kept on the user object for the request."""
    cached = getattr(user, "_caitien_covered_offices", None)
    if cached is not None:
        return cached
    from caitien.schools.models import Office

    found = {m.office_id for m in _memberships(user) if m.role == Role.OFFICE_SPECIALIST and m.office_id}
    frontier = set(found)
    while frontier:
        frontier = set(Office.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    if getattr(user, "is_authenticated", False):
        user._caitien_covered_offices = found
    return found


def plan_visibility(user) -> Q | None:
    """The database condition of `can_view_plan`, for lists: None when the user may see every plan.
    Kept in step with can_view_plan by tests/schools/test_permissions.py."""
    if is_system_admin(user):
        return None
    schools = {m.school_id for m in _memberships(user) if m.school_id and m.role in READERS_OF_DRAFTS}
    offices = covered_office_ids(user)
    return Q(school_id__in=schools) | Q(status__in=PUBLIC_STATUSES, school__office_id__in=offices)


def is_office_specialist(user) -> bool:
    return any(m.role == Role.OFFICE_SPECIALIST for m in _memberships(user))


# --- schools and self-assessments -------------------------------------------------------------


def can_view_school(user, school) -> bool:
    return bool(school_roles(user, school)) or oversees(user, school) or is_system_admin(user)


def can_view_self_assessment(user, assessment) -> bool:
    return can_view_school(user, assessment.school)


def can_edit_self_assessment(user, assessment) -> bool:
    return bool(school_roles(user, assessment.school) & AUTHORS)


def can_create_self_assessment(user, school) -> bool:
    return Role.PRINCIPAL in school_roles(user, school) or Role.VICE_PRINCIPAL in school_roles(user, school)


def can_assign_criteria(user, assessment) -> bool:
    """Who drafts which criterion is decided by the council's chair or vice-chair."""
    return bool(school_roles(user, assessment.school) & {Role.PRINCIPAL, Role.VICE_PRINCIPAL})


def can_view_audit(user, school) -> bool:
    return Role.PRINCIPAL in school_roles(user, school) or is_system_admin(user)


def can_manage_system(user) -> bool:
    """Users, schools, offices and the catalog in the admin."""
    return is_system_admin(user)


def can_view_office(user, office) -> bool:
    if is_system_admin(user):
        return True
    ids = {m.office_id for m in _memberships(user) if m.role == Role.OFFICE_SPECIALIST}
    while office is not None:
        if office.pk in ids:
            return True
        office = office.parent
    return False


# --- plans ------------------------------------------------------------------------------------


def can_create_plan(user, school) -> bool:
    return bool(school_roles(user, school) & AUTHORS)


def can_import_plan(user, school) -> bool:
    return can_create_plan(user, school)


def can_use_pending_import(user, pending) -> bool:
    """An import waiting for confirmation belongs to the person who uploaded it."""
    return pending.user_id == getattr(user, "pk", None) and can_import_plan(user, pending.school)


def can_view_plan(user, plan) -> bool:
    """Drafts stay inside the school; the office and the public see what was published."""
    if school_roles(user, plan.school) & READERS_OF_DRAFTS or is_system_admin(user):
        return True
    return plan.status in PUBLIC_STATUSES and oversees(user, plan.school)


def can_view_public_plan(plan) -> bool:
    """The công khai page, without login: published plans and the versions they replaced."""
    return plan.status in PUBLIC_STATUSES


def hide_unreadable_plan(user, plan, message: str = "") -> None:
    """A plan the user may not read and that is not public is answered as if it did not exist (the
    same 404 as a wrong number), so refusals never tell which unpublished plan numbers exist."""
    if not (can_view_public_plan(plan) or can_view_plan(user, plan)):
        from django.http import Http404

        raise Http404(message)


def can_edit_plan(user, plan) -> bool:
    return plan.status == "draft" and bool(school_roles(user, plan.school) & AUTHORS)


def can_delete_plan(user, plan) -> bool:
    return plan.status == "draft" and Role.PRINCIPAL in school_roles(user, plan.school)


def can_submit_plan(user, plan) -> bool:
    """Whether the user may send the plan for approval (the checker may still block it)."""
    return can_edit_plan(user, plan)


def can_return_plan(user, plan) -> bool:
    """Send a submitted plan back to draft with a reason."""
    return plan.status == "submitted" and Role.PRINCIPAL in school_roles(user, plan.school)


def can_approve_plan(user, plan) -> bool:
    """Only the principal signs: approving sets the number, the date and the signer."""
    return plan.status == "submitted" and Role.PRINCIPAL in school_roles(user, plan.school)


def can_publish_plan(user, plan) -> bool:
    return plan.status == "approved" and Role.PRINCIPAL in school_roles(user, plan.school)


def can_revise_plan(user, plan) -> bool:
    """Adjust a published plan (điều chỉnh kế hoạch): a new version with a reason."""
    return plan.status == "published" and Role.PRINCIPAL in school_roles(user, plan.school)


def can_comment_plan(user, plan) -> bool:
    if plan.status in PUBLIC_STATUSES and oversees(user, plan.school):
        return True
    return bool(school_roles(user, plan.school) & COMMENTERS_IN_SCHOOL)


def can_answer_comment(user, plan) -> bool:
    """Answer the comments on a plan (tiếp thu / không tiếp thu): the school's authors, whatever
    the plan's step, since an answer changes nothing in the signed document."""
    return bool(school_roles(user, plan.school) & AUTHORS)


def can_attach_signed_scan(user, plan) -> bool:
    """Attach the signed, stamped scan (PDF): the principal, once the plan is approved."""
    return plan.status in ("approved", "published") and Role.PRINCIPAL in school_roles(user, plan.school)


def can_download_plan(user, plan) -> bool:
    """Whoever may read the plan; a published plan is public, so its files are too."""
    return can_view_plan(user, plan) or can_view_public_plan(plan)


def can_compare_versions(user, plan) -> bool:
    return can_view_plan(user, plan)


# --- escalations (tham mưu, đề xuất cấp trên) -------------------------------------------------------

# The school's leadership speaks for the school to the office.
ESCALATION_SENDERS = {Role.PRINCIPAL, Role.VICE_PRINCIPAL}
ESCALATION_FINAL_STATES = {"resolved", "unresolvable"}


def _specialist_office_ids(user) -> set:
    return {m.office_id for m in _memberships(user) if m.role == Role.OFFICE_SPECIALIST and m.office_id}


def can_create_escalation(user, school) -> bool:
    return bool(school_roles(user, school) & ESCALATION_SENDERS)


def can_view_escalation(user, escalation) -> bool:
    """The school's people, the offices above the school (a Sở sees its Phòng's), the admin."""
    return can_view_school(user, escalation.school)


def can_answer_escalation(user, escalation) -> bool:
    """The office holding the escalation answers it (a Phòng's answer may hand it on to its Sở),
    until it is resolved or found unresolvable."""
    if escalation.state in ESCALATION_FINAL_STATES:
        return False
    return escalation.office_id in _specialist_office_ids(user)


# --- the office's own settings ---------------------------------------------------------------------


def can_set_office_calendar(user, office) -> bool:
    """The office's specialists fix its deadlines (a Sở's reach its Phòng's schools unless the Phòng
    sets its own)."""
    return office.pk in _specialist_office_ids(user)


# --- notifications ----------------------------------------------------------------------------


def can_view_notification(user, notification) -> bool:
    """A notification is its person's own: nobody else opens it, not even an admin on the site."""
    return getattr(user, "is_authenticated", False) and notification.user_id == user.pk


# --- monitoring: reviews, year end, results reports ---------------------------------------------

SCHEDULERS = {Role.PRINCIPAL, Role.VICE_PRINCIPAL}
REPORT_WRITERS = {Role.PRINCIPAL, Role.VICE_PRINCIPAL}


def _reviewers_of(plan) -> set[str]:
    """Who records reviews comes from the regulation: the monitoring team (tổ giám sát), and under
    Thông tư 57/2026 the self-assessment council too."""
    from caitien.monitoring.rules import reviewer_roles

    return reviewer_roles(plan.regulation)


def can_view_reviews(user, plan) -> bool:
    """The school reads its reviews; the office reads those of published plans."""
    return can_view_plan(user, plan)


def can_record_review(user, plan) -> bool:
    return plan.status == "published" and bool(school_roles(user, plan.school) & _reviewers_of(plan))


def can_schedule_reviews(user, plan) -> bool:
    """Planned dates and extra review points: the principal and vice-principals."""
    return plan.status == "published" and bool(school_roles(user, plan.school) & SCHEDULERS)


def can_act_on_recommendation(user, plan) -> bool:
    """Turning a recommendation into a task or an escalation is the principal's decision."""
    return plan.status == "published" and Role.PRINCIPAL in school_roles(user, plan.school)


def can_close_rows(user, plan) -> bool:
    """The year-end close of each row (đạt / chưa đạt) and next year's plan from it."""
    return plan.status == "published" and Role.PRINCIPAL in school_roles(user, plan.school)


def can_create_report(user, plan) -> bool:
    return plan.status in PUBLIC_STATUSES and bool(school_roles(user, plan.school) & REPORT_WRITERS)


def can_view_report(user, report) -> bool:
    """Inside the school always; the office once the report is sent to it."""
    if school_roles(user, report.plan.school) & READERS_OF_DRAFTS or is_system_admin(user):
        return True
    return report.status != "draft" and oversees(user, report.plan.school)


def can_edit_report(user, report) -> bool:
    return report.status == "draft" and bool(school_roles(user, report.plan.school) & REPORT_WRITERS)


def can_send_report(user, report) -> bool:
    """The principal signs and sends the report to the office."""
    return report.status == "draft" and Role.PRINCIPAL in school_roles(user, report.plan.school)


def can_receive_report(user, report) -> bool:
    return report.status == "sent" and oversees(user, report.plan.school)


def can_comment_report(user, report) -> bool:
    if report.status != "draft" and oversees(user, report.plan.school):
        return True
    return bool(school_roles(user, report.plan.school) & REPORT_WRITERS)


# --- execution: row status, tasks (việc), progress updates -------------------------------------------

# The principal and vice-principals run the plan's execution: they split rows and assign tasks.
EXECUTION_MANAGERS = {Role.PRINCIPAL, Role.VICE_PRINCIPAL}


def _in_execution(plan) -> bool:
    return plan.status == "published"


def _leads_row(user, item) -> bool:
    from caitien.execution.responsibles import row_leads

    return getattr(user, "is_authenticated", False) and user.pk in row_leads(item).lead_users


def can_view_progress(user, plan) -> bool:
    """The school reads the progress of its plans; the office that of published ones."""
    return can_view_plan(user, plan)


def can_view_public_progress(plan) -> bool:
    """The công khai page shows each row's status (never tasks, names, money or private files)."""
    return plan.status in PUBLIC_STATUSES


def can_plan_tasks(user, plan) -> bool:
    """Split rows into tasks and assign them anywhere in the plan."""
    return _in_execution(plan) and bool(school_roles(user, plan.school) & EXECUTION_MANAGERS)


def can_update_row(user, plan, item) -> bool:
    """The row's status and its tasks: the leadership and the row's lead (chủ trì)."""
    if not _in_execution(plan) or not school_roles(user, plan.school):
        return False
    return bool(school_roles(user, plan.school) & EXECUTION_MANAGERS) or _leads_row(user, item)


def can_update_task(user, plan, item, task) -> bool:
    """Progress of a task: its owner and helpers, the row's lead, the leadership."""
    if can_update_row(user, plan, item):
        return True
    if not _in_execution(plan) or not school_roles(user, plan.school):
        return False
    person_ids = {p.pk for p in task.helpers.all()} | {task.owner_id}
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return person is not None and person.pk in person_ids


def can_comment_progress(user, plan) -> bool:
    """The monitoring team (and the school's people, the office) comment on a plan in execution."""
    return _in_execution(plan) and can_comment_plan(user, plan)


def can_manage_access_tokens(user) -> bool:
    """Personal access tokens for the API: each signed-in person manages their own."""
    return bool(getattr(user, "is_authenticated", False))


# --- the staff directory (nhân sự) and who is responsible for rows ------------------------------

# The school's leadership keeps the directory; every member of staff reads it.
PEOPLE_MANAGERS = {Role.PRINCIPAL, Role.VICE_PRINCIPAL}


def can_view_people(user, school) -> bool:
    return bool(school_roles(user, school) & READERS_OF_DRAFTS)


def can_manage_people(user, school) -> bool:
    """Add, edit, deactivate people, groups and their members; import the staff list."""
    return bool(school_roles(user, school) & PEOPLE_MANAGERS)


def can_view_responsibles(user, plan) -> bool:
    """The "Người phụ trách" page of a plan names staff, so it stays inside the school."""
    return can_view_people(user, plan.school)


def can_map_responsibles(user, plan) -> bool:
    """Say once for the whole school what a lead or coordinator text means; it changes no row, so
    any step of the plan."""
    return can_manage_people(user, plan.school)


# --- evidence register (danh mục minh chứng) ----------------------------------------------------

EVIDENCE_LEADERS = {Role.PRINCIPAL, Role.VICE_PRINCIPAL}


def _assigned_criterion_ids(user, school) -> set | None:
    """The criteria the council member was assigned in the school's self-assessments, or None when
    none were assigned (then the member manages every item). Cached on the user for one request."""
    cache = getattr(user, "_caitien_evidence_criteria", None)
    if cache is None:
        cache = user._caitien_evidence_criteria = {}
    if school.pk not in cache:
        from caitien.assessments.models import CriterionAssessment

        ids = set(
            CriterionAssessment.objects.filter(self_assessment__school=school, assignees=user).values_list(
                "criterion_id", flat=True
            )
        )
        cache[school.pk] = ids or None
    return cache[school.pk]


def can_view_evidence_register(user, school) -> bool:
    """The whole register (private items too): the school, its offices, the admin."""
    return can_view_school(user, school)


def can_add_evidence(user, school) -> bool:
    return bool(school_roles(user, school) & AUTHORS)


def can_manage_evidence_register(user, school) -> bool:
    """Copying a year and importing a list rewrite many items at once: the school's leaders."""
    return bool(school_roles(user, school) & EVIDENCE_LEADERS)


def can_import_evidence(user, school) -> bool:
    return can_add_evidence(user, school)


def can_manage_evidence(user, item) -> bool:
    """Edit, delete, attach files. A council member manages the items of the criteria assigned to
    them (and the items they added); with no criteria assigned, every item of the school."""
    roles = school_roles(user, item.school)
    if roles & EVIDENCE_LEADERS:
        return True
    if Role.COUNCIL_MEMBER not in roles:
        return False
    if item.created_by_id and item.created_by_id == user.pk:
        return True
    assigned = _assigned_criterion_ids(user, item.school)
    if assigned is None:
        return True
    return any(link.criterion_id in assigned for link in item.criterion_links.all())


def evidence_criteria_allowed(user, school):
    """The criteria under which the person may file new evidence: None for all of them (the school's
    leaders, a council member with no assignment), a set of criterion ids, or an empty set for nobody."""
    roles = school_roles(user, school)
    if roles & EVIDENCE_LEADERS:
        return None
    if Role.COUNCIL_MEMBER not in roles:
        return set()
    return _assigned_criterion_ids(user, school)


def can_view_evidence(user, item) -> bool:
    """One item and its files: public items for everyone, the others for those who read the register."""
    return bool(item.public) or can_view_evidence_register(user, item.school)
