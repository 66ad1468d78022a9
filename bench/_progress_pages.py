"""The child of bench/progress.py: migrate the empty database it is given, build one published plan
of 30 rows with 150 tasks, request the execution pages, print queries and milliseconds."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

ROWS = 30
TASKS_PER_ROW = 5
REPEAT = int(os.environ.get("CAITIEN_BENCH_REPEAT", "5"))


def _count(execute, sql, params, many, context, counter=[0]):  # noqa: B006 - a shared tally
    counter[0] += 1
    return execute(sql, params, many, context)


def measure(client, url) -> tuple[int, float, int]:
    client.get(url)
    times, queries, status = [], 0, 0
    for _ in range(REPEAT):
        before = _count.__defaults__[0][0]
        with connection.execute_wrapper(_count):
            t0 = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
        queries, status = _count.__defaults__[0][0] - before, response.status_code
    return queries, statistics.median(times), status


def build():
    from caitien.catalog.services import catalog_load
    from caitien.execution import services
    from caitien.people.models import Person
    from caitien.schools.models import Office, Role
    from caitien.schools.services import membership_add, office_create, school_create, user_create
    from tests.monitoring.conftest import extra_rows, publish
    from tests.plans.conftest import make_plan

    catalog_load()
    from caitien.catalog.models import Regulation

    phong = office_create(name="Phòng Giáo dục và Đào tạo huyện Thử", kind=Office.Kind.PHONG, place="Thử")
    school = school_create(
        name="Trường Tiểu học Đo Tốc Độ",
        level="tieu_hoc",
        office=phong,
        governing_body="UBND huyện Thử",
        place="Thử",
        short_code="THDTD",
        regulation=Regulation.objects.get(slug="tt17-2018"),
    )
    principal = user_create(username="bench_ht", full_name="Nguyễn Văn Đo", password="bench-pass-1")
    membership_add(user=principal, role=Role.PRINCIPAL, school=school)
    teacher_user = user_create(username="bench_gv", full_name="Trần Thị Thử", password="bench-pass-1")
    membership_add(user=teacher_user, role=Role.STAFF, school=school)
    specialist = user_create(username="bench_cv", full_name="Lê Văn Xem", password="bench-pass-1")
    membership_add(user=specialist, role=Role.OFFICE_SPECIALIST, office=phong)
    teacher = Person.objects.create(
        school=school, full_name="Trần Thị Thử", position="Giáo viên", user=teacher_user
    )
    helper = Person.objects.create(school=school, full_name="Phạm Văn Giúp", position="Giáo viên")
    plan = publish(make_plan(school, principal, rows=extra_rows(ROWS)), principal)
    for n, item in enumerate(plan.items.order_by("order")):
        for k in range(TASKS_PER_ROW):
            task = services.task_create(
                plan=plan, item_key=item.key, title=f"Việc {n + 1}.{k + 1}", owner=teacher, actor=principal
            )
            task.helpers.add(helper)
            services.update_add(
                plan=plan,
                item_key=item.key,
                task=task,
                actor=principal,
                status="in_progress",
                progress=20,
                text="Đã bắt đầu",
            )
    return plan, principal, teacher_user, specialist


def main() -> None:
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    # Pages are drawn as the production server draws them: static files from the collected manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    plan, principal, teacher, specialist = build()
    print(f"Dữ liệu: 1 kế hoạch, {ROWS} dòng, {ROWS * TASKS_PER_ROW} việc ({time.perf_counter() - t0:.1f} s)")
    first_row = plan.items.order_by("order").first()
    pages = [
        ("Tiến độ thực hiện (Hiệu trưởng)", principal, f"/ke-hoach/{plan.pk}/tien-do/"),
        ("Tiến độ thực hiện (chuyên viên Phòng)", specialist, f"/ke-hoach/{plan.pk}/tien-do/"),
        ("Một dòng (5 việc)", principal, f"/ke-hoach/{plan.pk}/tien-do/dong/{first_row.key}/"),
        ("Việc của tôi (150 việc)", teacher, "/viec-cua-toi/"),
        ("GET /api/plans/{id}/progress", specialist, f"/api/plans/{plan.pk}/progress"),
    ]
    for label, user, url in pages:
        client = Client()
        client.force_login(user)
        queries, ms, status = measure(client, url)
        print(f"{label:<40} {queries:>4} truy vấn  {ms:8.1f} ms  (HTTP {status})")


if __name__ == "__main__":
    main()
