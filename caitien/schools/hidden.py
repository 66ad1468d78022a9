"""Which refusals must look like a missing object: a 403 on a page about a school-private object
(a draft plan, a task, an evidence item or file, a review point, a recommendation, a results report,
an escalation, a school's staff directory, an import, an access token) is answered with the 404 a
wrong number gets when the person may not even know the object exists — it is not public and they
have no part in its school (neither member nor the office above it). Someone who may read the
object and is refused an action on it still gets the 403 with its reason.

Each route pattern (as Django's resolver names it) maps to a function of the URL's arguments and
the user: True when the object is hidden from that user (or does not exist).
"""

from __future__ import annotations

from caitien.schools import permissions


def _plan_hidden(user, pk) -> bool:
    from caitien.plans.models import Plan

    plan = Plan.objects.select_related("school__office").filter(pk=pk).first()
    return plan is None or not (
        permissions.can_view_public_plan(plan) or permissions.can_view_plan(user, plan)
    )


def _school_hidden(user, school) -> bool:
    return school is None or not permissions.can_view_school(user, school)


def _task(user, kw) -> bool:
    from caitien.execution.models import Task

    task = Task.objects.select_related("plan__school__office").filter(pk=kw["pk"]).first()
    return task is None or _school_hidden(user, task.plan.school)


def _evidence_item(user, kw) -> bool:
    from caitien.evidence.models import EvidenceItem

    item = EvidenceItem.objects.select_related("school__office").filter(pk=kw["pk"]).first()
    return item is None or (not item.public and _school_hidden(user, item.school))


def _evidence_file(user, kw) -> bool:
    from caitien.evidence.models import EvidenceFile

    f = EvidenceFile.objects.select_related("item__school__office").filter(pk=kw["pk"]).first()
    return f is None or (not f.item.public and _school_hidden(user, f.item.school))


def _point(user, kw) -> bool:
    from caitien.monitoring.models import ReviewPoint

    point = ReviewPoint.objects.select_related("plan__school__office").filter(pk=kw["point_pk"]).first()
    return point is None or _school_hidden(user, point.plan.school)


def _recommendation(user, kw) -> bool:
    from caitien.monitoring.models import Recommendation

    r = Recommendation.objects.select_related("point__plan__school__office").filter(pk=kw["pk"]).first()
    return r is None or _school_hidden(user, r.point.plan.school)


def _report(user, kw) -> bool:
    from caitien.monitoring.models import ResultsReport

    report = ResultsReport.objects.select_related("plan__school__office").filter(pk=kw["pk"]).first()
    return report is None or _school_hidden(user, report.plan.school)


def _escalation(user, kw) -> bool:
    from caitien.escalations.models import Escalation

    e = Escalation.objects.select_related("school__office").filter(pk=kw["pk"]).first()
    return e is None or (e.school is not None and _school_hidden(user, e.school))


def _directory(user, kw) -> bool:
    from caitien.schools.models import School

    return _school_hidden(user, School.objects.select_related("office").filter(pk=kw["school_pk"]).first())


def _pending_import(user, kw) -> bool:
    from caitien.imports.models import PendingImport

    pending = PendingImport.objects.select_related("school__office").filter(pk=kw["pk"]).first()
    return pending is None or not permissions.can_use_pending_import(user, pending)


def _token(user, kw) -> bool:
    from caitien.tokens.models import AccessToken

    return not AccessToken.objects.filter(pk=kw["pk"], user_id=getattr(user, "pk", None)).exists()


def _plan_row(user, kw) -> bool:
    from caitien.plans.models import PlanItem

    plan_id = PlanItem.objects.filter(pk=kw["item_pk"]).values_list("plan_id", flat=True).first()
    return plan_id is None or _plan_hidden(user, plan_id)


# Route prefix → hidden(user, kwargs). The longest matching prefix wins.
ROUTES = {
    "ke-hoach/<int:pk>/": lambda user, kw: _plan_hidden(user, kw["pk"]),
    "cong-khai/<int:pk>/": lambda user, kw: _plan_hidden(user, kw["pk"]),
    "ke-hoach/<int:plan_pk>/": lambda user, kw: _plan_hidden(user, kw["plan_pk"]),
    "viec/<int:pk>/": _task,
    "minh-chung/<int:pk>/": _evidence_item,
    "minh-chung/tep/<int:pk>/": _evidence_file,
    "giam-sat/<int:point_pk>/": _point,
    "kien-nghi/<int:pk>/": _recommendation,
    "bao-cao/<int:pk>/": _report,
    "de-xuat/<int:pk>/": _escalation,
    "nhan-su/<int:school_pk>/": _directory,
    "nhap/<uuid:pk>/": _pending_import,
    "tai-khoan/ma-truy-cap/<int:pk>/": _token,
    "giai-phap/dong/<int:item_pk>/": _plan_row,
}


def refused_object_hidden(request) -> bool:
    """Whether the refused request is about an object its person may not know of: then the answer
    is the 404 of a wrong number."""
    match = getattr(request, "resolver_match", None)
    route = (getattr(match, "route", "") or "") if match is not None else ""
    prefixes = sorted((p for p in ROUTES if route.startswith(p)), key=len, reverse=True)
    if not prefixes:
        return False
    try:
        return ROUTES[prefixes[0]](getattr(request, "user", None), match.kwargs)
    except (KeyError, ValueError):
        return False


def hidden_school_object(user, school) -> bool:
    """For views and the API that look an object up themselves: True when its school is not the
    user's to know of (answer 404)."""
    return _school_hidden(user, school)
