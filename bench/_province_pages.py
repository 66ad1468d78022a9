"""The child of bench/province.py: migrate the empty database it is given, generate the province,
request every office page and list, print queries and milliseconds. Not run on its own."""

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

from caitien.catalog.services import catalog_load  # noqa: E402
from caitien.offices.generator import province_generate  # noqa: E402
from caitien.plans.models import Plan  # noqa: E402
from caitien.schools.models import User  # noqa: E402

SCHOOLS = int(os.environ.get("CAITIEN_BENCH_SCHOOLS", "1000"))
OFFICES = int(os.environ.get("CAITIEN_BENCH_OFFICES", "10"))
REPEAT = int(os.environ.get("CAITIEN_BENCH_REPEAT", "3"))


class Counter:
    """Counts every SQL statement (Django's own query log stops at 9,000)."""

    def __init__(self):
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        return execute(sql, params, many, context)


def measure(client: Client, url: str) -> tuple[int, float, int, int]:
    """(queries, median ms, status, bytes) of `url` after one warm-up request."""
    client.get(url)
    times, queries, status, size = [], 0, 0, 0
    for _ in range(REPEAT):
        counter = Counter()
        with connection.execute_wrapper(counter):
            t0 = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
        queries, status, size = counter.n, response.status_code, len(response.content)
    return queries, statistics.median(times), status, size


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
        f"{result.rows} dòng; sinh trong {result.seconds:.1f} s (cả tạo bảng: {time.perf_counter() - t0:.1f} s)",
        flush=True,
    )
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=[result.so_specialist, result.office_specialists[0], result.principals[0]]
        )
    }
    so, phong, principal = (
        users[result.so_specialist],
        users[result.office_specialists[0]],
        users[result.principals[0]],
    )
    # The first school drafts this year's plan (the solution library beside one of its rows); its
    # plan of last year is the published one measured.
    draft = Plan.objects.filter(school__short_code="PA0001", start_year=result.school_year).first()
    Plan.objects.filter(pk=draft.pk).update(status=Plan.Status.DRAFT)
    row = draft.items.exclude(criterion=None).first()
    school_plan = (
        Plan.objects.filter(school__short_code="PA0001", status=Plan.Status.PUBLISHED)
        .order_by("-start_year", "-version")
        .first()
    )
    pages = [
        ("Tổng quan Sở (/tong-quan/)", so, "/tong-quan/"),
        ("Tổng quan Sở, lọc trễ hạn, xếp theo kinh phí", so, "/tong-quan/?tre=1&sap=-kinh-phi&q=truong"),
        (f"Tổng quan Sở, tải XLSX ({f'{SCHOOLS:,}'.replace(',', '.')} trường)", so, "/tong-quan/?tai=xlsx"),
        ("Tổng quan Phòng", phong, "/tong-quan/"),
        ("Một trường (trang của cơ quan)", so, f"/tong-quan/truong/{draft.school_id}/"),
        ("Tổng hợp Sở /api/offices/SO-PA/rollup", so, "/api/offices/SO-PA/rollup"),
        ("Danh sách kế hoạch, chuyên viên Sở (/ke-hoach/)", so, "/ke-hoach/"),
        ("Danh sách kế hoạch, chuyên viên Sở, trang 40", so, "/ke-hoach/?trang=40"),
        ("Danh sách kế hoạch, chuyên viên Phòng", phong, "/ke-hoach/"),
        ("Danh sách kế hoạch, hiệu trưởng", principal, "/ke-hoach/"),
        ("API /api/plans, chuyên viên Sở", so, "/api/plans"),
        ("API /api/plans, không đăng nhập, trang 20", None, "/api/plans?page=20"),
        ("Hàng đề xuất, chuyên viên Sở", so, "/de-xuat/co-quan/?pham_vi=duoi&trang_thai="),
        ("Thư viện giải pháp bên một dòng", principal, f"/giai-phap/dong/{row.pk}/"),
        ("Chi tiết kế hoạch 30 dòng, hiệu trưởng", principal, f"/ke-hoach/{school_plan.pk}/"),
        ("Trang công khai 30 dòng", None, f"/cong-khai/{school_plan.pk}/"),
    ]
    print(f"{'trang':<56} {'truy vấn':>9} {'ms':>9} {'mã':>4} {'KB':>7}")
    for label, user, url in pages:
        client = Client()
        if user is not None:
            client.force_login(user)
        queries, ms, status, size = measure(client, url)
        print(f"{label:<56} {queries:>9} {ms:>9.0f} {status:>4} {size / 1024:>7.0f}", flush=True)


if __name__ == "__main__":
    main()
