"""Response headers, error pages in Vietnamese, no debug page in production, templates without inline code."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

TEMPLATES = Path(__file__).resolve().parents[2] / "caitien" / "templates"


def _header_checks(response):
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "microphone=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/dang-nhap/", "/cong-khai/", "/api/catalog", "/khong-co-trang-nay/"])
def test_every_answer_carries_the_security_headers(client, url):
    _header_checks(client.get(url))


def test_logged_in_pages_carry_them_too(client, cast):
    client.force_login(cast.principal)
    _header_checks(client.get("/"))


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "a <script> without src"),
    (re.compile(r"<style\b", re.I), "a <style> block"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an on…= event handler"),
    (re.compile(r"\shx-on[:\-]", re.I), "an hx-on attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: address"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"hx-(vals|headers)\s*=\s*['\"]\s*js:", re.I), "hx-vals evaluated as script"),
]


def test_no_template_has_inline_script_or_style():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        # JSON data blocks are not scripts.
        text = re.sub(r'<script type="application/(ld\+)?json"[^>]*>.*?</script>', "", text, flags=re.S)
        for pattern, what in INLINE:
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                found.append(f"{path.relative_to(TEMPLATES)}:{line}: {what}")
    assert not found, "\n".join(found)


def test_htmx_runs_without_eval(client, db):
    page = client.get("/dang-nhap/").content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', page)
    import json

    assert config and json.loads(config.group(1)) == {
        "allowEval": False,
        "allowScriptTags": False,
        "includeIndicatorStyles": False,
        # htmx would copy a style attribute (a textarea's height set by editor.js) with setAttribute.
        "attributesToSettle": ["class", "width", "height"],
    }


def test_error_pages_are_vietnamese(db):
    from django.views.defaults import bad_request, server_error

    request = RequestFactory().get("/")
    failed = server_error(request)
    assert failed.status_code == 500
    text = failed.content.decode()
    assert "Hệ thống đang gặp lỗi" in text and "Những gì đã lưu trước đó vẫn còn nguyên" in text
    assert 'lang="vi"' in text and "Server Error" not in text
    bad = bad_request(request, exception=None)
    assert bad.status_code == 400 and "Yêu cầu không hợp lệ" in bad.content.decode()


def test_a_real_failure_answers_the_vietnamese_500_page(client, cast, monkeypatch):
    from caitien.dashboards import views

    def broken(*args, **kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(views, "render", broken)
    client.raise_request_exception = False
    client.force_login(cast.principal)
    response = client.get("/")
    assert response.status_code == 500 and "Hệ thống đang gặp lỗi" in response.content.decode()
    assert "RuntimeError" not in response.content.decode() and "Traceback" not in response.content.decode()


def _debug_with(**env):
    environ = {k: v for k, v in os.environ.items() if k not in ("CAITIEN_TESTING", "CAITIEN_HTTPS")}
    environ.update(env)
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**environ, "DJANGO_SETTINGS_MODULE": "caitien.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_debug_pages_only_on_a_developer_machine(tmp_path):
    var = str(tmp_path)
    assert _debug_with(CAITIEN_DEBUG="1", CAITIEN_HOSTS="127.0.0.1,localhost", CAITIEN_VAR_DIR=var) == "True"
    assert _debug_with(CAITIEN_DEBUG="1", CAITIEN_HOSTS="caitien.sgd.gov.vn", CAITIEN_VAR_DIR=var) == "False"
    assert (
        _debug_with(CAITIEN_DEBUG="1", CAITIEN_HOSTS="localhost", CAITIEN_HTTPS="1", CAITIEN_VAR_DIR=var)
        == "False"
    )
    assert _debug_with(CAITIEN_HOSTS="localhost", CAITIEN_VAR_DIR=var) == "False"


def test_even_a_debug_page_hides_addresses_with_passwords():
    from caitien.accounts.headers import HiddenEnvironmentFilter

    request = RequestFactory().get("/", DATABASE_URL="postgres://u:motmatkhau@db/x")
    request.META["CAITIEN_EMAIL_URL"] = "smtp://u:motmatkhau@mail:587"
    meta = HiddenEnvironmentFilter().get_safe_request_meta(request)
    assert "motmatkhau" not in str(meta)
    assert "motmatkhau" not in str(HiddenEnvironmentFilter().get_safe_settings().get("DATABASES"))


def test_a_stale_form_gets_a_vietnamese_page(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.principal)
    response = client.post("/doi-mat-khau/", {"old_password": "x"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "Trang đã cũ, chưa gửi được" in text and "CSRF" not in text
