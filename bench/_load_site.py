"""The child of bench/load.py that prepares the site: migrate the empty database it is given, generate
the province, open a session for each simulated person, measure the CPU time per request of the
heaviest pages in this process, and write what the load run needs (sessions, plans, rows) as JSON to
the file named by CAITIEN_BENCH_PLAN. Not run on its own."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from caitien.catalog.services import catalog_load  # noqa: E402
from caitien.offices.generator import province_generate  # noqa: E402
from caitien.plans.models import Plan, PlanItem  # noqa: E402
from caitien.schools.models import Membership, Role, User  # noqa: E402

SCHOOLS = int(os.environ.get("CAITIEN_BENCH_LOAD_SCHOOLS", "1000"))
OFFICES = max(1, min(10, SCHOOLS // 10))
HX = {"HTTP_HX_REQUEST": "true"}


def _session(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _cpu_ms(client: Client, method: str, url: str, data=None, repeat: int = 5) -> tuple[float, float, int]:
    """(CPU ms of the first request, median CPU ms of the next `repeat`, last status) in this process."""
    samples, status = [], 0
    for _ in range(repeat + 1):
        t0 = time.process_time()
        if method == "post":
            response = client.post(url, data() if callable(data) else data, **HX)
        else:
            response = client.get(url)
        samples.append((time.process_time() - t0) * 1000)
        status = response.status_code
    return samples[0], statistics.median(samples[1:]), status


def main() -> None:
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    # Pages are drawn as the production server draws them: static files from the collected manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    catalog_load()
    result = province_generate(offices=OFFICES, schools=SCHOOLS, plans=5, rows=30, prefix="PA")
    if connection.vendor == "postgresql":
        # Statistics as autovacuum would gather them on a site that grew to this size; without them
        # PostgreSQL plans every query for near-empty tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"dữ liệu: {len(result.offices)} Phòng, {result.schools} trường, {result.plans} kế hoạch, "
        f"{result.rows} dòng; chuẩn bị trong {time.perf_counter() - t0:.1f} s",
        flush=True,
    )
    year = result.school_year
    drafts = list(
        Plan.objects.filter(status=Plan.Status.DRAFT, start_year=year, school__short_code__startswith="PA")
        .select_related("school")
        .order_by("school__short_code")[:40]
    )
    principals = {
        m.school_id: m.user
        for m in Membership.objects.filter(
            school__in=[p.school_id for p in drafts], role=Role.PRINCIPAL
        ).select_related("user")
    }
    editors = []
    for plan in drafts:
        user = principals.get(plan.school_id)
        row = plan.items.order_by("order").first()
        if user and row:
            editors.append(
                {"session": _session(user), "plan": plan.pk, "row": row.pk, "revision": row.revision}
            )
    published = list(
        Plan.objects.filter(status=Plan.Status.PUBLISHED, school__short_code__startswith="PA")
        .order_by("pk")
        .values_list("pk", flat=True)[:300]
    )
    specialists = [
        _session(u)
        for u in User.objects.filter(username__in=[result.so_specialist, *result.office_specialists])
    ]

    # CPU time per request of the heaviest pages, in this process (Django's test client: the
    # Python work of the page; PostgreSQL's own work happens in its server and is not counted).
    so = User.objects.get(username=result.so_specialist)
    editor = editors[0]
    principal = User.objects.get(pk=SessionStore(session_key=editor["session"]).load()[SESSION_KEY])
    client = Client()
    client.force_login(principal)
    revision = [editor["revision"]]

    def save():
        data = {"revision": revision[0], "notes": f"Ghi chú {revision[0]}"}
        revision[0] += 1
        return data

    pages = [
        ("trang chủ hiệu trưởng", client, "get", "/", None),
        ("kế hoạch (xem)", client, "get", f"/ke-hoach/{editor['plan']}/", None),
        ("soạn kế hoạch", client, "get", f"/ke-hoach/{editor['plan']}/soan/", None),
        ("lưu một dòng", client, "post", f"/ke-hoach/{editor['plan']}/dong/{editor['row']}/", save),
        ("trang công khai", Client(), "get", f"/cong-khai/{published[0]}/", None),
    ]
    office = Client()
    office.force_login(so)
    pages.append(("tổng quan của Sở", office, "get", "/tong-quan/", None))
    print("thời gian CPU mỗi yêu cầu (trong tiến trình Django, không tính máy chủ PostgreSQL):")
    for label, who, method, url, data in pages:
        first, warm, status = _cpu_ms(who, method, url, data)
        print(f"  {label:<24} lần đầu {first:7.0f} ms, các lần sau {warm:7.0f} ms (HTTP {status})")
    # The measured saves moved the first editor's row on: the load run starts from what is saved now.
    editor["revision"] = PlanItem.objects.get(pk=editor["row"]).revision
    plan = {"editors": editors, "published": published, "specialists": specialists}
    Path(os.environ["CAITIEN_BENCH_PLAN"]).write_text(json.dumps(plan), encoding="utf-8")


if __name__ == "__main__":
    main()
