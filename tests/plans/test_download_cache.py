"""Generated documents are written once per plan content and served from storage after that; a
change writes a new one. Downloads are limited per client with a Vietnamese 429 page."""

import datetime
from pathlib import Path

import openpyxl
import pytest
from django.core.files.storage import default_storage

from caitien.plans import services
from caitien.plans.downloads import CACHE_FOLDER
from tests.plans.conftest import make_plan


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def published(cast):
    plan = make_plan(cast.primary, cast.principal)
    services.plan_submit(plan=plan, actor=cast.principal)
    services.plan_approve(
        plan=plan, actor=cast.principal, number="7/KH-THHB", date=datetime.date(2025, 9, 20), signer="An"
    )
    return services.plan_publish(plan=plan, actor=cast.principal)


def _stored(plan):
    try:
        return sorted(default_storage.listdir(f"{CACHE_FOLDER}/{plan.pk}")[1])
    except FileNotFoundError:
        return []


def _cells(data, tmp_path):
    path = tmp_path / "k.xlsx"
    path.write_bytes(data)
    return [c.value for row in openpyxl.load_workbook(path).active.iter_rows() for c in row if c.value]


def test_a_document_is_written_once_per_content(client, cast, media_root, tmp_path):
    client.force_login(cast.principal)
    plan = make_plan(cast.primary, cast.principal)
    first = client.get(f"/ke-hoach/{plan.pk}/tai-ve/xlsx/")
    assert first.status_code == 200
    stored = _stored(plan)
    assert len(stored) == 1 and stored[0].startswith("xlsx-")
    path = Path(default_storage.path(f"{CACHE_FOLDER}/{plan.pk}/{stored[0]}"))
    path.write_bytes(path.read_bytes())  # the same bytes, a newer time: served, not written again
    written_at = path.stat().st_mtime_ns
    second = client.get(f"/ke-hoach/{plan.pk}/tai-ve/xlsx/")
    assert second.content == first.content
    assert path.stat().st_mtime_ns == written_at and _stored(plan) == stored

    row = plan.items.order_by("order").first()
    services.plan_item_update(
        item=row, actor=cast.principal, values={"notes": "Ghi chú mới của dòng một"}, revision=row.revision
    )
    third = client.get(f"/ke-hoach/{plan.pk}/tai-ve/xlsx/")
    assert third.status_code == 200
    assert "Ghi chú mới của dòng một" in _cells(third.content, tmp_path)
    assert "Ghi chú mới của dòng một" not in _cells(first.content, tmp_path)
    now = _stored(plan)
    assert len(now) == 1 and now != stored  # the older file is gone

    client.get(f"/ke-hoach/{plan.pk}/tai-ve/docx/")
    assert len(_stored(plan)) == 2  # one per format


def test_downloads_are_limited_per_client(client, cast, published, media_root, settings):
    settings.CAITIEN_DOWNLOAD_RATE = "3/600"
    url = f"/ke-hoach/{published.pk}/tai-ve/xlsx/"
    for _ in range(3):
        assert client.get(url).status_code == 200
    refused = client.get(url)
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "Bạn đã tải quá nhiều lần" in body and "tối đa 3 lần trong 10 phút" in body
    assert 0 < int(refused["Retry-After"]) <= 600
    # Another address, and a signed-in person, have their own counts.
    assert client.get(url, REMOTE_ADDR="10.0.0.9").status_code == 200
    client.force_login(cast.specialist)
    assert client.get(url).status_code == 200


def test_a_cached_download_costs_the_same_queries_whatever_the_rows(client, cast, media_root):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.plans.conftest import ROWS

    client.force_login(cast.principal)
    counts = []
    for n in (3, 20):
        rows = [{**ROWS[i % len(ROWS)], "notes": f"Dòng {i + 1}"} for i in range(n)]
        plan = make_plan(cast.primary, cast.principal, rows=rows)
        client.get(f"/ke-hoach/{plan.pk}/tai-ve/xlsx/")  # written and stored
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/ke-hoach/{plan.pk}/tai-ve/xlsx/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
