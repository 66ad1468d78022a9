"""Behind a reverse proxy every request comes from the proxy: the client's address is taken from
X-Forwarded-For only when the request comes from a proxy named in CAITIEN_TRUSTED_PROXIES, and the
same address is what the download limiter, the login lockout and the audit log count."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory

from caitien.audit.models import AuditEvent
from caitien.web.client import client_address

NGINX = "127.0.0.1"


def _request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "client"),
    [
        # Nothing configured: the header is whatever anyone wrote, never read.
        ("", NGINX, "203.0.113.7", NGINX),
        # The proxy appended the address it saw; what the client wrote before it is ignored.
        (NGINX, NGINX, "203.0.113.7", "203.0.113.7"),
        (NGINX, NGINX, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        # A request straight from elsewhere: its header is not believed.
        (NGINX, "198.51.100.4", "203.0.113.7", "198.51.100.4"),
        # Two proxies of the site (a CIDR range): both skipped, the hop before them is the client.
        ("10.0.0.0/24", "10.0.0.2", "9.9.9.9, 203.0.113.7, 10.0.0.3", "203.0.113.7"),
        ("10.0.0.0/24, 127.0.0.1", NGINX, "203.0.113.7, 10.0.0.3", "203.0.113.7"),
        # Not an address: the walk stops at the last trusted hop rather than believe it.
        (NGINX, NGINX, "203.0.113.7, không-phải-ip", NGINX),
        # A trusted proxy that forwards no header: the proxy itself.
        (NGINX, NGINX, None, NGINX),
        # Every hop is a trusted proxy: the farthest one.
        ("10.0.0.0/24", "10.0.0.2", "10.0.0.9", "10.0.0.9"),
        # IPv6 and ports.
        ("::1", "::1", "[2001:db8::5]:443", "2001:db8::5"),
        (NGINX, NGINX, "203.0.113.7:51234", "203.0.113.7"),
    ],
)
def test_the_client_address(settings, trusted, remote, forwarded, client):
    settings.CAITIEN_TRUSTED_PROXIES = trusted
    assert client_address(_request(remote, forwarded)) == client


def test_a_mistyped_proxy_list_is_refused_with_its_reason(settings):
    settings.CAITIEN_TRUSTED_PROXIES = "127.0.0.1, nginx.local"
    with pytest.raises(ImproperlyConfigured, match="“nginx.local” không phải địa chỉ IP"):
        client_address(_request(NGINX))


def _via_proxy(client_ip):
    return {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": client_ip}


@pytest.mark.django_db
def test_the_download_limit_counts_each_reader_behind_the_proxy(published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CAITIEN_DOWNLOAD_RATE = "2/600"
    url = f"/ke-hoach/{published.pk}/tai-ve/xlsx/"
    reader = Client()
    settings.CAITIEN_TRUSTED_PROXIES = NGINX
    assert [reader.get(url, **_via_proxy("203.0.113.7")).status_code for _ in range(3)] == [200, 200, 429]
    # Another reader behind the same proxy has a count of their own.
    assert reader.get(url, **_via_proxy("203.0.113.8")).status_code == 200
    # Without the setting every reader is "the proxy", and a spoofed header does not help.
    settings.CAITIEN_TRUSTED_PROXIES = ""
    assert [reader.get(url, **_via_proxy(f"198.51.100.{n}")).status_code for n in range(3)] == [200, 200, 429]


@pytest.mark.django_db
def test_the_lockout_and_the_audit_log_see_the_forwarded_address(cast, settings):
    settings.CAITIEN_TRUSTED_PROXIES = NGINX
    guesser = Client()
    for n in range(6):
        guesser.post(
            "/dang-nhap/", {"username": "principal", "password": f"sai-{n}"}, **_via_proxy("203.0.113.7")
        )
    locked = guesser.post(
        "/dang-nhap/", {"username": "principal", "password": cast.password}, **_via_proxy("203.0.113.7")
    )
    assert locked.status_code == 429
    # The principal, behind the same proxy from another address, is not locked out.
    own = Client()
    answer = own.post(
        "/dang-nhap/", {"username": "principal", "password": cast.password}, **_via_proxy("203.0.113.50")
    )
    assert answer.status_code == 302
    failures = AuditEvent.objects.filter(action="login.failed").values_list("summary", flat=True)
    assert failures and all("203.0.113.7" in s for s in failures)
    staff = Client()
    staff.force_login(cast.staff)
    assert staff.get("/ke-hoach/moi/", **_via_proxy("203.0.113.9")).status_code == 403
    refusal = AuditEvent.objects.get(action="access.refused")
    assert "từ 203.0.113.9" in refusal.summary
