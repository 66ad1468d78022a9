"""E-mails of the notification centre: the folder backend, building messages, signed unsubscribe links.

Every message carries a link to the page it is about, a link to the person's settings, and a signed
one-click unsubscribe link, also given in the List-Unsubscribe headers (RFC 2369, RFC 8058) so mail
programs can offer their own button.
"""

from __future__ import annotations

import datetime
import os
import secrets
import tempfile
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

UNSUBSCRIBE_SALT = "caitien.notifications.unsubscribe"
UNSUBSCRIBE_MAX_AGE = datetime.timedelta(days=400)  # a digest kept for a year still works
SUBJECT_PREFIX = "[Cải Tiến] "


class FolderBackend(BaseEmailBackend):
    """One .eml file per message in EMAIL_FILE_PATH (CAITIEN_EMAIL_URL=file:///folder). Each file is
    written under a temporary name and renamed, so a reader never sees half a message."""

    def __init__(self, *, file_path=None, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.folder = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        self.folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            try:
                self._write(message)
            except OSError:
                if not self.fail_silently:
                    raise
                continue
            sent += 1
        return sent

    def _write(self, message) -> None:
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        name = f"{stamp}-{os.getpid()}-{secrets.token_hex(4)}.eml"
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(message.message().as_bytes(linesep="\n"))
            os.replace(tmp, self.folder / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def site_url(path: str) -> str:
    """An absolute address for a path inside the site (e-mails are read outside it)."""
    if path.startswith(("http://", "https://")):
        return path
    base = getattr(settings, "CAITIEN_SITE_URL", "") or "http://127.0.0.1:8000"
    return base.rstrip("/") + "/" + path.lstrip("/")


def unsubscribe_token(user, kind: str = "") -> str:
    """Signed with the site's key and dated: who, and which kind ("" for every e-mail)."""
    return signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign_object({"u": user.pk, "k": kind})


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, kind) or signing.BadSignature (signing.SignatureExpired when too old)."""
    data = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).unsign_object(token, max_age=UNSUBSCRIBE_MAX_AGE)
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise signing.BadSignature("malformed")
    return data["u"], str(data.get("k") or "")


def build_message(*, user, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
    """A plain-text message with an HTML alternative, both from the templates of `template`."""
    unsubscribe = site_url(reverse("notifications:unsubscribe", args=[unsubscribe_token(user)]))
    ctx = {
        **context,
        "user": user,
        "settings_url": site_url(reverse("notifications:settings")),
        "centre_url": site_url(reverse("notifications:list")),
        "unsubscribe_url": unsubscribe,
    }
    text = render_to_string(f"notifications/email/{template}.txt", ctx)
    html = render_to_string(f"notifications/email/{template}.html", ctx)
    message = EmailMultiAlternatives(
        subject=SUBJECT_PREFIX + " ".join(subject.split())[:180],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
