"""Create, revoke and check personal access tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from caitien.audit.services import audit_record
from caitien.tokens.models import AccessToken

PREFIX = "ct_"
MAX_ACTIVE = 10


class TokenError(Exception):
    """A refused token change; the message (Vietnamese) says why."""


def digest_of(raw: str) -> str:
    # The token is 32 random bytes: a plain SHA-256 cannot be reversed or guessed.
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, name: str) -> tuple[AccessToken, str]:
    """A new token for the person; returns it with the raw token, which is never stored."""
    name = " ".join((name or "").split())
    if not name:
        raise TokenError("Hãy đặt tên gợi nhớ cho mã truy cập (ví dụ: Phần mềm quản lý của trường).")
    if len(name) > 100:
        raise TokenError("Tên gợi nhớ dài quá 100 ký tự. Hãy viết ngắn lại.")
    if AccessToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE:
        raise TokenError(
            f"Bạn đã có {MAX_ACTIVE} mã truy cập đang dùng. Hãy thu hồi mã không dùng nữa trước."
        )
    raw = PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(user=user, name=name, prefix=raw[:10], digest=digest_of(raw))
    audit_record(
        actor=user, action="token.create", obj=token, school=None, summary=f"Tạo mã truy cập “{name}”"
    )
    return token, raw


@transaction.atomic
def token_revoke(*, token: AccessToken, actor) -> AccessToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="token.revoke",
            obj=token,
            school=None,
            summary=f"Thu hồi mã truy cập “{token.name}”",
        )
    return token


def user_for_token(raw: str):
    """The active user a raw token belongs to, or None (unknown, revoked, or the account is disabled)."""
    if not raw or not raw.startswith(PREFIX) or len(raw) > 200:
        return None
    token = (
        AccessToken.objects.filter(digest=digest_of(raw), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
