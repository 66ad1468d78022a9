"""Response headers Django does not set itself: Permissions-Policy (no camera, microphone, …) and a
Referrer-Policy on every answer, API and files included. The values are in settings.py."""

import re

from django.conf import settings
from django.views.debug import SafeExceptionReporterFilter


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Referrer-Policy", settings.REFERRER_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class HiddenEnvironmentFilter(SafeExceptionReporterFilter):
    """Even a development debug page hides the settings and request environment that carry
    addresses with passwords (DATABASE_URL, CAITIEN_EMAIL_URL, storage URLs) besides Django's own list."""

    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|DATABASE|URL|DSN|AUTH", flags=re.I
    )
