"""CAITIEN_STORAGE_URL: a local folder by default, another folder, or S3-compatible object storage."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from caitien.storage_url import S3_BACKEND, StorageUrlError, storage_settings

ROOT = Path(__file__).resolve().parents[2]


def test_unset_is_the_media_folder(tmp_path, settings):
    """No address: files go to MEDIA_ROOT (var/media), and follow it when MEDIA_ROOT changes."""
    assert storage_settings(None, media_root=tmp_path) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    assert storage_settings("  ", media_root=tmp_path) == storage_settings(None, media_root=tmp_path)
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = tmp_path / "media"
    name = default_storage.save("thu/a.txt", ContentFile(b"x"))
    assert (tmp_path / "media" / name).read_bytes() == b"x"


def test_a_shared_folder():
    assert storage_settings("file:///srv/caitien/media", media_root="x")["OPTIONS"] == {
        "location": "/srv/caitien/media"
    }


def test_s3_compatible_storage_with_key_region_and_prefix():
    url = "s3://AKIAKHOA:b%2Fi-m%40t@s3.hn.example.vn:9000/caitien/truong?region=hn-1&secure=0"
    config = storage_settings(url, media_root="x")
    assert config["BACKEND"] == S3_BACKEND
    assert config["OPTIONS"] == {
        "bucket_name": "caitien",
        "location": "truong",
        "endpoint_url": "http://s3.hn.example.vn:9000",
        "access_key": "AKIAKHOA",
        "secret_key": "b/i-m@t",
        "region_name": "hn-1",
        "addressing_style": "path",
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }


def test_s3_without_credentials_leaves_them_to_boto3():
    options = storage_settings("s3://s3.amazonaws.com/caitien?addressing=virtual", media_root="x")["OPTIONS"]
    assert "access_key" not in options and "secret_key" not in options
    assert options["endpoint_url"] == "https://s3.amazonaws.com" and options["addressing_style"] == "virtual"


@pytest.mark.parametrize(
    "url, says",
    [
        ("s3://KHOA:BIMAT@s3.example.vn", "cần máy chủ và tên bucket"),
        ("s3://KHOA:BIMAT@s3.example.vn/b?vung=1", "không hiểu tham số vung"),
        ("s3://s3.example.vn/b?addressing=sideways", "addressing phải là path hoặc virtual"),
        ("ftp://may-chu/thu-muc", "không hiểu kiểu “ftp”"),
        ("file://relative", "cần đường dẫn tuyệt đối"),
    ],
)
def test_a_wrong_address_says_how_to_write_it(url, says):
    with pytest.raises(StorageUrlError) as error:
        storage_settings(url, media_root="x")
    assert says in str(error.value)
    assert "BIMAT" not in str(error.value)  # the secret never reaches a log


def test_s3_settings_build_a_working_django_storages_backend():
    """The options are ones django-storages' S3Storage accepts (no request is made here)."""
    from storages.backends.s3 import S3Storage

    options = storage_settings("s3://KHOA:BIMAT@127.0.0.1:9/caitien?region=hn-1&secure=0", media_root="x")
    storage = S3Storage(**options["OPTIONS"])
    assert storage.bucket_name == "caitien" and storage.endpoint_url == "http://127.0.0.1:9"
    assert storage.access_key == "KHOA" and storage.region_name == "hn-1"


def test_the_site_starts_with_s3_storage_and_refuses_a_wrong_address(tmp_path):
    env = {**os.environ, "CAITIEN_VAR_DIR": str(tmp_path)}
    code = "from django.core.files.storage import storages; s = storages['default']; print(type(s).__name__, s.bucket_name)"
    shell = [str(Path(sys.executable).parent / "caitien"), "shell", "-c", code]
    good = subprocess.run(
        shell, env={**env, "CAITIEN_STORAGE_URL": "s3://k:s@127.0.0.1:9/hoso"}, capture_output=True, text=True
    )
    assert good.returncode == 0 and good.stdout.splitlines()[-1].split() == ["S3Storage", "hoso"], good.stderr
    bad = subprocess.run(
        shell, env={**env, "CAITIEN_STORAGE_URL": "s3://k:s@h"}, capture_output=True, text=True
    )
    assert bad.returncode != 0 and "cần máy chủ và tên bucket" in bad.stderr


@pytest.mark.django_db
def test_by_default_files_go_to_the_media_folder(settings):
    name = default_storage.save("kiem-thu/tep.txt", ContentFile(b"noi dung"))
    try:
        assert Path(settings.MEDIA_ROOT, name).read_bytes() == b"noi dung"
    finally:
        default_storage.delete(name)
