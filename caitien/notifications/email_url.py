"""CAITIEN_EMAIL_URL → Django's e-mail settings. Plain Python, read by settings.py at start-up.

    console:                               printed (the default)
    file:///var/lib/caitien/mail           one .eml file per message in that folder
    smtp://user:password@host:port         SMTP; add ?tls=1 (STARTTLS) or ?ssl=1 (SMTPS)

User and password are percent-decoded, so a password with "@" or ":" is written %40, %3A.
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

FOLDER_BACKEND = "caitien.notifications.mail.FolderBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
_TRUE = {"1", "true", "yes", "on"}


class EmailUrlError(ValueError):
    """The address cannot be understood; the message (Vietnamese) says how to write it."""


def email_settings(url: str | None) -> dict:
    url = (url or "").strip() or "console:"
    scheme = url.partition(":")[0].lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": CONSOLE_BACKEND}
    if scheme == "file":
        path = unquote(urlsplit(url).path)
        if not path.startswith("/") or path == "/":
            raise EmailUrlError(
                f"CAITIEN_EMAIL_URL={url!r}: cần đường dẫn tuyệt đối tới một thư mục, "
                "ví dụ file:///var/lib/caitien/thu-di"
            )
        return {"EMAIL_BACKEND": FOLDER_BACKEND, "EMAIL_FILE_PATH": path}
    if scheme == "smtp":
        return _smtp(url)
    raise EmailUrlError(
        f"CAITIEN_EMAIL_URL={url!r}: không hiểu kiểu “{scheme}”. Dùng console:, file:///thư-mục "
        "hoặc smtp://tên:mật-khẩu@máy-chủ:cổng (thêm ?tls=1 hoặc ?ssl=1)."
    )


def _smtp(url: str) -> dict:
    parts = urlsplit(url)
    if not parts.hostname:
        raise EmailUrlError(
            f"CAITIEN_EMAIL_URL={url!r}: thiếu tên máy chủ SMTP, ví dụ smtp://ten:mat-khau@smtp.example.vn:587?tls=1"
        )
    query = {k.lower(): v[-1].strip().lower() for k, v in parse_qs(parts.query).items()}
    tls, ssl = query.get("tls", "") in _TRUE, query.get("ssl", "") in _TRUE
    if tls and ssl:
        raise EmailUrlError(f"CAITIEN_EMAIL_URL={url!r}: chỉ chọn một trong hai, ?tls=1 hoặc ?ssl=1.")
    try:
        port = parts.port
    except ValueError:
        raise EmailUrlError(f"CAITIEN_EMAIL_URL={url!r}: cổng phải là một số, ví dụ :587.") from None
    return {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or (465 if ssl else 587 if tls else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": tls,
        "EMAIL_USE_SSL": ssl,
        "EMAIL_TIMEOUT": 30,
    }
