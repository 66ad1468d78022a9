"""The client's address, for every part that needs it: the download limiter, the login lockout
(django-axes' AXES_CLIENT_IP_CALLABLE) and the audit log.

Behind a reverse proxy (deploy/nginx.conf) every request comes from the proxy's address, so the
client is in X-Forwarded-For. That header is whatever the client sent plus what each proxy added,
so it is read only when configured:

- `CAITIEN_TRUSTED_PROXIES` (addresses or CIDR ranges, comma-separated: "127.0.0.1, 10.0.0.0/24"):
  when the request comes from one of them, X-Forwarded-For is read from the right, skipping the
  trusted proxies' own addresses; the first other address is the client. A request from anywhere
  else is taken at its REMOTE_ADDR, whatever it claims.
- `CAITIEN_PROXY_COUNT` (older, used only when no trusted proxies are named): the address the
  n-th proxy from the right saw.

A hop that is not an IP address ends the walk at the last trusted address seen: nothing a client
writes is ever taken for an address.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@functools.lru_cache(maxsize=8)
def _networks(spec: str) -> tuple:
    out = []
    for piece in spec.replace(";", ",").split(","):
        piece = piece.strip()
        if not piece:
            continue
        try:
            out.append(ipaddress.ip_network(piece, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"CAITIEN_TRUSTED_PROXIES: “{piece}” không phải địa chỉ IP hay dải CIDR."
            ) from exc
    return tuple(out)


def trusted_proxies() -> tuple:
    """The configured networks (raises ImproperlyConfigured, in Vietnamese, on a bad entry)."""
    return _networks(str(getattr(settings, "CAITIEN_TRUSTED_PROXIES", "") or ""))


def _address(text: str):
    text = (text or "").strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.7:51234"
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    if address is None:
        return False
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    return any(address.version == n.version and address in n for n in networks)


def client_address(request) -> str | None:
    """The address of whoever sent `request` (see the module's text); None when there is none."""
    remote = request.META.get("REMOTE_ADDR") or None
    networks = trusted_proxies()
    forwarded = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if networks:
        current = _address(remote or "")
        if not _trusted(current, networks):
            return remote
        for hop in reversed(forwarded):
            address = _address(hop)
            if address is None:
                break  # not an address: stop at the last proxy we trust
            current = address
            if not _trusted(address, networks):
                break
        return str(current)
    count = int(getattr(settings, "CAITIEN_PROXY_COUNT", 0) or 0)
    if count and len(forwarded) >= count:
        address = _address(forwarded[-count])
        if address is not None:
            return str(address)
    return remote


def axes_client_ip(request) -> str | None:
    """django-axes' AXES_CLIENT_IP_CALLABLE."""
    return client_address(request)
