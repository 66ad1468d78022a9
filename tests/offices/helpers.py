"""Query counting at two province sizes: every office page and list must ask as many queries for
30 schools as for 3."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from caitien.offices.generator import province_generate
from caitien.schools.models import User

SMALL, BIG = 3, 30


def provinces(**kwargs):
    """Two generated provinces in the same database: (small, big), 3 and 30 schools over 2 Phòng."""
    options = {"offices": 2, "plans": 3, "rows": 3, "school_year": 2025, **kwargs}
    return (
        province_generate(schools=SMALL, prefix="SMALL", **options),
        province_generate(schools=BIG, prefix="BIG", **options),
    )


def client_as(username: str | None) -> Client:
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    return client


def queries(client: Client, url: str) -> int:
    """SQL queries of one request (after a first one, so per-process caches are warm)."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)
