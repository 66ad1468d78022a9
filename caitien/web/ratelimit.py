"""A small limiter for costly requests (document downloads), counted in Django's cache.

The cache is the database cache (settings CACHES), so every app server counts against the same
numbers. A client is the signed-in person, or the address for anonymous readers (behind a trusted
reverse proxy, the one X-Forwarded-For gives: caitien.web.client). Counting is per
fixed window (`CAITIEN_DOWNLOAD_RATE`, "30/600": 30 requests per 600 seconds); `cache.add` starts a
window, `cache.incr` counts in it.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def rate() -> tuple[int, int]:
    count, _, seconds = str(getattr(settings, "CAITIEN_DOWNLOAD_RATE", "30/600")).partition("/")
    return max(int(count), 1), max(int(seconds or 600), 1)


def client_key(request) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    from caitien.web.client import client_address

    return f"ip:{client_address(request) or ''}"


def over_limit(request, scope: str) -> int:
    """0 while the client may go on (this request counted), else the seconds until it may."""
    limit, seconds = rate()
    window = int(time.time() // seconds)
    key = f"ratelimit:{scope}:{client_key(request)}:{window}"
    if cache.add(key, 1, timeout=seconds + 5):
        return 0
    try:
        used = cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.add(key, 1, timeout=seconds + 5)
        return 0
    if used <= limit:
        return 0
    return max(int((window + 1) * seconds - time.time()), 1)


def too_many(request, wait: int, what: str):
    minutes = max((wait + 59) // 60, 1)
    response = render(
        request,
        "too_many.html",
        {
            "what": what,
            "wait_minutes": minutes,
            "limit": rate()[0],
            "window_minutes": max(rate()[1] // 60, 1),
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response
