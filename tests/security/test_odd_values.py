"""Every page and endpoint, as every kind of person, with odd values: never a 500.

The routes come from Django's URL resolver (new pages are covered without editing this file); path
parameters are filled with real objects of the demo (`caitien demo`), and the parameter names each
view reads are found in its module's source (request.GET/POST names, form fields), to which the
common ones are added. Each (route, method) is sent every odd value once, each time as another
person, so every route meets every value and every role in about a thousand requests."""

from __future__ import annotations

import io
import re
import sys
import traceback
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from caitien.schools.models import User

ROLES = [None, "hieutruong", "giaovien", "chuyenvien", "quantri", "hieutruong_thcs", "giamsat"]

ODD = [
    "²",  # str.isdigit() accepts it, int() does not
    "-1",
    "100000000000000000000",
    "400000",  # a form count far past any page
    "x" * 5_000,
    "a\x00b",
    "%FF%FE%80",  # not UTF-8 (sent raw, percent-encoded)
    ["1", "²", ""],  # an array where one value is expected
]

COMMON = [
    "truong", "trang", "q", "nam", "nam_hoc", "voi", "tai", "loai", "trang_thai", "pham_vi", "dong",
    "after", "revision", "count", "next", "page", "page_size", "year", "status", "school", "sort",
    "sap_xep", "co_quan", "reason", "text", "item", "number", "date", "signer", "signer_title",
    "priority_issues-count", "monitoring-count", "items-TOTAL_FORMS", "items-INITIAL_FORMS",
    "items-MIN_NUM_FORMS", "items-MAX_NUM_FORMS", "met", "people", "target_level", "start_year",
    "end_year", "source", "assessment", "previous", "regulation", "period_kind", "title",
]  # fmt: skip

# A path parameter's name (or, for "pk", the route's first segment) → the model of its objects.
BY_NAME = {
    "assessment_pk": "assessments.SelfAssessment",
    "item_pk": "plans.PlanItem",
    "comment_pk": "plans.PlanComment",
    "ca_pk": "assessments.CriterionAssessment",
    "indicator_pk": "catalog.Indicator",
    "st_pk": "assessments.StandardAssessment",
    "office_pk": "schools.Office",
    "school_pk": "schools.School",
    "point_pk": "monitoring.ReviewPoint",
    "plan_id": "plans.Plan",
    "plan_pk": "plans.Plan",
    "task_pk": "execution.Task",
    "person_pk": "people.Person",
    "group_pk": "people.Group",
    "evidence_pk": "evidence.EvidenceItem",
}
BY_PREFIX = {
    "ke-hoach": "plans.Plan",
    "cong-khai": "plans.Plan",
    "tu-danh-gia": "assessments.SelfAssessment",
    "de-xuat": "escalations.Escalation",
    "thong-bao": "notifications.Notification",
    "kien-nghi": "monitoring.Recommendation",
    "bao-cao": "monitoring.ResultsReport",
    "nhap": "imports.PendingImport",
    "giam-sat": "monitoring.ReviewPoint",
    "minh-chung": "evidence.EvidenceItem",
    "nhan-su": "people.Person",
    "cong-viec": "execution.Task",
}
# Objects only their owner reaches: every odd value is sent as that owner.
OWNER = {"nhap": "hieutruong"}
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
NAMES_IN_SOURCE = [
    re.compile(r"""(?:GET|POST|FILES)\.(?:get|getlist|pop)\(\s*f?["']([\w\-\[\]]+)["']"""),
    re.compile(r"""(?:GET|POST|FILES)\[\s*f?["']([\w\-\[\]]+)["']\s*\]"""),
    re.compile(r"""^\s+(\w+)\s*=\s*(?:forms|inputs)\.\w+\(""", re.M),
]


def _routes():
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), p.callback

    return [(r, cb) for r, cb in walk(get_resolver().url_patterns) if not r.startswith("quan-tri/")]


def _names_read_by(callback) -> list[str]:
    target = getattr(callback, "view_class", None) or getattr(callback, "__wrapped__", None) or callback
    module = sys.modules.get(getattr(target, "__module__", ""), None)
    if module is None or not getattr(module, "__file__", None):
        return []
    path = Path(module.__file__)
    sources = [path]
    sources += [p for p in (path.parent / "forms.py", path.parent.parent / "forms.py") if p.exists()]
    names = set()
    for source in sources:
        text = source.read_text(encoding="utf-8")
        for pattern in NAMES_IN_SOURCE:
            names.update(pattern.findall(text))
    return sorted(names)


class Objects:
    """Real objects for the path parameters, picked in turn."""

    def __init__(self):
        self.cache = {}

    def of(self, label: str):
        if label not in self.cache:
            try:
                model = apps.get_model(label)
            except LookupError:
                self.cache[label] = []
            else:
                self.cache[label] = list(model.objects.order_by("pk").values_list("pk", flat=True)[:50])
        return self.cache[label]

    def fill(self, route: str, turn: int, huge: bool = False) -> str:
        prefix = route.split("/", 1)[0]
        chosen = {}

        def value(match):
            converter, name = match.group(1), match.group(2)
            if huge and converter in (None, "int"):
                return "100000000000000000000"
            label = BY_NAME.get(name) or (BY_PREFIX.get(prefix) if name == "pk" else None)
            if converter == "uuid" and not label:
                return "00000000-0000-0000-0000-000000000000"
            if converter in ("str", "slug", "path") and not label:
                return {"fmt": "xlsx", "direction": "up", "slug": "tt17-2018", "code": "1.1"}.get(name, "x")
            ids = self.of(label) if label else []
            if not ids:
                return "1" if converter in (None, "int") else "x"
            picked = ids[(turn * 7 + len(chosen)) % len(ids)]
            chosen[name] = picked
            return str(picked)

        return "/" + PARAM.sub(value, route)


def _encode(name: str, value) -> str:
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values:
        raw = v if v.startswith("%FF") else quote(v, safe="")
        out.append(f"{quote(name, safe='')}={raw}")
        out.append(f"{quote(name + '[]', safe='')}={raw}") if name in ("q", "truong") else None
    return "&".join(out)


@pytest.fixture
def demo_site(db):
    call_command("demo", stdout=io.StringIO())
    # An import waiting for its preview, read from one of the demo's plans.
    from caitien.imports.models import PendingImport
    from caitien.plans.documents import plan_to_document
    from caitien.plans.models import Plan

    principal = User.objects.get(username="hieutruong")
    plan = Plan.objects.filter(school__memberships__user=principal).order_by("pk").first()
    PendingImport.objects.create(
        school=plan.school,
        user=principal,
        filename="ke-hoach.docx",
        size=1000,
        status=PendingImport.Status.READY,
        document=plan_to_document(plan).to_dict(),
    )


def test_no_route_answers_500_to_odd_values(demo_site):
    clients = {}
    for role in ROLES:
        c = Client(raise_request_exception=False)
        if role:
            c.force_login(User.objects.get(username=role))
        clients[role] = c
    failures = []

    def record(sender, request=None, **kwargs):
        failures.append(
            (getattr(request, "method", "?"), getattr(request, "path", "?"), traceback.format_exc())
        )

    got_request_exception.connect(record, dispatch_uid="odd-values")
    objects = Objects()
    sent = 0
    try:
        for n, (route, callback) in enumerate(_routes()):
            names = sorted(set(COMMON) | set(_names_read_by(callback)))
            for method in ("GET", "POST"):
                for k, odd in enumerate(ODD):
                    role = OWNER.get(route.split("/", 1)[0]) or ROLES[(n + k) % len(ROLES)]
                    client = clients[role]
                    url = objects.fill(route, n + k)
                    query = "&".join(_encode(name, odd) for name in names)
                    if method == "GET":
                        response = client.get(url, QUERY_STRING=query)
                    else:
                        response = client.generic(
                            "POST",
                            url,
                            query.encode("ascii"),
                            content_type="application/x-www-form-urlencoded",
                        )
                    sent += 1
                    if response.status_code >= 500:
                        failures.append(
                            (method, url, f"{response.status_code} as {role} with {str(odd)[:20]!r}")
                        )
                    if role and "_auth_user_id" not in client.session:  # a POST to the logout page
                        client.force_login(User.objects.get(username=role))
            if PARAM.search(route):
                url = objects.fill(route, n, huge=True)
                for method in ("get", "post"):
                    response = getattr(clients[ROLES[n % len(ROLES)]], method)(url)
                    sent += 1
                    if response.status_code >= 500:
                        failures.append((method.upper(), url, f"{response.status_code} with a huge id"))
    finally:
        got_request_exception.disconnect(dispatch_uid="odd-values")
    assert sent > 500
    report = "\n".join(
        f"{m} {p}: {detail.strip().splitlines()[-1] if detail else ''}" for m, p, detail in failures
    )
    assert not failures, f"{len(failures)} answers were 500:\n{report}"
