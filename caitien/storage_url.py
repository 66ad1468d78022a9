"""CAITIEN_STORAGE_URL → Django's default file storage. Plain Python, read by settings.py at start-up.

    (unset)                                   the folder var/media of this machine (one machine)
    file:///srv/caitien/media                 a folder, e.g. one shared by every app server (NFS)
    s3://KEY:SECRET@HOST[:PORT]/BUCKET[/PREFIX][?region=…&secure=0&addressing=path]
                                              S3-compatible object storage through django-storages
                                              (MinIO, Ceph, AWS S3, a cloud provider's object store)

Every file the product keeps (signed plan scans, evidence files, import originals) goes through
Django's storage API, so any of these serves several app servers and workers alike. Key and secret
are percent-decoded ("/" in a secret is written %2F); without them boto3 looks for credentials in
its usual places (AWS_ACCESS_KEY_ID…, an instance role). HOST is the storage's address (https
unless secure=0); for AWS itself write s3.amazonaws.com. Files stay private: links are signed.
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

FILESYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"
S3_BACKEND = "storages.backends.s3.S3Storage"
_FALSE = {"0", "false", "no", "off"}


class StorageUrlError(ValueError):
    """The address cannot be understood; the message (Vietnamese) says how to write it."""


def storage_settings(url: str | None, *, media_root) -> dict:
    """The STORAGES["default"] entry for this address."""
    url = (url or "").strip()
    if not url:
        # No location of its own: the folder is MEDIA_ROOT (var/media), and follows it when a test
        # or a deployment's settings change MEDIA_ROOT.
        return {"BACKEND": FILESYSTEM_BACKEND}
    scheme = url.partition(":")[0].lower()
    if scheme == "file":
        path = unquote(urlsplit(url).path)
        if not path.startswith("/") or path == "/":
            raise StorageUrlError(
                f"CAITIEN_STORAGE_URL={url!r}: cần đường dẫn tuyệt đối tới một thư mục, "
                "ví dụ file:///srv/caitien/media"
            )
        return {"BACKEND": FILESYSTEM_BACKEND, "OPTIONS": {"location": path}}
    if scheme == "s3":
        return _s3(url)
    raise StorageUrlError(
        f"CAITIEN_STORAGE_URL={url!r}: không hiểu kiểu “{scheme}”. Bỏ trống (thư mục var/media), "
        "dùng file:///thư-mục hoặc s3://KHÓA:BÍ-MẬT@máy-chủ/tên-bucket?region=…"
    )


def _s3(url: str) -> dict:
    parts = urlsplit(url)
    host = parts.hostname
    path = unquote(parts.path).strip("/")
    bucket, _, prefix = path.partition("/")
    if not host or not bucket:
        raise StorageUrlError(
            f"CAITIEN_STORAGE_URL={_hide_secret(url)!r}: cần máy chủ và tên bucket, ví dụ "
            "s3://KHÓA:BÍ-MẬT@s3.example.vn/caitien?region=hn-1"
        )
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    unknown = set(query) - {"region", "secure", "addressing"}
    if unknown:
        raise StorageUrlError(
            f"CAITIEN_STORAGE_URL: không hiểu tham số {', '.join(sorted(unknown))}; "
            "chỉ dùng region, secure (0 hoặc 1), addressing (path hoặc virtual)."
        )
    addressing = query.get("addressing", "path")
    if addressing not in ("path", "virtual"):
        raise StorageUrlError("CAITIEN_STORAGE_URL: addressing phải là path hoặc virtual.")
    secure = query.get("secure", "1").lower() not in _FALSE
    try:
        port = parts.port
    except ValueError:
        raise StorageUrlError(f"CAITIEN_STORAGE_URL={_hide_secret(url)!r}: cổng không hợp lệ.") from None
    netloc = f"{host}:{port}" if port else host
    options = {
        "bucket_name": bucket,
        "endpoint_url": f"{'https' if secure else 'http'}://{netloc}",
        "addressing_style": addressing,
        "default_acl": None,  # the bucket's own policy: private
        "querystring_auth": True,  # any link handed out is signed and expires
        "file_overwrite": False,  # two uploads of one name never replace each other
    }
    if parts.username:
        options["access_key"] = unquote(parts.username)
        options["secret_key"] = unquote(parts.password or "")
    if query.get("region"):
        options["region_name"] = query["region"]
    if prefix:
        options["location"] = prefix
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def _hide_secret(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url
