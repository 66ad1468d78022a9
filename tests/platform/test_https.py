"""CAITIEN_HTTPS=1: secure cookies, HSTS, redirect to https, the reverse proxy's header trusted."""

import json
import os
import subprocess
import sys

NAMES = [
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
    "DEBUG",
]


def _settings(tmp_path, **env):
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {NAMES!r}}}))"
    )
    clean = {
        k: v for k, v in os.environ.items() if k not in ("CAITIEN_TESTING", "CAITIEN_HTTPS", "CAITIEN_DEBUG")
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "caitien.settings", "CAITIEN_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_https_deployments_get_secure_cookies_hsts_and_the_redirect(tmp_path):
    assert _settings(tmp_path, CAITIEN_HTTPS="1") == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "DEBUG": False,
    }


def test_plain_http_keeps_cookies_usable_and_debug_is_off_by_default(tmp_path):
    values = _settings(tmp_path)
    assert values["SESSION_COOKIE_SECURE"] is False and values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0 and values["SECURE_PROXY_SSL_HEADER"] is None
    assert values["DEBUG"] is False
